package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link AutogradFunctional}: vjp and jacobian with hand-computed values. */
class AutogradFunctionalTest {
  private static Tensor vec(double... values) {
    return Tensor.of(values, values.length);
  }

  @Test
  void jacobianOfAnElementwiseSquareIsDiagonal() {
    Tensor x = vec(1, 2, 3);
    Tensor j = AutogradFunctional.jacobian(v -> v.mul(v), x);
    assertEquals(Shape.of(3, 3), j.shape());
    assertArrayEquals(new double[] {2, 0, 0, 0, 4, 0, 0, 0, 6}, j.toDoubleArray());
  }

  @Test
  void jacobiansOfAMatrixVectorProductAreTheMatrixAndTheInput() {
    Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor x = vec(7, 8, 9);
    Tensor[] j = AutogradFunctional.jacobian(in -> in[0].matmul(in[1]), w, x);
    assertEquals(Shape.of(2, 2, 3), j[0].shape());
    assertArrayEquals(
        new double[] {7, 8, 9, 0, 0, 0, 0, 0, 0, 7, 8, 9}, j[0].toDoubleArray(), "δ_ij x_k");
    assertEquals(Shape.of(2, 3), j[1].shape());
    assertArrayEquals(w.toDoubleArray(), j[1].toDoubleArray());
  }

  @Test
  void scalarOutputsIndependentInputsAndConstantOutputs() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor j = AutogradFunctional.jacobian(v -> v.sum(), x);
    assertEquals(Shape.of(2, 2), j.shape(), "rank-0 output: the input's shape");
    assertArrayEquals(new double[] {1, 1, 1, 1}, j.toDoubleArray());

    Tensor[] partly = AutogradFunctional.jacobian(in -> in[0].mul(2), vec(1, 2), vec(5));
    assertArrayEquals(new double[] {2, 0, 0, 2}, partly[0].toDoubleArray());
    assertEquals(Shape.of(2, 1), partly[1].shape());
    assertArrayEquals(new double[] {0, 0}, partly[1].toDoubleArray());

    Tensor constant =
        AutogradFunctional.jacobian(v -> new Variable(Tensor.of(new double[] {1, 1}, 2)), vec(3));
    assertArrayEquals(new double[] {0, 0}, constant.toDoubleArray());

    Tensor identity = AutogradFunctional.jacobian(v -> v, vec(3, 4));
    assertArrayEquals(new double[] {1, 0, 0, 1}, identity.toDoubleArray());
  }

  @Test
  void jacobianKeepsTheInputsDtype() {
    Tensor x = Tensor.of(new float[] {1, 2}, 2);
    Tensor j = AutogradFunctional.jacobian(v -> v.mul(v).to(DType.FLOAT64), x);
    assertEquals(DType.FLOAT32, j.dtype());
    assertArrayEquals(new double[] {2, 0, 0, 4}, j.toDoubleArray());
  }

  @Test
  void vjpReturnsTheOutputAndTheProducts() {
    Tensor x = vec(1, 2, 3);
    AutogradFunctional.Vjp r = AutogradFunctional.vjp(v -> v.mul(v), x, vec(1, 10, 100));
    assertArrayEquals(new double[] {1, 4, 9}, r.output().toDoubleArray());
    assertArrayEquals(new double[] {2, 40, 600}, r.vjp().get(0).toDoubleArray());

    AutogradFunctional.Vjp scalar = AutogradFunctional.vjp(v -> v.sum(), x, null);
    assertArrayEquals(new double[] {1, 1, 1}, scalar.vjp().get(0).toDoubleArray());

    AutogradFunctional.Vjp two =
        AutogradFunctional.vjp(in -> in[0].mul(in[1]), new Tensor[] {vec(2), vec(5)}, vec(3));
    assertArrayEquals(new double[] {15}, two.vjp().get(0).toDoubleArray());
    assertArrayEquals(new double[] {6}, two.vjp().get(1).toDoubleArray());
  }

  @Test
  void argumentsAreChecked() {
    assertEquals(
        "vjp: v can be null only for a one-element output, but the output has shape [2]",
        assertThrows(
                IllegalArgumentException.class,
                () -> AutogradFunctional.vjp(v -> v.mul(2), vec(1, 2), null))
            .getMessage());
    assertEquals(
        "vjp: v of shape [3] does not match the output's shape [2]",
        assertThrows(
                IllegalArgumentException.class,
                () -> AutogradFunctional.vjp(v -> v.mul(2), vec(1, 2), vec(1, 2, 3)))
            .getMessage());
    assertEquals(
        "jacobian: input 0 has dtype INT32; expected FLOAT32 or FLOAT64",
        assertThrows(
                IllegalArgumentException.class,
                () -> AutogradFunctional.jacobian(v -> v, Tensor.of(new int[] {1}, 1)))
            .getMessage());
    assertEquals(
        "jacobian: the function returned null",
        assertThrows(
                IllegalArgumentException.class,
                () -> AutogradFunctional.jacobian(v -> null, vec(1)))
            .getMessage());
  }
}
