package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Derivatives of functions of tensors, as PyTorch's {@code torch.autograd.functional}: {@link
 * #vjp}, {@link #jvp} and {@link #jacobian} (first order), {@link #hessian}, {@link #hvp} and
 * {@link #vhp} (second order, from backward passes that create a graph).
 *
 * <p>Each method wraps the input tensors in fresh leaves that require grad (sharing their data,
 * which is only read), applies the function once and differentiates its output with {@link
 * Autograd#grad}, so no {@link Variable#grad()} changes. An input the output does not depend on
 * gets zeros (PyTorch's default {@code strict=False}); so does every input when the output does not
 * require grad at all. The overloads taking {@code strict} throw instead, as {@code strict=True}.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {1, 2, 3});
 * Tensor j = AutogradFunctional.jacobian(v -> v.mul(v), x);  // diag(2, 4, 6), shape [3, 3]
 * }</pre>
 *
 * <p>{@code jvp} uses the double-vjp trick: the vector-Jacobian product {@code uᵀ·J} of a dummy
 * {@code u} is recorded, and its derivative with respect to {@code u} along {@code v} is {@code
 * J·v}. {@code hvp} likewise differentiates {@code uᵀ·H} with respect to {@code u}, so it does not
 * assume the Hessian symmetric. The results are tensors: to keep differentiating a derivative, use
 * {@link Autograd#grad(Variable, Variable[], boolean)} with {@code createGraph} directly ({@code
 * create_graph=True} here would differentiate with respect to fresh leaves only).
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

  /**
   * The result of {@link #jvp}, as the pair PyTorch returns.
   *
   * @param output the function's output, not attached to any graph
   * @param jvp the Jacobian-vector product {@code J·v}, of the output's shape
   */
  public record Jvp(Tensor output, Tensor jvp) {}

  /**
   * The result of {@link #hvp} or {@link #vhp}, as the pair PyTorch returns.
   *
   * @param output the function's one-element output, not attached to any graph
   * @param product one product per input, of its shape
   */
  public record HessianProduct(Tensor output, List<Tensor> product) {
    /**
     * Creates the result.
     *
     * @param output the output
     * @param product the products, copied into an unmodifiable list
     */
    public HessianProduct {
      product = List.copyOf(product);
    }
  }

  /**
   * Returns {@code f(input)} and the product {@code J·v} of the Jacobian of {@code f} at {@code
   * input} with {@code v}, as {@code torch.autograd.functional.jvp(f, input, v)}.
   *
   * @param f the function
   * @param input the point, floating
   * @param v a tensor of the input's shape; null for a one-element input (standing for 1)
   * @return the output and the product, of the output's shape
   * @throws IllegalArgumentException if the input is not floating, or {@code v} is null for an
   *     input of several elements or does not have the input's shape
   */
  public static Jvp jvp(UnaryOperator<Variable> f, Tensor input, Tensor v) {
    checkNotNull(f, "jvp: function is null");
    return jvp(x -> f.apply(x[0]), new Tensor[] {input}, new Tensor[] {v}, false);
  }

  /**
   * Returns {@code f(inputs)} and {@code Σ_k J_k·v[k]}, the product of the Jacobian of {@code f}
   * with respect to all inputs with the tangents {@code v}, as {@code
   * torch.autograd.functional.jvp(f, inputs, v, strict=strict)}.
   *
   * @param f the function
   * @param inputs the point, one floating tensor per argument of {@code f}
   * @param v one tangent per input, of its shape; null (or a null entry) for one-element inputs
   * @param strict throw when the output does not depend on some input, rather than count its
   *     Jacobian as zero
   * @return the output and the product, of the output's shape
   * @throws IllegalArgumentException if an input is not floating, a tangent does not fit its input,
   *     or {@code strict} and the output does not depend on an input
   */
  public static Jvp jvp(Fn f, Tensor[] inputs, Tensor[] v, boolean strict) {
    checkNotNull(f, "jvp: function is null");
    Variable[] leaves = leaves("jvp", inputs);
    Tensor[] tangents = vectors("jvp", v, inputs);
    Variable out = apply("jvp", f, leaves);
    Tensor zero = Tensor.zerosLike(out.data());
    if (!out.requiresGrad()) {
      checkArgument(!strict, "jvp: the output does not require grad; in strict mode it must");
      return new Jvp(out.data(), zero);
    }
    Variable dummy = new Variable(zero).requiresGrad(true);
    Variable[] vjp =
        Autograd.grad(new Variable[] {out}, leaves, new Variable[] {dummy}, true, true, true);
    for (int k = 0; k < leaves.length; k++) {
      checkIndependence("jvp", vjp[k], k, strict);
    }
    Variable jv = backThrough(vjp, new Variable[] {dummy}, constants(tangents), false)[0];
    return new Jvp(out.data(), jv == null ? Tensor.zerosLike(zero) : jv.data());
  }

  /**
   * Returns the Hessian of the one-element {@code f} at {@code input}, as {@code
   * torch.autograd.functional.hessian(f, input)}: {@code H[i..., j...] = ∂² f / ∂ input[i...] ∂
   * input[j...]}, of shape {@code input shape ++ input shape}, row by row from the recorded
   * gradient.
   *
   * @param f the function, with a one-element output
   * @param input the point, floating
   * @return the Hessian, in the input's dtype
   * @throws IllegalArgumentException if the input is not floating or the output has several
   *     elements
   */
  public static Tensor hessian(UnaryOperator<Variable> f, Tensor input) {
    checkNotNull(f, "hessian: function is null");
    return hessian(x -> f.apply(x[0]), new Tensor[] {input}, false)[0][0];
  }

  /**
   * Returns the Hessian blocks of the one-element {@code f} at {@code inputs}, as {@code
   * torch.autograd.functional.hessian(f, inputs, strict=strict)}: block {@code [i][j]} holds {@code
   * ∂² f / ∂ inputs[i][a...] ∂ inputs[j][b...]}, of shape {@code inputs[i] shape ++ inputs[j]
   * shape}.
   *
   * @param f the function, with a one-element output
   * @param inputs the point, one floating tensor per argument of {@code f}
   * @param strict throw when the output, or its gradient, does not depend on some input, rather
   *     than count those blocks as zero
   * @return the blocks, {@code [inputs.length][inputs.length]}, in the dtype of the row's input
   * @throws IllegalArgumentException if an input is not floating, the output has several elements,
   *     or {@code strict} and a derivative does not depend on an input
   */
  public static Tensor[][] hessian(Fn f, Tensor[] inputs, boolean strict) {
    checkNotNull(f, "hessian: function is null");
    Variable[] leaves = leaves("hessian", inputs);
    Variable[] grads = recordedGradient("hessian", f, leaves, strict).grads;
    int n = leaves.length;
    double[][][] blocks = new double[n][n][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        blocks[i][j] = new double[leaves[i].numel() * leaves[j].numel()];
      }
    }
    for (int i = 0; i < n; i++) {
      Variable g = grads[i];
      checkArgument(
          !strict || (g != null && g.requiresGrad()),
          "hessian: the gradient with respect to input %s does not depend on the inputs (the"
              + " function is linear in it); in strict mode it must",
          i);
      int rows = leaves[i].numel();
      for (int r = 0; r < rows && g != null && g.requiresGrad(); r++) {
        Tensor seed = Tensor.zeros(Shape.of(rows), g.dtype());
        seed.set(1, r);
        Variable[] row =
            Autograd.grad(
                new Variable[] {g},
                leaves,
                new Variable[] {new Variable(seed.reshape(g.shape().toArray()))},
                true,
                false,
                true);
        for (int j = 0; j < n; j++) {
          if (row[j] != null) {
            double[] values = row[j].data().toDoubleArray();
            System.arraycopy(values, 0, blocks[i][j], r * values.length, values.length);
          }
        }
      }
    }
    Tensor[][] hessian = new Tensor[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int[] shape = concat(inputs[i].shape().toArray(), inputs[j].shape().toArray());
        hessian[i][j] = Tensor.of(blocks[i][j], shape).to(inputs[i].dtype());
      }
    }
    return hessian;
  }

  /**
   * Returns {@code f(input)} and the Hessian-vector product {@code H·v}, as {@code
   * torch.autograd.functional.hvp(f, input, v)}.
   *
   * @param f the function, with a one-element output
   * @param input the point, floating
   * @param v a tensor of the input's shape; null for a one-element input
   * @return the output and the product, of the input's shape
   * @throws IllegalArgumentException if the input is not floating, the output has several elements,
   *     or {@code v} does not fit the input
   */
  public static HessianProduct hvp(UnaryOperator<Variable> f, Tensor input, Tensor v) {
    checkNotNull(f, "hvp: function is null");
    return hvp(x -> f.apply(x[0]), new Tensor[] {input}, new Tensor[] {v}, false);
  }

  /**
   * Returns {@code f(inputs)} and the Hessian-vector products {@code Σ_j H[i][j]·v[j]}, one per
   * input, as {@code torch.autograd.functional.hvp(f, inputs, v, strict=strict)}: the derivative
   * along {@code u} of the recorded {@code uᵀ·H}, so that the Hessian is not assumed symmetric.
   *
   * @param f the function, with a one-element output
   * @param inputs the point, one floating tensor per argument of {@code f}
   * @param v one vector per input, of its shape; null (or a null entry) for one-element inputs
   * @param strict throw when the output does not depend on some input, rather than count its
   *     derivatives as zero
   * @return the output and one product per input, of that input's shape
   * @throws IllegalArgumentException if an input is not floating, the output has several elements,
   *     a vector does not fit its input, or {@code strict} and the output does not depend on an
   *     input
   */
  public static HessianProduct hvp(Fn f, Tensor[] inputs, Tensor[] v, boolean strict) {
    checkNotNull(f, "hvp: function is null");
    Variable[] leaves = leaves("hvp", inputs);
    Tensor[] vectors = vectors("hvp", v, inputs);
    Gradient first = recordedGradient("hvp", f, leaves, strict);
    Variable[] dummies = new Variable[leaves.length];
    for (int k = 0; k < leaves.length; k++) {
      dummies[k] = new Variable(Tensor.zerosLike(inputs[k])).requiresGrad(true);
    }
    Variable[] uh = backThrough(first.grads, leaves, dummies, true);
    return first.product(backThrough(uh, dummies, constants(vectors), false), inputs);
  }

  /**
   * Returns {@code f(input)} and the vector-Hessian product {@code vᵀ·H}, as {@code
   * torch.autograd.functional.vhp(f, input, v)}.
   *
   * @param f the function, with a one-element output
   * @param input the point, floating
   * @param v a tensor of the input's shape; null for a one-element input
   * @return the output and the product, of the input's shape
   * @throws IllegalArgumentException if the input is not floating, the output has several elements,
   *     or {@code v} does not fit the input
   */
  public static HessianProduct vhp(UnaryOperator<Variable> f, Tensor input, Tensor v) {
    checkNotNull(f, "vhp: function is null");
    return vhp(x -> f.apply(x[0]), new Tensor[] {input}, new Tensor[] {v}, false);
  }

  /**
   * Returns {@code f(inputs)} and the vector-Hessian products {@code Σ_i v[i]ᵀ·H[i][j]}, one per
   * input, as {@code torch.autograd.functional.vhp(f, inputs, v, strict=strict)}: one backward pass
   * through the recorded gradient.
   *
   * @param f the function, with a one-element output
   * @param inputs the point, one floating tensor per argument of {@code f}
   * @param v one vector per input, of its shape; null (or a null entry) for one-element inputs
   * @param strict throw when the output does not depend on some input, rather than count its
   *     derivatives as zero
   * @return the output and one product per input, of that input's shape
   * @throws IllegalArgumentException if an input is not floating, the output has several elements,
   *     a vector does not fit its input, or {@code strict} and the output does not depend on an
   *     input
   */
  public static HessianProduct vhp(Fn f, Tensor[] inputs, Tensor[] v, boolean strict) {
    checkNotNull(f, "vhp: function is null");
    Variable[] leaves = leaves("vhp", inputs);
    Tensor[] vectors = vectors("vhp", v, inputs);
    Gradient first = recordedGradient("vhp", f, leaves, strict);
    return first.product(backThrough(first.grads, leaves, constants(vectors), false), inputs);
  }

  /**
   * Returns {@code Σ_k along[k]ᵀ · ∂ grads[k] / ∂ wrt[j]} for each {@code j}, over the gradients
   * that depend on anything (the others add nothing); null for a {@code wrt} entry none depends on.
   * With {@code createGraph} the result is recorded, differentiable in {@code along} too.
   */
  private static Variable[] backThrough(
      Variable[] grads, Variable[] wrt, Variable[] along, boolean createGraph) {
    List<Variable> outputs = new ArrayList<>();
    List<Variable> seeds = new ArrayList<>();
    for (int k = 0; k < grads.length; k++) {
      if (grads[k] != null && grads[k].requiresGrad()) {
        outputs.add(grads[k]);
        seeds.add(along[k]);
      }
    }
    if (outputs.isEmpty()) {
      return new Variable[wrt.length];
    }
    return Autograd.grad(
        outputs.toArray(new Variable[0]),
        wrt,
        seeds.toArray(new Variable[0]),
        createGraph,
        createGraph,
        true);
  }

  private static Variable[] constants(Tensor[] tensors) {
    Variable[] v = new Variable[tensors.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = new Variable(tensors[k]);
    }
    return v;
  }

  /** A one-element output and its gradient, recorded so that it can be differentiated. */
  private record Gradient(Variable output, Variable[] grads) {
    /** Returns the output with {@code products}, zeros standing for null entries. */
    HessianProduct product(Variable[] products, Tensor[] inputs) {
      List<Tensor> list = new ArrayList<>();
      for (int k = 0; k < products.length; k++) {
        list.add(products[k] != null ? products[k].data() : Tensor.zerosLike(inputs[k]));
      }
      return new HessianProduct(output.data(), list);
    }
  }

  /**
   * Applies {@code f} and returns its one-element output with the gradient with respect to each
   * leaf, recorded (null for a leaf the output does not depend on).
   */
  private static Gradient recordedGradient(String op, Fn f, Variable[] leaves, boolean strict) {
    Variable out = apply(op, f, leaves);
    checkArgument(
        out.numel() == 1,
        "%s: the function must return a one-element output, got shape %s",
        op,
        out.shape());
    if (!out.requiresGrad()) {
      checkArgument(!strict, "%s: the output does not require grad; in strict mode it must", op);
      return new Gradient(out, new Variable[leaves.length]);
    }
    Variable[] grads = Autograd.grad(new Variable[] {out}, leaves, null, true, true, true);
    for (int k = 0; k < grads.length; k++) {
      checkIndependence(op, grads[k], k, strict);
    }
    return new Gradient(out, grads);
  }

  private static void checkIndependence(String op, Variable grad, int k, boolean strict) {
    checkArgument(
        !strict || grad != null,
        "%s: the output of the function does not depend on input %s; in strict mode it must",
        op,
        k);
  }

  /**
   * Returns the vectors {@code v}, one per input and of its shape, a null entry standing for 1 at a
   * one-element input.
   */
  private static Tensor[] vectors(String op, Tensor[] v, Tensor[] inputs) {
    checkArgument(
        v == null || v.length == inputs.length,
        "%s: %s vectors for %s inputs; expected one per input",
        op,
        v == null ? 0 : v.length,
        inputs.length);
    Tensor[] out = new Tensor[inputs.length];
    for (int k = 0; k < inputs.length; k++) {
      Tensor given = v == null ? null : v[k];
      if (given == null) {
        checkArgument(
            inputs[k].numel() == 1,
            "%s: v can be null only for a one-element input, but input %s has shape %s",
            op,
            k,
            inputs[k].shape());
        out[k] = Tensor.onesLike(inputs[k]);
      } else {
        checkArgument(
            given.shape().equals(inputs[k].shape()),
            "%s: v %s of shape %s does not match input %s of shape %s",
            op,
            k,
            given.shape(),
            k,
            inputs[k].shape());
        out[k] = given.to(inputs[k].dtype());
      }
    }
    return out;
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
