package dev.jgrad.examples;

import dev.jgrad.autograd.GradientComparison;
import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.examples.TwoLayerMlpManual.WeightInit;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Reduction;
import dev.jgrad.nn.Sequential;
import dev.jgrad.nn.Softmax;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.optim.RMSprop;
import dev.jgrad.optim.SGD;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * For every seed, on a real MNIST batch in float64: the hand-derived gradients equal autograd's to
 * a relative 1e-10 (of the largest gradient, see {@link #scale}), and one step of the seed's rule
 * by hand leaves the same weights as one step of optim's rule on autograd's gradients. This is the
 * pattern to copy when checking your own manual backward pass against jgrad.
 */
class ManualVsAutogradTest {
  private static final double RTOL = 1e-10;
  private static final int BATCH = 32;
  private static Tensor x;
  private static Tensor y;

  @BeforeAll
  static void loadBatch() throws IOException {
    Batch b = ImageData.mnist(null).train().getBatch(IntStream.range(100, 100 + BATCH).toArray());
    x = ImageData.inputs(b, DType.FLOAT64);
    y = ImageData.oneHot(b, DType.FLOAT64);
  }

  /**
   * Loads the twin's initial weights into {@code model} (built from nn), compares one backward pass
   * and one optimizer step.
   */
  private static void assertTwins(
      ManualNetwork manual,
      Module model,
      BiFunction<Variable, Tensor, Variable> loss,
      Function<Module, Optimizer> optimizer) {
    model.loadStateDict(manual.stateDict());
    Optimizer opt = optimizer.apply(model);
    opt.zeroGrad();
    loss.apply(model.forward(new Variable(x)), y).backward();
    Map<String, Tensor> manualGrads = manual.backward(x, y);
    Map<String, Tensor> expected = manual.toStateDict(manualGrads);
    GradientComparison.compare(expected, Mlps.gradients(model))
        .assertClose(RTOL, RTOL * scale(expected));

    manual.step(manualGrads, BATCH);
    opt.step();
    GradientComparison.compare(manual.stateDict(), model.stateDict()).assertClose(RTOL, 0);
  }

  private static Sequential mlp(Integer... sizes) {
    return Mlps.create(List.of(sizes), Initialization.PYTORCH, DType.FLOAT64, Generator.seeded(0));
  }

  /**
   * Returns the largest gradient magnitude: entries far below it (seed 002's saturated softmax
   * gives some of 1e-8 next to ones of 1) are differences of nearly equal numbers, so they are held
   * to 1e-10 of the largest rather than of themselves.
   */
  private static double scale(Map<String, Tensor> grads) {
    return grads.values().stream().mapToDouble(g -> g.abs().max().item()).max().orElse(0);
  }

  @Test
  void seed000SummedGradientSgd() {
    assertTwins(
        new DeepMlpManual(DeepMlpManual.SIZES, 1e-3, DType.FLOAT64, Generator.seeded(10)),
        mlp(784, 128, 64, 32, 10),
        (z, t) -> Losses.crossEntropy(z, t, Reduction.SUM),
        m -> new SGD(m.parameters(), 1e-3));
  }

  @Test
  void seed001MeanGradientSgdWithL2OnWeights() {
    assertTwins(
        new TwoLayerMlpManual(
            784,
            100,
            10,
            WeightInit.HE_NORMAL,
            new SgdUpdate(0.1, 1e-4),
            DType.FLOAT64,
            Generator.seeded(11)),
        mlp(784, 100, 10),
        (z, t) -> Losses.crossEntropy(z, t, Reduction.MEAN),
        m -> Optimizers.create(Optimizers.Kind.SGD, m, 0.1, 1e-4));
  }

  @Test
  void seed002UnscaledInitGradientDescent() {
    assertTwins(
        new TwoLayerMlpManual(
            784,
            128,
            10,
            WeightInit.UNSCALED_NORMAL,
            new SgdUpdate(0.01, 0),
            DType.FLOAT64,
            Generator.seeded(12)),
        mlp(784, 128, 10),
        (z, t) -> Losses.crossEntropy(z, t, Reduction.MEAN),
        m -> new SGD(m.parameters(), 0.01));
  }

  @Test
  void seed003SoftmaxJacobianAndLrOverBatch() {
    assertTwins(
        new LayerObjectMlpManual(784, 100, 50, 10, 1e-3, DType.FLOAT64, Generator.seeded(13)),
        new Sequential(
            Linear.builder(784, 100).dtype(DType.FLOAT64).generator(Generator.seeded(0)).build(),
            new ReLU(),
            Linear.builder(100, 50).dtype(DType.FLOAT64).generator(Generator.seeded(0)).build(),
            new ReLU(),
            Linear.builder(50, 10).dtype(DType.FLOAT64).generator(Generator.seeded(0)).build(),
            new Softmax(1)),
        (p, t) ->
            Losses.crossEntropyOnProbabilities(p, t, LayerObjectMlpManual.EPS, Reduction.MEAN),
        m -> new SGD(m.parameters(), 1e-3 / BATCH));
  }

  @Test
  void seed004Rmsprop() {
    assertTwins(
        new TwoLayerMlpManual(
            784,
            128,
            10,
            WeightInit.HE_NORMAL,
            new RmspropUpdate(1e-3, 0.99, 1e-8),
            DType.FLOAT64,
            Generator.seeded(14)),
        mlp(784, 128, 10),
        (z, t) -> Losses.crossEntropy(z, t, Reduction.MEAN),
        m -> new RMSprop(m.parameters(), 1e-3).alpha(0.99).eps(1e-8));
  }
}
