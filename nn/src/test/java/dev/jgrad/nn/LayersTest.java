package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LayersTest {
  private static Variable v(double... values) {
    return new Variable(Tensor.of(values));
  }

  @Test
  void linearHasPyTorchLayoutAndInit() {
    Generator gen = Generator.seeded(4);
    Linear l = Linear.builder(300, 20).dtype(DType.FLOAT64).generator(gen).build();
    assertEquals(Shape.of(20, 300), l.weight().shape());
    assertEquals(Shape.of(20), l.bias().shape());
    double bound = 1 / Math.sqrt(300);
    assertTrue(l.weight().data().abs().max().item() <= bound);
    assertTrue(l.weight().data().abs().max().item() > 0.98 * bound);
    assertTrue(l.bias().data().abs().max().item() <= bound);
    Generator again = Generator.seeded(4);
    Tensor w = Tensor.zeros(Shape.of(20, 300), DType.FLOAT64);
    Init.kaimingUniform(w, Math.sqrt(5), Init.FanMode.FAN_IN, Init.Nonlinearity.LEAKY_RELU, again);
    assertArrayEquals(w.toDoubleArray(), l.weight().data().toDoubleArray(), 0);
    assertNull(Linear.builder(3, 2).bias(false).generator(Generator.seeded(1)).build().bias());
  }

  @Test
  void linearComputesXWtPlusB() {
    Linear l = Linear.builder(3, 2).dtype(DType.FLOAT64).generator(Generator.seeded(1)).build();
    l.weight().data().copyFrom(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
    l.bias().data().copyFrom(Tensor.of(new double[] {0.5, -1}));
    Variable y = l.forward(new Variable(Tensor.of(new double[] {1, 0, -1, 2, 1, 0}, 2, 3)));
    assertArrayEquals(new double[] {-1.5, -3, 4.5, 12}, y.data().toDoubleArray(), 1e-15);
    Variable batched = l.forward(new Variable(Tensor.ones(Shape.of(4, 5, 3), DType.FLOAT64)));
    assertEquals(Shape.of(4, 5, 2), batched.shape());
  }

  @Test
  void linearRejectsBadSizes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Linear(-1, 2, Generator.seeded(1)));
    assertEquals("Linear: sizes must be >= 0, got in_features=-1, out_features=2", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Linear.builder(2, 2).dtype(DType.INT32).generator(Generator.seeded(1)).build());
  }

  @Test
  void linearRejectsAWeightTooLargeForOneTensor() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Linear(100_000, 30_000, Generator.seeded(1)));
    assertEquals(
        "Linear: the weight [out_features, in_features] = [30000, 100000] has more than 2147483647"
            + " elements",
        e.getMessage());
  }

  @Test
  void activations() {
    Variable x = v(-2, -0.5, 0, 1.5);
    assertArrayEquals(new double[] {0, 0, 0, 1.5}, new ReLU().forward(x).data().toDoubleArray());
    assertArrayEquals(
        new double[] {-0.02, -0.005, 0, 1.5},
        new LeakyReLU().forward(x).data().toDoubleArray(),
        1e-15);
    assertArrayEquals(
        new double[] {-0.4, -0.1, 0, 1.5},
        new LeakyReLU(0.2).forward(x).data().toDoubleArray(),
        1e-15);
    assertEquals(1 / (1 + Math.exp(2)), new Sigmoid().forward(x).data().get(0), 1e-15);
    assertEquals(Math.tanh(1.5), new Tanh().forward(x).data().get(3), 1e-15);
    Variable m = new Variable(Tensor.of(new double[] {1, 2, 3, 1, 1, 1}, 2, 3));
    Tensor s = new Softmax(1).forward(m).data();
    assertArrayEquals(new double[] {1, 1}, s.sum(1).toDoubleArray(), 1e-15);
    Tensor ls = new LogSoftmax(-1).forward(m).data();
    assertArrayEquals(s.log().toDoubleArray(), ls.toDoubleArray(), 1e-14);
    assertEquals(x, new Identity().forward(x));
    assertEquals(
        Shape.of(2, 12), new Flatten().forward(new Variable(Tensor.zeros(2, 3, 4))).shape());
    assertEquals("LeakyReLU(negative_slope=0.2)", new LeakyReLU(0.2).toString());
    assertEquals("Flatten(start_dim=1, end_dim=-1)", new Flatten().toString());
  }

  @Test
  void leakyReluGradientAtZeroIsTheSlope() {
    Variable x = new Variable(Tensor.of(new double[] {-1, 0, 2})).requiresGrad(true);
    new LeakyReLU(0.1).forward(x).sum().backward();
    assertArrayEquals(new double[] {0.1, 0.1, 1}, x.grad().toDoubleArray(), 1e-15);
  }

  @Test
  void dropoutIsSeededInvertedAndOffInEval() {
    Variable x = new Variable(Tensor.ones(Shape.of(200, 500), DType.FLOAT64));
    Dropout d = new Dropout(0.3, Generator.seeded(11));
    Tensor y = d.forward(x).data();
    double kept = y.gt(0).to(DType.FLOAT64).mean().item();
    assertEquals(0.7, kept, 0.005);
    assertEquals(1.0, y.mean().item(), 0.01);
    assertEquals(1 / 0.7, y.max().item(), 1e-12);
    Tensor again = new Dropout(0.3, Generator.seeded(11)).forward(x).data();
    assertArrayEquals(y.toDoubleArray(), again.toDoubleArray(), 0);
    d.eval();
    assertEquals(x, d.forward(x));
    assertEquals(x, new Dropout(0, Generator.seeded(1)).forward(x));
    assertEquals(0, new Dropout(1, Generator.seeded(1)).forward(x).data().abs().max().item());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, Generator.seeded(1)));
    assertEquals("Dropout: probability has to be between 0 and 1, but got 1.5", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new Dropout(Double.NaN, Generator.seeded(1)));
  }
}
