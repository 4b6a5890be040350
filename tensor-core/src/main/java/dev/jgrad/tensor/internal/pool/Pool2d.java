package dev.jgrad.tensor.internal.pool;

import dev.jgrad.tensor.SimdSupport;
import dev.jgrad.tensor.internal.KernelSelection;
import dev.jgrad.tensor.internal.Kernels;
import dev.jgrad.tensor.internal.WorkerPool;
import java.util.Arrays;

/**
 * The entry point of the pooling kernels: each method runs one kernel of {@link PoolF32} or {@link
 * PoolF64} over all planes of a dense input, split into contiguous ranges of planes, one per kernel
 * thread, when the call touches at least {@value #PARALLEL_ELEMENTS} elements. Every plane is
 * computed by one thread in the kernel's fixed order, so results are bit-identical for any thread
 * count. Single-precision max pooling over 2x2 windows with stride 2 (LeNet-5's), forward and
 * backward through a relu, runs {@link SimdMaxPairs} when tensor-core's SIMD kernels are in use,
 * with bit-identical results. The arrays hold {@code planes} planes each: inputs and input
 * gradients of {@code H x W}, outputs, output gradients and indices of {@code outH x outW}; the
 * input gradient must be zeroed.
 */
public final class Pool2d {
  /** Calls touching at least this many elements are split across the kernel threads. */
  static final int PARALLEL_ELEMENTS = 1 << 14;

  private static final MaxPairs SIMD_PAIRS = loadSimdPairs();

  private Pool2d() {}

  /**
   * Loads {@link SimdMaxPairs} reflectively when the SIMD kernels loaded and are not disabled
   * ({@code -Djgrad.simd=false}), so that the Vector API is linked only where it is present. If it
   * cannot be loaded the plain loop runs instead, with the same results; {@code PoolKernelsTest}
   * fails in CI when that happens.
   */
  private static MaxPairs loadSimdPairs() {
    if (KernelSelection.simdLoad().support() != SimdSupport.AVAILABLE
        || KernelSelection.simdDisabled()) {
      return null;
    }
    try {
      return (MaxPairs)
          Class.forName("dev.jgrad.tensor.internal.pool.SimdMaxPairs")
              .getMethod("createIfUseful")
              .invoke(null);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      return null;
    }
  }

  /** Returns the SIMD kernel of 2x2 max pooling in use, or null when the plain loop is. */
  static MaxPairs simdPairs() {
    return SIMD_PAIRS;
  }

  /** A pass over the planes {@code [from, to)}. */
  @FunctionalInterface
  interface PlaneRange {
    void run(int from, int to);
  }

  /**
   * Max pooling forward: the window maxima and their flat indices in their input plane.
   *
   * @param s the shapes
   * @param in the input
   * @param out the output, written
   * @param idx the indices, written
   */
  public static void maxForward(PoolShape s, float[] in, float[] out, int[] idx) {
    MaxPairs pairs = SIMD_PAIRS;
    if (pairs != null && s.h().isPairs() && s.w().isPairs()) {
      split(s, (from, to) -> pairs.forward(s, in, false, out, idx, from, to));
    } else {
      split(s, (from, to) -> PoolF32.maxForward(s, in, out, idx, from, to));
    }
  }

  /**
   * Max pooling forward in double precision; see {@link #maxForward(PoolShape, float[], float[],
   * int[])}.
   *
   * @param s the shapes
   * @param in the input
   * @param out the output, written
   * @param idx the indices, written
   */
  public static void maxForward(PoolShape s, double[] in, double[] out, int[] idx) {
    split(s, (from, to) -> PoolF64.maxForward(s, in, out, idx, from, to));
  }

  /**
   * Max pooling of {@code relu(in)} over planes {@code [from, to)} only, on the calling thread: the
   * same results as {@link Kernels#relu} followed by {@link #maxForward(PoolShape, float[],
   * float[], int[])} for those planes. 2x2 windows with stride 2 take the relu into the pooling
   * ({@link PoolF32#maxPair}) and leave {@code in} unchanged; other windows relu those planes of
   * {@code in} in place first.
   *
   * @param s the shapes
   * @param in the input, whose planes {@code [from, to)} may be overwritten with their relu
   * @param out the output, written for those planes
   * @param idx the indices, written for those planes
   * @param from the first plane
   * @param to the plane after the last
   */
  public static void reluMaxForwardPlanes(
      PoolShape s, float[] in, float[] out, int[] idx, int from, int to) {
    MaxPairs pairs = SIMD_PAIRS;
    if (s.h().isPairs() && s.w().isPairs()) {
      if (pairs != null) {
        pairs.forward(s, in, true, out, idx, from, to);
      } else {
        PoolF32.maxForwardPairs(s, in, true, out, idx, from, to);
      }
    } else {
      int start = from * s.inPlane();
      Kernels.get().relu(in, start, in, start, (to - from) * s.inPlane());
      PoolF32.maxForwardWindows(s, in, out, idx, from, to);
    }
  }

