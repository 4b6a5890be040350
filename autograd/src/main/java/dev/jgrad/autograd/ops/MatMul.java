package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code bmm}: {@code result = self @ mat2} for operands of rank at least 2 with equal batch
 * dimensions (callers unsqueeze vectors and expand batch dimensions first). The transposes are
 * views; the kernel reads them in place.
 *
 * <pre>
 * self: grad @ mat2.transpose(-2, -1)
 * mat2: self.transpose(-2, -1) @ grad
 * </pre>
 */
public final class MatMul extends Function {
  /** Creates the op. */
  public MatMul() {}

  @Override
  public String name() {
    return "matmul";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Operands.requireMatrixStacks(name(), in[0], in[1]);
    saveForBackward(in[0], in[1]);
    return in[0].matmul(in[1]);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {
      needsInputGrad(0) ? grad.matmul(savedVariable(1).transpose(-2, -1)) : null,
      needsInputGrad(1) ? savedVariable(0).transpose(-2, -1).matmul(grad) : null
    };
  }
}
