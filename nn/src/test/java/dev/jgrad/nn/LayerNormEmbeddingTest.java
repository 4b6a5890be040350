package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link LayerNorm} and {@link Embedding}: PyTorch's initialization and state-dict keys, loading
 * PyTorch-shaped state dicts, the padding row, module gradients equal to the functional ones, and
 * errors. Values against PyTorch: {@code TransformerLayersParityTest}.
 */
class LayerNormEmbeddingTest {
  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void layerNormStartsAsTheIdentityTransformWithPyTorchsKeys() {
    LayerNorm ln = new LayerNorm(3, 4);
    Map<String, Tensor> state = ln.stateDict();
    assertEquals(java.util.List.of("weight", "bias"), java.util.List.copyOf(state.keySet()));
    assertEquals(Shape.of(3, 4), state.get("weight").shape());
    assertEquals(DType.FLOAT32, state.get("weight").dtype());
    assertArrayEquals(new float[12], state.get("bias").toFloatArray());
    assertTrue(new LayerNorm(new int[] {4}, 1e-5, false).stateDict().isEmpty());
    assertNull(new LayerNorm(new int[] {4}, 1e-5, false).weight());
  }

  @Test
  void layerNormUsesALoadedStateDictAndMatchesTheFunctionalForm() {
    LayerNorm ln = (LayerNorm) new LayerNorm(4).to(DType.FLOAT64);
    Tensor w = Tensor.of(new double[] {1, 2, 3, 4});
    Tensor b = Tensor.of(new double[] {0, -1, 0.5, 2});
    ln.loadStateDict(Map.of("weight", w, "bias", b));
    Tensor x = Tensor.of(new double[] {1, 2, 4, 9, -1, 0, 1, 3}, 2, 4);
    Variable input = new Variable(x).requiresGrad(true);
    Variable out = ln.forward(input);
    out.mul(new Variable(x)).sum().backward();
    Variable x2 = new Variable(x).requiresGrad(true);
    Variable w2 = new Variable(w).requiresGrad(true);
    Variable b2 = new Variable(b).requiresGrad(true);
    Variable ref = Functional.layerNorm(x2, new int[] {4}, w2, b2, 1e-5);
    ref.mul(new Variable(x)).sum().backward();
    assertArrayEquals(ref.data().toDoubleArray(), out.data().toDoubleArray());
    assertArrayEquals(x2.grad().toDoubleArray(), input.grad().toDoubleArray());
    assertArrayEquals(w2.grad().toDoubleArray(), ln.weight().grad().toDoubleArray());
    assertArrayEquals(b2.grad().toDoubleArray(), ln.bias().grad().toDoubleArray());
  }

  @Test
  void embeddingDrawsNormalRowsAndZeroesThePaddingRow() {
    Embedding e = new Embedding(50, 8, -2, Generator.seeded(3));
    assertEquals(48, e.paddingIdx());
    Tensor w = e.stateDict().get("weight");
    assertEquals(Shape.of(50, 8), w.shape());
    assertArrayEquals(new float[8], w.select(0, 48).toFloatArray());
    double[] all = w.to(DType.FLOAT64).toDoubleArray();
    double sum = 0;
    double squares = 0;
    for (double v : all) {
      sum += v;
      squares += v * v;
    }
    assertEquals(0, sum / all.length, 0.15);
    assertEquals(1, squares / (all.length - 8), 0.2);
    assertArrayEquals(
        w.toFloatArray(),
        new Embedding(50, 8, -2, Generator.seeded(3)).stateDict().get("weight").toFloatArray());
  }

  @Test
  void thePaddingRowIsReadButReceivesNoGradient() {
    Tensor table = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    Embedding e = Embedding.fromPretrained(table, false, 1);
    Tensor idx = Tensor.of(new int[] {1, 2, 2, 0, 1, 2}, 2, 3);
    Variable out = e.forward(new Variable(idx));
    assertEquals(Shape.of(2, 3, 2), out.shape());
    assertArrayEquals(
        new double[] {3, 4, 5, 6}, out.data().narrow(1, 0, 2).select(0, 0).toDoubleArray());
    out.sum().backward();
    assertArrayEquals(new double[] {1, 1, 0, 0, 3, 3}, e.weight().grad().toDoubleArray());
    assertFalse(Embedding.fromPretrained(table, true, null).weight().requiresGrad());
  }

  @Test
  void embeddingTakesIndicesOfRankZero() {
    Embedding e = Embedding.fromPretrained(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2), true, null);
    assertArrayEquals(
        new double[] {3, 4}, e.forward(Tensor.scalar(1, DType.INT32)).toDoubleArray());
    assertEquals(Shape.of(2), e.forward(Tensor.scalar(1, DType.INT32)).shape());
  }

  @Test
  void badArgumentsAreRefusedWithTheirValues() {
    assertMessage(
        "Embedding: padding_idx must be within [-3, 3), got 3", () -> new Embedding(3, 2, 3));
    Embedding e = new Embedding(3, 2);
    assertMessage(
        "Embedding: embedding: index 3 at position 1 is out of range for 3 rows",
        () -> e.forward(Tensor.of(new int[] {0, 3})));
    assertMessage(
        "Embedding: embedding: expected INT32 indices, got FLOAT32",
        () -> e.forward(Tensor.of(new double[] {0, 1}).to(DType.FLOAT32)));
    LayerNorm ln = new LayerNorm(4);
    assertMessage(
        "LayerNorm: layer_norm: normalized_shape [4], expected an input of shape [*, 4], got [2, 3]",
        () -> ln.forward(Tensor.zeros(2, 3)));
  }
}
