package dev.jgrad.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code binary_cross_entropy}: {@code result = (target − 1)·max(log(1 − self), −100) −
 * target·max(log self, −100)} per element (PyTorch's order, so a zero loss is +0), for
 * probabilities {@code self} and a constant target of their shape and dtype. Fused, as in PyTorch,
 * so that the gradient stays finite where a probability is exactly 0 or 1 (a saturated sigmoid),
 * where the composition of log and clamp would give 0/0. Probabilities outside {@code [0, 1]} (NaN
 * included) are refused, as in PyTorch.
 *
 * <pre>
 * self: binary_cross_entropy_backward(grad, self, target)
 *       = grad * (self - target) / max(self * (1 - self), (double) 1e-12f)
 * </pre>
 */
public final class BinaryCrossEntropy extends Function {
  /** PyTorch's clamp of the gradient's denominator: the float 1e-12, widened. */
  private static final double EPSILON = 1e-12f;

  private final Tensor target;

  /**
   * Creates the op.
   *
   * @param target the targets, in {@code [0, 1]}, of the probabilities' shape and dtype
   */
  public BinaryCrossEntropy(Tensor target) {
    this.target = target;
  }

  @Override
  public String name() {
    return "binary_cross_entropy";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor p = in[0];
    checkArgument(
        target.shape().equals(p.shape()),
        "binary_cross_entropy: target of shape %s does not match input of shape %s",
        target.shape(),
        p.shape());
    requireProbabilities(p);
    saveForBackward(p, target);
    Tensor logP = p.log().clamp(-100, Double.MAX_VALUE);
    Tensor log1mP = p.neg().add(1).log().clamp(-100, Double.MAX_VALUE);
    return target.sub(1).mul(log1mP).sub(target.mul(logP));
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable p = savedVariable(0);
    Variable denominator = p.neg().add(1).mul(p).clamp(EPSILON, Double.MAX_VALUE);
    return new Variable[] {grad.mul(p.sub(savedVariable(1))).div(denominator)};
  }

  private static void requireProbabilities(Tensor p) {
    double[] values = p.toDoubleArray();
    for (int i = 0; i < values.length; i++) {
      checkArgument(
          values[i] >= 0 && values[i] <= 1,
          "binary_cross_entropy: input holds %s at flat index %s, expected probabilities in [0, 1]",
          Double.valueOf(values[i]),
          i);
    }
  }
}
