package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * When a leaf keeps a gradient as it is and when the backward pass copies it: a new tensor is
 * adopted, anything sharing storage with the graph is copied, and no two gradients alias.
 */
class GradientAdoptionTest {
  /**
   * {@code (x + ...) * k} over its inputs, for a constant {@code k} it saves; its backward pass
   * returns, for every input, the gradient {@code pick} makes from {@code grad} and {@code k}.
   */
  private static final class Scaled extends Function {
    private final Tensor k;
    private final BinaryOperator<Tensor> pick;
    private int arity;
    Tensor returned;

    Scaled(Tensor k, BinaryOperator<Tensor> pick) {
      this.k = k;
      this.pick = pick;
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(k);
      arity = in.length;
      Tensor sum = in[0];
      for (int i = 1; i < in.length; i++) {
        sum = sum.add(in[i]);
      }
      return sum.mul(k);
    }

    @Override
    protected Tensor[] backward(Tensor grad) {
      returned = pick.apply(grad, savedTensor(0));
      Tensor[] grads = new Tensor[arity];
      Arrays.fill(grads, returned);
      return grads;
    }
  }

  private static Tensor values(double... v) {
    return Tensor.of(v, 2, 2);
  }

  private static Variable leaf() {
    return new Variable(values(1, 2, 3, 4)).requiresGrad(true);
  }

  private static Tensor ones() {
    return Tensor.ones(Shape.of(2, 2), DType.FLOAT64);
  }

  @Test
  void aNewGradientIsAdoptedAsItIs() {
    Variable x = leaf();
    Tensor k = values(2, 3, 4, 5);
    Scaled op = new Scaled(k, Tensor::mul);
    op.apply(x).backward(ones());
    assertSame(op.returned, x.grad());
    assertArrayEquals(new double[] {2, 3, 4, 5}, x.grad().toDoubleArray());
  }

  @Test
  void accumulationAfterAnAdoptedGradientLeavesItUntouched() {
    Variable x = leaf();
    Tensor k = values(2, 3, 4, 5);
    new Scaled(k, Tensor::mul).apply(x).backward(ones());
    Tensor first = x.grad();
    new Scaled(k, Tensor::mul).apply(x).backward(ones());
    assertArrayEquals(new double[] {4, 6, 8, 10}, x.grad().toDoubleArray());
    assertArrayEquals(new double[] {2, 3, 4, 5}, first.toDoubleArray());
    assertFalse(x.grad().sharesStorageWith(first));
  }

  @Test
  void theIncomingGradientIsCopied() {
    Variable x = leaf();
    Tensor seed = values(1, 2, 3, 4);
    Scaled op = new Scaled(ones(), (grad, k) -> grad);
    op.apply(x).backward(seed);
    assertCopied(x.grad(), seed);
    assertArrayEquals(new double[] {1, 2, 3, 4}, seed.toDoubleArray(), "the seed is untouched");
  }

  @Test
  void aViewOfTheIncomingGradientIsCopied() {
    Variable x = leaf();
    Tensor seed = values(1, 2, 3, 4);
    new Scaled(ones(), (grad, k) -> grad.t().t()).apply(x).backward(seed);
    assertCopied(x.grad(), seed);
  }

  @Test
  void aSavedTensorIsCopied() {
    Variable x = leaf();
    Tensor k = values(2, 3, 4, 5);
    new Scaled(k, (grad, saved) -> saved).apply(x).backward(ones());
    assertCopied(x.grad(), k);
    assertArrayEquals(
        new double[] {2, 3, 4, 5}, k.toDoubleArray(), "the saved tensor is untouched");
  }

  @Test
  void anInputsDataIsCopied() {
    Variable x = new Variable(ones()).requiresGrad(true);
    new Scaled(ones(), (grad, k) -> x.data()).apply(x).backward(ones());
    assertCopied(x.grad(), x.data());
  }

