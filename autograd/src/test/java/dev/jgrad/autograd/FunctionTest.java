package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The public Function API for a user's own differentiable op. */
class FunctionTest {
  /** x³, with its derivative written by hand. */
  static final class Cube extends Function {
    @Override
    protected Tensor forward(Tensor... x) {
      saveForBackward(x[0]);
      return x[0].pow(3);
    }

    @Override
    protected Tensor[] backward(Tensor grad) {
      Tensor x = savedTensor(0);
      return new Tensor[] {grad.mul(x.mul(x)).mul(3)};
    }
  }

  /** a * b + a, reporting which inputs needed a gradient. */
  static final class MulAdd extends Function {
    boolean[] needed = new boolean[2];

    @Override
    public String name() {
      return "mulAdd";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[0], in[1]);
      return in[0].mul(in[1]).add(in[0]);
    }

    @Override
    protected Tensor[] backward(Tensor grad) {
      needed[0] = needsInputGrad(0);
      needed[1] = needsInputGrad(1);
      return new Tensor[] {
        needed[0] ? grad.mul(savedTensor(1).add(1)) : null,
        needed[1] ? grad.mul(savedTensor(0)) : null
      };
    }
  }

  private static Variable leaf(boolean requiresGrad, double... values) {
    return new Variable(Tensor.of(values, values.length)).requiresGrad(requiresGrad);
  }

  @Test
  void customFunctionIsRecordedAndDifferentiated() {
    Variable x = leaf(true, 1, 2, -1);
    Variable y = new Cube().apply(x);
    assertEquals("cube", y.opName());
    y.sum().backward();
    assertArrayEquals(new double[] {3, 12, 3}, x.grad().toDoubleArray());
    GradCheck.check(in -> new Cube().apply(in[0]), leaf(true, 0.5, -0.7));
  }

  @Test
  void needsInputGradFollowsTheInputs() {
    Variable a = leaf(true, 2);
    Variable b = leaf(false, 5);
    MulAdd op = new MulAdd();
    op.apply(a, b).sum().backward();
    assertArrayEquals(new boolean[] {true, false}, op.needed);
    assertArrayEquals(new double[] {6}, a.grad().toDoubleArray());
    GradCheck.check(in -> new MulAdd().apply(in[0], in[1]), leaf(true, 0.3), leaf(true, -1.2));
  }

  @Test
  void aFunctionIsAppliedOnce() {
    Cube op = new Cube();
    op.apply(leaf(true, 1));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> op.apply(leaf(true, 1)));
    assertEquals(
        "cube: a Function records one application; create a new instance for each apply",
        e.getMessage());
  }

  @Test
  void nothingIsSavedWhenNotRecording() {
    Variable c = leaf(false, 2);
    Variable y = new Cube().apply(c);
    assertFalse(y.requiresGrad());
    assertEquals(8, y.item());
  }

  @Test
  void backwardMustReturnOneGradientPerInput() {
    Function wrongCount =
        new Function() {
          @Override
          public String name() {
            return "wrongCount";
          }

          @Override
          protected Tensor forward(Tensor... in) {
            return in[0].mul(in[1]);
          }

          @Override
          protected Tensor[] backward(Tensor grad) {
            return new Tensor[] {grad};
          }
        };
    Variable y = wrongCount.apply(leaf(true, 1), leaf(true, 2));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
    assertEquals(
        "wrongCount: backward returned 1 gradients, expected 2 (one per input)", e.getMessage());
  }

  @Test
  void backwardMustReturnGradientsOfTheInputsShapes() {
    Function wrongShape =
        new Function() {
          @Override
          public String name() {
            return "wrongShape";
          }

          @Override
          protected Tensor forward(Tensor... in) {
            return in[0].sum();
          }

          @Override
          protected Tensor[] backward(Tensor grad) {
            return new Tensor[] {grad};
          }
        };
    Variable x = new Variable(Tensor.ones(Shape.of(2, 3), DType.FLOAT64)).requiresGrad(true);
    Variable y = wrongShape.apply(x);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertEquals(
        "wrongShape: backward returned a gradient of shape [] for input 0 of shape [2, 3]",
        e.getMessage());
  }
}
