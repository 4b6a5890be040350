package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Derivatives of functions of tensors, as PyTorch's {@code torch.autograd.functional}: {@link #vjp}
 * and {@link #jacobian}, first order.
 *
 * <p>Each method wraps the input tensors in fresh leaves that require grad (sharing their data,
 * which is only read), applies the function once and differentiates its output with {@link
 * Autograd#grad}, so no {@link Variable#grad()} changes. An input the output does not depend on
 * gets zeros (PyTorch's default {@code strict=False}); so does every input when the output does not
 * require grad at all.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {1, 2, 3});
 * Tensor j = AutogradFunctional.jacobian(v -> v.mul(v), x);  // diag(2, 4, 6), shape [3, 3]
 * }</pre>
 *
 * <p>Not here: {@code jvp}, {@code hessian} and {@code hvp}, which need backward passes that can be
 * differentiated again (second order).
 */
public final class AutogradFunctional {
  private AutogradFunctional() {}

  /** A function of several variables with one output. */
  @FunctionalInterface
  public interface Fn {
    /**
     * Computes the output.
     *
     * @param inputs the leaves wrapping the tensors given to {@link #vjp} or {@link #jacobian}, in
     *     the same order
     * @return the output; any shape
     */
    Variable apply(Variable... inputs);
  }

  /**
   * The result of {@link #vjp}, as the pair PyTorch returns.
   *
   * @param output the function's output, not attached to any graph
   * @param vjp one vector-Jacobian product per input, of its shape
   */
  public record Vjp(Tensor output, List<Tensor> vjp) {
    /**
     * Creates the result.
     *
     * @param output the output
     * @param vjp the products, copied into an unmodifiable list
     */
    public Vjp {
      vjp = List.copyOf(vjp);
    }
  }

  /**
   * Returns {@code f(input)} and the product {@code vᵀ·J} of {@code v} with the Jacobian of {@code
   * f} at {@code input}, as {@code torch.autograd.functional.vjp(f, input, v)}.
   *
   * @param f the function
   * @param input the point, floating
   * @param v a tensor of the output's shape; null for a one-element output (standing for 1)
   * @return the output and one product, of the input's shape
   * @throws IllegalArgumentException if the input is not floating, or {@code v} is null for an
   *     output of several elements or does not have the output's shape
   */
  public static Vjp vjp(UnaryOperator<Variable> f, Tensor input, Tensor v) {
    checkNotNull(f, "vjp: function is null");
    return vjp(x -> f.apply(x[0]), new Tensor[] {input}, v);
  }

  /**
   * Returns {@code f(inputs)} and the products {@code vᵀ·J_k} of {@code v} with the Jacobian of
   * {@code f} with respect to each input, as {@code torch.autograd.functional.vjp(f, inputs, v)}.
   *
   * @param f the function
   * @param inputs the point, one floating tensor per argument of {@code f}
   * @param v a tensor of the output's shape; null for a one-element output (standing for 1)
   * @return the output and one product per input, of that input's shape
   * @throws IllegalArgumentException if an input is not floating, or {@code v} is null for an
   *     output of several elements or does not have the output's shape
   */
  public static Vjp vjp(Fn f, Tensor[] inputs, Tensor v) {
    checkNotNull(f, "vjp: function is null");
    Variable[] leaves = leaves("vjp", inputs);
    Variable out = apply("vjp", f, leaves);
    checkArgument(
        v != null || out.numel() == 1,
        "vjp: v can be null only for a one-element output, but the output has shape %s",
        out.shape());
    checkArgument(
        v == null || v.shape().equals(out.shape()),
        "vjp: v of shape %s does not match the output's shape %s",
        v == null ? null : v.shape(),
        out.shape());
    Tensor[] grads =
        out.requiresGrad()
            ? Autograd.grad(new Variable[] {out}, leaves, new Tensor[] {v}, false, true)
            : new Tensor[leaves.length];
    List<Tensor> products = new ArrayList<>();
    for (int k = 0; k < leaves.length; k++) {
      products.add(grads[k] != null ? grads[k] : Tensor.zerosLike(inputs[k]));
    }
    return new Vjp(out.data(), products);
  }

  /**
   * Returns the Jacobian of {@code f} at {@code input}, as {@code
   * torch.autograd.functional.jacobian(f, input)}: {@code J[i..., j...] = ∂ output[i...] / ∂
   * input[j...]}, of shape {@code output shape ++ input shape}, computed row by row, one backward
   * pass per output element.
   *
   * @param f the function
   * @param input the point, floating
   * @return the Jacobian, in the input's dtype
   * @throws IllegalArgumentException if the input is not floating
   */
  public static Tensor jacobian(UnaryOperator<Variable> f, Tensor input) {
    checkNotNull(f, "jacobian: function is null");
    return jacobian(x -> f.apply(x[0]), new Tensor[] {input})[0];
  }

  /**
   * Returns the Jacobian of {@code f} with respect to each input, as {@code
   * torch.autograd.functional.jacobian(f, inputs)}: for input {@code k}, {@code J_k[i..., j...] = ∂
   * output[i...] / ∂ inputs[k][j...]}, of shape {@code output shape ++ input shape}, computed row
   * by row, one backward pass per output element.
   *
   * @param f the function
   * @param inputs the point, one floating tensor per argument of {@code f}
   * @return one Jacobian per input, in that input's dtype
   * @throws IllegalArgumentException if an input is not floating
   */
  public static Tensor[] jacobian(Fn f, Tensor... inputs) {
    checkNotNull(f, "jacobian: function is null");
    Variable[] leaves = leaves("jacobian", inputs);
    Variable out = apply("jacobian", f, leaves);
    int rows = out.numel();
    double[][] values = new double[leaves.length][];
    for (int k = 0; k < leaves.length; k++) {
      values[k] = new double[rows * leaves[k].numel()];
    }
    for (int i = 0; i < rows && out.requiresGrad(); i++) {
      Tensor seed = Tensor.zeros(Shape.of(rows), out.dtype());
      seed.set(1, i);
      Tensor[] grads =
          Autograd.grad(
              new Variable[] {out},
              leaves,
              new Tensor[] {seed.reshape(out.shape().toArray())},
              i < rows - 1,
              true);
      for (int k = 0; k < leaves.length; k++) {
        if (grads[k] != null) {
          double[] row = grads[k].toDoubleArray();
          System.arraycopy(row, 0, values[k], i * row.length, row.length);
        }
      }
    }
    Tensor[] jacobians = new Tensor[leaves.length];
    for (int k = 0; k < leaves.length; k++) {
      int[] shape = concat(out.shape().toArray(), inputs[k].shape().toArray());
      jacobians[k] = Tensor.of(values[k], shape).to(inputs[k].dtype());
    }
    return jacobians;
  }

  private static Variable[] leaves(String op, Tensor[] inputs) {
    checkNotNull(inputs, "%s: inputs is null", op);
    Variable[] leaves = new Variable[inputs.length];
    for (int k = 0; k < inputs.length; k++) {
      checkNotNull(inputs[k], "%s: input %s is null", op, k);
      checkArgument(
          inputs[k].dtype().isFloatingPoint(),
          "%s: input %s has dtype %s; expected FLOAT32 or FLOAT64",
          op,
          k,
          inputs[k].dtype());
      leaves[k] = new Variable(inputs[k]).requiresGrad(true);
    }
    return leaves;
  }

  private static Variable apply(String op, Fn f, Variable[] leaves) {
    Variable out = f.apply(leaves);
    checkArgument(out != null, "%s: the function returned null", op);
    return out;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = new int[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
