package dev.jgrad.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code binary_cross_entropy_with_logits}: {@code result = (1 − target)·self + m + log(exp(−m) +
 * exp(−self − m))} with {@code m = max(−self, 0)} per element, for logits {@code self} and a
 * constant target of their shape and dtype. Fused as in PyTorch, so that the loss and its gradient
 * {@code sigmoid(self) − target} stay exact at infinite logits and under infinite upstream
 * gradients, where a composition of softplus and products would give NaN.
 *
 * <pre>
 * self: binary_cross_entropy_with_logits_backward(grad, self, target)
 *       = (sigmoid(self) - target) * grad
 * </pre>
 */
public final class BinaryCrossEntropyWithLogits extends Function {
  private final Tensor target;

  /**
   * Creates the op.
   *
   * @param target the wanted probabilities, of the logits' shape and dtype
   */
  public BinaryCrossEntropyWithLogits(Tensor target) {
    this.target = target;
  }

  @Override
  public String name() {
    return "binary_cross_entropy_with_logits";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    checkArgument(
        target.shape().equals(x.shape()),
        "binary_cross_entropy_with_logits: target of shape %s does not match input of shape %s",
        target.shape(),
        x.shape());
    saveForBackward(x, target);
    Tensor m = x.neg().clamp(0, Double.POSITIVE_INFINITY);
    Tensor log = m.neg().exp().add(x.neg().sub(m).exp()).log();
    return target.neg().add(1).mul(x).add(m).add(log);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {savedVariable(0).sigmoid().sub(savedVariable(1)).mul(grad)};
  }
}
