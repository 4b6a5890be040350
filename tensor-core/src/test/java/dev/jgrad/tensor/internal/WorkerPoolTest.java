package dev.jgrad.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tensor.Parallelism;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Matrix products are bit-identical for any thread count; the pool runs and reports every part. */
class WorkerPoolTest {
  private final int initial = Parallelism.threads();

  @AfterEach
  void restoreThreads() {
    Parallelism.setThreads(initial);
  }

  private static float[] floats(SplittableRandom rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return a;
  }

  @Test
  void productsAreBitIdenticalForOneTwoAndThreeThreads() {
    SplittableRandom rnd = new SplittableRandom(17);
    int[][] shapes = {{32, 784, 128}, {784, 32, 128}, {128, 32, 784}, {130, 70, 90}, {8, 8, 8}};
    for (int[] s : shapes) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      float[] a = floats(rnd, m * k);
      float[] b = floats(rnd, k * n);
      double[] ad = new double[a.length];
      double[] bd = new double[b.length];
      for (int i = 0; i < a.length; i++) {
        ad[i] = a[i];
      }
      for (int i = 0; i < b.length; i++) {
        bd[i] = b[i];
      }
      float[][] cf = new float[3][m * n];
      double[][] cd = new double[3][m * n];
      for (int t = 1; t <= 3; t++) {
        Parallelism.setThreads(t);
        Gemm.multiply(
            new Matrix<>(a, 0, m, k, 1, m),
            new Matrix<>(b, 0, k, n, 1, k),
            new Matrix<>(cf[t - 1], 0, m, n, n, 1),
            false);
        Gemm.multiply(
            new Matrix<>(ad, 0, m, k, k, 1),
            new Matrix<>(bd, 0, k, n, n, 1),
            new Matrix<>(cd[t - 1], 0, m, n, n, 1),
            false);
      }
      String label = m + "x" + k + "x" + n;
      assertArrayEquals(cf[0], cf[1], label);
      assertArrayEquals(cf[0], cf[2], label);
      assertArrayEquals(cd[0], cd[1], label);
      assertArrayEquals(cd[0], cd[2], label);
    }
  }

  @Test
  void runCallsEveryPartOnceAndRethrowsFailures() {
    int[] calls = new int[5];
    WorkerPool.run(5, p -> calls[p]++);
    assertArrayEquals(new int[] {1, 1, 1, 1, 1}, calls);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                WorkerPool.run(
                    3,
                    p -> {
                      if (p == 2) {
                        throw new IllegalStateException("part 2");
                      }
                    }));
    assertEquals("part 2", e.getMessage());
    int[] nested = new int[4];
    WorkerPool.run(2, p -> WorkerPool.run(2, q -> nested[2 * p + q]++));
    assertArrayEquals(new int[] {1, 1, 1, 1}, nested);
  }

  @Test
  void threadCountIsValidated() {
    Parallelism.setThreads(2);
    assertEquals(2, Parallelism.threads());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
    assertEquals("setThreads: expected 1 to 64 threads, got 0", e.getMessage());
  }
}
