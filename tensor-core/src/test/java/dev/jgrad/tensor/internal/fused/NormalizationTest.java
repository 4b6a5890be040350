package dev.jgrad.tensor.internal.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Batch normalization's kernels against the formulas computed naively, in both precisions, on dense
 * and strided inputs, and bit-identical for one, two and three threads.
 */
class NormalizationTest {
  private static final double EPS = 1e-5;
  private final int initial = Parallelism.threads();

  @AfterEach
  void restoreThreads() {
    Parallelism.setThreads(initial);
  }

  /** The naive reference: per channel of x [N, C, S], everything in double, one pass per term. */
  private record Reference(
      double[] mean,
      double[] invstd,
      double[] unbiased,
      double[] y,
      double[] dx,
      double[] dw,
      double[] db) {
    static Reference of(Tensor input, double[] w, double[] b, Tensor grad) {
      int n = input.size(0);
      int c = input.size(1);
      int s = input.numel() / n / c;
      double[] x = input.toDoubleArray();
      double[] dy = grad.toDoubleArray();
      double[] mean = new double[c];
      double[] invstd = new double[c];
      double[] unbiased = new double[c];
      double[] y = new double[x.length];
      double[] dx = new double[x.length];
      double[] dw = new double[c];
      double[] db = new double[c];
      int m = n * s;
      for (int ch = 0; ch < c; ch++) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < s; j++) {
            at.add((i * c + ch) * s + j);
          }
        }
        double sum = 0;
        for (int k : at) {
          sum += x[k];
        }
        double mu = sum / m;
        double sq = 0;
        for (int k : at) {
          sq += (x[k] - mu) * (x[k] - mu);
        }
        mean[ch] = mu;
        invstd[ch] = 1 / Math.sqrt(sq / m + EPS);
        unbiased[ch] = sq / (m - 1);
        double meanDy = 0;
        double meanDyXhat = 0;
        for (int k : at) {
          double xhat = (x[k] - mu) * invstd[ch];
          y[k] = xhat * w[ch] + b[ch];
          meanDy += dy[k] / m;
          meanDyXhat += dy[k] * xhat / m;
          dw[ch] += dy[k] * xhat;
          db[ch] += dy[k];
        }
        for (int k : at) {
          double xhat = (x[k] - mu) * invstd[ch];
          dx[k] = (dy[k] - meanDy - xhat * meanDyXhat) * invstd[ch] * w[ch];
        }
      }
      return new Reference(mean, invstd, unbiased, y, dx, dw, db);
    }
  }

  private static void assertNear(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(1, Math.abs(expected[i]));
      assertTrue(
          Math.abs(expected[i] - actual[i]) <= tol * scale,
          what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
    }
  }

  @Test
  void trainingStatisticsTransformAndGradientsMatchTheFormulas() {
    Generator gen = Generator.seeded(5);
    int[][] shapes = {{4, 3}, {2, 3, 5}, {3, 2, 3, 5}, {1, 4, 7, 1}, {5, 3, 9}};
    for (int[] shape : shapes) {
      for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
        double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
        Tensor x = Tensor.randn(gen, Shape.of(shape), dtype).mul(2).add(0.5);
        Tensor dy = Tensor.randn(gen, Shape.of(shape), dtype);
        int c = shape[1];
        Tensor w = Tensor.randn(gen, Shape.of(c), dtype);
        Tensor b = Tensor.randn(gen, Shape.of(c), dtype);
        Reference ref = Reference.of(x, w.toDoubleArray(), b.toDoubleArray(), dy);
        Tensor[] stats = Normalization.batchStatistics(x, EPS);
        String what = dtype + " " + Shape.of(shape);
        assertNear(ref.mean(), stats[0].toDoubleArray(), tol, what + " mean");
        assertNear(ref.invstd(), stats[1].toDoubleArray(), tol, what + " invstd");
        assertNear(ref.unbiased(), stats[2].toDoubleArray(), tol, what + " unbiased variance");
        Tensor y = Normalization.batchNormForward(x, stats[0], stats[1], w, b);
        assertEquals(dtype, y.dtype());
        assertNear(ref.y(), y.toDoubleArray(), tol, what + " output");
        Tensor[] g =
            Normalization.batchNormBackward(dy, x, stats[0], stats[1], w, true, true, true);
        assertNear(ref.dx(), g[0].toDoubleArray(), tol * 10, what + " dx");
        assertNear(ref.dw(), g[1].toDoubleArray(), tol * 10, what + " dweight");
        assertNear(ref.db(), g[2].toDoubleArray(), tol * 10, what + " dbias");
        assertEquals(dtype, g[1].dtype());
      }
    }
  }

  @Test
  void evaluationModeUsesTheGivenStatisticsAsConstants() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    Tensor mean = Tensor.of(new double[] {0.5, -1}, 2);
    Tensor invstd = Normalization.inverseStd(Tensor.of(new double[] {3, 8}, 2), 1);
    assertArrayEquals(new double[] {0.5, 1 / 3.0}, invstd.toDoubleArray(), 1e-15);
    Tensor w = Tensor.of(new double[] {2, 3}, 2);
    Tensor b = Tensor.of(new double[] {-1, 1}, 2);
    Tensor y = Normalization.batchNormForward(x, mean, invstd, w, b);
    double[] expected = new double[6];
    for (int i = 0; i < 6; i++) {
      int c = i % 2;
      expected[i] =
          (x.toDoubleArray()[i] - mean.toDoubleArray()[c])
                  * invstd.toDoubleArray()[c]
                  * w.toDoubleArray()[c]
              + b.toDoubleArray()[c];
    }
    assertArrayEquals(expected, y.toDoubleArray(), 1e-14);
    Tensor dy = Tensor.of(new double[] {1, -1, 2, 0.5, -3, 4}, 3, 2);
    Tensor[] g = Normalization.batchNormBackward(dy, x, mean, invstd, w, false, true, true);
    assertArrayEquals(
        new double[] {1, -1, 2, 0.5, -3, 4}, g[0].toDoubleArray(), 1e-15, "dy * invstd * w = dy");
    assertArrayEquals(new double[] {0, 3.5}, g[2].toDoubleArray(), 1e-15);
    double dw0 = (1 * 0.5 + 2 * 2.5 - 3 * 4.5) * 0.5;
    double dw1 = (-1 * 3 + 0.5 * 5 + 4 * 7) / 3.0;
    assertArrayEquals(new double[] {dw0, dw1}, g[1].toDoubleArray(), 1e-14);
    Tensor[] onlyInput =
        Normalization.batchNormBackward(dy, x, mean, invstd, w, false, true, false);
    assertNull(onlyInput[1]);
    assertNull(onlyInput[2]);
  }

  @Test
  void stridedInputsGiveTheResultsOfTheirDenseCopies() {
    Generator gen = Generator.seeded(9);
    Tensor base = Tensor.randn(gen, Shape.of(3, 4, 5, 6), DType.FLOAT32);
    Tensor view = base.transpose(2, 3).slice(3, 1, 5, 2);
    Tensor dense = view.copy();
    Tensor[] a = Normalization.batchStatistics(view, EPS);
    Tensor[] b = Normalization.batchStatistics(dense, EPS);
    assertArrayEquals(b[0].toDoubleArray(), a[0].toDoubleArray());
    assertArrayEquals(b[1].toDoubleArray(), a[1].toDoubleArray());
    assertArrayEquals(
        Normalization.batchNormForward(dense, b[0], b[1], null, null).toFloatArray(),
        Normalization.batchNormForward(view, a[0], a[1], null, null).toFloatArray());
    Tensor dy = Tensor.randn(gen, Shape.of(3, 4, 6, 5), DType.FLOAT32).narrow(3, 0, 2);
    assertArrayEquals(
        Normalization.batchNormBackward(dy.copy(), dense, b[0], b[1], null, true, true, false)[0]
            .toFloatArray(),
        Normalization.batchNormBackward(dy, view, a[0], a[1], null, true, true, false)[0]
            .toFloatArray());
  }

  /** Every result of one training step's forward and backward, as raw values. */
  private static List<Object> step(Tensor x, Tensor dy, Tensor w, Tensor b, int threads) {
    Parallelism.setThreads(threads);
    Tensor[] stats = Normalization.batchStatistics(x, EPS);
    Tensor y = Normalization.batchNormForward(x, stats[0], stats[1], w, b);
    Tensor[] g = Normalization.batchNormBackward(dy, x, stats[0], stats[1], w, true, true, true);
    Tensor[] e = Normalization.batchNormBackward(dy, x, stats[0], stats[1], w, false, true, true);
    List<Object> out = new ArrayList<>();
    for (Tensor t : new Tensor[] {stats[0], stats[1], stats[2], y, g[0], g[1], g[2], e[0], e[1]}) {
      out.add(t.dtype() == DType.FLOAT32 ? t.toFloatArray() : t.toDoubleArray());
    }
    return out;
  }

  @Test
  void resultsAreBitIdenticalForOneTwoAndThreeThreads() {
    Generator gen = Generator.seeded(11);
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] shape : new int[][] {{16, 7, 21, 23}, {64, 5, 160}, {4096, 12}}) {
        Tensor x = Tensor.randn(gen, Shape.of(shape), dtype);
        Tensor dy = Tensor.randn(gen, Shape.of(shape), dtype);
        Tensor w = Tensor.randn(gen, Shape.of(shape[1]), dtype);
        Tensor b = Tensor.randn(gen, Shape.of(shape[1]), dtype);
        List<Object> one = step(x, dy, w, b, 1);
        for (int threads = 2; threads <= 3; threads++) {
          List<Object> many = step(x, dy, w, b, threads);
          for (int i = 0; i < one.size(); i++) {
            String what = dtype + " " + Shape.of(shape) + " result " + i + ", threads " + threads;
            if (one.get(i) instanceof float[] f) {
              assertArrayEquals(f, (float[]) many.get(i), what);
            } else {
              assertArrayEquals((double[]) one.get(i), (double[]) many.get(i), what);
            }
          }
        }
      }
    }
  }

  @Test
  void mistakesNameTheMethodAndTheShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Normalization.batchStatistics(Tensor.zeros(3), EPS));
    assertTrue(
        e.getMessage().contains("batchStatistics: expected a floating input"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Normalization.batchStatistics(Tensor.zeros(0, 3), EPS));
    assertTrue(e.getMessage().contains("[0, 3] has no values per channel"), e.getMessage());
    Tensor x = Tensor.zeros(2, 3);
    Tensor three = Tensor.zeros(Shape.of(3), DType.FLOAT64);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Normalization.batchNormForward(x, three, Tensor.zeros(2), null, null));
    assertTrue(e.getMessage().contains("invstd [2] should have 3 elements"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Normalization.batchNormBackward(
                    Tensor.zeros(3, 2), x, three, three, null, true, true, false));
    assertTrue(e.getMessage().contains("gradient FLOAT32 [3, 2] differs"), e.getMessage());
  }
}
