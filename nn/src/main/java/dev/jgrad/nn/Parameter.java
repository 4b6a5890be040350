package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * A {@link Variable} that a {@link Module} registers as one of its parameters, as {@code
 * torch.nn.Parameter}: a leaf that requires grad by default, reported by {@link
 * Module#parameters()} and saved in {@link Module#stateDict()}.
 */
public class Parameter extends Variable {
  /**
   * Creates a parameter over {@code data} that requires grad.
   *
   * @param data the initial value, floating; shared, not copied
   */
  public Parameter(Tensor data) {
    this(data, true);
  }

  /**
   * Creates a parameter over {@code data}.
   *
   * @param data the initial value; shared, not copied
   * @param requiresGrad whether backward passes compute its gradient; false freezes it
   * @throws IllegalArgumentException if {@code requiresGrad} is true and the dtype is not floating
   */
  public Parameter(Tensor data, boolean requiresGrad) {
    super(data, requiresGrad);
  }

  /** Returns {@code Parameter containing:} and the data, as PyTorch prints parameters. */
  @Override
  public String toString() {
    return "Parameter containing:\n" + data();
  }
}
