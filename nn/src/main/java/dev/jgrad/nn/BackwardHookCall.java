package dev.jgrad.nn;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.List;

/**
 * The full backward hooks of one forward pass of a module, as PyTorch's {@code BackwardHook}: the
 * input and the output pass through identity ops whose backward passes catch the gradients. The
 * output's records the gradient with respect to the output; the input's, which runs once every use
 * of the input inside the module has contributed, calls the hooks with both gradients and passes on
 * the gradient they leave. When the input does not require grad, the hooks are called from the
 * output's backward pass with a null input gradient.
 */
final class BackwardHookCall {
  private final Module module;
  private final List<BackwardHook> hooks;
  private boolean inputWired;
  private Tensor gradOutput;

  BackwardHookCall(Module module, List<BackwardHook> hooks) {
    this.module = module;
    this.hooks = hooks;
  }

  /** The identity op through which a gradient is caught. */
  private final class Catch extends Function {
    private final boolean input;

    Catch(boolean input) {
      this.input = input;
    }

    @Override
    protected Tensor forward(Tensor... inputs) {
      return inputs[0];
    }

    @Override
    protected Variable[] backward(Variable grad) {
      Tensor g = grad.data();
      Tensor passed = input ? onGradInput(g) : onGradOutput(g);
      return new Variable[] {passed == g ? grad : new Variable(passed)};
    }

    @Override
    public String name() {
      return "backwardHook";
    }
  }

  Variable wrapInput(Variable x) {
    if (!x.requiresGrad()) {
      return x;
    }
    inputWired = true;
    return new Catch(true).apply(x);
  }

  Variable wrapOutput(Variable out) {
    return out.requiresGrad() ? new Catch(false).apply(out) : out;
  }

  private Tensor onGradOutput(Tensor grad) {
    gradOutput = grad;
    if (!inputWired) {
      for (int i = 0; i < hooks.size(); i++) {
        if (hooks.get(i).apply(module, null, grad) != null) {
          throw new IllegalStateException(
              String.format(
                  "%sbackward hook %s returned a gradient for an input that does not require"
                      + " grad; it must return null",
                  module.errorPrefix(), i));
        }
      }
      gradOutput = null;
    }
    return grad;
  }

  private Tensor onGradInput(Tensor grad) {
    if (gradOutput == null) {
      return grad;
    }
    Tensor g = grad;
    for (int i = 0; i < hooks.size(); i++) {
      Tensor replaced = hooks.get(i).apply(module, g, gradOutput);
      if (replaced == null) {
        continue;
      }
      if (!replaced.shape().equals(g.shape()) || replaced.dtype() != g.dtype()) {
        throw new IllegalStateException(
            String.format(
                "%sbackward hook %s returned a gradient of shape %s and dtype %s for an input of"
                    + " shape %s and dtype %s",
                module.errorPrefix(), i, replaced.shape(), replaced.dtype(), g.shape(), g.dtype()));
      }
      g = replaced;
    }
    gradOutput = null;
    return g;
  }
}
