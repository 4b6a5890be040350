package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;

/**
 * Code run before a module's forward pass, as PyTorch's forward pre-hooks ({@link
 * Module#registerForwardPreHook}).
 */
@FunctionalInterface
public interface ForwardPreHook {
  /**
   * Sees, and may replace, the input of a forward pass.
   *
   * @param module the module about to run
   * @param input its input (the previous pre-hook's replacement, if any)
   * @return the input to use instead, or null to keep {@code input}
   */
  Variable apply(Module module, Variable input);
}
