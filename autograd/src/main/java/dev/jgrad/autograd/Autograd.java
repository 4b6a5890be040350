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
 * leaf input). The methods returning tensors are first order; those returning variables take {@code
 * createGraph}, which records the backward pass so that its gradients can be differentiated again
 * (second order: gradient penalties, Hessian-vector products).
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
    Variable[] seeds = null;
    if (gradOutputs != null) {
      checkArgument(
          gradOutputs.length == outputs.length,
          "grad: %s gradOutputs for %s outputs; expected one per output",
          gradOutputs.length,
          outputs.length);
      seeds = new Variable[gradOutputs.length];
      for (int k = 0; k < seeds.length; k++) {
        seeds[k] = gradOutputs[k] == null ? null : new Variable(gradOutputs[k]);
      }
    }
    Variable[] grads = grad(outputs, inputs, seeds, retainGraph, false, allowUnused);
    Tensor[] tensors = new Tensor[grads.length];
    for (int i = 0; i < grads.length; i++) {
      tensors[i] = grads[i] == null ? null : grads[i].data();
    }
    return tensors;
  }

  /**
   * Returns the gradients of the one-element {@code output} with respect to {@code inputs} as
   * variables; with {@code createGraph} they are recorded in a new graph and can be differentiated
   * again (the graph of {@code output} is then retained, as PyTorch's default {@code
   * retain_graph=create_graph}).
   *
   * <pre>{@code
   * Variable y = x.pow(3).sum();
   * Variable dx = Autograd.grad(y, new Variable[] {x}, true)[0];   // 3 x², with an op
   * Tensor d2x = Autograd.grad(dx.sum(), x)[0];                    // 6 x
   * }</pre>
   *
   * @param output a one-element variable that requires grad
   * @param inputs the variables to differentiate with respect to; each requires grad and is used to
   *     compute {@code output}
   * @param createGraph record the backward pass so that the gradients can be differentiated
   * @return one gradient per input, of its shape and dtype, owned by the caller
   * @throws IllegalArgumentException if {@code output} has more than one element, or an input is
   *     not used to compute it
   * @throws IllegalStateException if {@code output} or an input does not require grad, the graph
   *     was freed by an earlier backward pass, or {@code createGraph} meets a once-differentiable
   *     {@link Function}
   */
  public static Variable[] grad(Variable output, Variable[] inputs, boolean createGraph) {
    checkNotNull(output, "grad: output is null");
    return grad(new Variable[] {output}, inputs, null, createGraph, createGraph, false);
  }

  /**
   * Returns the sum over the outputs of the vector-Jacobian products of {@code gradOutputs[k]} with
   * the Jacobian of {@code outputs[k]} with respect to each input, as variables, as {@code
   * torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused)}.
   * With {@code createGraph} the backward pass is recorded: the gradients are results of ops of a
   * new graph, which also reaches {@code gradOutputs} that require grad (so that, for instance, a
   * Jacobian-vector product is the derivative of a vector-Jacobian product with respect to its
   * vector). Without it they are constants. No {@link Variable#grad()} changes.
   *
   * @param outputs the variables differentiated, each requiring grad
   * @param inputs the variables to differentiate with respect to, each requiring grad; one may be
   *     an output too
   * @param gradOutputs one gradient per output, of its shape (any dtype, converted to the
   *     output's); null, or a null entry, stands for ones and is allowed for one-element outputs
   * @param retainGraph keep the saved tensors so that the graph can be differentiated again
   * @param createGraph record the backward pass so that the gradients can be differentiated
   * @param allowUnused return null for an input that no output depends on, rather than throw
   * @return one gradient per input, of its shape and dtype, owned by the caller (null for an unused
   *     input when {@code allowUnused})
   * @throws IllegalArgumentException if the arrays do not fit, a shape differs, or an input is not
   *     used to compute any output and {@code allowUnused} is false
   * @throws IllegalStateException if an output or input does not require grad, the graph was freed
   *     by an earlier backward pass, or {@code createGraph} meets a once-differentiable {@link
   *     Function}
   */
  public static Variable[] grad(
      Variable[] outputs,
      Variable[] inputs,
      Variable[] gradOutputs,
      boolean retainGraph,
      boolean createGraph,
      boolean allowUnused) {
    checkNotNull(outputs, "grad: outputs is null");
    checkNotNull(inputs, "grad: inputs is null");
    checkArgument(outputs.length > 0, "grad: no outputs to differentiate");
    checkArgument(
        gradOutputs == null || gradOutputs.length == outputs.length,
        "grad: %s gradOutputs for %s outputs; expected one per output",
        gradOutputs == null ? 0 : gradOutputs.length,
        outputs.length);
    Variable[] seeds = new Variable[outputs.length];
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
    Variable[] grads = Engine.capture(outputs, seeds, inputs, retainGraph, createGraph);
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

  private static Variable seed(int k, Variable output, Variable gradOutput) {
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
      return new Variable(Tensor.onesLike(output.data()));
    }
    checkArgument(
        gradOutput.shape().equals(output.shape()),
        "grad: gradOutput %s of shape %s does not match output %s of shape %s",
        k,
        gradOutput.shape(),
        k,
        output.shape());
    return gradOutput.dtype() == output.dtype() ? gradOutput : gradOutput.to(output.dtype());
  }
}