  /**
   * Max pooling of {@code relu(in)} in double precision over planes {@code [from, to)} only, on the
   * calling thread; see {@link #reluMaxForwardPlanes(PoolShape, float[], float[], int[], int,
   * int)}.
   *
   * @param s the shapes
   * @param in the input, whose planes {@code [from, to)} may be overwritten with their relu
   * @param out the output, written for those planes
   * @param idx the indices, written for those planes
   * @param from the first plane
   * @param to the plane after the last
   */
  public static void reluMaxForwardPlanes(
      PoolShape s, double[] in, double[] out, int[] idx, int from, int to) {
    if (s.h().isPairs() && s.w().isPairs()) {
      PoolF64.maxForwardPairs(s, in, true, out, idx, from, to);
    } else {
      int start = from * s.inPlane();
      Kernels.get().relu(in, start, in, start, (to - from) * s.inPlane());
      PoolF64.maxForwardWindows(s, in, out, idx, from, to);
    }
  }

  /**
   * Max pooling backward through a relu that ran before the pooling, into a gradient that is
   * overwritten: each plane of {@code gradIn} is zeroed and receives the output gradients where the
   * pooled {@code result} is not {@code <= 0}, as relu's backward (by selection) followed by the
   * pooling's backward give them.
   *
   * @param s the shapes
   * @param gradOut the gradient with respect to the output
   * @param result the pooled result, after the relu
   * @param idx the indices of the forward pass
   * @param gradIn the gradient with respect to the relu's input, overwritten
   */
  public static void maxBackwardThroughRelu(
      PoolShape s, float[] gradOut, float[] result, int[] idx, float[] gradIn) {
    MaxPairs pairs = s.h().isPairs() && s.w().isPairs() ? SIMD_PAIRS : null;
    split(
        s,
        (from, to) -> {
          for (int p = from; p < to; p++) {
            Arrays.fill(gradIn, p * s.inPlane(), (p + 1) * s.inPlane(), 0f);
            if (pairs != null) {
              pairs.backwardThroughRelu(s, gradOut, result, idx, gradIn, p);
            } else {
              PoolF32.maxBackwardThroughRelu(
                  gradOut,
                  result,
                  idx,
                  gradIn,
                  p * s.inPlane(),
                  p * s.outPlane(),
                  (p + 1) * s.outPlane());
            }
          }
        });
  }

  /**
   * Max pooling backward through a relu in double precision; see {@link
   * #maxBackwardThroughRelu(PoolShape, float[], float[], int[], float[])}.
   *
   * @param s the shapes
   * @param gradOut the gradient with respect to the output
   * @param result the pooled result, after the relu
   * @param idx the indices of the forward pass
   * @param gradIn the gradient with respect to the relu's input, overwritten
   */
  public static void maxBackwardThroughRelu(
      PoolShape s, double[] gradOut, double[] result, int[] idx, double[] gradIn) {
    split(
        s,
        (from, to) -> {
          for (int p = from; p < to; p++) {
            Arrays.fill(gradIn, p * s.inPlane(), (p + 1) * s.inPlane(), 0.0);
            PoolF64.maxBackwardThroughRelu(
                gradOut,
                result,
                idx,
                gradIn,
                p * s.inPlane(),
                p * s.outPlane(),
                (p + 1) * s.outPlane());
          }
        });
  }

  /**
   * Max pooling backward: adds each output gradient at its index.
   *
   * @param s the shapes
   * @param gradOut the gradient with respect to the output
   * @param idx the indices of the forward pass
   * @param gradIn the gradient with respect to the input, zeroed, accumulated into
   */
  public static void maxBackward(PoolShape s, float[] gradOut, int[] idx, float[] gradIn) {
    split(s, (from, to) -> PoolF32.maxBackward(s, gradOut, idx, gradIn, from, to));
  }

  /**
   * Max pooling backward in double precision.
   *
   * @param s the shapes
   * @param gradOut the gradient with respect to the output
   * @param idx the indices of the forward pass
   * @param gradIn the gradient with respect to the input, zeroed, accumulated into
   */
  public static void maxBackward(PoolShape s, double[] gradOut, int[] idx, double[] gradIn) {
    split(s, (from, to) -> PoolF64.maxBackward(s, gradOut, idx, gradIn, from, to));
  }

