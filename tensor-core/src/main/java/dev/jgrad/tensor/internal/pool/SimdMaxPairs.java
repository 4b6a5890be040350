package dev.jgrad.tensor.internal.pool;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MaxPairs} on the JDK's Vector API. The forward pass gathers a vector of windows' four
 * elements {@code a b / c d} with four indexed loads, one per element, and takes them in scan order
 * with the scalar kernel's rule (take {@code v} when {@code v > max} or {@code v} is NaN) as masked
 * blends, with no branch to mispredict: the scalar loop's three comparisons per window are
 * unpredictable on real data. A vector holds consecutive windows of the planes {@code [from, to)},
 * across rows and planes (LeNet-5's second layer has 5 windows a row and 25 a plane), and the last
 * vector is moved back to end at the last window, recomputing a few: no window outside the planes
 * is read or written, so a thread writes only its own planes. Gathers beat splitting loads into
 * their even and odd columns, whose shuffles JDK 17 compiles with a check each. The indices travel
 * as int bit patterns in float lanes (blends move bits unchanged) and are reinterpreted, not
 * converted, since JDK 17 does not compile float-to-int conversions of vectors. With relu, the
 * windows whose maximum is not above 0 (and not NaN) take their first element, relu'd, and index,
 * as {@link PoolF32#maxPair} does.
 *
 * <p>The backward pass through relu stores a vector of selected gradients at their indices with one
 * scatter, as windows that tile the plane never share an index; with vectors narrower than 512 bits
 * (no scatter instruction) it runs the scalar loop, which is then faster.
 *
 * <p>Loaded only reflectively, by {@link Pool2d}, after tensor-core's SIMD kernels have loaded, so
 * a JVM without {@code --add-modules jdk.incubator.vector} never links this class.
 */
public final class SimdMaxPairs implements MaxPairs {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = F.withLanes(int.class);
  private static final int L = F.length();

  /**
   * The exact class of F's vectors: a cast to it keeps the vectors a loop carries typed for C2,
   * which otherwise may compile the loop with every vector boxed.
   */
  @SuppressWarnings("unchecked")
  private static final Class<FloatVector> EXACT =
      (Class<FloatVector>) FloatVector.zero(F).getClass();

  /** The exact class of I's vectors, for the indices reinterpreted from float lanes. */
  @SuppressWarnings("unchecked")
  private static final Class<IntVector> INT_EXACT = (Class<IntVector>) IntVector.zero(I).getClass();

  /** Whether indexed stores compile to a scatter instruction (AVX-512). */
  private static final boolean SCATTERS = F.vectorBitSize() >= 512;

  /** The fewest float lanes for which this kernel is used. */
  private static final int MIN_LANES = 8;

  /** The gather offsets of the last shape pooled; shapes alternate rarely (once per layer). */
  private volatile Windows windows;

  private SimdMaxPairs() {}

  /**
   * Returns the kernel when the preferred vectors hold at least 8 floats, else null.
   *
   * @return the kernel, or null
   */
  public static MaxPairs createIfUseful() {
    return L >= MIN_LANES && L <= 64 ? new SimdMaxPairs() : null;
  }

  /**
   * The top-left elements of the windows of {@code planes} consecutive planes, enough for a vector
   * of windows starting anywhere in the first: {@code offsets} from the first plane's start, and
   * {@code corners} within each window's own plane (its index, less the window's position).
   */
  private record Windows(
      int inPlane, int width, int outW, int outPlane, int[] offsets, int[] corners) {
    static Windows of(PoolShape s) {
      int outPlane = s.outPlane();
      int width = s.w().in();
      int outW = s.w().out();
      int planes = (outPlane - 1 + L + outPlane - 1) / outPlane;
      int[] offsets = new int[planes * outPlane];
      int[] corners = new int[offsets.length];
      for (int k = 0; k < offsets.length; k++) {
        int o = k % outPlane;
        corners[k] = 2 * (o / outW) * width + 2 * (o % outW);
        offsets[k] = k / outPlane * s.inPlane() + corners[k];
      }
      return new Windows(s.inPlane(), width, outW, outPlane, offsets, corners);
    }

    boolean fits(PoolShape s) {
      return inPlane == s.inPlane()
          && width == s.w().in()
          && outW == s.w().out()
          && outPlane == s.outPlane();
    }
  }

  private Windows windows(PoolShape s) {
    Windows w = windows;
    if (w == null || !w.fits(s)) {
      w = Windows.of(s);
      windows = w;
    }
    return w;
  }

  @Override
  public void forward(
      PoolShape s, float[] in, boolean relu, float[] out, int[] idx, int from, int to) {
    int outPlane = s.outPlane();
    int count = (to - from) * outPlane;
    if (count < L) {
      PoolF32.maxForwardPairs(s, in, relu, out, idx, from, to);
      return;
    }
    Windows w = windows(s);
    int[] offsets = w.offsets();
    int[] corners = w.corners();
    int width = s.w().in();
    FloatVector zero = FloatVector.zero(F);
    FloatVector toB = FloatVector.broadcast(F, Float.intBitsToFloat(1));
    FloatVector toC = FloatVector.broadcast(F, Float.intBitsToFloat(width));
    FloatVector toD = FloatVector.broadcast(F, Float.intBitsToFloat(width + 1));
    int plane = from;
    int k = 0;
    for (int o = 0; ; ) {
      zero = EXACT.cast(zero);
      toB = EXACT.cast(toB);
      toC = EXACT.cast(toC);
      toD = EXACT.cast(toD);
      int base = plane * s.inPlane();
      FloatVector first = FloatVector.fromArray(F, in, base, offsets, k);
      FloatVector max = first;
      FloatVector at = zero;
      FloatVector v = FloatVector.fromArray(F, in, base + 1, offsets, k);
      VectorMask<Float> take = takes(v, max);
      max = max.blend(v, take);
      at = at.blend(toB, take);
      v = FloatVector.fromArray(F, in, base + width, offsets, k);
      take = takes(v, max);
      max = max.blend(v, take);
      at = at.blend(toC, take);
      v = FloatVector.fromArray(F, in, base + width + 1, offsets, k);
      take = takes(v, max);
      max = max.blend(v, take);
      at = at.blend(toD, take);
      if (relu) {
        VectorMask<Float> zeros = max.compare(VectorOperators.LE, 0f);
        max = max.blend(relu(first), zeros);
        at = at.blend(zero, zeros);
      }
      int j = plane * outPlane + k;
      max.intoArray(out, j);
      INT_EXACT
          .cast(at.reinterpretAsInts())
          .add(IntVector.fromArray(I, corners, k))
          .intoArray(idx, j);
      if (o + L == count) {
        return;
      }
      // the next vector starts L windows on, or ends at the last window
      int step = Math.min(L, count - L - o);
      o += step;
      k += step;
      while (k >= outPlane) {
        k -= outPlane;
        plane++;
      }
    }
  }

  /**
   * A vector of output gradients at a time, relu's selection made as a blend, and stored at their
   * indices with one scatter: the windows do not overlap, so no two lanes share an index, and the
   * last vector, moved back to end at the plane's last window, stores a few again. Adding +0 gives
   * the scalar loop's {@code 0 + g}, which turns -0 into +0.
   */
  @Override
  public void backwardThroughRelu(
      PoolShape s, float[] gradOut, float[] result, int[] idx, float[] gradIn, int p) {
    int base = p * s.inPlane();
    int start = p * s.outPlane();
    int end = start + s.outPlane();
    if (!SCATTERS || end - start < L) {
      PoolF32.maxBackwardThroughRelu(gradOut, result, idx, gradIn, base, start, end);
      return;
    }
    for (int o = start; o < end; o += L) {
      int at = Math.min(o, end - L);
      VectorMask<Float> blocked =
          FloatVector.fromArray(F, result, at).compare(VectorOperators.LE, 0f);
      FloatVector.fromArray(F, gradOut, at)
          .blend(0f, blocked)
          .add(0f)
          .intoArray(gradIn, base, idx, at);
    }
  }

  /** Returns {@code v < 0 ? 0 : v} in each lane, as the relu kernels compute it. */
  private static FloatVector relu(FloatVector v) {
    return v.blend(0f, v.compare(VectorOperators.LT, 0f));
  }

  /**
   * Returns the lanes where {@code v} replaces the maximum: {@code v > max} or {@code v} is NaN.
   */
  private static VectorMask<Float> takes(FloatVector v, FloatVector max) {
    return v.compare(VectorOperators.GT, max).or(v.compare(VectorOperators.NE, v));
  }
}
