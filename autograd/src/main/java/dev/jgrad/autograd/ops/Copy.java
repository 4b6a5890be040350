package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code clone}: {@code result = self.copy()}, a contiguous copy that shares no storage with its
 * input, so it may be modified without disturbing tensors saved for backward.
 *
 * <pre>
 * self: grad
 * </pre>
 */
public final class Copy extends Function {
  /** Creates the op. */
  public Copy() {}

  @Override
  public String name() {
    return "copy";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].copy();
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {grad};
  }
}
