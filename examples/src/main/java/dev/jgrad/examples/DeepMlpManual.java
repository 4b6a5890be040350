package dev.jgrad.examples;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 000 by hand: a 784-128-64-32-10 ReLU network with a softmax output, He-normal weights and
 * zero biases, trained by SGD on the <em>summed</em> batch gradient.
 *
 * <p>The seed's equations, for layers {@code i = 1..L} with {@code a_0 = X}:
 *
 * <pre>
 *   s_i = a_{i-1}·W_i + b_i       a_i = ReLU(s_i)  (softmax for i = L)
 *   δ_L = a_L − Y                 (no division by the batch size: the gradient of the summed loss)
 *   ∂L/∂W_i = a_{i-1}ᵀ·δ_i        ∂L/∂b_i = Σ_rows δ_i
 *   δ_{i-1} = (δ_i·W_iᵀ) ⊙ ReLU'(s_{i-1})
 *   W_i ← W_i − η·∂L/∂W_i         b_i ← b_i − η·∂L/∂b_i
 * </pre>
 *
 * The reported loss is {@code −mean Σ y·log(a_L + 1e-12)}. Parameters are named {@code W1..WL} and
 * {@code b1..bL}; {@code W_i} is {@code [in, out]}, drawn as {@code randn·√(2/in)}, and {@code b_i}
 * is {@code [1, out]} of zeros.
 */
public final class DeepMlpManual implements ManualNetwork {
  /** The seed's layer sizes. */
  public static final List<Integer> SIZES = List.of(784, 128, 64, 32, 10);

  /** The constant inside the logarithm of the reported loss. */
  public static final double EPS = 1e-12;

  private final List<Tensor> weights = new ArrayList<>();
  private final List<Tensor> biases = new ArrayList<>();
  private final double learningRate;

  /**
   * Creates the network with He-normal weights drawn from {@code gen} layer by layer.
   *
   * @param sizes the layer sizes, input first
   * @param learningRate η, applied to the summed batch gradient
   * @throws IllegalArgumentException if fewer than two sizes are given or η is not positive
   */
  public DeepMlpManual(List<Integer> sizes, double learningRate, DType dtype, Generator gen) {
    checkArgument(sizes.size() >= 2, "DeepMlpManual: need at least 2 layer sizes, got %s", sizes);
    checkArgument(
        learningRate > 0, "DeepMlpManual: learning rate must be > 0, got %s", learningRate);
    this.learningRate = learningRate;
    for (int i = 0; i + 1 < sizes.size(); i++) {
      int in = sizes.get(i);
      int out = sizes.get(i + 1);
      weights.add(Tensor.randn(gen, Shape.of(in, out), dtype).mul(Math.sqrt(2.0 / in)));
      biases.add(Tensor.zeros(Shape.of(1, out), dtype));
    }
  }

  @Override
  public Map<String, Tensor> parameters() {
    Map<String, Tensor> p = new LinkedHashMap<>();
    for (int i = 0; i < weights.size(); i++) {
      p.put("W" + (i + 1), weights.get(i));
      p.put("b" + (i + 1), biases.get(i));
    }
    return p;
  }

  @Override
  public Tensor logits(Tensor x) {
    return pass(x).sums.get(weights.size() - 1);
  }

  private Pass pass(Tensor x) {
    Pass p = new Pass();
    p.activations.add(x);
    for (int i = 0; i < weights.size(); i++) {
      Tensor s = p.activations.get(i).matmul(weights.get(i)).add(biases.get(i));
      p.sums.add(s);
      p.activations.add(i + 1 < weights.size() ? s.relu() : SeedMath.softmax(s));
    }
    return p;
  }

  @Override
  public Map<String, Tensor> backward(Tensor x, Tensor y) {
    Pass p = pass(x);
    int layers = weights.size();
    Tensor delta = p.activations.get(layers).sub(y);
    Tensor[] dW = new Tensor[layers];
    Tensor[] db = new Tensor[layers];
    for (int i = layers - 1; i >= 0; i--) {
      dW[i] = p.activations.get(i).t().matmul(delta);
      db[i] = delta.sum(0, true);
      if (i > 0) {
        Tensor s = p.sums.get(i - 1);
        delta = delta.matmul(weights.get(i).t()).mul(s.gt(0));
      }
    }
    Map<String, Tensor> grads = new LinkedHashMap<>();
    for (int i = 0; i < layers; i++) {
      grads.put("W" + (i + 1), dW[i]);
      grads.put("b" + (i + 1), db[i]);
    }
    return grads;
  }

  @Override
  public void step(Map<String, Tensor> gradients, int batchSize) {
    parameters()
        .forEach(
            (name, p) -> p.addInPlace(ParameterUpdate.gradientOf(gradients, name), -learningRate));
  }

  @Override
  public double loss(Tensor probabilities, Tensor y) {
    return SeedMath.crossEntropy(probabilities, y, EPS);
  }

  @Override
  public Map<String, Tensor> toStateDict(Map<String, Tensor> seedNamed) {
    List<String> w = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int i = 1; i <= weights.size(); i++) {
      w.add("W" + i);
      b.add("b" + i);
    }
    return StateDicts.toSequential(seedNamed, w, b);
  }

  /** The sums and activations of one forward pass, kept for the backward pass. */
  private static final class Pass {
    final List<Tensor> sums = new ArrayList<>();
    final List<Tensor> activations = new ArrayList<>();
  }
}
