package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The backward pass: hand-computed gradients, accumulation, retention and its errors. */
class BackwardTest {
  private static Variable scalar(double v) {
    return new Variable(Tensor.scalar(v, DType.FLOAT64)).requiresGrad(true);
  }

  private static Variable leaf(double[] values, int... shape) {
    return new Variable(Tensor.of(values, shape)).requiresGrad(true);
  }

  @Test
  void linearGradientsAreAdoptedOnlyWhenNothingElseSharesThem() {
    Generator gen = Generator.seeded(4);
    Variable x = new Variable(Tensor.randn(gen, 3, 4));
    Variable w = new Variable(Tensor.randn(gen, 2, 4)).requiresGrad(true);
    Variable b = new Variable(Tensor.randn(gen, 2)).requiresGrad(true);
    Variable y = x.linear(w, b);
    y.backward(Tensor.onesLike(y.data()));
    Tensor expectedW = Tensor.ones(2, 3).matmul(x.data());
    assertArrayEquals(expectedW.toFloatArray(), w.grad().toFloatArray());
    assertArrayEquals(new float[] {3, 3}, b.grad().toFloatArray());

    Variable shared = new Variable(Tensor.randn(gen, 2)).requiresGrad(true);
    Variable twice = shared.add(shared);
    twice.backward(Tensor.onesLike(twice.data()));
    Tensor g = shared.grad();
    g.mulInPlace(10);
    assertArrayEquals(new float[] {20, 20}, shared.grad().toFloatArray());

    Variable leaf = new Variable(Tensor.randn(gen, 2)).requiresGrad(true);
    Variable other = new Variable(Tensor.randn(gen, 2)).requiresGrad(true);
    Variable sum = leaf.add(other);
    sum.backward(Tensor.onesLike(sum.data()));
    assertFalse(leaf.grad().sharesStorageWith(other.grad()), "add's gradient is copied per leaf");
  }

  @Test
  void microgradSanityExpression() {
    Variable x = scalar(-4);
    Variable z = x.mul(2).add(2).add(x);
    Variable q = z.relu().add(z.mul(x));
    Variable h = z.mul(z).relu();
    Variable y = h.add(q).add(q.mul(x));
    y.backward();
    assertEquals(-20, y.item());
    assertEquals(46, x.grad().item());
  }

  @Test
  void microgradMoreOps() {
    Variable a = scalar(-4);
    Variable b = scalar(2);
    Variable c = a.add(b);
    Variable d = a.mul(b).add(b.pow(3));
    c = c.add(c.add(1));
    c = c.add(c.add(1)).add(a.neg());
    d = d.add(d.mul(2)).add(b.add(a).relu());
    d = d.add(d.mul(3)).add(b.sub(a).relu());
    Variable e = c.sub(d);
    Variable f = e.pow(2);
    Variable g = f.div(2.0);
    g = g.add(new Variable(Tensor.scalar(10.0, DType.FLOAT64)).div(f));
    g.backward();
    // The values micrograd's test_more_ops checks against PyTorch.
    assertEquals(24.70408163265306, g.item(), 1e-12);
    assertEquals(138.83381924198252, a.grad().item(), 1e-9);
    assertEquals(645.5772594752186, b.grad().item(), 1e-9);
  }

  @Test
  void aValueUsedTwiceGetsBothContributions() {
    Variable x = leaf(new double[] {1, 2, 3}, 3);
    x.mul(x).add(x).sum().backward();
    assertArrayEquals(new double[] {3, 5, 7}, x.grad().toDoubleArray());
  }

  @Test
  void diamondGraphSumsBothPaths() {
    Variable x = scalar(3);
    Variable a = x.mul(2);
    Variable b = a.exp().add(a.mul(a));
    b.backward();
    double expected = 2 * Math.exp(6) + 2 * 6 * 2;
    assertEquals(expected, x.grad().item(), 1e-9);
  }

