package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.Tensor;

/**
 * Gradients returned rather than accumulated, as PyTorch's {@code torch.autograd.grad}: the
 * derivative of some outputs with respect to chosen inputs, leaving every {@link Variable#grad()}
 * as it was.
 *
 * <pre>{@code
 * Variable x = new Variable(Tensor.of(new double[] {1, 2, 3})).requiresGrad(true);
 * Variable y = x.mul(x).sum();
 * Tensor dx = Autograd.grad(y, x)[0];   // tensor([2., 4., 6.]); x.grad() stays null
 * }</pre>
 *
 * <p>Inputs may be leaves or results of ops. Only the backward passes of ops that lead to an input
 * run, and the {@linkplain Variable#registerHook hooks} of the variables whose gradient the pass
 * computes, the inputs' own included: the gradient returned for an input is the one its hooks
 * leave, as in PyTorch 2 (PyTorch 1.13 returned it before the input's hooks, and ran no hooks of a
 * leaf input). Gradients are first order: the pass records no graph of its own, so they cannot be
 * differentiated again.
 */
public final class Autograd {
  private Autograd() {}

  /**
   * Returns the gradients of the one-element {@code output} with respect to {@code inputs}, and
   * frees the graph's saved tensors.
   *
   * @param output a one-element variable that requires grad
   * @param inputs the variables to differentiate with respect to; each requires grad and is used to
   *     compute {@code output}
   * @return one gradient per input, of its shape and dtype, owned by the caller
   * @throws IllegalArgumentException if {@code output} has more than one element, or an input is
   *     not used to compute it
   * @throws IllegalStateException if {@code output} or an input does not require grad, or the graph
   *     was freed by an earlier backward pass
   */
  public static Tensor[] grad(Variable output, Variable... inputs) {
    checkNotNull(output, "grad: output is null");
    return grad(new Variable[] {output}, inputs, null, false, false);
  }

  /**
   * Returns the sum over the outputs of the vector-Jacobian products of {@code gradOutputs[k]} with
   * the Jacobian of {@code outputs[k]} with respect to each input; see {@link #grad(Variable[],
   * Variable[], Tensor[], boolean, boolean)}, with every input required to be used.
   *
   * @param outputs the variables differentiated, each requiring grad
   * @param inputs the variables to differentiate with respect to, each requiring grad
   * @param gradOutputs one gradient per output, of its shape (any dtype, converted to the
   *     output's); null, or a null entry, stands for ones and is allowed for one-element outputs
   * @param retainGraph keep the saved tensors so that the graph can be differentiated again
   * @return one gradient per input, of its shape and dtype, owned by the caller
   * @throws IllegalArgumentException if the arrays do not fit, a shape differs, or an input is not
   *     used to compute any output
   * @throws IllegalStateException if an output or input does not require grad, or the graph was
   *     freed by an earlier backward pass
   */
  public static Tensor[] grad(
      Variable[] outputs, Variable[] inputs, Tensor[] gradOutputs, boolean retainGraph) {
    return grad(outputs, inputs, gradOutputs, retainGraph, false);
  }

  /**
   * Returns the sum over the outputs of the vector-Jacobian products of {@code gradOutputs[k]} with
   * the Jacobian of {@code outputs[k]} with respect to each input, as {@code
   * torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, allow_unused=...)}: the
   * gradient a backward pass from the outputs would add to each input's {@link Variable#grad()},
   * returned instead, and no {@link Variable#grad()} changes (of leaves or of retained variables).
   *
   * @param outputs the variables differentiated, each requiring grad
   * @param inputs the variables to differentiate with respect to, each requiring grad; one may be
   *     an output too
   * @param gradOutputs one gradient per output, of its shape (any dtype, converted to the
   *     output's); null, or a null entry, stands for ones and is allowed for one-element outputs
   * @param retainGraph keep the saved tensors so that the graph can be differentiated again
   * @param allowUnused return null for an input that no output depends on, rather than throw
   * @return one gradient per input, of its shape and dtype, owned by the caller (null for an unused
   *     input when {@code allowUnused})
   * @throws IllegalArgumentException if the arrays do not fit, a shape differs, or an input is not
   *     used to compute any output and {@code allowUnused} is false
   * @throws IllegalStateException if an output or input does not require grad, or the graph was
   *     freed by an earlier backward pass
   */
  public static Tensor[] grad(
      Variable[] outputs,
      Variable[] inputs,
      Tensor[] gradOutputs,
      boolean retainGraph,
      boolean allowUnused) {
    checkNotNull(outputs, "grad: outputs is null");
    checkNotNull(inputs, "grad: inputs is null");
    checkArgument(outputs.length > 0, "grad: no outputs to differentiate");
    checkArgument(
        gradOutputs == null || gradOutputs.length == outputs.length,
        "grad: %s gradOutputs for %s outputs; expected one per output",
        gradOutputs == null ? 0 : gradOutputs.length,
        outputs.length);
    Tensor[] seeds = new Tensor[outputs.length];
    for (int k = 0; k < outputs.length; k++) {
      seeds[k] = seed(k, outputs[k], gradOutputs == null ? null : gradOutputs[k]);
    }
    for (int i = 0; i < inputs.length; i++) {
      checkNotNull(inputs[i], "grad: input %s is null", i);
      if (!inputs[i].requiresGrad()) {
        throw new IllegalStateException(
            String.format(
                "grad: input %s of shape %s does not require grad, so it has no gradient; call"
                    + " requiresGrad(true) on it before computing the outputs",
                i, inputs[i].shape()));
      }
    }
    Tensor[] grads = Engine.capture(outputs, seeds, inputs, retainGraph);
    for (int i = 0; i < grads.length; i++) {
      checkArgument(
          grads[i] != null || allowUnused,
          "grad: input %s of shape %s was not used to compute the outputs; pass allowUnused = true"
              + " to get null for it",
          i,
          inputs[i].shape());
    }
    return grads;
  }

  private static Tensor seed(int k, Variable output, Tensor gradOutput) {
    checkNotNull(output, "grad: output %s is null", k);
    if (!output.requiresGrad()) {
      throw new IllegalStateException(
          String.format(
              "grad: output %s of shape %s does not require grad: none of its inputs requires"
                  + " grad, or it was computed inside NoGrad",
              k, output.shape()));
    }
    if (gradOutput == null) {
      checkArgument(
          output.numel() == 1,
          "grad: gradOutput %s can be implicitly created only for a one-element output, but"
              + " output %s has shape %s; pass a gradient of that shape",
          k,
          k,
          output.shape());
      return Tensor.onesLike(output.data());
    }
    checkArgument(
        gradOutput.shape().equals(output.shape()),
        "grad: gradOutput %s of shape %s does not match output %s of shape %s",
        k,
        gradOutput.shape(),
        k,
        output.shape());
    return gradOutput.to(output.dtype());
  }
}
