package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.Batch;
import dev.jgrad.examples.TwoLayerMlpManual.WeightInit;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-derived gradients of every seed network, on a real MNIST batch in float64, against
 * central finite differences of the loss each seed differentiates.
 */
class ManualGradientsTest {
  private static Tensor x;
  private static Tensor y;

  @BeforeAll
  static void loadBatch() throws IOException {
    Batch b = ImageData.mnist(null).train().getBatch(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    x = ImageData.inputs(b, DType.FLOAT64);
    y = ImageData.oneHot(b, DType.FLOAT64);
  }

  /** Returns −Σ y·log softmax(z), summed over the batch. */
  private static double summedCrossEntropy(Tensor logits) {
    Tensor logp = logits.sub(logits.logsumexp(1, true));
    return -y.mul(logp).sum().item();
  }

  private static void checkAgainstFiniteDifferences(
      ManualNetwork net, ToDoubleFunction<ManualNetwork> loss) {
    Map<String, Tensor> grads = net.backward(x, y);
    Generator pick = Generator.seeded(7);
    for (Map.Entry<String, Tensor> e : net.parameters().entrySet()) {
      Tensor p = e.getValue();
      Tensor g = grads.get(e.getKey());
      assertEquals(p.shape(), g.shape(), e.getKey());
      for (int probe = 0; probe < 6; probe++) {
        int flat = pick.nextInt(p.numel());
        int[] index = unflatten(flat, p.shape().toArray());
        double original = p.get(index);
        double h = 1e-6;
        p.set(original + h, index);
        double up = loss.applyAsDouble(net);
        p.set(original - h, index);
        double down = loss.applyAsDouble(net);
        p.set(original, index);
        double numeric = (up - down) / (2 * h);
        double analytic = g.get(index);
        assertEquals(
            numeric,
            analytic,
            1e-6 + 1e-5 * Math.abs(numeric),
            e.getKey() + java.util.Arrays.toString(index));
      }
    }
  }

  private static int[] unflatten(int flat, int[] sizes) {
    int[] index = new int[sizes.length];
    for (int d = sizes.length - 1; d >= 0; d--) {
      index[d] = flat % sizes[d];
      flat /= sizes[d];
    }
    return index;
  }

  @Test
  void seed000GradientIsThatOfTheSummedCrossEntropy() {
    DeepMlpManual net =
        new DeepMlpManual(DeepMlpManual.SIZES, 1e-3, DType.FLOAT64, Generator.seeded(1));
    checkAgainstFiniteDifferences(net, n -> summedCrossEntropy(n.logits(x)));
  }

  @Test
  void seeds001002004GradientIsThatOfTheMeanCrossEntropy() {
    for (WeightInit init : WeightInit.values()) {
      TwoLayerMlpManual net =
          new TwoLayerMlpManual(
              784, 32, 10, init, new SgdUpdate(0.1, 0), DType.FLOAT64, Generator.seeded(2));
      checkAgainstFiniteDifferences(net, n -> summedCrossEntropy(n.logits(x)) / x.size(0));
    }
  }

  @Test
  void seed003JacobianGradientIsThatOfTheCrossEntropyOnProbabilities() {
    LayerObjectMlpManual net =
        new LayerObjectMlpManual(784, 100, 50, 10, 1e-3, DType.FLOAT64, Generator.seeded(3));
    checkAgainstFiniteDifferences(
        net, n -> SeedMath.crossEntropy(n.forward(x), y, LayerObjectMlpManual.EPS));
  }

  @Test
  void seed003JacobianAndFusedPathsGiveTheSameGradients() {
    LayerObjectMlpManual net =
        new LayerObjectMlpManual(784, 100, 50, 10, 1e-3, DType.FLOAT64, Generator.seeded(4));
    Map<String, Tensor> jacobian = net.backward(x, y);
    Map<String, Tensor> fused = net.backwardFused(x, y);
    assertEquals(jacobian.keySet(), fused.keySet());
    jacobian.forEach((name, g) -> assertTrue(g.allClose(fused.get(name), 1e-10, 1e-300), name));
  }

  @Test
  void softmaxBackwardMatchesTheJacobianOfOneRowWrittenByHand() {
    Tensor p = Tensor.of(new double[] {0.2, 0.3, 0.5}, 1, 3);
    Tensor g = Tensor.of(new double[] {1, -2, 0.5}, 1, 3);
    double[] out = LayerObjectMlpManual.softmaxBackward(p, g).toDoubleArray();
    double[] pv = {0.2, 0.3, 0.5};
    double[] gv = {1, -2, 0.5};
    for (int j = 0; j < 3; j++) {
      double expected = 0;
      for (int i = 0; i < 3; i++) {
        expected += gv[i] * ((i == j ? pv[i] : 0) - pv[i] * pv[j]);
      }
      assertEquals(expected, out[j], 1e-15);
    }
  }

  @Test
  void stateDictHasSequentialNamesAndPyTorchLayout() {
    DeepMlpManual net =
        new DeepMlpManual(DeepMlpManual.SIZES, 1e-3, DType.FLOAT64, Generator.seeded(5));
    Map<String, Tensor> state = net.stateDict();
    assertEquals(
        List.of(
            "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "6.weight", "6.bias"),
        List.copyOf(state.keySet()));
    assertEquals(List.of(128, 784), toList(state.get("0.weight").shape().toArray()));
    assertEquals(List.of(10), toList(state.get("6.bias").shape().toArray()));
    assertTrue(state.get("2.weight").allClose(net.parameters().get("W2").t(), 0, 0));
  }

  private static List<Integer> toList(int[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
