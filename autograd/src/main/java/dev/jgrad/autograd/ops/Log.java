package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code log}: {@code result = ln(self)}.
 *
 * <pre>
 * self: grad / self
 * </pre>
 */
public final class Log extends Function {
  /** Creates the op. */
  public Log() {}

  @Override
  public String name() {
    return "log";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].log();
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {grad.div(savedVariable(0))};
  }
}
