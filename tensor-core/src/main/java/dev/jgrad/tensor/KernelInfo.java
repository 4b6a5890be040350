package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.internal.KernelSelection;
import dev.jgrad.tensor.internal.SimdLoad;
import java.util.Optional;

/**
 * Which kernels jgrad's tensors run on and, when they are not the SIMD ones, why.
 *
 * <p>jgrad chooses its kernels once per JVM, when a tensor operation first needs them: the SIMD
 * kernels on the JDK's Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector}
 * and its preferred vectors hold at least 8 floats, else the plain-Java kernels, which give
 * bit-identical results. The system property {@code jgrad.simd=false} selects the plain kernels
 * even when SIMD is available.
 *
 * <pre>{@code
 * System.out.println("kernels: " + KernelInfo.current().summary());
 * // kernels: SIMD (jdk.incubator.vector, 16 float lanes), 1 thread
 * }</pre>
 *
 * @param simd whether the SIMD kernels loaded, and if not, why
 * @param simdDisabled whether {@code -Djgrad.simd=false} selects the plain kernels
 * @param floatLanes the floats in one preferred vector, or 0 when the Vector API module is absent
 *     or failed to load
 * @param detail more about {@code simd}: what to add for an absent module, the lane count of narrow
 *     vectors, the exception and its causes (classes and messages) for a failed load, empty
 *     otherwise
 * @param threads the number of threads kernels may use ({@link Parallelism#threads})
 */
public record KernelInfo(
    SimdSupport simd, boolean simdDisabled, int floatLanes, String detail, int threads) {

  /**
   * Checks the components.
   *
   * @param simd whether the SIMD kernels loaded, and if not, why
   * @param simdDisabled whether {@code -Djgrad.simd=false} selects the plain kernels
   * @param floatLanes the floats in one preferred vector, 0 or more
   * @param detail more about {@code simd}, empty when there is nothing to add
   * @param threads the number of threads kernels may use, 1 or more
   * @throws NullPointerException if {@code simd} or {@code detail} is null
   * @throws IllegalArgumentException if {@code floatLanes < 0} or {@code threads < 1}
   */
  public KernelInfo {
    checkNotNull(simd, "KernelInfo: simd is null");
    checkNotNull(detail, "KernelInfo: detail is null");
    checkArgument(floatLanes >= 0, "KernelInfo: floatLanes %s must be >= 0", floatLanes);
    checkArgument(threads >= 1, "KernelInfo: threads %s must be >= 1", threads);
  }

  /**
   * Returns the kernels that run in this JVM now (the thread count can change later).
   *
   * @return a snapshot of this JVM's kernel choice and thread count
   */
  public static KernelInfo current() {
    SimdLoad load = KernelSelection.simdLoad();
    return new KernelInfo(
        load.support(),
        KernelSelection.simdDisabled(),
        load.floatLanes(),
        load.detail(),
        Parallelism.threads());
  }

  /**
   * Returns whether the SIMD kernels run.
   *
   * @return true when the SIMD kernels loaded and {@code -Djgrad.simd=false} does not disable them
   */
  public boolean simdUsed() {
    return simd == SimdSupport.AVAILABLE && !simdDisabled;
  }

  /**
   * Returns why the plain kernels run instead of the SIMD ones, such as {@code disabled by
   * -Djgrad.simd=false}, {@code module jdk.incubator.vector absent (run the JVM with --add-modules
   * jdk.incubator.vector)} or {@code class failed to load (java.lang.NoClassDefFoundError: …)};
   * empty when the SIMD kernels run.
   *
   * @return the reason in one line, or empty when the SIMD kernels run
   */
  public Optional<String> whyNotSimd() {
    if (simdUsed()) {
      return Optional.empty();
    }
    if (simdDisabled) {
      return Optional.of("disabled by -Djgrad.simd=false");
    }
    return Optional.of(
        detail.isEmpty() ? simd.description() : simd.description() + " (" + detail + ")");
  }

  /**
   * Returns one line for logs, such as {@code SIMD (jdk.incubator.vector, 16 float lanes), 1
   * thread} or {@code plain Java, 2 threads; SIMD not used: disabled by -Djgrad.simd=false}.
   *
   * @return a one-line description of the kernels and the thread count
   */
  public String summary() {
    String threadCount = threads + (threads == 1 ? " thread" : " threads");
    return whyNotSimd()
        .map(why -> "plain Java, " + threadCount + "; SIMD not used: " + why)
        .orElse("SIMD (jdk.incubator.vector, " + floatLanes + " float lanes), " + threadCount);
  }
}
