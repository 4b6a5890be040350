package dev.jgrad.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {

  /** A strided view of a rows×cols matrix inside a larger array, with its f32 and f64 copies. */
  private record Operand(float[] f, double[] d, int off, int rowStride, int colStride) {

    /**
     * Lays out random values: transposed (column-major) or not, with an offset and padded rows;
     * {@code broadcastRows} makes every row the same by giving the rows stride 0.
     */
    static Operand random(
        SplittableRandom rnd,
        int rows,
        int cols,
        boolean transposed,
        int off,
        int pad,
        boolean broadcastRows) {
      int rowStride;
      int colStride;
      int extent;
      if (broadcastRows) {
        rowStride = 0;
        colStride = 1;
        extent = cols;
      } else if (transposed) {
        rowStride = 1;
        colStride = rows + pad;
        extent = cols * colStride;
      } else {
        rowStride = cols + pad;
        colStride = 1;
        extent = rows * rowStride;
      }
      int length = off + extent + 3;
      double[] d = new double[length];
      float[] f = new float[length];
      for (int i = 0; i < length; i++) {
        f[i] = (float) (rnd.nextDouble() * 2 - 1);
        d[i] = f[i];
      }
      return new Operand(f, d, off, rowStride, colStride);
    }

    double get(int i, int j) {
      return d[off + i * rowStride + j * colStride];
    }
  }

  /** The result of both precisions for one case, plus the double-accumulated reference. */
  private record Outcome(float[] f32, double[] f64, double[] reference) {}

  private static Outcome run(
      int m,
      int n,
      int k,
      Operand a,
      Operand b,
      int cOff,
      int cPad,
      boolean accumulate,
      long seed) {
    int cRowStride = n + cPad;
    int length = cOff + m * cRowStride + 2;
    float[] cf = randomC(length, seed);
    double[] cd = new double[length];
    for (int i = 0; i < length; i++) {
      cd[i] = cf[i];
    }
    double[] reference = cd.clone();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = accumulate ? reference[cOff + i * cRowStride + j] : 0;
        for (int p = 0; p < k; p++) {
          sum += a.get(i, p) * b.get(p, j);
        }
        reference[cOff + i * cRowStride + j] = sum;
      }
    }
    Gemm.multiply(
        new Matrix<>(a.f, a.off, m, k, a.rowStride, a.colStride),
        new Matrix<>(b.f, b.off, k, n, b.rowStride, b.colStride),
        new Matrix<>(cf, cOff, m, n, cRowStride, 1),
        accumulate);
    Gemm.multiply(
        new Matrix<>(a.d, a.off, m, k, a.rowStride, a.colStride),
        new Matrix<>(b.d, b.off, k, n, b.rowStride, b.colStride),
        new Matrix<>(cd, cOff, m, n, cRowStride, 1),
        accumulate);
    return new Outcome(cf, cd, reference);
  }

  private static float[] randomC(int length, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] c = new float[length];
    for (int i = 0; i < length; i++) {
      c[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return c;
  }

  private static void assertClose(Outcome out, int k, String label) {
    double f32Tol = 1e-6 * (k + 4);
    double f64Tol = 1e-13 * (k + 4);
    for (int i = 0; i < out.reference.length; i++) {
      assertEquals(out.reference[i], out.f32[i], f32Tol, label + " f32 at " + i);
      assertEquals(out.reference[i], out.f64[i], f64Tol, label + " f64 at " + i);
    }
  }

  static Stream<Arguments> shapes() {
    int[][] fixed = {
      {0, 5, 7},
      {5, 0, 7},
      {5, 7, 0},
      {0, 0, 0},
      {1, 1, 1},
      {2, 2, 2},
      {4, 4, 4},
      {3, 5, 7},
      {1, 300, 1},
      {300, 1, 3},
      {1, 1, 600},
      {5, 257, 3},
      {7, 513, 259},
      {129, 31, 257},
      {131, 1027, 5},
      {9, 1030, 513},
      {260, 6, 2}
    };
    List<Arguments> cases = new ArrayList<>();
    for (int[] s : fixed) {
      cases.add(Arguments.of(s[0], s[1], s[2]));
    }
    SplittableRandom rnd = new SplittableRandom(2024);
    for (int i = 0; i < 12; i++) {
      cases.add(Arguments.of(rnd.nextInt(1, 140), rnd.nextInt(1, 300), rnd.nextInt(1, 300)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "m={0} n={1} k={2}")
  @MethodSource("shapes")
  void allFormsMatchReferenceAndEachOtherExactly(int m, int n, int k) {
    SplittableRandom rnd = new SplittableRandom(31L * m + 17L * n + k);
    Operand aN = Operand.random(rnd, m, k, false, 0, 0, false);
    Operand bN = Operand.random(rnd, k, n, false, 0, 0, false);
    Outcome nn = run(m, n, k, aN, bN, 0, 0, false, 7);
    assertClose(nn, k, "NN");
    for (boolean accumulate : new boolean[] {false, true}) {
      Outcome base = run(m, n, k, aN, bN, 2, 3, accumulate, 11);
      assertClose(base, k, "NN padded accumulate=" + accumulate);
      for (int form = 1; form < 4; form++) {
        Operand a = relayout(aN, m, k, (form & 2) != 0, 5, 2);
        Operand b = relayout(bN, k, n, (form & 1) != 0, 3, 1);
        Outcome out = run(m, n, k, a, b, 2, 3, accumulate, 11);
        String label = "form " + form + " accumulate=" + accumulate;
        assertArrayEquals(base.f32, out.f32, label);
        assertArrayEquals(base.f64, out.f64, label);
      }
    }
  }

  /** Copies a's values into a new layout (transposed or not) with an offset and padded rows. */
  private static Operand relayout(
      Operand src, int rows, int cols, boolean transposed, int off, int pad) {
    Operand dst =
        Operand.random(
            new SplittableRandom(rows * 7L + cols), rows, cols, transposed, off, pad, false);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        int at = dst.off + i * dst.rowStride + j * dst.colStride;
        dst.d[at] = src.get(i, j);
        dst.f[at] = src.f[src.off + i * src.rowStride + j * src.colStride];
      }
    }
    return dst;
  }

  @Test
  void swappedProductsEqualTheUnswappedFormBitForBit() {
    // x·Wᵀ with W stored [n, k] runs swapped, as (W·xᵀ)ᵀ; the same product with Wᵀ stored
    // row-major runs as it is. Every element is the same chain, so they agree bit for bit.
    int[][] shapes = {{32, 784, 128}, {5, 33, 300}, {3, 70, 64}};
    for (int[] s : shapes) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      SplittableRandom rnd = new SplittableRandom(m * 131L + k);
      Operand x = Operand.random(rnd, m, k, false, 1, 0, false);
      Operand weightT = Operand.random(rnd, k, n, true, 2, 0, false);
      Operand rowMajor = relayout(weightT, k, n, false, 0, 0);
      String label = m + "x" + k + "x" + n;
      assertTrue(
          SwapRule.prefersSwap(m, n, k, x.rowStride(), weightT.colStride()), label + " swaps");
      assertTrue(
          !SwapRule.prefersSwap(m, n, k, x.rowStride(), rowMajor.colStride()),
          label + " row-major B does not swap");
      for (boolean accumulate : new boolean[] {false, true}) {
        Outcome swapped = run(m, n, k, x, weightT, 3, 2, accumulate, 5);
        Outcome plain = run(m, n, k, x, rowMajor, 3, 2, accumulate, 5);
        assertClose(swapped, k, label + " swapped");
        assertArrayEquals(plain.f32, swapped.f32, label + " accumulate=" + accumulate);
        assertArrayEquals(plain.f64, swapped.f64, label + " accumulate=" + accumulate);
      }
    }
  }

  @Test
  void resultIsTheSequentialChainOfFusedMultiplyAdds() {
    SplittableRandom rnd = new SplittableRandom(5);
    int m = 37;
    int n = 290;
    int k = 300;
    Operand a = Operand.random(rnd, m, k, true, 1, 3, false);
    Operand b = Operand.random(rnd, k, n, false, 2, 1, false);
    Outcome out = run(m, n, k, a, b, 0, 0, true, 9);
    float[] initial = randomC(m * n + 2, 9);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float t = initial[i * n + j];
        double u = initial[i * n + j];
        for (int p = 0; p < k; p++) {
          t =
              Math.fma(
                  a.f[a.off + i * a.rowStride + p * a.colStride],
                  b.f[b.off + p * b.rowStride + j],
                  t);
          u = Math.fma(a.get(i, p), b.get(p, j), u);
        }
        assertEquals(t, out.f32[i * n + j], "f32 at " + i + "," + j);
        assertEquals(u, out.f64[i * n + j], "f64 at " + i + "," + j);
      }
    }
  }

  @Test
  void largerThanOneBlockInEveryDimension() {
    SplittableRandom rnd = new SplittableRandom(99);
    int m = 300;
    int n = 1100;
    int k = 600;
    Operand a = Operand.random(rnd, m, k, false, 0, 0, false);
    Operand b = Operand.random(rnd, k, n, true, 0, 0, false);
    assertClose(run(m, n, k, a, b, 0, 0, false, 3), k, "large NT");
  }

  @Test
  void broadcastOperandsWithStrideZero() {
    SplittableRandom rnd = new SplittableRandom(13);
    int m = 70;
    int n = 300;
    int k = 260;
    Operand a = Operand.random(rnd, m, k, false, 4, 0, true);
    Operand b = Operand.random(rnd, k, n, false, 1, 0, true);
    Outcome out = run(m, n, k, a, b, 0, 0, false, 1);
    assertClose(out, k, "broadcast");
    for (int i = 1; i < m; i++) {
      assertArrayEquals(
          Arrays.copyOfRange(out.f32, 0, n), Arrays.copyOfRange(out.f32, i * n, (i + 1) * n));
    }
    Operand column = new Operand(new float[] {2f}, new double[] {2d}, 0, 0, 0);
    assertClose(run(m, n, 1, column, b, 0, 0, true, 2), 1, "scalar A");
  }

  @Test
  void zeroDepthClearsOrKeepsC() {
    float[] c = {1f, 2f, 3f, 4f, 5f, 6f, 7f};
    float[] empty = new float[0];
    Gemm.multiply(
        new Matrix<>(empty, 0, 2, 0, 0, 0),
        new Matrix<>(empty, 0, 0, 3, 0, 0),
        new Matrix<>(c, 1, 2, 3, 3, 1),
        true);
    assertArrayEquals(new float[] {1f, 2f, 3f, 4f, 5f, 6f, 7f}, c);
    Gemm.multiply(
        new Matrix<>(empty, 0, 2, 0, 0, 0),
        new Matrix<>(empty, 0, 0, 3, 0, 0),
        new Matrix<>(c, 1, 2, 3, 3, 1),
        false);
    assertArrayEquals(new float[] {1f, 0f, 0f, 0f, 0f, 0f, 0f}, c);
    double[] cd = {1d, 2d, 3d};
    Gemm.multiply(
        new Matrix<>(new double[0], 0, 1, 0, 0, 0),
        new Matrix<>(new double[0], 0, 0, 2, 0, 0),
        new Matrix<>(cd, 1, 1, 2, 2, 1),
        false);
    assertArrayEquals(new double[] {1d, 0d, 0d}, cd);
  }

  @Test
  void emptyOutputIsANoOp() {
    float[] c = {1f};
    Gemm.multiply(
        new Matrix<>(new float[0], 0, 0, 5, 5, 1),
        new Matrix<>(new float[25], 0, 5, 5, 5, 1),
        new Matrix<>(c, 0, 0, 5, 5, 1),
        false);
    Gemm.multiply(
        new Matrix<>(new float[25], 0, 5, 5, 5, 1),
        new Matrix<>(new float[0], 0, 5, 0, 0, 1),
        new Matrix<>(c, 0, 5, 0, 0, 1),
        false);
    assertArrayEquals(new float[] {1f}, c);
  }

  @Test
  void badArgumentsAreRejected() {
    float[] a = new float[12];
    float[] b = new float[12];
    float[] c = new float[9];
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, 0, 3, 4, 4, 1),
                new Matrix<>(new float[11], 0, 4, 3, 3, 1),
                new Matrix<>(c, 0, 3, 3, 3, 1),
                false),
        "sgemm: B (4x3, offset 0, strides 3, 1) reaches index 11 but its array has length 11");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, 1, 3, 4, 4, 1),
                new Matrix<>(b, 0, 4, 3, 3, 1),
                new Matrix<>(new float[9], 0, 3, 3, 3, 1),
                false),
        "sgemm: A (3x4, offset 1, strides 4, 1) reaches index 12 but its array has length 12");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, 0, 3, 4, 4, 1),
                new Matrix<>(new float[12], 0, 4, 3, 3, 1),
                new Matrix<>(c, 1, 3, 3, 3, 1),
                false),
        "sgemm: C (3x3, offset 1, strides 3, 1) reaches index 9");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, 0, -1, 4, 4, 1),
                new Matrix<>(b, 0, 4, 3, 3, 1),
                new Matrix<>(c, 0, -1, 3, 3, 1),
                false),
        "sgemm: sizes must be non-negative, got m=-1 n=3 k=4");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, 0, 3, 4, -4, 1),
                new Matrix<>(b, 0, 4, 3, 3, 1),
                new Matrix<>(c, 0, 3, 3, 3, 1),
                false),
        "sgemm: strides must be non-negative");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, -1, 3, 4, 4, 1),
                new Matrix<>(b, 0, 4, 3, 3, 1),
                new Matrix<>(c, 0, 3, 3, 3, 1),
                false),
        "sgemm: offsets must be non-negative");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, 0, 3, 1, 1, 1),
                new Matrix<>(b, 0, 1, 3, 3, 1),
                new Matrix<>(c, 0, 3, 3, 2, 1),
                false),
        "sgemm: C row stride 2 is smaller than n=3");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, 0, 2, 2, 2, 1),
                new Matrix<>(b, 0, 2, 2, 2, 1),
                new Matrix<>(a, 4, 2, 2, 2, 1),
                false),
        "sgemm: output array C must not be an input array");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(null, 0, 2, 2, 2, 1),
                new Matrix<>(b, 0, 2, 2, 2, 1),
                new Matrix<>(c, 0, 2, 2, 2, 1),
                false),
        "sgemm: arrays must not be null");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(new double[3], 0, 2, 2, 2, 1),
                new Matrix<>(new double[4], 0, 2, 2, 2, 1),
                new Matrix<>(new double[4], 0, 2, 2, 2, 1),
                false),
        "dgemm: A (2x2, offset 0, strides 2, 1) reaches index 3 but its array has length 3");
  }

  @Test
  void mismatchedViewsAreRejected() {
    float[] a = new float[12];
    float[] b = new float[12];
    float[] c = new float[9];
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, 0, 3, 4, 4, 1),
                new Matrix<>(b, 0, 3, 4, 4, 1),
                new Matrix<>(c, 0, 3, 3, 3, 1),
                false),
        "sgemm: A is 3x4, B 3x4 and C 3x3, but they must be m×k, k×n and m×n");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(a, 0, 3, 4, 4, 1),
                new Matrix<>(b, 0, 4, 3, 3, 1),
                new Matrix<>(c, 0, 3, 3, 1, 3),
                false),
        "sgemm: C's column stride must be 1, got 3");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(new double[12], 0, 3, 4, 4, 1),
                new Matrix<>(b, 0, 4, 3, 3, 1),
                new Matrix<>(c, 0, 3, 3, 3, 1),
                false),
        "sgemm: A holds a double[], expected a float[] like C");
    assertMessage(
        () ->
            Gemm.multiply(
                new Matrix<>(new double[12], 0, 3, 4, 4, 1),
                new Matrix<>(new double[12], 0, 4, 3, 3, 1),
                new Matrix<>(new int[9], 0, 3, 3, 3, 1),
                false),
        "gemm: C must hold a float[] or a double[], got int[]");
  }

  private static void assertMessage(Runnable call, String expectedPrefix) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(
        e.getMessage().startsWith(expectedPrefix),
        () -> "message '" + e.getMessage() + "' should start with '" + expectedPrefix + "'");
  }
}
