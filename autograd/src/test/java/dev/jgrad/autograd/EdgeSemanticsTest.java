package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.autograd.ops.BinaryCrossEntropy;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * PyTorch's edge semantics, spelled out value by value (the grid comparison with PyTorch itself is
 * {@code SpecialValuesParityTest} in nn): masked gradients by selection, NaN inputs, C99 powers,
 * {@code sign}, softmax rows with +inf, rank-0 dims, and the errors for BCE and mixed matmul.
 */
class EdgeSemanticsTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double NAN = Double.NaN;

  private static Variable leaf(double... values) {
    return new Variable(Tensor.of(values, values.length)).requiresGrad(true);
  }

  private static double[] gradOf(Variable x, Variable y) {
    y.backward(Tensor.onesLike(y.data()));
    return x.grad().toDoubleArray();
  }

  @Test
  void anInfiniteGradientAtAMaskedPositionGivesZero() {
    Variable x = leaf(-1, 0, 2, NAN);
    assertArrayEquals(new double[] {0, 0, 0.5, NAN}, gradOf(x, x.relu().log()));
    Variable c = leaf(-1, 0, 0.5, 3, NAN);
    assertArrayEquals(new double[] {0, INF, 2, 0, 0}, gradOf(c, c.clamp(0, 1).log()));
  }

  @Test
  void nanInputsGetTheirGradientsAsInPyTorch() {
    Variable x = leaf(NAN, -1, 2);
    assertArrayEquals(new double[] {1, 0, 1}, gradOf(x, x.relu()));
    Variable a = leaf(1, NAN, 3);
    Variable b = leaf(NAN, 1, 1);
    a.maximum(b).sum().backward();
    assertArrayEquals(new double[] {1, 1, 1}, a.grad().toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 0}, b.grad().toDoubleArray());
    Variable m = leaf(1, NAN, 3, NAN);
    m.max().backward();
    assertArrayEquals(new double[] {0, 0.5, 0, 0.5}, m.grad().toDoubleArray());
    Variable s = leaf(NAN, -0.0, -2);
    assertArrayEquals(new double[] {0, 0, -1}, gradOf(s, s.abs()));
  }

  @Test
  void powersFollowC99AndPyTorchsScalarKernels() {
    Tensor base = Tensor.of(new double[] {1, -1, 1, 0}, 4);
    Tensor exponent = Tensor.of(new double[] {NAN, INF, -INF, 0}, 4);
    assertArrayEquals(new double[] {1, 1, 1, 1}, base.pow(exponent).toDoubleArray());
    Tensor x = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, -0.0}, 2);
    assertArrayEquals(new double[] {NAN, -0.0}, x.pow(0.5).toDoubleArray());
    assertArrayEquals(new double[] {NAN, Double.NEGATIVE_INFINITY}, x.pow(-0.5).toDoubleArray());
    Variable b = leaf(0, 2);
    Variable e = leaf(0, 0);
    b.pow(e).sum().backward();
    assertArrayEquals(new double[] {0, 0}, b.grad().toDoubleArray());
    assertArrayEquals(new double[] {0, Math.log(2)}, e.grad().toDoubleArray());
  }

  @Test
  void signOfNanAndNegativeZeroIsZero() {
    Tensor t = Tensor.of(new double[] {NAN, -0.0, -3, 5}, 4);
    assertArrayEquals(new double[] {0, 0, -1, 1}, t.sign().toDoubleArray());
  }

  @Test
  void aRowHoldingPlusInfinityIsNanThroughout() {
    Tensor row = Tensor.of(new double[] {1, INF, 2}, 1, 3);
    assertArrayEquals(new double[] {NAN, NAN, NAN}, row.softmax(1).toDoubleArray());
    assertArrayEquals(new double[] {NAN, NAN, NAN}, row.logSoftmax(1).toDoubleArray());
  }

  @Test
  void logSoftmaxShiftsExactly() {
    Tensor x = Tensor.of(new double[] {1e8, 1e8 + 1}, 2);
    double lse = Math.log(1 + Math.exp(-1));
    assertArrayEquals(new double[] {-1 - lse, -lse}, x.logSoftmax(0).toDoubleArray());
  }

  @Test
  void rankZeroTensorsAcceptDimZeroAndMinusOne() {
    Variable s = new Variable(Tensor.scalar(3, DType.FLOAT64)).requiresGrad(true);
    for (int dim : new int[] {0, -1}) {
      assertEquals(3, s.sum(dim, false).item());
      assertEquals(3, s.mean(dim, true).item());
      assertEquals(3, s.max(dim, false).item());
      assertEquals(3, s.logsumexp(dim, false).item());
      assertEquals(1, s.softmax(dim).item());
      assertEquals(0, s.logSoftmax(dim).item());
      assertEquals(Shape.of(), s.sum(dim, false).shape());
    }
    s.max(0, false).add(s.sum(-1, false)).add(s.logsumexp(0, true)).backward();
    assertEquals(3, s.grad().item());
  }

  @Test
  void outOfRangeDimsOnRankZeroNameTheRange() {
    Tensor s = Tensor.scalar(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.sum(1));
    assertEquals(
        "sum: dim 1 out of range for a rank-0 tensor (expected to be in [-1, 0])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.narrow(0, 0, 1));
    assertEquals("dimension 0 out of range: a rank-0 tensor has no dimensions", e.getMessage());
  }

  @Test
  void binaryCrossEntropyRefusesValuesOutsideZeroOne() {
    Tensor target = Tensor.of(new double[] {1, 0}, 2);
    for (double bad : new double[] {1.5, -0.25, NAN}) {
      Variable p = leaf(0.5, bad);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> new BinaryCrossEntropy(target).apply(p));
      assertEquals(
          "binary_cross_entropy: input holds "
              + bad
              + " at flat index 1, expected probabilities in [0, 1]",
          e.getMessage());
    }
  }

  @Test
  void binaryCrossEntropyClampsItsGradientWithTheFloatEpsilon() {
    Variable p = leaf(1e-13);
    new BinaryCrossEntropy(Tensor.of(new double[] {1}, 1)).apply(p).sum().backward();
    assertEquals((1e-13 - 1) / (double) 1e-12f, p.grad().item());
  }

  @Test
  void matmulRefusesMixedDtypes() {
    Variable f = new Variable(Tensor.ones(2, 3));
    Variable d = new Variable(Tensor.ones(Shape.of(3, 2), DType.FLOAT64));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.matmul(d));
    assertEquals(
        "matmul: expected floating operands of one dtype as PyTorch does, got FLOAT32 and FLOAT64"
            + " (convert one with to(dtype))",
        e.getMessage());
  }
}
