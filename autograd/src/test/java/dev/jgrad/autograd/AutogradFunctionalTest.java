package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link AutogradFunctional}: vjp, jvp, jacobian, hessian, hvp and vhp with hand-computed values.
 */
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

  @Test
  void jvpIsTheJacobianTimesTheTangent() {
    Tensor x = vec(1, 2, 3);
    AutogradFunctional.Jvp r = AutogradFunctional.jvp(v -> v.mul(v), x, vec(1, 10, 100));
    assertArrayEquals(new double[] {1, 4, 9}, r.output().toDoubleArray());
    assertArrayEquals(new double[] {2, 40, 600}, r.jvp().toDoubleArray());

    Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    AutogradFunctional.Jvp two =
        AutogradFunctional.jvp(
            in -> in[0].matmul(in[1]),
            new Tensor[] {w, vec(7, 8, 9)},
            new Tensor[] {w, vec(1, 0, 0)},
            false);
    assertArrayEquals(new double[] {50 + 1, 122 + 4}, two.jvp().toDoubleArray(), "W·x + W·e0");

    AutogradFunctional.Jvp scalar = AutogradFunctional.jvp(v -> v.exp(), vec(0), null);
    assertArrayEquals(new double[] {1}, scalar.jvp().toDoubleArray());
  }

  @Test
  void hessianHvpAndVhpOfAQuadraticForm() {
    Tensor a = Tensor.of(new double[] {2, 1, 0, 3}, 2, 2);
    Variable m = new Variable(a);
    Tensor x = vec(1, -1);
    Tensor h = AutogradFunctional.hessian(v -> v.matmul(m.matmul(v)), x);
    assertArrayEquals(new double[] {4, 1, 1, 6}, h.toDoubleArray(), "A + Aᵀ");
    Tensor v = vec(1, 2);
    AutogradFunctional.HessianProduct hv = AutogradFunctional.hvp(y -> y.matmul(m.matmul(y)), x, v);
    assertArrayEquals(new double[] {4}, hv.output().toDoubleArray());
    assertArrayEquals(new double[] {6, 13}, hv.product().get(0).toDoubleArray());
    assertArrayEquals(
        new double[] {6, 13},
        AutogradFunctional.vhp(y -> y.matmul(m.matmul(y)), x, v).product().get(0).toDoubleArray());
  }

  @Test
  void hessianBlocksOfTwoInputs() {
    Tensor[][] h =
        AutogradFunctional.hessian(
            in -> in[0].mul(in[0]).mul(in[1]).sum(), new Tensor[] {vec(1, 2), vec(3)}, false);
    assertArrayEquals(new double[] {6, 0, 0, 6}, h[0][0].toDoubleArray(), "2 b");
    assertEquals(Shape.of(2, 1), h[0][1].shape());
    assertArrayEquals(new double[] {2, 4}, h[0][1].toDoubleArray(), "2 a");
    assertArrayEquals(new double[] {2, 4}, h[1][0].toDoubleArray());
    assertArrayEquals(new double[] {0}, h[1][1].toDoubleArray(), "linear in b");
  }

  @Test
  void independentInputsGiveZerosOrThrowInStrictMode() {
    Tensor[] xs = {vec(1, 2), vec(3)};
    AutogradFunctional.Fn onlyFirst = in -> in[0].mul(in[0]).sum();
    Tensor[][] h = AutogradFunctional.hessian(onlyFirst, xs, false);
    assertArrayEquals(new double[] {0, 0}, h[0][1].toDoubleArray());
    assertArrayEquals(new double[] {0}, h[1][1].toDoubleArray());
    assertEquals(
        "hessian: the output of the function does not depend on input 1; in strict mode it must",
        assertThrows(
                IllegalArgumentException.class,
                () -> AutogradFunctional.hessian(onlyFirst, xs, true))
            .getMessage());
    assertEquals(
        "hessian: the gradient with respect to input 0 does not depend on the inputs (the function"
            + " is linear in it); in strict mode it must",
        assertThrows(
                IllegalArgumentException.class,
                () -> AutogradFunctional.hessian(in -> in[0].sum(), new Tensor[] {vec(1)}, true))
            .getMessage());
    AutogradFunctional.HessianProduct hv =
        AutogradFunctional.hvp(onlyFirst, xs, new Tensor[] {vec(1, 1), vec(1)}, false);
    assertArrayEquals(new double[] {2, 2}, hv.product().get(0).toDoubleArray());
    assertArrayEquals(new double[] {0}, hv.product().get(1).toDoubleArray());
    assertThrows(
        IllegalArgumentException.class,
        () -> AutogradFunctional.jvp(onlyFirst, xs, new Tensor[] {vec(1, 1), vec(1)}, true));
    assertArrayEquals(
        new double[] {2},
        AutogradFunctional.jvp(onlyFirst, xs, new Tensor[] {vec(1, 0), vec(5)}, false)
            .jvp()
            .toDoubleArray());
  }

  @Test
  void refusesOutputsAndVectorsThatDoNotFit() {
    assertEquals(
        "hvp: the function must return a one-element output, got shape [2]",
        assertThrows(
                IllegalArgumentException.class,
                () -> AutogradFunctional.hvp(v -> v.mul(v), vec(1, 2), vec(1, 1)))
            .getMessage());
    assertEquals(
        "jvp: v 0 of shape [3] does not match input 0 of shape [2]",
        assertThrows(
                IllegalArgumentException.class,
                () -> AutogradFunctional.jvp(v -> v.mul(v), vec(1, 2), vec(1, 1, 1)))
            .getMessage());
    assertEquals(
        "vhp: v can be null only for a one-element input, but input 0 has shape [2]",
        assertThrows(
                IllegalArgumentException.class,
                () -> AutogradFunctional.vhp(v -> v.sum(), vec(1, 2), null))
            .getMessage());
  }
}
