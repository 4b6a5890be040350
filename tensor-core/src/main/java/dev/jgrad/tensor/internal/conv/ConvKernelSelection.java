package dev.jgrad.tensor.internal.conv;

import dev.jgrad.tensor.internal.KernelSelection;
import dev.jgrad.tensor.internal.Kernels;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Chooses the {@link ConvKernels} once, as {@link KernelSelection} chooses the other kernels: the
 * SIMD ones when the core's SIMD kernels loaded (the Vector API module is present and its vectors
 * are wide enough) and {@code -Djgrad.simd=false} is not given, otherwise the plain ones. The SIMD
 * class is loaded reflectively, so that a JVM without the module never links it.
 */
public final class ConvKernelSelection {
  private static final String SIMD_CLASS = "dev.jgrad.tensor.internal.conv.simd.SimdConvKernels";

  static final ConvKernels PLAIN = new PlainConvKernels();
  private static final Object SIMD_OR_FAILURE = loadSimd();
  static final ConvKernels SIMD = SIMD_OR_FAILURE instanceof ConvKernels kernels ? kernels : null;
  static final ConvKernels ACTIVE = SIMD != null && !KernelSelection.simdDisabled() ? SIMD : PLAIN;

  private ConvKernelSelection() {}

  /**
   * Returns the kernels in use.
   *
   * @return the SIMD kernels when available and enabled, otherwise the plain ones
   */
  public static ConvKernels active() {
    return ACTIVE;
  }

  /**
   * Returns the plain-Java kernels.
   *
   * @return the kernels that every JVM can run
   */
  public static ConvKernels plain() {
    return PLAIN;
  }

  /**
   * Returns the SIMD kernels, even when {@code -Djgrad.simd=false} disables them.
   *
   * @return the SIMD kernels, or empty when the core's SIMD kernels are absent or these failed to
   *     load
   */
  public static Optional<ConvKernels> simd() {
    return Optional.ofNullable(SIMD);
  }

  /**
   * Returns why the SIMD kernels failed to load although the core's SIMD kernels loaded.
   *
   * @return the exception's description, or empty when they loaded or were not attempted
   */
  public static Optional<String> simdFailure() {
    return SIMD_OR_FAILURE instanceof String failure ? Optional.of(failure) : Optional.empty();
  }

  /** Returns the SIMD kernels, null when not attempted, or the description of a failure. */
  private static Object loadSimd() {
    if (Kernels.simd().isEmpty()) {
      return null;
    }
    try {
      return Class.forName(SIMD_CLASS).getMethod("create").invoke(null);
    } catch (InvocationTargetException e) {
      return String.valueOf(e.getCause());
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      return e.toString();
    }
  }
}
