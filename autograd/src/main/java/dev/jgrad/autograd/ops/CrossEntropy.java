package dev.jgrad.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.CrossEntropyKernels;

/**
 * {@code cross_entropy} with class indices and no reduction: {@code result[n] = −log_softmax(self,
 * 1)[n, target[n]]} for logits {@code self [N, C]} and a constant INT32 target {@code [N]}, fused
 * for speed: one pass over the logits forward and one backward, instead of the seven tensor ops of
 * {@code log_softmax}, {@code gather} and {@code neg} and their backward passes. Every value is
 * rounded as that composite rounds it ({@link CrossEntropyKernels}), so the two agree bit for bit.
 *
 * <pre>
 * self: (exp(log_softmax(self, 1)) - one_hot(target)) * grad.unsqueeze(1)
 * </pre>
 */
public final class CrossEntropy extends Function {
  private final Tensor target;
  private int[] labels;

  /**
   * Creates the op.
   *
   * @param target the class of each row of the logits, INT32 {@code [N]}, each in {@code [0, C)}
   */
  public CrossEntropy(Tensor target) {
    this.target = target;
  }

  @Override
  public String name() {
    return "cross_entropy";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    checkArgument(
        target.dtype() == DType.INT32 && target.dim() == 1,
        "cross_entropy: expected an INT32 target [N], got %s %s",
        target.dtype(),
        target.shape());
    labels = target.toIntArray();
    Tensor[] logpAndNll = CrossEntropyKernels.forward(in[0], labels);
    saveForBackward(in[0], logpAndNll[0]);
    return logpAndNll[1];
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {new Backward(labels, savedTensor(1)).apply(grad, savedVariable(0))};
  }

  /**
   * The gradient of {@code cross_entropy} with respect to its logits as an op of its own, {@code
   * (softmax(self, 1) − one_hot(target)) · grad.unsqueeze(1)}, computed by {@link
   * CrossEntropyKernels#backward} from the forward pass's log-softmax. It is linear in {@code grad}
   * and smooth in {@code self}:
   *
   * <pre>
   * grad: ((softmax(self, 1) - one_hot(target)) * gradOutput).sum(1)
   * self: softmax_backward(h, softmax(self, 1)) with h = gradOutput * grad.unsqueeze(1)
   * </pre>
   */
  static final class Backward extends Function {
    private final int[] labels;
    private final Tensor logp;

    Backward(int[] labels, Tensor logp) {
      this.labels = labels;
      this.logp = logp;
    }

    @Override
    public String name() {
      return "cross_entropy_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[0], in[1]);
      return CrossEntropyKernels.backward(logp, labels, in[0]);
    }

    @Override
    protected Variable[] backward(Variable gradOutput) {
      Variable grad = savedVariable(0);
      Variable self = savedVariable(1);
      Variable p = self.softmax(1);
      Tensor oneHot = Tensor.of(labels, labels.length).oneHot(self.size(1), self.dtype());
      Variable gradGrad = null;
      if (needsInputGrad(0)) {
        gradGrad = p.sub(new Variable(oneHot)).mul(gradOutput).sum(1, false);
      }
      Variable gradSelf = null;
      if (needsInputGrad(1)) {
        Variable h = gradOutput.mul(grad.unsqueeze(1));
        gradSelf = p.mul(h.sub(p.mul(h).sum(1, true)));
      }
      return new Variable[] {gradGrad, gradSelf};
    }
  }
}
