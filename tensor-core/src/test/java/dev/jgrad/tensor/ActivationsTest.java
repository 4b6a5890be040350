package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The activations of {@link Tensor} and the error function: erf and erfc against the C library's
 * (as Python's {@code math.erf}/{@code math.erfc} print them), dtypes, layouts and the values at
 * the kinks and at ±inf and NaN. PyTorch comparisons of every activation run in {@code
 * ActivationsParityTest} (nn).
 */
class ActivationsTest {
  /** x, erf(x), erfc(x) from the C library. */
  private static final double[][] ERF = {
    {0.0, 0x0.0p+0, 0x1.0000000000000p+0},
    {1e-300, 0x1.82e6d98711d3ap-997, 0x1.0000000000000p+0},
    {1e-08, 0x1.83b547fb79514p-27, 0x1.ffffff9f12ae0p-1},
    {0.3, 0x1.50838881dea0fp-2, 0x1.57be3bbf10af8p-1},
    {0.4999, 0x1.0a7370e7541aap-1, 0x1.eb191e3157cacp-2},
    {0.5, 0x1.0a7ef5c18edd2p-1, 0x1.eb02147ce245cp-2},
    {0.51, 0x1.0ef9050dab417p-1, 0x1.e20df5e4a97d2p-2},
    {0.9, 0x1.98045a6c8a2e6p-1, 0x1.9fee964dd7469p-3},
    {1.0, 0x1.af767a741088bp-1, 0x1.4226162fbddd5p-3},
    {1.7, 0x1.f7b3620b8747bp-1, 0x1.0993be8f17093p-6},
    {2.5, 0x1.ffcaa8f4c9beap-1, 0x1.aab859b20ac9ep-12},
    {3.3, 0x1.ffff9966790c8p-1, 0x1.9a661bcdec4afp-19},
    {4.9, 0x1.fffffffff6b8fp-1, 0x1.28e19a9494710p-38},
    {5.99, 0x1.0000000000000p+0, 0x1.c043a7a1be00fp-56},
    {6.0, 0x1.0000000000000p+0, 0x1.8cf81557d20b7p-56},
    {6.5, 0x1.0000000000000p+0, 0x1.6ae172414cebap-65},
    {10.0, 0x1.0000000000000p+0, 0x1.7d8a7f2a8a2d0p-149},
    {26.0, 0x1.0000000000000p+0, 0x1.284bfe1cdea24p-981},
    {27.5, 0x1.0000000000000p+0, 0x0.0p+0},
    {-0.7, -0x1.5b08c21171646p-1, 0x1.ad846108b8b23p+0},
    {-3.0, -0x1.fffd1ac4135f9p-1, 0x1.fffe8d6209afdp+0},
    {-8.0, -0x1.0000000000000p+0, 0x1.0000000000000p+1},
  };

  private static void assertRelative(double expected, double actual, double rtol, String what) {
    double diff = Math.abs(expected - actual);
    assertTrue(
        diff <= rtol * Math.abs(expected), what + ": expected " + expected + ", got " + actual);
  }

  @Test
  void erfAndErfcAgreeWithTheCLibraryToAFewUlps() {
    double[] x = new double[ERF.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = ERF[i][0];
    }
    double[] erf = Tensor.of(x).erf().toDoubleArray();
    double[] erfc = Tensor.of(x).erfc().toDoubleArray();
    for (int i = 0; i < x.length; i++) {
      assertRelative(ERF[i][1], erf[i], 4e-15, "erf(" + x[i] + ")");
      assertRelative(ERF[i][2], erfc[i], 4e-15, "erfc(" + x[i] + ")");
    }
  }

  @Test
  void erfHandlesSignedZeroInfinitiesAndNaN() {
    Tensor x =
        Tensor.of(
            new double[] {-0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN});
    assertArrayEquals(new double[] {-0.0, -1, 1, Double.NaN}, x.erf().toDoubleArray());
    assertArrayEquals(new double[] {1, 2, 0, Double.NaN}, x.erfc().toDoubleArray());
  }

  @Test
  void activationsGiveTheirDefinitionsAtTheKinksAndSpecialValues() {
    double inf = Double.POSITIVE_INFINITY;
    Tensor x = Tensor.of(new double[] {-inf, -2, -0.0, 0, 0.5, 2, inf, Double.NaN});
    assertArrayEquals(
        new double[] {-1, -1, -0.0, 0, 0.5, 1, 1, Double.NaN}, x.hardtanh(-1, 1).toDoubleArray());
    assertArrayEquals(
        new double[] {-inf, -0.02, -0.0, 0, 0.5, 2, inf, Double.NaN},
        x.leakyRelu(0.01).toDoubleArray());
    assertArrayEquals(
        new double[] {-1.5, 1.5 * Math.expm1(-2), -0.0, 0, 0.5, 2, inf, Double.NaN},
        x.elu(1.5).toDoubleArray());
    assertArrayEquals(
        new double[] {
          0,
          Math.log1p(Math.exp(-2)),
          Math.log(2),
          Math.log(2),
          Math.log1p(Math.exp(0.5)),
          Math.log1p(Math.exp(2)),
          inf,
          Double.NaN
        },
        x.softplus(1, 20).toDoubleArray());
    assertArrayEquals(
        new double[] {
          Double.NaN,
          -2 / (1 + Math.exp(2)),
          -0.0,
          0,
          0.5 / (1 + Math.exp(-0.5)),
          2 / (1 + Math.exp(-2)),
          inf,
          Double.NaN
        },
        x.silu().toDoubleArray());
    double[] gelu = x.gelu().toDoubleArray();
    assertArrayEquals(new double[] {Double.NaN, -0.0, 0}, new double[] {gelu[0], gelu[2], gelu[3]});
    assertEquals(inf, gelu[6]);
    assertRelative(0.25 * 1.3829249225480262, gelu[4], 1e-15, "gelu(0.5)");
  }

  @Test
  void softplusTurnsLinearAboveTheThresholdAndScalesByBeta() {
    Tensor x = Tensor.of(new double[] {-3, 0.5, 10.5, 11});
    assertArrayEquals(
        new double[] {
          Math.log1p(Math.exp(-6)) / 2,
          Math.log1p(Math.exp(1)) / 2,
          Math.log1p(Math.exp(21)) / 2,
          11
        },
        x.softplus(2, 21).toDoubleArray());
  }

  @Test
  void geluFarBelowZeroKeepsItsDigits() {
    // -10 · Φ(-10) = -10 · erfc(10 · 0.7071067811865476) / 2 in the C library; PyTorch 1.13: -0.0
    assertRelative(
        -7.619853024160497e-23, Tensor.of(new double[] {-10}).gelu().item(), 1e-14, "gelu(-10)");
    assertEquals(-0.0, Tensor.of(new double[] {-10}).gelu("tanh").item());
  }

  @Test
  void activationsKeepFloat32AndPromoteInt32AndReadStridedViews() {
    Tensor f = Tensor.of(new double[] {-1, 0.25, 2, 3}, 2, 2).to(DType.FLOAT32).t();
    for (Tensor y :
        new Tensor[] {
          f.gelu(),
          f.gelu("tanh"),
          f.silu(),
          f.softplus(1, 20),
          f.elu(1),
          f.hardtanh(-1, 1),
          f.leakyRelu(0.1),
          f.erf(),
          f.erfc()
        }) {
      assertEquals(DType.FLOAT32, y.dtype());
      assertEquals(Shape.of(2, 2), y.shape());
    }
    assertArrayEquals(new float[] {-0.1f, 2, 0.25f, 3}, f.leakyRelu(0.1).toFloatArray());
    Tensor i = Tensor.of(new int[] {-2, 3}, 2);
    assertEquals(DType.FLOAT32, i.silu().dtype());
    assertArrayEquals(new float[] {-1, 1}, i.hardtanh(-1, 1).toFloatArray());
  }

  @Test
  void badArgumentsAreRefusedWithTheirValues() {
    Tensor x = Tensor.of(new double[] {1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.gelu("erf"));
    assertEquals("gelu: approximate must be 'none' or 'tanh', got 'erf'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.hardtanh(1, -1));
    assertEquals("hardtanh: min_val 1.0 must be <= max_val -1.0", e.getMessage());
  }
}
