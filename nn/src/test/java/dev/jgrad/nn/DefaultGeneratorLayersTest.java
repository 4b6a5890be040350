package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Init.FanMode;
import dev.jgrad.nn.Init.Nonlinearity;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Layers and init schemes made without a generator draw from {@link Generator#defaultGenerator}.
 */
class DefaultGeneratorLayersTest {
  private static final long SEED = 21;

  @Test
  void linearWithoutAGeneratorDrawsFromTheDefault() {
    Generator.manualSeed(SEED);
    Linear fromDefault = new Linear(30, 7);
    Linear built = Linear.builder(30, 7).build();
    Generator explicit = Generator.seeded(SEED);
    Linear first = new Linear(30, 7, explicit);
    Linear second = new Linear(30, 7, explicit);

    assertEquals(DType.FLOAT32, fromDefault.weight().dtype());
    assertArrayEquals(weights(first), weights(fromDefault));
    assertArrayEquals(weights(second), weights(built));
    assertArrayEquals(explicit.state(), Generator.defaultGenerator().state());
    assertEquals("Linear(in_features=30, out_features=7, bias=true)", fromDefault.toString());
  }

  @Test
  void dropoutWithoutAGeneratorDrawsFromTheDefaultAtEachForward() {
    Variable x = new Variable(Tensor.ones(1000));
    Dropout d = new Dropout(0.3);
    Generator.manualSeed(SEED);
    float[] mask = d.forward(x).data().toFloatArray();
    assertArrayEquals(
        new Dropout(0.3, Generator.seeded(SEED)).forward(x).data().toFloatArray(), mask);
    assertNotEquals(
        Tensor.of(mask).toString(), d.forward(x).data().toString(), "the next mask differs");
    Generator.manualSeed(SEED);
    assertArrayEquals(mask, d.forward(x).data().toFloatArray(), "re-seeding repeats the masks");
  }

  @Test
  void initSchemesWithoutAGeneratorDrawFromTheDefault() {
    assertSameAsSeeded(t -> Init.uniform(t, -2, 3), (t, g) -> Init.uniform(t, -2, 3, g));
    assertSameAsSeeded(t -> Init.normal(t, 1, 0.5), (t, g) -> Init.normal(t, 1, 0.5, g));
    assertSameAsSeeded(Init::kaimingUniform, Init::kaimingUniform);
    assertSameAsSeeded(
        t -> Init.kaimingUniform(t, 0.1, FanMode.FAN_OUT, Nonlinearity.RELU),
        (t, g) -> Init.kaimingUniform(t, 0.1, FanMode.FAN_OUT, Nonlinearity.RELU, g));
    assertSameAsSeeded(Init::kaimingNormal, Init::kaimingNormal);
    assertSameAsSeeded(
        t -> Init.kaimingNormal(t, 0.1, FanMode.FAN_OUT, Nonlinearity.TANH),
        (t, g) -> Init.kaimingNormal(t, 0.1, FanMode.FAN_OUT, Nonlinearity.TANH, g));
    assertSameAsSeeded(t -> Init.xavierUniform(t, 2), (t, g) -> Init.xavierUniform(t, 2, g));
    assertSameAsSeeded(t -> Init.xavierNormal(t, 2), (t, g) -> Init.xavierNormal(t, 2, g));
    assertSameAsSeeded(Init::heNormal, Init::heNormal);
  }

  private static void assertSameAsSeeded(
      Consumer<Tensor> withDefault, BiConsumer<Tensor, Generator> withGenerator) {
    Generator.manualSeed(SEED);
    Tensor actual = Tensor.zeros(Shape.of(6, 5), DType.FLOAT64);
    withDefault.accept(actual);
    Tensor expected = Tensor.zeros(Shape.of(6, 5), DType.FLOAT64);
    withGenerator.accept(expected, Generator.seeded(SEED));
    assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0);
    assertNotEquals(0, actual.abs().max().item());
  }

  private static float[] weights(Linear l) {
    float[] w = l.weight().data().toFloatArray();
    float[] b = l.bias().data().toFloatArray();
    float[] out = new float[w.length + b.length];
    System.arraycopy(w, 0, out, 0, w.length);
    System.arraycopy(b, 0, out, w.length, b.length);
    return out;
  }
}