  @Test
  void oneNewTensorReturnedForTwoInputsIsCopiedForEach() {
    Variable a = leaf();
    Variable b = leaf();
    Scaled op = new Scaled(values(2, 3, 4, 5), Tensor::mul);
    op.apply(a, b).backward(ones());
    assertNotSame(op.returned, a.grad());
    assertNotSame(op.returned, b.grad());
    assertFalse(a.grad().sharesStorageWith(b.grad()));
    a.grad().mulInPlace(10);
    assertArrayEquals(new double[] {2, 3, 4, 5}, b.grad().toDoubleArray());
  }

  @Test
  void aLeafUsedTwiceByOneOpGetsBothContributionsInItsOwnStorage() {
    Variable x = leaf();
    Scaled op = new Scaled(values(2, 3, 4, 5), Tensor::mul);
    op.apply(x, x).backward(ones());
    assertArrayEquals(new double[] {4, 6, 8, 10}, x.grad().toDoubleArray());
    assertArrayEquals(new double[] {2, 3, 4, 5}, op.returned.toDoubleArray());
    assertFalse(x.grad().sharesStorageWith(op.returned));
  }

  @Test
  void addsSharedGradientIsCopiedPerLeaf() {
    Variable a = leaf();
    Variable b = leaf();
    Tensor seed = values(1, 1, 1, 1);
    a.add(b).backward(seed);
    assertCopied(a.grad(), seed);
    assertFalse(a.grad().sharesStorageWith(b.grad()));
    a.grad().mulInPlace(10);
    assertArrayEquals(new double[] {1, 1, 1, 1}, b.grad().toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 1, 1}, seed.toDoubleArray());

    Variable x = leaf();
    x.add(x).backward(seed);
    assertArrayEquals(new double[] {2, 2, 2, 2}, x.grad().toDoubleArray());
    assertFalse(x.grad().sharesStorageWith(seed));
  }

  @Test
  void aBroadcastViewOfTheGradientIsCopiedIntoItsOwnElements() {
    Variable x = leaf();
    Tensor seed = Tensor.scalar(1.0, DType.FLOAT64);
    x.sum().backward(seed);
    assertFalse(x.grad().sharesStorageWith(seed));
    x.grad().mulInPlace(10);
    assertArrayEquals(new double[] {10, 10, 10, 10}, x.grad().toDoubleArray());
    assertArrayEquals(new double[] {1}, seed.toDoubleArray());

    Variable y = leaf();
    Tensor flat = Tensor.of(new double[] {1, 2, 3, 4}, 4);
    y.reshape(4).backward(flat);
    assertCopied(y.grad(), flat);
  }

  @Test
  void linearGradientsOfAWeightUsedTwiceAccumulate() {
    Generator gen = Generator.seeded(5);
    Variable x1 = new Variable(Tensor.randn(gen, 3, 4).to(DType.FLOAT64));
    Variable x2 = new Variable(Tensor.randn(gen, 3, 4).to(DType.FLOAT64));
    Variable w = new Variable(Tensor.randn(gen, 2, 4).to(DType.FLOAT64)).requiresGrad(true);
    Variable b = new Variable(Tensor.randn(gen, 2).to(DType.FLOAT64)).requiresGrad(true);
    Variable y = x1.linear(w, b).add(x2.linear(w, b));
    y.backward(Tensor.ones(Shape.of(3, 2), DType.FLOAT64));
    Tensor expected = Tensor.ones(Shape.of(2, 3), DType.FLOAT64).matmul(x1.data().add(x2.data()));
    assertArrayEquals(expected.toDoubleArray(), w.grad().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {6, 6}, b.grad().toDoubleArray());
    assertFalse(w.grad().sharesStorageWith(x1.data()) || w.grad().sharesStorageWith(x2.data()));
  }

  /** Asserts that {@code grad} has its own storage, apart from {@code source}, and equal values. */
  private static void assertCopied(Tensor grad, Tensor source) {
    assertNotSame(source, grad);
    assertFalse(grad.sharesStorageWith(source));
    assertArrayEquals(source.toDoubleArray(), grad.toDoubleArray());
  }
}
