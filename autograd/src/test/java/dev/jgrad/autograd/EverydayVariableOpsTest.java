package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The everyday ops on variables, without PyTorch: their gradients on hand-worked cases, views and
 * dtypes, and the messages of their mistakes (the same as on tensors).
 */
class EverydayVariableOpsTest {
  private static Variable leaf(double... values) {
    return new Variable(Tensor.of(values, values.length)).requiresGrad(true);
  }

  @Test
  void splitPiecesAreViewsWithTheirOwnGradients() {
    Variable x = leaf(1, 2, 3, 4, 5);
    List<Variable> pieces = x.split(2, 0);
    assertEquals(3, pieces.size());
    assertEquals(true, pieces.get(1).data().sharesStorageWith(x.data()));
    pieces.get(0).sum().add(pieces.get(2).mul(3).sum()).backward();
    assertArrayEquals(new double[] {1, 1, 0, 0, 3}, x.grad().toDoubleArray());
  }

  @Test
  void catGivesEachInputItsSliceInItsDtype() {
    Variable a = new Variable(Tensor.ones(2)).requiresGrad(true);
    Variable b = leaf(1, 2, 3);
    Variable c = Variable.cat(List.of(a, b), 0);
    assertEquals(DType.FLOAT64, c.dtype());
    c.mul(new Variable(Tensor.of(new double[] {1, 2, 3, 4, 5}, 5))).sum().backward();
    assertEquals(DType.FLOAT32, a.grad().dtype());
    assertArrayEquals(new float[] {1, 2}, a.grad().toFloatArray());
    assertArrayEquals(new double[] {3, 4, 5}, b.grad().toDoubleArray());
  }

  @Test
  void aMaskedPositionGetsZeroEvenFromAnInfiniteGradient() {
    Variable x = leaf(1, 2, 3);
    x.maskedFill(Tensor.of(new int[] {0, 1, 0}, 3), 0).log().sum().backward();
    assertArrayEquals(new double[] {1, 0, 1.0 / 3}, x.grad().toDoubleArray());
  }

  @Test
  void prodGivesTheProductOfTheOthersToALoneZero() {
    Variable x = leaf(2, 0, 3);
    x.prod().backward();
    assertArrayEquals(new double[] {0, 6, 0}, x.grad().toDoubleArray());
    Variable y = leaf(0, 5, 0);
    y.prod().backward();
    assertArrayEquals(new double[] {0, 0, 0}, y.grad().toDoubleArray());
  }

  @Test
  void minSharesItsGradientAmongTies() {
    Variable x = leaf(1, 0, 2, 0);
    x.min().backward();
    assertArrayEquals(new double[] {0, 0.5, 0, 0.5}, x.grad().toDoubleArray());
  }

  @Test
  void normAndStdGiveZeroAtZero() {
    Variable x = leaf(0, 0, 0);
    x.norm().backward();
    assertArrayEquals(new double[] {0, 0, 0}, x.grad().toDoubleArray());
    Variable y = leaf(2, 2, 2);
    y.std().backward();
    assertArrayEquals(new double[] {0, 0, 0}, y.grad().toDoubleArray());
  }

  @Test
  void aSourceLargerThanTheIndexGetsZerosBeyondIt() {
    Variable self = new Variable(Tensor.zeros(1, 3).to(DType.FLOAT64)).requiresGrad(true);
    Variable src = new Variable(Tensor.ones(1, 4).to(DType.FLOAT64)).requiresGrad(true);
    Tensor index = Tensor.of(new int[] {2, 0}, 1, 2);
    self.scatter(1, index, src)
        .mul(new Variable(Tensor.of(new double[] {1, 2, 3}, 1, 3)))
        .sum()
        .backward();
    assertArrayEquals(new double[] {3, 1, 0, 0}, src.grad().toDoubleArray());
    assertArrayEquals(new double[] {0, 2, 0}, self.grad().toDoubleArray());
  }

  @Test
  void stridedSliceWritesItsGradientBack() {
    Variable x = leaf(1, 2, 3, 4, 5, 6, 7);
    x.slice(0, -6, 100, 2).mul(2).sum().backward();
    assertArrayEquals(new double[] {0, 2, 0, 2, 0, 2, 0}, x.grad().toDoubleArray());
  }

  @Test
  void mistakesNameTheOp() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Variable.stack(List.of(leaf(1, 2), leaf(1, 2, 3)), 0));
    assertEquals("stack: tensor 1 has shape [3], expected [2] as tensor 0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> leaf(1, 2).norm("nuc", new int[] {0}, false));
    assertEquals(
        "norm: unknown order 'nuc', expected 'fro' (or a number; 'nuc' is not supported)",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Variable.cat(List.of(leaf(1, 2), new Variable(Tensor.ones(2, 2))), 0));
    assertEquals(
        "cat: tensor 1 has shape [2, 2], expected [*] with 1 dims (the shape of tensor 0 except in"
            + " dim 0)",
        e.getMessage());
  }
}
