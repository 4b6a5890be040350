package dev.jgrad.nn;

import dev.jgrad.tensor.Tensor;

/**
 * Code run when the gradient with respect to a module's input is computed, as PyTorch's full
 * backward hooks ({@link Module#registerFullBackwardHook}).
 */
@FunctionalInterface
public interface BackwardHook {
  /**
   * Sees the gradients with respect to a forward pass's input and output, and may replace the
   * input's. The gradients of the module's parameters are not part of {@code gradInput}.
   *
   * @param module the module
   * @param gradInput the gradient with respect to its input (the previous hook's replacement, if
   *     any), or null when the input does not require grad
   * @param gradOutput the gradient with respect to its output
   * @return the gradient to pass on to the input instead, of its shape and dtype, or null to keep
   *     {@code gradInput}; must be null when {@code gradInput} is
   */
  Tensor apply(Module module, Tensor gradInput, Tensor gradOutput);
}
