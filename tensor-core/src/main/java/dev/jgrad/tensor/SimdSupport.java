package dev.jgrad.tensor;

/**
 * Whether jgrad's SIMD kernels could be loaded in this JVM, and if not, why; see {@link
 * KernelInfo}.
 */
public enum SimdSupport {
  /** The SIMD kernels loaded; they run unless {@code -Djgrad.simd=false} disables them. */
  AVAILABLE("SIMD kernels loaded"),
  /**
   * The module {@code jdk.incubator.vector} is not in the JVM's boot layer: the JVM was started
   * without {@code --add-modules jdk.incubator.vector}.
   */
  MODULE_ABSENT("module jdk.incubator.vector absent"),
  /** The CPU's preferred vectors hold fewer than 8 floats, where SIMD code gains nothing. */
  TOO_NARROW("preferred vectors too narrow"),
  /**
   * The module is present but the SIMD kernel class failed to load or initialize: a defect, which
   * jgrad's tests report as a failure.
   */
  LOAD_FAILED("class failed to load");

  private final String description;

  SimdSupport(String description) {
    this.description = description;
  }

  /**
   * Returns a short description, such as {@code module jdk.incubator.vector absent}.
   *
   * @return a few words for logs and error messages
   */
  public String description() {
    return description;
  }
}
