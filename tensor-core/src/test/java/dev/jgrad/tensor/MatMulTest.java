package dev.jgrad.tensor;

import static dev.jgrad.tensor.ViewTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MatMulTest {
  /** C[b] = A[b]·B[b] for stacks of row-major matrices, batch dims already broadcast by index. */
  private static double[] reference(
      double[] a, int[] aShape, double[] b, int[] bShape, int[] batch, int m, int k, int n) {
    int batches = Shape.of(batch).numel();
    double[] c = new double[batches * m * n];
    int[] aBatch = java.util.Arrays.copyOf(aShape, aShape.length - 2);
    int[] bBatch = java.util.Arrays.copyOf(bShape, bShape.length - 2);
    for (int t = 0; t < batches; t++) {
      int[] idx = Samples.unravel(t, batch);
      int ab = Samples.ravelBroadcast(idx, aBatch);
      int bb = Samples.ravelBroadcast(idx, bBatch);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += a[(ab * m + i) * k + p] * b[(bb * k + p) * n + j];
          }
          c[(t * m + i) * n + j] = s;
        }
      }
    }
    return c;
  }

  private static Tensor layout(Tensor t, int form) {
    return switch (form) {
      case 0 -> t;
      case 1 -> t.transpose(-1, -2).contiguous().transpose(-1, -2);
      default -> Samples.layouts(t).get(Samples.layouts(t).size() - 1);
    };
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT32", "FLOAT64"})
  void batchedAndTransposedProductsMatchATripleLoop(DType dtype) {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int trial = 0; trial < 120; trial++) {
      int m = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(trial < 100 ? 9 : 70);
      int k = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(trial < 100 ? 9 : 300);
      int n = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(trial < 100 ? 9 : 70);
      int[] batch = rnd.nextInt(3) == 0 ? new int[0] : Samples.shape(rnd);
      if (batch.length > 2) {
        batch = new int[] {batch[0], batch[1]};
      }
      int[] aBatch = Samples.broadcastPartner(rnd, batch);
      int[] bBatch = Samples.broadcastPartner(rnd, batch);
      int[] aShape = append(aBatch, m, k);
      int[] bShape = append(bBatch, k, n);
      double[] av = Samples.values(rnd, Shape.of(aShape).numel());
      double[] bv = Samples.values(rnd, Shape.of(bShape).numel());
      Tensor a = Samples.tensor(av, aShape, DType.FLOAT64).to(dtype);
      Tensor b = Samples.tensor(bv, bShape, DType.FLOAT64).to(dtype);
      av = a.toDoubleArray();
      bv = b.toDoubleArray();
      int[] outBatch = Samples.broadcast(aBatch, bBatch);
      double[] expected = reference(av, aShape, bv, bShape, outBatch, m, k, n);
      for (int fa = 0; fa < 3; fa++) {
        for (int fb = 0; fb < 3; fb++) {
          Tensor c = layout(a, fa).matmul(layout(b, fb));
          String what = a.shape() + " @ " + b.shape() + " forms " + fa + "," + fb;
          assertEquals(Shape.of(append(outBatch, m, n)), c.shape(), what);
          double tol = dtype == DType.FLOAT32 ? 2e-5 * Math.max(1, k) : 1e-12 * Math.max(1, k);
          assertArrayEquals(expected, c.toDoubleArray(), tol, what);
        }
      }
    }
  }

  private static int[] append(int[] batch, int rows, int cols) {
    int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
    s[batch.length] = rows;
    s[batch.length + 1] = cols;
    return s;
  }

  @Test
  void vectorCasesFollowTorchMatmul() {
    Tensor v = Tensor.of(new double[] {1, 2, 3});
    Tensor m = Tensor.arange(0, 6, 1, DType.FLOAT64).reshape(3, 2);
    Tensor dot = v.matmul(v);
    assertEquals(Shape.scalar(), dot.shape());
    assertEquals(14, dot.item());
    Tensor vm = v.matmul(m);
    assertEquals(Shape.of(2), vm.shape());
    assertArrayEquals(new double[] {16, 22}, vm.toDoubleArray());
    Tensor mv = m.t().matmul(v);
    assertEquals(Shape.of(2), mv.shape());
    assertArrayEquals(new double[] {16, 22}, mv.toDoubleArray());
    Tensor stack = m.t().unsqueeze(0).expand(4, 2, 3);
    assertEquals(Shape.of(4, 2), stack.matmul(v).shape());
    assertEquals(Shape.of(4, 2), v.matmul(m.unsqueeze(0).expand(4, 3, 2)).shape());
    assertArrayEquals(
        new double[] {16, 22},
        v.matmul(m.unsqueeze(0).expand(4, 3, 2)).select(0, 3).toDoubleArray());
  }

  @Test
  void errorsNameBothShapes() {
    assertMessage(
        "matmul: cannot multiply [32, 784] by [100, 10]: inner sizes 784 != 100",
        () -> Tensor.zeros(32, 784).matmul(Tensor.zeros(100, 10)));
    assertMessage(
        "matmul: both arguments need at least 1 dimension, got [] and [3]",
        () -> Tensor.scalar(1).matmul(Tensor.zeros(3)));
    assertMessage(
        "matmul: expected floating operands of one dtype as PyTorch does, got INT32 and INT32"
            + " (convert one with to(dtype))",
        () -> Tensor.arange(3).matmul(Tensor.arange(3)));
    assertMessage(
        "matmul: expected floating operands of one dtype as PyTorch does, got FLOAT32 and FLOAT64"
            + " (convert one with to(dtype))",
        () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(Shape.of(3, 2), DType.FLOAT64)));
    assertMessage(
        "matmul: batch dimensions of [2, 3, 4] and [3, 4, 5] cannot be broadcast ([2] and [3])",
        () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
  }
}