  @Test
  void leafGradientsAccumulateAcrossBackwardPasses() {
    Variable x = leaf(new double[] {1, 2}, 2);
    x.mul(3).sum().backward();
    Tensor first = x.grad();
    x.mul(3).sum().backward();
    assertArrayEquals(new double[] {6, 6}, x.grad().toDoubleArray());
    assertArrayEquals(new double[] {3, 3}, first.toDoubleArray(), "earlier gradient untouched");
    x.setGrad(null);
    assertNull(x.grad());
  }

  @Test
  void leafGradientsOwnTheirStorage() {
    Variable a = leaf(new double[] {1, 2}, 2);
    Variable b = leaf(new double[] {3, 4}, 2);
    Tensor seed = Tensor.of(new double[] {1, 1}, 2);
    a.add(b).backward(seed);
    assertFalse(a.grad().sharesStorageWith(b.grad()));
    assertFalse(a.grad().sharesStorageWith(seed));
  }

  @Test
  void broadcastGradientsAreSummedBackToTheInputShape() {
    Variable m = new Variable(Tensor.ones(Shape.of(2, 3), DType.FLOAT64)).requiresGrad(true);
    Variable row = leaf(new double[] {1, 2, 3}, 3);
    Variable s = scalar(2);
    m.mul(row).mul(s).sum().backward();
    assertArrayEquals(new double[] {4, 4, 4}, row.grad().toDoubleArray());
    assertEquals(12, s.grad().item());
    assertEquals(Shape.of(2, 3), m.grad().shape());
  }

  @Test
  void mixedPrecisionGradientsKeepEachInputsDtype() {
    Variable a = new Variable(Tensor.ones(2, 2)).requiresGrad(true);
    Variable b = new Variable(Tensor.ones(Shape.of(2, 2), DType.FLOAT64)).requiresGrad(true);
    Variable y = a.mul(b).sum();
    assertEquals(DType.FLOAT64, y.dtype());
    y.backward();
    assertEquals(DType.FLOAT32, a.grad().dtype());
    assertEquals(DType.FLOAT64, b.grad().dtype());
  }

  @Test
  void intermediateGradientsAreFreedUnlessRetained() {
    Variable x = leaf(new double[] {1, 2}, 2);
    Variable h = x.mul(2);
    Variable kept = x.mul(3).retainGrad();
    h.add(kept).mul(h).sum().backward();
    assertNull(h.grad());
    assertArrayEquals(new double[] {2, 4}, kept.grad().toDoubleArray());
    assertFalse(kept.isLeaf());
  }

  @Test
  void leafFlagsAndOpNames() {
    Variable x = scalar(1);
    Variable y = x.mul(2);
    assertTrue(x.isLeaf());
    assertNull(x.opName());
    assertFalse(y.isLeaf());
    assertEquals("mul", y.opName());
    assertEquals("sum", x.sum().opName());
    assertEquals("Variable(tensor(2., dtype=float64), opName=mul)", y.toString());
    Variable c = new Variable(Tensor.scalar(1));
    assertFalse(c.requiresGrad());
    assertFalse(c.mul(2).requiresGrad());
    assertNull(c.mul(2).opName());
  }

  @Test
  void detachSharesDataAndStopsGradients() {
    Variable x = leaf(new double[] {1, 2}, 2);
    Variable d = x.mul(2).detach();
    assertTrue(d.isLeaf());
    assertFalse(d.requiresGrad());
    x.mul(d).sum().backward();
    assertArrayEquals(new double[] {2, 4}, x.grad().toDoubleArray());
    Variable same = x.detach();
    assertSame(x.data(), same.data());
  }

