package dev.jgrad.tensor.internal.pool;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MaxPairs} on the JDK's Vector API. Loads of two input rows are split into their even and
 * odd columns, giving each lane its window's four elements {@code a b / c d}, which are then taken
 * in scan order with the scalar kernel's rule (take {@code v} when {@code v > max} or {@code v} is
 * NaN) as masked blends, with no branch to mispredict: the scalar loop's three comparisons per
 * window are unpredictable on real data, and this kernel is about five times faster on LeNet-5's
 * first pooling layer. A vector holds the windows of one output row, or of two when a row has at
 * most half a vector of them (LeNet-5's second layer, 5 per row), whose valid lanes are then moved
 * together. The indices travel as int bit patterns in float lanes (blends move bits unchanged) and
 * are reinterpreted, not converted, since JDK 17 does not compile float-to-int conversions of
 * vectors. With relu, the windows whose maximum is not above 0 (and not NaN) take their first
 * element, relu'd, and index, as {@link PoolF32#maxPair} does.
 *
 * <p>A vector that reaches past its row computes windows that do not exist and writes them over the
 * next row's first outputs, which the next rows then overwrite: rows run in increasing order, and
 * no store goes past the last output of the planes {@code [from, to)} (the rows near it, and those
 * whose loads would leave the input, run the scalar loop), so a thread writes only its own planes.
 *
 * <p>Loaded only reflectively, by {@link Pool2d}, after tensor-core's SIMD kernels have loaded, so
 * a JVM without {@code --add-modules jdk.incubator.vector} never links this class.
 */
public final class SimdMaxPairs implements MaxPairs {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = F.withLanes(int.class);
  private static final int L = F.length();

  /**
   * Takes the even columns of two loads: lanes below L/2 from the first, the rest from the second.
   */
  private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(F, i -> 2 * i % L);

  private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(F, i -> (2 * i + 1) % L);
  private static final VectorMask<Float> UPPER = VectorMask.fromLong(F, -1L << (L / 2));

  /** Lane k's offset from the row's first window: 2k. */
  private static final IntVector TWICE_LANE = IntVector.zero(I).addIndex(2);

  /** The upper half of the int lanes. */
  private static final VectorMask<Integer> UPPER_INTS = UPPER.cast(I);

  /** Lane k's offset from its row's first window when a vector holds two rows: 2 (k mod L/2). */
  private static final IntVector TWICE_HALF_LANE =
      TWICE_LANE.sub(IntVector.zero(I).blend(L, UPPER_INTS));

  /** The fewest float lanes for which this kernel is used. */
  private static final int MIN_LANES = 8;

  private SimdMaxPairs() {}

  /**
   * Returns the kernel when the preferred vectors hold at least 8 floats, else null.
   *
   * @return the kernel, or null
   */
  public static MaxPairs createIfUseful() {
    return L >= MIN_LANES && L <= 64 ? new SimdMaxPairs() : null;
  }

  @Override
  public void forward(
      PoolShape s, float[] in, boolean relu, float[] out, int[] idx, int from, int to) {
    if (2 * s.w().out() <= L) {
      forwardNarrow(s, in, relu, out, idx, from, to);
    } else {
      forwardWide(s, in, relu, out, idx, from, to);
    }
  }

  /** One output row at a time, a vector of windows at a time. */
  private static void forwardWide(
      PoolShape s, float[] in, boolean relu, float[] out, int[] idx, int from, int to) {
    int width = s.w().in();
    int outH = s.h().out();
    int outW = s.w().out();
    int inPlane = s.inPlane();
    int outEnd = to * outH * outW;
    FloatVector toB = FloatVector.broadcast(F, Float.intBitsToFloat(1));
    FloatVector toC = FloatVector.broadcast(F, Float.intBitsToFloat(width));
    FloatVector toD = FloatVector.broadcast(F, Float.intBitsToFloat(width + 1));
    for (int p = from; p < to; p++) {
      int base = p * inPlane;
      int o = p * outH * outW;
      for (int oh = 0; oh < outH; oh++, o += outW) {
        int top = 2 * oh * width;
        int ow = 0;
        for (;
            ow < outW && o + ow + L <= outEnd && base + top + width + 2 * (ow + L) <= in.length;
            ow += L) {
          int i = base + top + 2 * ow;
          FloatVector t0 = FloatVector.fromArray(F, in, i);
          FloatVector t1 = FloatVector.fromArray(F, in, i + L);
          FloatVector b0 = FloatVector.fromArray(F, in, i + width);
          FloatVector b1 = FloatVector.fromArray(F, in, i + width + L);
          FloatVector first = t0.rearrange(EVEN).blend(t1.rearrange(EVEN), UPPER);
          FloatVector max = first;
          FloatVector at = FloatVector.zero(F);
          FloatVector v = t0.rearrange(ODD).blend(t1.rearrange(ODD), UPPER);
          VectorMask<Float> take = takes(v, max);
          max = max.blend(v, take);
          at = at.blend(toB, take);
          v = b0.rearrange(EVEN).blend(b1.rearrange(EVEN), UPPER);
          take = takes(v, max);
          max = max.blend(v, take);
          at = at.blend(toC, take);
          v = b0.rearrange(ODD).blend(b1.rearrange(ODD), UPPER);
          take = takes(v, max);
          max = max.blend(v, take);
          at = at.blend(toD, take);
          if (relu) {
            VectorMask<Float> zeros = max.compare(VectorOperators.LE, 0f);
            max = max.blend(relu(first), zeros);
            at = at.blend(0f, zeros);
          }
          max.intoArray(out, o + ow);
          at.reinterpretAsInts().add(TWICE_LANE).add(top + 2 * ow).intoArray(idx, o + ow);
        }
        for (; ow < outW; ow++) {
          PoolF32.maxPair(in, base, top + 2 * ow, width, relu, out, idx, o + ow);
        }
      }
    }
  }

  /**
   * Two output rows at a time when a row has at most L/2 windows: the lower half of the lanes holds
   * the first row's windows and the upper half the next row's (in the same plane or the next), and
   * the valid lanes are moved together before the store.
   */
  private static void forwardNarrow(
      PoolShape s, float[] in, boolean relu, float[] out, int[] idx, int from, int to) {
    int width = s.w().in();
    int outH = s.h().out();
    int outW = s.w().out();
    int inPlane = s.inPlane();
    int outEnd = to * outH * outW;
    int[] lanes = new int[L];
    for (int k = 0; k < 2 * outW; k++) {
      lanes[k] = k < outW ? k : L / 2 + k - outW;
    }
    VectorShuffle<Float> packValues = VectorShuffle.fromArray(F, lanes, 0);
    VectorShuffle<Integer> packIndices = VectorShuffle.fromArray(I, lanes, 0);
    FloatVector toB = FloatVector.broadcast(F, Float.intBitsToFloat(1));
    FloatVector toC = FloatVector.broadcast(F, Float.intBitsToFloat(width));
    FloatVector toD = FloatVector.broadcast(F, Float.intBitsToFloat(width + 1));
    int p = from;
    int oh = 0;
    int o = from * outH * outW;
    while (p < to) {
      int nextP = oh + 1 < outH ? p : p + 1;
      int nextOh = oh + 1 < outH ? oh + 1 : 0;
      int i = p * inPlane + 2 * oh * width;
      int j = nextP * inPlane + 2 * nextOh * width;
      if (nextP < to && o + L <= outEnd && j + width + L <= in.length) {
        FloatVector t0 = FloatVector.fromArray(F, in, i);
        FloatVector t1 = FloatVector.fromArray(F, in, j);
        FloatVector b0 = FloatVector.fromArray(F, in, i + width);
        FloatVector b1 = FloatVector.fromArray(F, in, j + width);
        FloatVector first = t0.rearrange(EVEN).blend(t1.rearrange(EVEN), UPPER);
        FloatVector max = first;
        FloatVector at = FloatVector.zero(F);
        FloatVector v = t0.rearrange(ODD).blend(t1.rearrange(ODD), UPPER);
        VectorMask<Float> take = takes(v, max);
        max = max.blend(v, take);
        at = at.blend(toB, take);
        v = b0.rearrange(EVEN).blend(b1.rearrange(EVEN), UPPER);
        take = takes(v, max);
        max = max.blend(v, take);
        at = at.blend(toC, take);
        v = b0.rearrange(ODD).blend(b1.rearrange(ODD), UPPER);
        take = takes(v, max);
        max = max.blend(v, take);
        at = at.blend(toD, take);
        if (relu) {
          VectorMask<Float> zeros = max.compare(VectorOperators.LE, 0f);
          max = max.blend(relu(first), zeros);
          at = at.blend(0f, zeros);
        }
        max.rearrange(packValues).intoArray(out, o);
        IntVector rows =
            IntVector.broadcast(I, 2 * oh * width).blend(2 * nextOh * width, UPPER_INTS);
        at.reinterpretAsInts()
            .add(TWICE_HALF_LANE)
            .add(rows)
            .rearrange(packIndices)
            .intoArray(idx, o);
        p = nextP + (nextOh + 1 < outH ? 0 : 1);
        oh = nextOh + 1 < outH ? nextOh + 1 : 0;
        o += 2 * outW;
      } else {
        for (int ow = 0; ow < outW; ow++) {
          PoolF32.maxPair(in, p * inPlane, 2 * oh * width + 2 * ow, width, relu, out, idx, o + ow);
        }
        p = nextP;
        oh = nextOh;
        o += outW;
      }
    }
  }

  /**
   * A vector of output gradients at a time, relu's selection made as a blend, and stored at their
   * indices with one scatter: the windows do not overlap, so no two lanes share an index. Adding +0
   * gives the scalar loop's {@code 0 + g}, which turns -0 into +0.
   */
  @Override
  public void backwardThroughRelu(
      PoolShape s, float[] gradOut, float[] result, int[] idx, float[] gradIn, int p) {
    int base = p * s.inPlane();
    int o = p * s.outPlane();
    int end = o + s.outPlane();
    FloatVector zero = FloatVector.zero(F);
    for (; o + L <= end; o += L) {
      VectorMask<Float> blocked =
          FloatVector.fromArray(F, result, o).compare(VectorOperators.LE, 0f);
      FloatVector.fromArray(F, gradOut, o)
          .blend(zero, blocked)
          .add(zero)
          .intoArray(gradIn, base, idx, o);
    }
    PoolF32.maxBackwardThroughRelu(gradOut, result, idx, gradIn, base, o, end);
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
