package dev.jgrad.examples;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 003 by hand: a 784-100-50-10 network built from layer objects, each with its own forward and
 * backward, and a cross-entropy on probabilities whose gradient flows back through the softmax
 * Jacobian written out.
 *
 * <pre>
 *   L = −(1/m)·Σ y·log(p + 1e-15)             ∂L/∂p = −(1/m)·y / (p + 1e-15)
 *   softmax: ∂L/∂z_n = ∂L/∂p_n · (diag(p_n) − p_n·p_nᵀ)     for every row n
 *   Linear:  ∂L/∂W = xᵀ·g    ∂L/∂b = Σ_rows g    ∂L/∂x = g·Wᵀ
 *   ReLU:    ∂L/∂x = g ⊙ [x > 0]
 * </pre>
 *
 * The seed's {@code Linear.backward} then divides the gradient by the batch size a second time
 * ({@code W −= ∂L/∂W · lr / m}), so {@link #step} does too: with batch 3 the effective rate is
 * {@code lr / 3}. {@link #backwardFused} takes the shortcut {@code ∂L/∂z = (p − y)/m} instead of
 * the Jacobian; the two agree up to the ε in the logarithm (a relative {@code 1e-15/p}).
 *
 * <p>Weights and biases are both drawn from {@code N(0, 2/in)}, layer by layer, weights first.
 * Parameters are named {@code layer1.weights [784, 100]}, {@code layer1.biases [1, 100]}, and so
 * on.
 */
public final class LayerObjectMlpManual implements ManualNetwork {
  /** The seed's layer sizes. */
  public static final List<Integer> SIZES = List.of(784, 100, 50, 10);

  /** The constant inside the logarithm. */
  public static final double EPS = 1e-15;

  private final Layer layer1;
  private final Layer layer2;
  private final Layer layer3;
  private final double learningRate;

  /**
   * Creates the network, drawing {@code layer1}'s weights and biases, then {@code layer2}'s, then
   * {@code layer3}'s from {@code gen}.
   *
   * @throws IllegalArgumentException if the learning rate is not positive
   */
  public LayerObjectMlpManual(
      int inputs,
      int hidden1,
      int hidden2,
      int outputs,
      double learningRate,
      DType dtype,
      Generator gen) {
    checkArgument(
        learningRate > 0, "LayerObjectMlpManual: learning rate must be > 0, got %s", learningRate);
    this.layer1 = new Layer(inputs, hidden1, dtype, gen);
    this.layer2 = new Layer(hidden1, hidden2, dtype, gen);
    this.layer3 = new Layer(hidden2, outputs, dtype, gen);
    this.learningRate = learningRate;
  }

  @Override
  public Map<String, Tensor> parameters() {
    Map<String, Tensor> p = new LinkedHashMap<>();
    p.put("layer1.weights", layer1.weights);
    p.put("layer1.biases", layer1.biases);
    p.put("layer2.weights", layer2.weights);
    p.put("layer2.biases", layer2.biases);
    p.put("layer3.weights", layer3.weights);
    p.put("layer3.biases", layer3.biases);
    return p;
  }

  @Override
  public Tensor logits(Tensor x) {
    return layer3.forward(layer2.forward(layer1.forward(x).relu()).relu());
  }

  /** Returns the gradients through the cross-entropy on probabilities and the softmax Jacobian. */
  @Override
  public Map<String, Tensor> backward(Tensor x, Tensor y) {
    Tensor z = logits(x);
    Tensor p = SeedMath.softmax(z);
    double m = x.size(0);
    Tensor dp = y.div(p.add(EPS)).mul(-1 / m);
    return backwardFromLogits(x, softmaxBackward(p, dp));
  }

  /** Returns the gradients through the fused shortcut {@code ∂L/∂z = (p − y)/m}. */
  public Map<String, Tensor> backwardFused(Tensor x, Tensor y) {
    Tensor p = forward(x);
    return backwardFromLogits(x, p.sub(y).div(x.size(0)));
  }

  /**
   * Returns {@code g_n·(diag(p_n) − p_n·p_nᵀ)} for every row {@code n}, building each row's 10×10
   * Jacobian as the seed does.
   */
  static Tensor softmaxBackward(Tensor p, Tensor grad) {
    int k = p.size(1);
    Tensor column = p.unsqueeze(2);
    Tensor jacobian = column.mul(Tensor.eye(k, p.dtype())).sub(column.mul(p.unsqueeze(1)));
    return grad.unsqueeze(1).matmul(jacobian).squeeze(1);
  }

  private Map<String, Tensor> backwardFromLogits(Tensor x, Tensor dz) {
    Tensor h1 = layer1.forward(x);
    Tensor a1 = h1.relu();
    Tensor h2 = layer2.forward(a1);
    Tensor a2 = h2.relu();
    Map<String, Tensor> grads = new LinkedHashMap<>();
    Tensor g = layer3.backward(a2, dz, grads, "layer3");
    g = layer2.backward(a1, g.mul(h2.gt(0)), grads, "layer2");
    layer1.backward(x, g.mul(h1.gt(0)), grads, "layer1");
    Map<String, Tensor> ordered = new LinkedHashMap<>();
    parameters().keySet().forEach(name -> ordered.put(name, grads.get(name)));
    return ordered;
  }

  /**
   * Applies the seed's update {@code θ ← θ − (lr / m)·∂L/∂θ}.
   *
   * @param batchSize m, the number of rows the gradients were computed on
   */
  @Override
  public void step(Map<String, Tensor> gradients, int batchSize) {
    checkArgument(
        batchSize > 0, "LayerObjectMlpManual.step: batch size must be > 0, got %s", batchSize);
    parameters()
        .forEach(
            (name, p) ->
                p.addInPlace(
                    ParameterUpdate.gradientOf(gradients, name), -learningRate / batchSize));
  }

  @Override
  public double loss(Tensor probabilities, Tensor y) {
    return SeedMath.crossEntropy(probabilities, y, EPS);
  }

  @Override
  public Map<String, Tensor> toStateDict(Map<String, Tensor> seedNamed) {
    return StateDicts.toSequential(
        seedNamed,
        List.of("layer1.weights", "layer2.weights", "layer3.weights"),
        List.of("layer1.biases", "layer2.biases", "layer3.biases"));
  }

  /** The seed's {@code Linear} layer: {@code x·W + b} with its gradients. */
  private static final class Layer {
    final Tensor weights;
    final Tensor biases;

    Layer(int in, int out, DType dtype, Generator gen) {
      double std = Math.sqrt(2.0 / in);
      this.weights = Tensor.randn(gen, Shape.of(in, out), dtype).mul(std);
      this.biases = Tensor.randn(gen, Shape.of(1, out), dtype).mul(std);
    }

    Tensor forward(Tensor x) {
      return x.matmul(weights).add(biases);
    }

    Tensor backward(Tensor input, Tensor grad, Map<String, Tensor> grads, String name) {
      grads.put(name + ".weights", input.t().matmul(grad));
      grads.put(name + ".biases", grad.sum(0, true));
      return grad.matmul(weights.t());
    }
  }
}
