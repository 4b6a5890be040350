package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code reshape}: {@code result = self.reshape(sizes)}, a view when the strides allow it and a
 * copy otherwise. Also serves {@code view}, {@code flatten}, {@code squeeze} and {@code unsqueeze}.
 *
 * <pre>
 * self: grad.reshape(self.sizes())
 * </pre>
 */
public final class Reshape extends Function {
  private final int[] sizes;
  private Shape inputShape;

  /**
   * Creates the op reshaping to {@code sizes} (one may be -1).
   *
   * @param sizes the new sizes, with the input's element count
   */
  public Reshape(int... sizes) {
    this.sizes = sizes.clone();
  }

  @Override
  public String name() {
    return "reshape";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    return in[0].reshape(sizes);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {grad.reshape(inputShape.toArray())};
  }
}