  @Test
  void chainOfOneHundredThousandOpsDoesNotOverflowTheStack() {
    Variable x = scalar(1.5);
    Variable y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.neg();
    }
    y.backward();
    assertEquals(1.5, y.item());
    assertEquals(1, x.grad().item());
  }

  @Test
  void secondBackwardThroughAFreedGraphIsRefused() {
    Variable x = scalar(2);
    Variable y = x.exp().mul(x);
    y.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().startsWith("mul: trying to run backward through the graph a second"));
    assertTrue(e.getMessage().contains("retainGraph = true"), e.getMessage());
  }

  @Test
  void retainGraphAllowsASecondBackward() {
    Variable x = scalar(2);
    Variable y = x.mul(x);
    y.backward(Tensor.scalar(1, DType.FLOAT64), true);
    y.backward();
    assertEquals(8, x.grad().item());
  }

  @Test
  void backwardFromANonScalarNeedsAGradOutput() {
    Variable x = new Variable(Tensor.ones(Shape.of(3, 4), DType.FLOAT64)).requiresGrad(true);
    Variable y = x.mul(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
    assertEquals(
        "backward: grad can be implicitly created only for a one-element output, but this Variable"
            + " has shape [3, 4]; call backward(gradOutput) with a gradient of that shape",
        e.getMessage());
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(4)));
    assertEquals(
        "backward: gradOutput of shape [4] does not match the output's shape [3, 4]",
        wrong.getMessage());
    y.backward(Tensor.ones(3, 4));
    assertEquals(DType.FLOAT64, x.grad().dtype());
    assertEquals(24, x.grad().sum().item());
  }

  @Test
  void backwardWithoutAGraphIsRefused() {
    Variable c = new Variable(Tensor.scalar(1));
    IllegalStateException e = assertThrows(IllegalStateException.class, c.mul(2)::backward);
    assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
  }

  @Test
  void backwardOnALeafSeedsItsGradient() {
    Variable x = scalar(3);
    x.backward();
    assertEquals(1, x.grad().item());
  }

  @Test
  void requiresGradRules() {
    Variable x = scalar(1);
    IllegalStateException nonLeaf =
        assertThrows(IllegalStateException.class, () -> x.mul(2).requiresGrad(false));
    assertTrue(nonLeaf.getMessage().contains("made by mul"), nonLeaf.getMessage());
    IllegalArgumentException ints =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Variable(Tensor.of(new int[] {1})).requiresGrad(true));
    assertEquals(
        "requiresGrad: only floating-point Variables can require grad, got INT32 of shape [1]",
        ints.getMessage());
    assertThrows(IllegalStateException.class, () -> new Variable(Tensor.ones(1)).retainGrad());
  }

  @Test
  void setDataReplacesALeafsValueAndClearsItsGradient() {
    Variable x = new Variable(Tensor.ones(2, 3)).requiresGrad(true);
    x.sum().backward();
    Tensor doubles = Tensor.full(Shape.of(2, 3), 2, DType.FLOAT64);
    x.setData(doubles);
    assertSame(doubles, x.data());
    assertNull(x.grad());
    x.mul(x).sum().backward();
    assertArrayEquals(new double[] {4, 4, 4, 4, 4, 4}, x.grad().toDoubleArray());

    IllegalArgumentException shape =
        assertThrows(IllegalArgumentException.class, () -> x.setData(Tensor.ones(3, 2)));
    assertEquals(
        "setData: new value of shape [3, 2] does not match the current shape [2, 3]",
        shape.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> x.setData(Tensor.full(Shape.of(2, 3), 1, DType.INT32)));
    IllegalStateException nonLeaf =
        assertThrows(IllegalStateException.class, () -> x.mul(2).setData(Tensor.ones(2, 3)));
    assertTrue(nonLeaf.getMessage().contains("made by mul"), nonLeaf.getMessage());
  }

  @Test
  void setGradChecksShapeAndDtype() {
    Variable x = new Variable(Tensor.ones(2, 3)).requiresGrad(true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> x.setGrad(Tensor.ones(3, 2)));
    assertEquals(
        "setGrad: gradient of shape [3, 2] and dtype FLOAT32 does not match data of shape [2, 3]"
            + " and dtype FLOAT32",
        e.getMessage());
    Tensor g = Tensor.ones(2, 3);
    x.setGrad(g);
    assertSame(g, x.grad());
  }

  @Test
  void errorsNameTheOpAndBothShapes() {
    Variable a = new Variable(Tensor.ones(3, 4)).requiresGrad(true);
    IllegalArgumentException add =
        assertThrows(
            IllegalArgumentException.class,
            () -> a.add(new Variable(Tensor.ones(5)).requiresGrad(true)));
    assertEquals(
        "add: shapes [3, 4] and [5] cannot be broadcast (dim -1: 4 vs 5)", add.getMessage());
    IllegalArgumentException mm =
        assertThrows(
            IllegalArgumentException.class, () -> a.matmul(new Variable(Tensor.ones(100, 10))));
    assertEquals(
        "matmul: cannot multiply [3, 4] by [100, 10]: inner sizes 4 != 100", mm.getMessage());
    IllegalArgumentException batch =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Variable(Tensor.ones(2, 3, 4)).matmul(new Variable(Tensor.ones(5, 4, 2))));
    assertEquals(
        "matmul: batch dimensions of [2, 3, 4] and [5, 4, 2] cannot be broadcast ([2] and [5])",
        batch.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Variable(Tensor.scalar(1)).matmul(a));
    IllegalArgumentException drop =
        assertThrows(IllegalArgumentException.class, () -> a.dropout(1.5, null));
    assertEquals("dropout: probability must be in [0, 1], got 1.5", drop.getMessage());
  }

  @Test
  void dropoutScalesKeptElementsAndIsReproducible() {
    Variable x = new Variable(Tensor.ones(Shape.of(1000), DType.FLOAT64)).requiresGrad(true);
    double[] y = x.dropout(0.25, Generator.seeded(3)).data().toDoubleArray();
    double[] again = x.dropout(0.25, Generator.seeded(3)).data().toDoubleArray();
    assertArrayEquals(y, again);
    int kept = 0;
    for (double v : y) {
      assertTrue(v == 0 || Math.abs(v - 1 / 0.75) < 1e-12, "value " + v);
      kept += v == 0 ? 0 : 1;
    }
    assertTrue(kept > 700 && kept < 800, "kept " + kept);
    assertArrayEquals(
        x.data().toDoubleArray(), x.dropout(0, Generator.seeded(3)).data().toDoubleArray());
  }

  @Test
  void conversionToAnIntegerDtypeGivesAConstant() {
    Variable x = leaf(new double[] {1.5, -2.5}, 2);
    Variable i = x.to(DType.INT32);
    assertFalse(i.requiresGrad());
    assertArrayEquals(new int[] {1, -2}, i.data().toIntArray());
    assertSame(x, x.to(DType.FLOAT64));
    Variable f = x.to(DType.FLOAT32);
    assertEquals("to", f.opName());
    f.sum().backward();
    assertEquals(DType.FLOAT64, x.grad().dtype());
  }

  @Test
  void copyIsDetachedInStorageButNotInTheGraph() {
    Variable x = leaf(new double[] {1, 2}, 2);
    Variable c = x.copy();
    assertNotSame(x.data(), c.data());
    assertFalse(c.data().sharesStorageWith(x.data()));
    c.mul(c).sum().backward();
    assertArrayEquals(new double[] {2, 4}, x.grad().toDoubleArray());
  }

  @Test
  void nullArgumentsAreNamed() {
    assertEquals(
        "Variable: data is null",
        assertThrows(NullPointerException.class, () -> new Variable(null)).getMessage());
    Variable x = scalar(1);
    assertEquals(
        "backward: gradOutput is null",
        assertThrows(NullPointerException.class, () -> x.mul(x).backward(null)).getMessage());
    assertEquals(
        "gradcheck: fn is null",
        assertThrows(NullPointerException.class, () -> GradCheck.defaults().verify(null, x))
            .getMessage());
  }
}
