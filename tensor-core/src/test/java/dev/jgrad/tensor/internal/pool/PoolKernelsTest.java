package dev.jgrad.tensor.internal.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.KernelInfo;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.internal.KernelSelection;
import dev.jgrad.tensor.internal.WorkerPool;
import dev.jgrad.tensor.testing.References;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pooling kernels' fast paths (the 2x2 loop and its SIMD twin) against their general loops, and
 * every kernel on 1, 2 and 3 threads: bit-identical results.
 */
class PoolKernelsTest {
  private final int initial = WorkerPool.threads();

  @AfterEach
  void restoreThreads() {
    WorkerPool.setThreads(initial);
  }

  /** Values in a few levels, so that windows hold ties, with NaN, +inf and -inf sprinkled in. */
  private static float[] awkward(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      int r = rnd.nextInt(40);
      v[i] =
          switch (r) {
            case 0 -> Float.NaN;
            case 1 -> Float.POSITIVE_INFINITY;
            case 2 -> Float.NEGATIVE_INFINITY;
            case 3 -> -0.0f;
            default -> r % 5 - 2;
          };
    }
    return v;
  }

  private static double[] widened(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static PoolShape pairs(int... shape) {
    int[] two = {2, 2};
    return PoolShape.sliding(
        "max_pool2d", Shape.of(shape), two, two, new int[2], new int[] {1, 1}, false);
  }

  private static PoolShape pairs(String dims) {
    String[] parts = dims.split("x", -1);
    int[] shape = new int[parts.length];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = Integer.parseInt(parts[i]);
    }
    return pairs(shape);
  }

  /** Returns {@code v < 0 ? 0 : v} for each element, as the relu kernels compute it. */
  private static float[] relu(float[] v) {
    float[] r = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = v[i] < 0 ? 0 : v[i];
    }
    return r;
  }

  private static void assertSameBits(float[] expected, float[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), what + " " + i);
    }
  }

  /**
   * The 2x2 loop against the general loop, of the input and, with relu taken into the pooling, of
   * the input relu'd first: the same values, bit for bit (zeros of either sign, NaN), and indices.
   */
  @ParameterizedTest
  @ValueSource(strings = {"64x6x28x28", "64x16x10x10", "2x3x5x7", "3x4x4"})
  void pairsPathEqualsTheGeneralLoops(String dims) {
    PoolShape s = pairs(dims);
    assertTrue(s.h().isPairs() && s.w().isPairs(), dims);
    float[] raw = awkward(s.planes() * s.inPlane(), 7);
    int n = s.planes() * s.outPlane();
    for (boolean relu : new boolean[] {false, true}) {
      String what = dims + (relu ? " after relu" : "");
      float[] in = relu ? relu(raw) : raw;
      float[] fast = new float[n];
      float[] general = new float[n];
      int[] fastIdx = new int[n];
      int[] generalIdx = new int[n];
      PoolF32.maxForwardPairs(s, raw, relu, fast, fastIdx, 0, s.planes());
      PoolF32.maxForwardWindows(s, in, general, generalIdx, 0, s.planes());
      assertArrayEquals(generalIdx, fastIdx, what);
      assertSameBits(general, fast, what);
      double[] fast64 = new double[n];
      double[] general64 = new double[n];
      PoolF64.maxForwardPairs(s, widened(raw), relu, fast64, fastIdx, 0, s.planes());
      PoolF64.maxForwardWindows(s, widened(in), general64, generalIdx, 0, s.planes());
      assertArrayEquals(generalIdx, fastIdx, what);
      assertArrayEquals(general64, fast64, what);
      assertArrayEquals(widened(general), general64, what);
    }
  }

  /**
   * The SIMD 2x2 kernel against the plain loop, with and without relu, on all planes and on two
   * parts of them as two threads would run them: the same values and indices, and nothing written
   * outside a part.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "64x6x28x28",
        "64x16x10x10",
        "2x3x5x7",
        "1x1x2x2",
        "3x1x2x40",
        "5x2x6x34",
        "3x4x4"
      })
  void simdPairsEqualThePlainLoopAndStayInTheirPlanes(String dims) {
    MaxPairs simd = Pool2d.simdPairs();
    if (simd == null) {
      assertTrue(
          !References.inCi() || KernelSelection.simdDisabled(),
          "CI=true but the SIMD pooling kernel is absent: " + KernelInfo.current().summary());
      return;
    }
    PoolShape s = pairs(dims);
    float[] in = awkward(s.planes() * s.inPlane(), 3);
    int n = s.planes() * s.outPlane();
    int cut = s.planes() / 2;
    int[][] parts = {{0, s.planes()}, {0, cut}, {cut, s.planes()}};
    for (boolean relu : new boolean[] {false, true}) {
      float[] plain = new float[n];
      int[] plainIdx = new int[n];
      PoolF32.maxForwardPairs(s, in, relu, plain, plainIdx, 0, s.planes());
      for (int[] part : parts) {
        float[] out = new float[n];
        int[] idx = new int[n];
        Arrays.fill(out, 42);
        Arrays.fill(idx, 42);
        simd.forward(s, in, relu, out, idx, part[0], part[1]);
        for (int o = 0; o < n; o++) {
          boolean mine = o >= part[0] * s.outPlane() && o < part[1] * s.outPlane();
          String what =
              dims + (relu ? " relu" : "") + " planes " + Arrays.toString(part) + ", output " + o;
          assertEquals(mine ? plainIdx[o] : 42, idx[o], what);
          assertEquals(
              Float.floatToRawIntBits(mine ? plain[o] : 42), Float.floatToRawIntBits(out[o]), what);
        }
      }
    }
  }

  /**
   * The SIMD backward pass through a relu against the plain loop, plane by plane, with awkward
   * gradients and results (NaN of either sign, -0, infinities, negatives): the same bits, and
   * nothing written outside the plane.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"64x6x28x28", "64x16x10x10", "2x3x5x7", "1x1x2x2", "3x1x2x40", "5x2x6x34"})
  void simdBackwardThroughReluEqualsThePlainLoopAndStaysInItsPlane(String dims) {
    MaxPairs simd = Pool2d.simdPairs();
    if (simd == null) {
      return;
    }
    PoolShape s = pairs(dims);
    int n = s.planes() * s.outPlane();
    float[] in = awkward(s.planes() * s.inPlane(), 5);
    float[] out = new float[n];
    int[] idx = new int[n];
    PoolF32.maxForwardPairs(s, in, false, out, idx, 0, s.planes());
    float[] grad = awkward(n, 6);
    grad[0] = Float.intBitsToFloat(0xffc00001);
    grad[n - 1] = -0f;
    float[] result = awkward(n, 8);
    result[n / 2] = Float.intBitsToFloat(0xffc00002);
    for (int p = 0; p < s.planes(); p++) {
      float[] plain = new float[in.length];
      float[] fast = new float[in.length];
      Arrays.fill(fast, 42);
      Arrays.fill(fast, p * s.inPlane(), (p + 1) * s.inPlane(), 0f);
      int base = p * s.inPlane();
      PoolF32.maxBackwardThroughRelu(
          grad, result, idx, plain, base, p * s.outPlane(), (p + 1) * s.outPlane());
      simd.backwardThroughRelu(s, grad, result, idx, fast, p);
      for (int i = 0; i < in.length; i++) {
        boolean mine = i >= base && i < base + s.inPlane();
        assertEquals(
            Float.floatToRawIntBits(mine ? plain[i] : 42),
            Float.floatToRawIntBits(fast[i]),
            dims + " plane " + p + ", element " + i);
      }
    }
  }

  /** Every kernel's outputs (forward and backward, both precisions) with {@code threads}. */
  private static Object[] everything(
      int threads, PoolShape max, PoolShape avg, PoolShape adaptive) {
    WorkerPool.setThreads(threads);
    float[] in = awkward(max.planes() * max.inPlane(), 11);
    double[] in64 = widened(in);
    float[] grad = awkward(max.planes() * max.outPlane(), 12);
    int outMax = max.planes() * max.outPlane();
    float[] maxOut = new float[outMax];
    int[] idx = new int[outMax];
    Pool2d.maxForward(max, in, maxOut, idx);
    float[] maxGrad = new float[in.length];
    Pool2d.maxBackward(max, grad, idx, maxGrad);
    double[] maxOut64 = new double[outMax];
    int[] idx64 = new int[outMax];
    Pool2d.maxForward(max, in64, maxOut64, idx64);
    double[] maxGrad64 = new double[in.length];
    Pool2d.maxBackward(max, widened(grad), idx64, maxGrad64);
    float[] avgOut = new float[avg.planes() * avg.outPlane()];
    Pool2d.avgForward(avg, false, 0, in, avgOut);
    float[] avgGrad = new float[in.length];
    Pool2d.avgBackward(avg, true, 0, awkward(avgOut.length, 13), avgGrad);
    double[] avgOut64 = new double[avgOut.length];
    Pool2d.avgForward(avg, true, 3, in64, avgOut64);
    double[] avgGrad64 = new double[in.length];
    Pool2d.avgBackward(avg, false, 0, widened(awkward(avgOut.length, 13)), avgGrad64);
    float[] adaptiveOut = new float[adaptive.planes() * adaptive.outPlane()];
    Pool2d.adaptiveForward(adaptive, in, adaptiveOut);
    double[] adaptiveGrad64 = new double[in.length];
    Pool2d.adaptiveBackward(adaptive, widened(awkward(adaptiveOut.length, 14)), adaptiveGrad64);
    return new Object[] {
      maxOut,
      idx,
      maxGrad,
      maxOut64,
      idx64,
      maxGrad64,
      avgOut,
      avgGrad,
      avgOut64,
      avgGrad64,
      adaptiveOut,
      adaptiveGrad64
    };
  }

  @Test
  void oneTwoAndThreeThreadsGiveBitIdenticalResults() {
    Shape input = Shape.of(5, 7, 23, 21);
    assertTrue((long) input.numel() > Pool2d.PARALLEL_ELEMENTS, "large enough to be split");
    PoolShape max =
        PoolShape.sliding(
            "max_pool2d",
            input,
            new int[] {3, 2},
            new int[] {2, 1},
            new int[] {1, 1},
            new int[] {2, 1},
            true);
    PoolShape avg =
        PoolShape.sliding(
            "avg_pool2d",
            input,
            new int[] {3, 3},
            new int[] {2, 2},
            new int[] {1, 1},
            new int[] {1, 1},
            true);
    PoolShape adaptive = PoolShape.adaptive(input, 5, 7);
    Object[] one = everything(1, max, avg, adaptive);
    for (int threads = 2; threads <= 3; threads++) {
      Object[] many = everything(threads, max, avg, adaptive);
      for (int k = 0; k < one.length; k++) {
        String what = "result " + k + " with " + threads + " threads";
        if (one[k] instanceof float[] f) {
          assertArrayEquals(f, (float[]) many[k], what);
        } else if (one[k] instanceof double[] d) {
          assertArrayEquals(d, (double[]) many[k], what);
        } else {
          assertArrayEquals((int[]) one[k], (int[]) many[k], what);
        }
      }
    }
  }
}
