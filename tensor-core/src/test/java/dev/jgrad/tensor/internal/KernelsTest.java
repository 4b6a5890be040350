package dev.jgrad.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SIMD and plain kernels give bit-identical results on every kernel (when the Vector API module
 * is absent or too narrow, the SIMD side is the plain kernels and the test still runs).
 */
class KernelsTest {
  private static final Kernels PLAIN = Kernels.plain();
  private static final Kernels SIMD = SimdUnderTest.kernels();

  @Test
  void theActiveKernelsAreSimdUnlessDisabled() {
    boolean disabled = "false".equalsIgnoreCase(System.getProperty("jgrad.simd"));
    assertEquals(disabled ? PLAIN : SIMD, Kernels.get());
    assertEquals("plain", PLAIN.name());
  }

  private static float[] floats(SplittableRandom rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rnd.nextDouble() * 4 - 2);
    }
    return a;
  }

  private static double[] doubles(SplittableRandom rnd, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextDouble() * 4 - 2;
    }
    return a;
  }

  @Test
  void matrixProductsAgreeBitForBitInEveryForm() {
    SplittableRandom rnd = new SplittableRandom(8);
    int[][] shapes = {
      {1, 1, 1}, {3, 5, 7}, {32, 784, 128}, {37, 130, 70}, {128, 32, 100}, {5, 33, 300}
    };
    for (int[] s : shapes) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      for (int form = 0; form < 4; form++) {
        boolean ta = (form & 2) != 0;
        boolean tb = (form & 1) != 0;
        float[] af = floats(rnd, m * k + 3);
        float[] bf = floats(rnd, k * n + 2);
        double[] ad = doubles(rnd, m * k + 3);
        double[] bd = doubles(rnd, k * n + 2);
        for (boolean accumulate : new boolean[] {false, true}) {
          float[] c0 = floats(new SplittableRandom(m), m * (n + 2) + 1);
          float[] c1 = c0.clone();
          double[] d0 = doubles(new SplittableRandom(n), m * (n + 2) + 1);
          double[] d1 = d0.clone();
          int ars = ta ? 1 : k;
          int acs = ta ? m : 1;
          int brs = tb ? 1 : n;
          int bcs = tb ? k : 1;
          PLAIN.sgemm(
              new Matrix<>(af, 3, m, k, ars, acs),
              new Matrix<>(bf, 2, k, n, brs, bcs),
              new Matrix<>(c0, 1, m, n, n + 2, 1),
              accumulate);
          SIMD.sgemm(
              new Matrix<>(af, 3, m, k, ars, acs),
              new Matrix<>(bf, 2, k, n, brs, bcs),
              new Matrix<>(c1, 1, m, n, n + 2, 1),
              accumulate);
          PLAIN.dgemm(
              new Matrix<>(ad, 3, m, k, ars, acs),
              new Matrix<>(bd, 2, k, n, brs, bcs),
              new Matrix<>(d0, 1, m, n, n + 2, 1),
              accumulate);
          SIMD.dgemm(
              new Matrix<>(ad, 3, m, k, ars, acs),
              new Matrix<>(bd, 2, k, n, brs, bcs),
              new Matrix<>(d1, 1, m, n, n + 2, 1),
              accumulate);
          String label = m + "x" + k + "x" + n + " form " + form + " acc " + accumulate;
          assertArrayEquals(c0, c1, label);
          assertArrayEquals(d0, d1, label);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(BinaryOp.class)
  void binaryKernelsAgreeBitForBit(BinaryOp op) {
    SplittableRandom rnd = new SplittableRandom(op.ordinal());
    for (int n : new int[] {0, 1, 7, 16, 33, 100, 1001}) {
      float[] a = floats(rnd, n + 3);
      float[] b = floats(rnd, n + 2);
      if (n > 1) {
        b[1] = a[2];
        a[3] = Float.NaN;
      }
      float[] o0 = new float[n + 1];
      float[] o1 = new float[n + 1];
      PLAIN.binary(op, a, 2, b, 1, o0, 1, n);
      SIMD.binary(op, a, 2, b, 1, o1, 1, n);
      assertArrayEquals(o0, o1, op + " f32 n=" + n);
      for (int i = 0; i < n; i++) {
        float viaDouble = (float) op.fn().applyAsDouble(a[2 + i], b[1 + i]);
        assertEquals(viaDouble, o0[1 + i], op + " float kernel vs double definition at " + i);
      }
      PLAIN.binaryScalar(op, a, 2, 0.75f, o0, 1, n);
      SIMD.binaryScalar(op, a, 2, 0.75f, o1, 1, n);
      assertArrayEquals(o0, o1, op + " f32 scalar n=" + n);
      double[] x = doubles(rnd, n + 3);
      double[] y = doubles(rnd, n + 2);
      double[] p0 = new double[n + 1];
      double[] p1 = new double[n + 1];
      PLAIN.binary(op, x, 2, y, 1, p0, 1, n);
      SIMD.binary(op, x, 2, y, 1, p1, 1, n);
      assertArrayEquals(p0, p1, op + " f64 n=" + n);
      PLAIN.binaryScalar(op, x, 2, -1.5, p0, 1, n);
      SIMD.binaryScalar(op, x, 2, -1.5, p1, 1, n);
      assertArrayEquals(p0, p1, op + " f64 scalar n=" + n);
    }
  }

  @Test
  void reluAxpyAndColumnSumsAgreeBitForBit() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int n : new int[] {0, 1, 15, 64, 333}) {
      float[] a = floats(rnd, n + 1);
      if (n > 2) {
        a[1] = Float.NaN;
        a[2] = -0f;
      }
      float[] o0 = new float[n];
      float[] o1 = new float[n];
      PLAIN.relu(a, 1, o0, 0, n);
      SIMD.relu(a, 1, o1, 0, n);
      assertArrayEquals(o0, o1, "relu f32 n=" + n);
      double[] x = doubles(rnd, n + 1);
      double[] p0 = new double[n];
      double[] p1 = new double[n];
      PLAIN.relu(x, 1, p0, 0, n);
      SIMD.relu(x, 1, p1, 0, n);
      assertArrayEquals(p0, p1, "relu f64 n=" + n);

      float[] y0 = floats(rnd, n + 2);
      float[] y1 = y0.clone();
      PLAIN.axpy(y0, 2, -0.032, a, 1, n);
      SIMD.axpy(y1, 2, -0.032, a, 1, n);
      assertArrayEquals(y0, y1, "axpy f32 n=" + n);
      double[] z0 = doubles(rnd, n + 2);
      double[] z1 = z0.clone();
      PLAIN.axpy(z0, 2, -0.032, x, 1, n);
      SIMD.axpy(z1, 2, -0.032, x, 1, n);
      assertArrayEquals(z0, z1, "axpy f64 n=" + n);

      int rows = 5;
      float[] m = floats(rnd, rows * n + 1);
      double[] s0 = new double[n];
      double[] s1 = new double[n];
      PLAIN.sumRows(m, 1, rows, n, s0);
      SIMD.sumRows(m, 1, rows, n, s1);
      assertArrayEquals(s0, s1, "sumRows f32 n=" + n);
      double[] md = doubles(rnd, rows * n + 1);
      PLAIN.sumRows(md, 1, rows, n, s0);
      SIMD.sumRows(md, 1, rows, n, s1);
      assertArrayEquals(s0, s1, "sumRows f64 n=" + n);
    }
  }

  @Test
  void reluBackwardAxpyDecayAndByteConversionAgreeBitForBit() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (int n : new int[] {0, 1, 15, 64, 333}) {
      float[] g = floats(rnd, n + 1);
      float[] r = floats(rnd, n + 2);
      if (n > 3) {
        g[1] = Float.NaN;
        g[2] = Float.NEGATIVE_INFINITY;
        r[2] = 0f;
        r[3] = Float.NaN;
        r[4] = -0f;
      }
      float[] o0 = new float[n];
      float[] o1 = new float[n];
      PLAIN.reluBackward(g, 1, r, 2, o0, 0, n);
      SIMD.reluBackward(g, 1, r, 2, o1, 0, n);
      assertArrayEquals(o0, o1, "reluBackward f32 n=" + n);
      double[] gd = doubles(rnd, n + 1);
      double[] rd = doubles(rnd, n + 2);
      double[] p0 = new double[n];
      double[] p1 = new double[n];
      PLAIN.reluBackward(gd, 1, rd, 2, p0, 0, n);
      SIMD.reluBackward(gd, 1, rd, 2, p1, 0, n);
      assertArrayEquals(p0, p1, "reluBackward f64 n=" + n);

      float[] y0 = floats(rnd, n + 2);
      float[] y1 = y0.clone();
      PLAIN.axpyDecay(y0, 2, -0.1, 1e-4, g, 1, n);
      SIMD.axpyDecay(y1, 2, -0.1, 1e-4, g, 1, n);
      assertArrayEquals(y0, y1, "axpyDecay f32 n=" + n);
      double[] z0 = doubles(rnd, n + 2);
      double[] z1 = z0.clone();
      PLAIN.axpyDecay(z0, 2, -0.1, 1e-4, gd, 1, n);
      SIMD.axpyDecay(z1, 2, -0.1, 1e-4, gd, 1, n);
      assertArrayEquals(z0, z1, "axpyDecay f64 n=" + n);

      byte[] bytes = new byte[n + 3];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) rnd.nextInt(256);
      }
      float[] b0 = new float[n + 1];
      float[] b1 = new float[n + 1];
      PLAIN.unsignedBytesToFloat(bytes, 3, 255f, b0, 1, n);
      SIMD.unsignedBytesToFloat(bytes, 3, 255f, b1, 1, n);
      assertArrayEquals(b0, b1, "unsignedBytesToFloat n=" + n);
    }
  }

  @Test
  void momentumStepsAgreeBitForBitAndEqualTheirThreeKernels() {
    SplittableRandom rnd = new SplittableRandom(6);
    for (int n : new int[] {0, 1, 15, 64, 333}) {
      float[] g = floats(rnd, n + 1);
      float[] b = floats(rnd, n + 2);
      float[] p = floats(rnd, n + 3);
      float[] b0 = b.clone();
      float[] p0 = p.clone();
      PLAIN.binaryScalar(BinaryOp.MUL, b0, 2, 0.9f, b0, 2, n);
      PLAIN.axpy(b0, 2, 0.75, g, 1, n);
      PLAIN.axpy(p0, 3, -0.01, b0, 2, n);
      for (Kernels k : new Kernels[] {PLAIN, SIMD}) {
        float[] b1 = b.clone();
        float[] p1 = p.clone();
        k.momentumStep(p1, 3, b1, 2, g, 1, 0.9, 0.75, -0.01, n);
        assertArrayEquals(b0, b1, k.name() + " momentumStep f32 buffer n=" + n);
        assertArrayEquals(p0, p1, k.name() + " momentumStep f32 n=" + n);
      }
      double[] gd = doubles(rnd, n + 1);
      double[] bd = doubles(rnd, n + 2);
      double[] pd = doubles(rnd, n + 3);
      double[] c0 = bd.clone();
      double[] q0 = pd.clone();
      PLAIN.binaryScalar(BinaryOp.MUL, c0, 2, 0.9, c0, 2, n);
      PLAIN.axpy(c0, 2, 0.75, gd, 1, n);
      PLAIN.axpy(q0, 3, -0.01, c0, 2, n);
      for (Kernels k : new Kernels[] {PLAIN, SIMD}) {
        double[] c1 = bd.clone();
        double[] q1 = pd.clone();
        k.momentumStep(q1, 3, c1, 2, gd, 1, 0.9, 0.75, -0.01, n);
        assertArrayEquals(c0, c1, k.name() + " momentumStep f64 buffer n=" + n);
        assertArrayEquals(q0, q1, k.name() + " momentumStep f64 n=" + n);
      }
    }
  }

  @Test
  void plainReluBackwardSelectsAndAxpyDecayRoundsEachStep() {
    float[] g = {2f, -3f, Float.NaN, 5f, -1f};
    float[] r = {1f, 0f, 0f, Float.NaN, 4f};
    float[] o = new float[5];
    PLAIN.reluBackward(g, 0, r, 0, o, 0, 5);
    assertArrayEquals(new float[] {2f, 0f, 0f, 5f, -1f}, o);
    float[] y = {1.5f, -0.25f};
    float[] x = {0.125f, 3f};
    PLAIN.axpyDecay(y, 0, -0.1, 1e-4, x, 0, 2);
    float a = (float) -0.1;
    float d = (float) 1e-4;
    float[] expected = {Math.fma(a, 0.125f + 1.5f * d, 1.5f), Math.fma(a, 3f + -0.25f * d, -0.25f)};
    assertArrayEquals(expected, y);
  }

  @Test
  void unsignedBytesDivideAsUnsignedValues() {
    byte[] bytes = new byte[256];
    for (int p = 0; p < 256; p++) {
      bytes[p] = (byte) p;
    }
    float[] o = new float[256];
    SIMD.unsignedBytesToFloat(bytes, 0, 255f, o, 0, 256);
    for (int p = 0; p < 256; p++) {
      assertEquals(p / 255f, o[p], "byte " + p);
      assertEquals((float) (p / 255.0), o[p], "byte " + p + " against the double quotient");
    }
  }
}
