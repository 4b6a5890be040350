package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;

/**
 * A {@link Variable} that a {@link Module} registers as one of its parameters, as {@code
 * torch.nn.Parameter}: a leaf that requires grad by default, reported by {@link
 * Module#parameters()} and saved in {@link Module#stateDict()}. {@code new
 * Parameter(data).requiresGrad(false)} makes a frozen one.
 */
public class Parameter extends Variable {
  /**
   * Creates a parameter over {@code data} that requires grad.
   *
   * @param data the initial value, floating; shared, not copied
   * @throws IllegalArgumentException if the dtype is not floating
   */
  public Parameter(Tensor data) {
    super(data);
    super.requiresGrad(true);
  }

  /**
   * Sets whether this parameter requires grad, as PyTorch's {@code requires_grad_()}; false freezes
   * it.
   *
   * @param requiresGrad whether backward passes compute its gradient
   * @return this parameter, for chaining
   * @throws IllegalArgumentException if {@code requiresGrad} is true and the dtype is not floating
   */
  @Override
  public Parameter requiresGrad(boolean requiresGrad) {
    super.requiresGrad(requiresGrad);
    return this;
  }

  /**
   * Converts the value and the gradient to {@code dtype} in place of this object, so optimizers and
   * modules holding it see the new value; nothing changes when the dtype is already {@code dtype}.
   */
  void convertTo(DType dtype) {
    if (data().dtype() == dtype) {
      return;
    }
    Tensor grad = grad();
    setData(data().to(dtype));
    if (grad != null) {
      setGrad(grad.to(dtype));
    }
  }

  /** Returns {@code Parameter containing:} and the data, as PyTorch prints parameters. */
  @Override
  public String toString() {
    return "Parameter containing:\n" + data();
  }
}
