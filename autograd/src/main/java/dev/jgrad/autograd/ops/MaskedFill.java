package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code masked_fill}: {@code result = self.maskedFill(mask, value)} for a constant mask; the
 * filled positions get a zero gradient by selection, so even an infinite upstream gradient there
 * gives 0, as in PyTorch.
 *
 * <pre>
 * self: grad.masked_fill(mask, 0)
 * </pre>
 */
public final class MaskedFill extends Function {
  private final Tensor mask;
  private final double value;

  /**
   * Creates the op writing {@code value} where {@code mask} is nonzero.
   *
   * @param mask the positions to fill, any dtype, broadcastable to the input's shape
   * @param value the value written
   */
  public MaskedFill(Tensor mask, double value) {
    this.mask = mask;
    this.value = value;
  }

  @Override
  public String name() {
    return "masked_fill";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(mask);
    return in[0].maskedFill(mask, value);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {grad.maskedFill(savedTensor(0), 0)};
  }
}
