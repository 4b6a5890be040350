package dev.jgrad.tensor.internal;

import dev.jgrad.tensor.KernelInfo;
import dev.jgrad.tensor.testing.References;

/**
 * The SIMD kernels that the SIMD-versus-plain tests compare with the plain ones. Outside CI, a JVM
 * without them compares the plain kernels with themselves; in CI that would hide a missing
 * reference, so there the SIMD kernels must be present unless {@code -Djgrad.simd=false} is given.
 */
final class SimdUnderTest {
  private SimdUnderTest() {}

  /**
   * Returns the SIMD kernels, or the plain ones outside CI (or with {@code -Djgrad.simd=false})
   * when the SIMD kernels could not be loaded.
   *
   * @throws AssertionError in CI when the SIMD kernels could not be loaded and are not disabled
   */
  static Kernels kernels() {
    requireSimdInCi();
    return Kernels.simd().orElse(Kernels.plain());
  }

  /**
   * Fails in CI when the SIMD kernels could not be loaded, unless {@code -Djgrad.simd=false} is
   * given; the message says why they could not.
   *
   * @throws AssertionError in that case
   */
  static void requireSimdInCi() {
    if (References.inCi() && Kernels.simd().isEmpty() && !KernelSelection.simdDisabled()) {
      throw new AssertionError(
          "CI=true but the SIMD kernels are absent: " + KernelInfo.current().summary());
    }
  }
}
