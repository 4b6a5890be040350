package dev.jgrad.tensor.internal;

/**
 * Chooses the {@link Kernels} implementation once, when first used, and keeps why ({@link
 * dev.jgrad.tensor.KernelInfo} reports it).
 */
public final class KernelSelection {
  static final Kernels PLAIN = new PlainKernels();
  private static final SimdLoad SIMD_LOAD = SimdLoad.attempt(SimdLoad.SIMD_KERNELS, PLAIN);
  static final Kernels SIMD = SIMD_LOAD.kernels();
  private static final boolean SIMD_DISABLED =
      "false".equalsIgnoreCase(System.getProperty("jgrad.simd"));
  static final Kernels ACTIVE = SIMD != null && !SIMD_DISABLED ? SIMD : PLAIN;

  private KernelSelection() {}

  /** Returns the outcome of loading the SIMD kernels in this JVM. */
  public static SimdLoad simdLoad() {
    return SIMD_LOAD;
  }

  /** Returns whether {@code -Djgrad.simd=false} selects the plain kernels. */
  public static boolean simdDisabled() {
    return SIMD_DISABLED;
  }
}
