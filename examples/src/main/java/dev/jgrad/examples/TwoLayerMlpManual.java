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
 * Seeds 001, 002 and 004 by hand: a 784-h-10 network with one ReLU hidden layer and a softmax
 * output, the gradient of the batch-mean cross-entropy derived as the seeds derive it:
 *
 * <pre>
 *   Z1 = X·W1 + b1     A1 = ReLU(Z1)     Z2 = A1·W2 + b2     A2 = softmax(Z2)
 *   dZ2 = A2 − Y
 *   dW2 = (1/m)·A1ᵀ·dZ2                 db2 = (1/m)·Σ_rows dZ2
 *   dZ1 = (dZ2·W2ᵀ) ⊙ ReLU'(Z1)
 *   dW1 = (1/m)·Xᵀ·dZ1                  db1 = (1/m)·Σ_rows dZ1
 * </pre>
 *
 * The seeds differ in the initialization and the update, given to the constructor: seed 001 draws
 * He-normal weights and steps by SGD with L2 on the weights, seed 002 draws unscaled {@code randn}
 * weights and steps by plain gradient descent, seed 004 steps by RMSProp. Parameters are {@code W1
 * [784, h]}, {@code b1 [h]}, {@code W2 [h, 10]}, {@code b2 [10]}.
 */
public final class TwoLayerMlpManual implements ManualNetwork {
  /** The constant inside the logarithm of the reported cross-entropy. */
  public static final double EPS = 1e-12;

  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final ParameterUpdate update;

  /** How the weights are drawn. */
  public enum WeightInit {
    /** {@code randn·√(2/in)}: He-normal, seeds 001 and 004. */
    HE_NORMAL,
    /** {@code randn}, unscaled: seed 002. */
    UNSCALED_NORMAL
  }

  /**
   * Creates the network: {@code W1} then {@code W2} drawn from {@code gen}, biases zero.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public TwoLayerMlpManual(
      int inputs,
      int hidden,
      int outputs,
      WeightInit init,
      ParameterUpdate update,
      DType dtype,
      Generator gen) {
    checkArgument(
        inputs > 0 && hidden > 0 && outputs > 0,
        "TwoLayerMlpManual: sizes must be > 0, got %s-%s-%s",
        inputs,
        hidden,
        outputs);
    this.update = update;
    parameters.put("W1", weight(inputs, hidden, init, dtype, gen));
    parameters.put("b1", Tensor.zeros(Shape.of(hidden), dtype));
    parameters.put("W2", weight(hidden, outputs, init, dtype, gen));
    parameters.put("b2", Tensor.zeros(Shape.of(outputs), dtype));
  }

  private static Tensor weight(int in, int out, WeightInit init, DType dtype, Generator gen) {
    Tensor w = Tensor.randn(gen, Shape.of(in, out), dtype);
    return init == WeightInit.HE_NORMAL ? w.mul(Math.sqrt(2.0 / in)) : w;
  }

  @Override
  public Map<String, Tensor> parameters() {
    return parameters;
  }

  @Override
  public Tensor logits(Tensor x) {
    Tensor a1 = x.matmul(parameters.get("W1")).add(parameters.get("b1")).relu();
    return a1.matmul(parameters.get("W2")).add(parameters.get("b2"));
  }

  @Override
  public Map<String, Tensor> backward(Tensor x, Tensor y) {
    double m = x.size(0);
    Tensor w2 = parameters.get("W2");
    Tensor z1 = x.matmul(parameters.get("W1")).add(parameters.get("b1"));
    Tensor a1 = z1.relu();
    Tensor a2 = SeedMath.softmax(a1.matmul(w2).add(parameters.get("b2")));
    Tensor dz2 = a2.sub(y);
    Tensor dz1 = dz2.matmul(w2.t()).mul(z1.gt(0));
    Map<String, Tensor> grads = new LinkedHashMap<>();
    grads.put("W1", x.t().matmul(dz1).div(m));
    grads.put("b1", dz1.sum(0, false).div(m));
    grads.put("W2", a1.t().matmul(dz2).div(m));
    grads.put("b2", dz2.sum(0, false).div(m));
    return grads;
  }

  @Override
  public void step(Map<String, Tensor> gradients, int batchSize) {
    update.apply(parameters, gradients);
  }

  @Override
  public double loss(Tensor probabilities, Tensor y) {
    return SeedMath.crossEntropy(probabilities, y, EPS);
  }

  @Override
  public Map<String, Tensor> toStateDict(Map<String, Tensor> seedNamed) {
    return StateDicts.toSequential(seedNamed, List.of("W1", "W2"), List.of("b1", "b2"));
  }
}
