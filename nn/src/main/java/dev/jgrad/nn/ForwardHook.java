package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;

/**
 * Code run after a module's forward pass, as PyTorch's forward hooks ({@link
 * Module#registerForwardHook}).
 */
@FunctionalInterface
public interface ForwardHook {
  /**
   * Sees the input and output of a forward pass, and may replace the output.
   *
   * @param module the module that ran
   * @param input the input it ran on (after the pre-hooks)
   * @param output its output (the previous forward hook's replacement, if any)
   * @return the output to return instead, or null to keep {@code output}
   */
  Variable apply(Module module, Variable input, Variable output);
}