  /**
   * Average pooling forward.
   *
   * @param s the shapes
   * @param countIncludePad whether the padding counts in a window's size
   * @param divisor the divisor of every window's sum, or 0 for the window's size
   * @param in the input
   * @param out the output, written
   */
  public static void avgForward(
      PoolShape s, boolean countIncludePad, int divisor, float[] in, float[] out) {
    split(s, (from, to) -> PoolF32.avgForward(s, countIncludePad, divisor, in, out, from, to));
  }

  /**
   * Average pooling forward in double precision.
   *
   * @param s the shapes
   * @param countIncludePad whether the padding counts in a window's size
   * @param divisor the divisor of every window's sum, or 0 for the window's size
   * @param in the input
   * @param out the output, written
   */
  public static void avgForward(
      PoolShape s, boolean countIncludePad, int divisor, double[] in, double[] out) {
    split(s, (from, to) -> PoolF64.avgForward(s, countIncludePad, divisor, in, out, from, to));
  }

  /**
   * Average pooling backward.
   *
   * @param s the shapes
   * @param countIncludePad whether the padding counts in a window's size
   * @param divisor the divisor of every window's sum, or 0 for the window's size
   * @param gradOut the gradient with respect to the output
   * @param gradIn the gradient with respect to the input, zeroed, accumulated into
   */
  public static void avgBackward(
      PoolShape s, boolean countIncludePad, int divisor, float[] gradOut, float[] gradIn) {
    split(
        s,
        (from, to) -> PoolF32.avgBackward(s, countIncludePad, divisor, gradOut, gradIn, from, to));
  }

  /**
   * Average pooling backward in double precision.
   *
   * @param s the shapes
   * @param countIncludePad whether the padding counts in a window's size
   * @param divisor the divisor of every window's sum, or 0 for the window's size
   * @param gradOut the gradient with respect to the output
   * @param gradIn the gradient with respect to the input, zeroed, accumulated into
   */
  public static void avgBackward(
      PoolShape s, boolean countIncludePad, int divisor, double[] gradOut, double[] gradIn) {
    split(
        s,
        (from, to) -> PoolF64.avgBackward(s, countIncludePad, divisor, gradOut, gradIn, from, to));
  }

  /**
   * Adaptive average pooling forward.
   *
   * @param s the shapes
   * @param in the input
   * @param out the output, written
   */
  public static void adaptiveForward(PoolShape s, float[] in, float[] out) {
    split(s, (from, to) -> PoolF32.adaptiveForward(s, in, out, from, to));
  }

  /**
   * Adaptive average pooling forward in double precision.
   *
   * @param s the shapes
   * @param in the input
   * @param out the output, written
   */
  public static void adaptiveForward(PoolShape s, double[] in, double[] out) {
    split(s, (from, to) -> PoolF64.adaptiveForward(s, in, out, from, to));
  }

  /**
   * Adaptive average pooling backward.
   *
   * @param s the shapes
   * @param gradOut the gradient with respect to the output
   * @param gradIn the gradient with respect to the input, zeroed, accumulated into
   */
  public static void adaptiveBackward(PoolShape s, float[] gradOut, float[] gradIn) {
    split(s, (from, to) -> PoolF32.adaptiveBackward(s, gradOut, gradIn, from, to));
  }

  /**
   * Adaptive average pooling backward in double precision.
   *
   * @param s the shapes
   * @param gradOut the gradient with respect to the output
   * @param gradIn the gradient with respect to the input, zeroed, accumulated into
   */
  public static void adaptiveBackward(PoolShape s, double[] gradOut, double[] gradIn) {
    split(s, (from, to) -> PoolF64.adaptiveBackward(s, gradOut, gradIn, from, to));
  }

  /**
   * Runs {@code body} over all planes, cut into one contiguous range of planes per kernel thread
   * when the call is large enough and there are planes to share.
   */
  static void split(PoolShape s, PlaneRange body) {
    int planes = s.planes();
    long elements = (long) planes * (s.inPlane() + s.outPlane());
    int parts = Math.min(WorkerPool.threads(), planes);
    if (parts <= 1 || elements < PARALLEL_ELEMENTS) {
      body.run(0, planes);
      return;
    }
    WorkerPool.run(parts, p -> body.run(cut(planes, parts, p), cut(planes, parts, p + 1)));
  }

  private static int cut(int planes, int parts, int p) {
    return (int) ((long) planes * p / parts);
  }
}
