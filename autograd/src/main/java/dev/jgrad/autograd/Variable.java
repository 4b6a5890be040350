package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.ops.Abs;
import dev.jgrad.autograd.ops.Add;
import dev.jgrad.autograd.ops.Cat;
import dev.jgrad.autograd.ops.Clamp;
import dev.jgrad.autograd.ops.Copy;
import dev.jgrad.autograd.ops.Cumsum;
import dev.jgrad.autograd.ops.Div;
import dev.jgrad.autograd.ops.Exp;
import dev.jgrad.autograd.ops.Expand;
import dev.jgrad.autograd.ops.Gather;
import dev.jgrad.autograd.ops.IndexSelect;
import dev.jgrad.autograd.ops.Linear;
import dev.jgrad.autograd.ops.Log;
import dev.jgrad.autograd.ops.LogSoftmax;
import dev.jgrad.autograd.ops.LogSumExp;
import dev.jgrad.autograd.ops.MaskedFill;
import dev.jgrad.autograd.ops.MatMul;
import dev.jgrad.autograd.ops.MaxAll;
import dev.jgrad.autograd.ops.MaxDim;
import dev.jgrad.autograd.ops.Maximum;
import dev.jgrad.autograd.ops.MinAll;
import dev.jgrad.autograd.ops.MinDim;
import dev.jgrad.autograd.ops.Minimum;
import dev.jgrad.autograd.ops.Mul;
import dev.jgrad.autograd.ops.Narrow;
import dev.jgrad.autograd.ops.Neg;
import dev.jgrad.autograd.ops.Norm;
import dev.jgrad.autograd.ops.Permute;
import dev.jgrad.autograd.ops.Pow;
import dev.jgrad.autograd.ops.PowScalar;
import dev.jgrad.autograd.ops.Prod;
import dev.jgrad.autograd.ops.Relu;
import dev.jgrad.autograd.ops.Reshape;
import dev.jgrad.autograd.ops.Scatter;
import dev.jgrad.autograd.ops.ScatterAdd;
import dev.jgrad.autograd.ops.Select;
import dev.jgrad.autograd.ops.Sigmoid;
import dev.jgrad.autograd.ops.Slice;
import dev.jgrad.autograd.ops.Softmax;
import dev.jgrad.autograd.ops.Sqrt;
import dev.jgrad.autograd.ops.Std;
import dev.jgrad.autograd.ops.Sub;
import dev.jgrad.autograd.ops.Sum;
import dev.jgrad.autograd.ops.Tanh;
import dev.jgrad.autograd.ops.ToDType;
import dev.jgrad.autograd.ops.Var;
import dev.jgrad.autograd.ops.Where;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.MatMulShape;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A differentiable value: a {@link Tensor} together with its gradient and the op that made it, as a
 * PyTorch tensor with {@code requires_grad}.
 *
 * <p>A <b>leaf</b> is a variable the user created ({@link #Variable(Tensor)}, a constant until
 * {@link #requiresGrad(boolean) requiresGrad(true)}, PyTorch's {@code requires_grad_()}); weights
 * are leaves that require grad. Every op on variables returns a new variable; when an input
 * requires grad (and {@link NoGrad} is not active on the thread) the result records its op, {@link
 * #opName()}, and is not a leaf. {@link #backward()} then fills {@link #grad()} of every leaf that
 * requires grad with the derivative of this (scalar) variable, adding to what is already there:
 *
 * <pre>{@code
 * Variable x = new Variable(Tensor.of(new double[] {1, 2, 3})).requiresGrad(true);
 * Variable y = x.mul(x).sum();   // opName() == "sum"
 * y.backward();
 * x.grad();                      // tensor([2., 4., 6.], dtype=float64)
 * }</pre>
 *
 * <p>Binary ops broadcast as {@link Tensor}'s do; the derivative sums back over broadcast
 * dimensions. Gradients of intermediate variables are dropped once used unless {@link
 * #retainGrad()} was called; {@link #registerHook} lets code see or replace a gradient as it is
 * computed. The graph's saved tensors are freed by the backward pass unless {@link
 * #backward(Tensor, boolean)} retains them. With {@code createGraph} ({@link #backward(Tensor,
 * boolean, boolean)}, {@link Autograd#grad(Variable, Variable[], boolean)}) the backward pass is
 * itself recorded, so gradients can be differentiated again (second order; {@link
 * #gradVariable()}). Build and differentiate each graph on one thread; graphs built on several
 * threads may share leaves: their backward passes add to each leaf's {@link #grad()} under that
 * leaf's lock, so every gradient is added exactly once (the sum is formed in the order the threads
 * arrive, so it may differ in the last bits from run to run).
 *
 * <p>This class is not final so that {@code nn}'s {@code Parameter} can extend it.
 */
public class Variable {
  private Tensor data;
  private final Function gradFn;
  private boolean requiresGrad;
  private boolean retainsGrad;
  private volatile Tensor grad;
  private Variable gradGraph;
  private volatile List<GradientHook> hooks = List.of();

  /** One registration of a gradient hook; removed by identity, so a hook may be added twice. */
  private record GradientHook(UnaryOperator<Tensor> fn) {}

  /**
   * Creates a leaf that does not require grad: a constant, until {@link #requiresGrad(boolean)
   * requiresGrad(true)} makes it a leaf whose gradient backward passes compute, as a weight's.
   *
   * @param data the value; shared, not copied
   */
  public Variable(Tensor data) {
    this.data = checkNotNull(data, "Variable: data is null");
    this.gradFn = null;
  }

  /** Creates the recorded result of {@code gradFn}. */
  Variable(Tensor data, Function gradFn) {
    this.data = data;
    this.gradFn = gradFn;
    this.requiresGrad = true;
  }

  // ---------------------------------------------------------------- state

  /**
   * Returns the value. Writing to it directly bypasses autograd's checks for leaves (as PyTorch's
   * {@code .data}), but tensors saved for backward still detect the write through their version.
   *
   * @return the tensor this variable wraps, shared with it
   */
  public Tensor data() {
    return data;
  }

  /**
   * Returns the accumulated gradient: set on leaves that require grad, and on other variables only
   * after {@link #retainGrad()}; {@code null} until a backward pass reaches this variable.
   *
   * @return the gradient, of the data's shape and dtype, or null
   */
  public Tensor grad() {
    return grad;
  }

  /**
   * Replaces the gradient; {@code null} clears it (PyTorch's {@code set_to_none}).
   *
   * @param grad the new gradient, of the data's shape and dtype, or null to clear it; kept, not
   *     copied
   * @throws IllegalArgumentException if the gradient's shape or dtype differs from the data's
   */
  public void setGrad(Tensor grad) {
    if (grad != null) {
      checkArgument(
          grad.shape().equals(data.shape()) && grad.dtype() == data.dtype(),
          "setGrad: gradient of shape %s and dtype %s does not match data of shape %s and dtype %s",
          grad.shape(),
          grad.dtype(),
          data.shape(),
          data.dtype());
    }
    synchronized (this) {
      this.grad = grad;
      this.gradGraph = null;
    }
  }

  /**
   * Returns the accumulated gradient as a variable: after a backward pass with {@code createGraph},
   * the differentiable result of that pass, recorded in its graph (PyTorch's {@code x.grad} with a
   * {@code grad_fn}), so that a function of it, such as a gradient penalty, can be differentiated;
   * otherwise a constant over {@link #grad()}.
   *
   * @return the gradient as a variable over {@link #grad()}, or null when there is none
   */
  public Variable gradVariable() {
    synchronized (this) {
      Tensor g = grad;
      return g == null ? null : gradGraph != null ? gradGraph : new Variable(g);
    }
  }

  /**
   * Returns whether gradients flow to or through this variable.
   *
   * @return true for a leaf that requires grad and for every result recorded from one
   */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Sets whether this leaf requires grad; returns this variable.
   *
   * @param requiresGrad whether backward passes compute a gradient for this leaf
   * @return this variable, for chaining
   * @throws IllegalStateException if this variable is not a leaf (use {@link #detach()})
   * @throws IllegalArgumentException if {@code requiresGrad} is true and the dtype is not floating
   */
  public Variable requiresGrad(boolean requiresGrad) {
    if (gradFn != null) {
      throw new IllegalStateException(
          String.format(
              "requiresGrad: can only be changed on a leaf, but this Variable of shape %s was made"
                  + " by %s; use detach() to get a leaf",
              data.shape(), gradFn.name()));
    }
    this.requiresGrad = checkFloatingIfRequired(data, requiresGrad);
    return this;
  }

  /**
   * Replaces the value of this leaf, as PyTorch's {@code param.data = ...}, for subclasses that
   * convert their value in place of the object (nn's {@code Module.to(DType)} through its {@code
   * Parameter}). The gradient is cleared: give the converted one back with {@link #setGrad}. Graphs
   * recorded before the call still hold the old value.
   *
   * @param data the new value, of the current shape; floating if this leaf requires grad
   * @throws IllegalStateException if this variable is not a leaf
   * @throws IllegalArgumentException if the shape differs, or this leaf requires grad and the new
   *     dtype is not floating
   */
  protected final void setData(Tensor data) {
    checkNotNull(data, "data");
    if (gradFn != null) {
      throw new IllegalStateException(
          String.format(
              "setData: can only replace a leaf's value, but this Variable of shape %s was made by"
                  + " %s",
              this.data.shape(), gradFn.name()));
    }
    checkArgument(
        data.shape().equals(this.data.shape()),
        "setData: new value of shape %s does not match the current shape %s",
        data.shape(),
        this.data.shape());
    checkFloatingIfRequired(data, requiresGrad);
    this.grad = null;
    this.gradGraph = null;
    this.data = data;
  }

  private static boolean checkFloatingIfRequired(Tensor data, boolean requiresGrad) {
    checkArgument(
        !requiresGrad || data.dtype().isFloatingPoint(),
        "requiresGrad: only floating-point Variables can require grad, got %s of shape %s",
        data.dtype(),
        data.shape());
    return requiresGrad;
  }

  /**
   * Returns whether the user created this variable, as opposed to an op recorded in the graph.
   *
   * @return true when no recorded op made this variable
   */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /**
   * Returns the name of the op that made this variable, e.g. {@code "matmul"}; null for leaves.
   *
   * @return the op's name, or null
   */
  public String opName() {
    return gradFn == null ? null : gradFn.name();
  }

  /**
   * Returns the recorded op that made this variable (PyTorch's {@code grad_fn}); null for leaves.
   *
   * @return the op, or null
   */
  public Function gradFn() {
    return gradFn;
  }

  /**
   * Returns a leaf sharing this variable's data that does not require grad.
   *
   * @return a new constant leaf over the same tensor, cut off from the graph
   */
  public Variable detach() {
    return new Variable(data);
  }

  /**
   * Keeps this non-leaf's gradient in {@link #grad()} during backward passes; returns this
   * variable. Leaves that require grad always keep theirs.
   *
   * @return this variable, for chaining
   * @throws IllegalStateException if this variable does not require grad
   */
  public Variable retainGrad() {
    if (!requiresGrad) {
      throw new IllegalStateException(
          String.format(
              "retainGrad: this Variable of shape %s does not require grad, so it never gets one",
              data.shape()));
    }
    retainsGrad = gradFn != null;
    return this;
  }

  /**
   * Registers a hook that sees this variable's gradient each time a backward pass (or {@link
   * Autograd#grad}) computes it, and may replace it, as PyTorch's {@code Tensor.register_hook}.
   *
   * <p>The hook receives the gradient of the pass with respect to this variable: for a leaf, the
   * sum of every contribution of the pass, before it is added to {@link #grad()} (so it never sees
   * what earlier passes accumulated); for a result of an op, the sum that flows into that op's
   * backward pass. It returns null (or its argument) to keep the gradient, or a tensor of the same
   * shape and dtype that replaces it: the replacement is what the leaf accumulates, what flows on
   * to the op's inputs, what {@link #retainGrad()} keeps and what {@link Autograd#grad} returns.
   * Several hooks run in the order they were registered, each seeing the previous one's result. A
   * hook should not modify its argument in place: it may be shared with other gradients of the
   * pass.
   *
   * <pre>{@code
   * List<Tensor> seen = new ArrayList<>();
   * x.registerHook(g -> { seen.add(g); return null; });   // record
   * x.registerHook(g -> g.mul(2));                        // replace: x.grad() gets twice the value
   * }</pre>
   *
   * @param hook the function of the gradient; returns the replacement, or null to keep it
   * @return a handle whose {@link RemovableHandle#remove()} unregisters the hook
   * @throws IllegalStateException if this variable does not require grad, so it never gets one
   */
  public RemovableHandle registerHook(UnaryOperator<Tensor> hook) {
    checkNotNull(hook, "registerHook: hook is null");
    if (!requiresGrad) {
      throw new IllegalStateException(
          String.format(
              "registerHook: this Variable of shape %s does not require grad, so no gradient is"
                  + " ever computed for it; call requiresGrad(true) first",
              data.shape()));
    }
    GradientHook entry = new GradientHook(hook);
    synchronized (this) {
      List<GradientHook> more = new ArrayList<>(hooks);
      more.add(entry);
      hooks = List.copyOf(more);
    }
    return () -> {
      synchronized (this) {
        List<GradientHook> fewer = new ArrayList<>(hooks);
        fewer.removeIf(h -> h == entry);
        hooks = List.copyOf(fewer);
      }
    };
  }

  /**
   * Runs the hooks on {@code g}, this variable's gradient in a pass, in registration order, and
   * returns the gradient they leave.
   *
   * @throws IllegalStateException if a hook returns a tensor of another shape or dtype
   */
  Tensor applyHooks(Tensor g) {
    List<GradientHook> current = hooks;
    for (int i = 0; i < current.size(); i++) {
      Tensor r = current.get(i).fn().apply(g);
      if (r == null || r == g) {
        continue;
      }
      if (!r.shape().equals(g.shape()) || r.dtype() != g.dtype()) {
        throw new IllegalStateException(
            String.format(
                "registerHook: hook %s of a Variable of shape %s returned a gradient of shape %s"
                    + " and dtype %s; expected shape %s and dtype %s",
                i, data.shape(), r.shape(), r.dtype(), g.shape(), g.dtype()));
      }
      g = r;
    }
    return g;
  }

  /** Returns whether the backward pass keeps this non-leaf's gradient in {@link #grad()}. */
  boolean retainsGrad() {
    return retainsGrad;
  }

  /**
   * Adds {@code g} (already of the data's shape) to the gradient, which owns its storage: a first
   * gradient is copied unless {@code adoptable} says that nothing else refers to g's storage, in
   * which case it is kept as it is.
   *
   * <p>The read and the replacement of {@link #grad()} happen under this variable's lock, so
   * backward passes running on several threads through shared leaves each add their gradient
   * exactly once; the sum is then formed in the order the threads arrive.
   */
  void accumulateGrad(Variable g, boolean adoptable) {
    if (NoGrad.isGradEnabled()) {
      accumulateGraph(g, adoptable);
      return;
    }
    Tensor t = g.data();
    Tensor cast = t.to(data.dtype());
    synchronized (this) {
      grad = grad == null ? (cast == t && !adoptable ? t.copy() : cast) : grad.add(cast);
      gradGraph = null;
    }
  }

  /** Adds {@code g} in a pass that creates a graph, recording the sum in it. */
  private void accumulateGraph(Variable g, boolean adoptable) {
    Variable cast = g.to(data.dtype());
    synchronized (this) {
      Variable previous = gradGraph != null ? gradGraph : grad != null ? new Variable(grad) : null;
      Variable sum =
          previous != null ? previous.add(cast) : cast == g && !adoptable ? g.copy() : cast;
      gradGraph = sum;
      grad = sum.data();
    }
  }

  // ---------------------------------------------------------------- backward

  /**
   * Computes the gradient of this one-element variable with respect to every leaf that requires
   * grad, adding it to their {@link #grad()}, and frees the graph's saved tensors.
   *
   * @throws IllegalStateException if this variable does not require grad, or the graph was freed by
   *     an earlier backward pass
   * @throws IllegalArgumentException if this variable has more than one element
   */
  public void backward() {
    requireGraph();
    checkArgument(
        data.numel() == 1,
        "backward: grad can be implicitly created only for a one-element output, but this Variable"
            + " has shape %s; call backward(gradOutput) with a gradient of that shape",
        data.shape());
    backward(Tensor.onesLike(data), false);
  }

  /**
   * Back-propagates {@code gradOutput}, the gradient of some scalar with respect to this variable,
   * and frees the graph's saved tensors; see {@link #backward(Tensor, boolean)}.
   *
   * @param gradOutput the gradient of the final scalar with respect to this variable, of its shape;
   *     any dtype, converted to this variable's
   * @throws IllegalArgumentException if {@code gradOutput}'s shape differs from this variable's
   * @throws IllegalStateException if this variable does not require grad, or the graph was freed by
   *     an earlier backward pass
   */
  public void backward(Tensor gradOutput) {
    backward(gradOutput, false);
  }

  /**
   * Back-propagates {@code gradOutput}, adding to the {@link #grad()} of every leaf that requires
   * grad (and every retained variable) the vector-Jacobian product with {@code gradOutput}.
   *
   * @param retainGraph keep the saved tensors so that the graph can be differentiated again
   * @param gradOutput the gradient of the final scalar with respect to this variable, of its shape;
   *     any dtype, converted to this variable's
   * @throws IllegalArgumentException if {@code gradOutput}'s shape differs from this variable's
   * @throws IllegalStateException if this variable does not require grad, or the graph was freed by
   *     an earlier backward pass
   */
  public void backward(Tensor gradOutput, boolean retainGraph) {
    backward(gradOutput, retainGraph, false);
  }

  /**
   * Back-propagates {@code gradOutput} as {@link #backward(Tensor, boolean)} does and, with {@code
   * createGraph}, records the graph of the gradients it computes, as PyTorch's {@code
   * backward(gradient, retain_graph, create_graph)}: each leaf's {@link #gradVariable()} is then
   * differentiable (its data is {@link #grad()}), so that functions of gradients, such as a
   * gradient penalty, can be differentiated in turn. Hooks see the gradients' data; a hook's
   * replacement enters the new graph as a constant.
   *
   * @param gradOutput the gradient of the final scalar with respect to this variable, of its shape;
   *     any dtype, converted to this variable's
   * @param retainGraph keep the saved tensors so that the graph can be differentiated again
   *     (PyTorch's default for it is {@code createGraph})
   * @param createGraph record the backward pass, so that the gradients can be differentiated
   * @throws IllegalArgumentException if {@code gradOutput}'s shape differs from this variable's
   * @throws IllegalStateException if this variable does not require grad, the graph was freed by an
   *     earlier backward pass, or {@code createGraph} meets a once-differentiable {@link Function}
   */
  public void backward(Tensor gradOutput, boolean retainGraph, boolean createGraph) {
    checkNotNull(gradOutput, "backward: gradOutput is null");
    requireGraph();
    checkArgument(
        gradOutput.shape().equals(data.shape()),
        "backward: gradOutput of shape %s does not match the output's shape %s",
        gradOutput.shape(),
        data.shape());
    Engine.backward(this, new Variable(gradOutput.to(data.dtype())), retainGraph, createGraph);
  }

  private void requireGraph() {
    if (!requiresGrad) {
      throw new IllegalStateException(
          String.format(
              "backward: this Variable of shape %s does not require grad and has no op to"
                  + " differentiate: none of its inputs requires grad, or it was computed inside"
                  + " NoGrad",
              data.shape()));
    }
  }

  // ---------------------------------------------------------------- metadata

  /**
   * Returns the shape of the data.
   *
   * @return the data's shape
   */
  public Shape shape() {
    return data.shape();
  }

  /**
   * Returns the dtype of the data.
   *
   * @return the data's element type
   */
  public DType dtype() {
    return data.dtype();
  }

  /**
   * Returns the number of dimensions.
   *
   * @return the data's rank, 0 for a scalar
   */
  public int dim() {
    return data.dim();
  }

  /**
   * Returns the size of dimension {@code dim}; negative values count from the end.
   *
   * @param dim the dimension, in {@code [-rank, rank)}
   * @return the number of indices along that dimension
   */
  public int size(int dim) {
    return data.size(dim);
  }

  /**
   * Returns the number of elements.
   *
   * @return the product of the sizes
   */
  public int numel() {
    return data.numel();
  }

  /**
   * Returns the single element as a double.
   *
   * @return the element, widened to double
   * @throws IllegalArgumentException if there is not exactly one element
   */
  public double item() {
    return data.item();
  }

  // ---------------------------------------------------------------- elementwise

  /**
   * Returns {@code this + other}, broadcasting.
   *
   * @param other the right operand, broadcast against this variable
   * @return a new variable, recorded when either operand requires grad
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Variable add(Variable other) {
    Shape s = Shape.broadcast("add", shape(), other.shape());
    return new Add().apply(expandTo(s), other.expandTo(s));
  }

  /**
   * Returns {@code this + value}.
   *
   * @param value a constant added to every element
   * @return a new variable of this shape
   */
  public Variable add(double value) {
    return add(constant(value));
  }

  /**
   * Returns {@code this - other}, broadcasting.
   *
   * @param other the right operand, broadcast against this variable
   * @return a new variable, recorded when either operand requires grad
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Variable sub(Variable other) {
    Shape s = Shape.broadcast("sub", shape(), other.shape());
    return new Sub().apply(expandTo(s), other.expandTo(s));
  }

  /**
   * Returns {@code this - value}.
   *
   * @param value a constant subtracted from every element
   * @return a new variable of this shape
   */
  public Variable sub(double value) {
    return sub(constant(value));
  }

  /**
   * Returns {@code this * other}, broadcasting.
   *
   * @param other the right operand, broadcast against this variable
   * @return a new variable, recorded when either operand requires grad
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Variable mul(Variable other) {
    Shape s = Shape.broadcast("mul", shape(), other.shape());
    return new Mul().apply(expandTo(s), other.expandTo(s));
  }

  /**
   * Returns {@code this * value}.
   *
   * @param value a constant factor for every element
   * @return a new variable of this shape
   */
  public Variable mul(double value) {
    return mul(constant(value));
  }

  /**
   * Returns {@code this / other}, broadcasting.
   *
   * @param other the divisor, broadcast against this variable
   * @return a new variable, recorded when either operand requires grad
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Variable div(Variable other) {
    Shape s = Shape.broadcast("div", shape(), other.shape());
    return new Div().apply(expandTo(s), other.expandTo(s));
  }

  /**
   * Returns {@code this / value}.
   *
   * @param value a constant divisor for every element
   * @return a new variable of this shape
   */
  public Variable div(double value) {
    return div(constant(value));
  }

  /**
   * Returns {@code -this}.
   *
   * @return a new variable of this shape
   */
  public Variable neg() {
    return new Neg().apply(this);
  }

  /**
   * Returns {@code this ^ exponent} elementwise.
   *
   * @param exponent a constant exponent for every element
   * @return a new variable of this shape
   */
  public Variable pow(double exponent) {
    return new PowScalar(exponent).apply(this);
  }

  /**
   * Returns {@code this ^ exponent} elementwise, broadcasting.
   *
   * @param exponent the exponents, broadcast against this variable; differentiable too
   * @return a new variable, recorded when either operand requires grad
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Variable pow(Variable exponent) {
    Shape s = Shape.broadcast("pow", shape(), exponent.shape());
    return new Pow().apply(expandTo(s), exponent.expandTo(s));
  }

  /**
   * Returns {@code e ^ this}.
   *
   * @return a new variable of this shape
   */
  public Variable exp() {
    return new Exp().apply(this);
  }

  /**
   * Returns the natural logarithm.
   *
   * @return a new variable of this shape; its derivative {@code 1 / this} is infinite at 0
   */
  public Variable log() {
    return new Log().apply(this);
  }

  /**
   * Returns the square root.
   *
   * @return a new variable of this shape
   */
  public Variable sqrt() {
    return new Sqrt().apply(this);
  }

  /**
   * Returns {@code |this|} (derivative 0 at 0).
   *
   * @return a new variable of this shape
   */
  public Variable abs() {
    return new Abs().apply(this);
  }

  /**
   * Returns {@code max(this, 0)} (derivative 0 at 0).
   *
   * @return a new variable of this shape
   */
  public Variable relu() {
    return new Relu().apply(this);
  }

  /**
   * Returns the logistic sigmoid.
   *
   * @return a new variable of this shape, with values in {@code [0, 1]}
   */
  public Variable sigmoid() {
    return new Sigmoid().apply(this);
  }

  /**
   * Returns the hyperbolic tangent.
   *
   * @return a new variable of this shape, with values in {@code [-1, 1]}
   */
  public Variable tanh() {
    return new Tanh().apply(this);
  }

  /**
   * Returns each element clamped to {@code [min, max]}; the gradient passes inside the bounds.
   *
   * @param min the lower bound, or {@link Double#NEGATIVE_INFINITY} for none
   * @param max the upper bound, or {@link Double#POSITIVE_INFINITY} for none
   * @return a new variable of this shape
   * @throws IllegalArgumentException if {@code min > max}
   */
  public Variable clamp(double min, double max) {
    return new Clamp(min, max).apply(this);
  }

  // ---------------------------------------------------------------- activations
  // (torch.nn.functional)

  /**
   * Returns the error function of each element, as {@code torch.erf}.
   *
   * @return a new variable of this shape, with values in {@code [-1, 1]}
   */
  public Variable erf() {
    return new dev.jgrad.autograd.ops.Erf().apply(this);
  }

  /**
   * Returns the complementary error function {@code 1 - erf(x)} of each element, as {@code
   * torch.erfc}, accurate also where it is tiny.
   *
   * @return a new variable of this shape, with values in {@code [0, 2]}
   */
  public Variable erfc() {
    return new dev.jgrad.autograd.ops.Erfc().apply(this);
  }

  /**
   * Returns the exact GELU {@code x · Φ(x)}, as {@code F.gelu(x)}; see {@link #gelu(String)}.
   *
   * @return a new variable of this shape
   */
  public Variable gelu() {
    return gelu("none");
  }

  /**
   * Returns the GELU, as {@code F.gelu(x, approximate)}: {@code "none"} for {@code x · Φ(x)}, Φ the
   * standard normal CDF, {@code "tanh"} for its tanh approximation (see {@link
   * Tensor#gelu(String)}).
   *
   * @param approximate {@code "none"} or {@code "tanh"}
   * @return a new variable of this shape
   * @throws IllegalArgumentException if approximate is neither
   */
  public Variable gelu(String approximate) {
    return Tensor.geluIsTanh(approximate)
        ? new dev.jgrad.autograd.ops.GeluTanh().apply(this)
        : new dev.jgrad.autograd.ops.Gelu().apply(this);
  }

  /**
   * Returns the SiLU {@code x · sigmoid(x)}, as {@code F.silu}.
   *
   * @return a new variable of this shape
   */
  public Variable silu() {
    return new dev.jgrad.autograd.ops.Silu().apply(this);
  }

  /**
   * Returns the softplus with PyTorch's defaults {@code beta = 1}, {@code threshold = 20}, as
   * {@code F.softplus(x)}.
   *
   * @return a new variable of this shape
   */
  public Variable softplus() {
    return softplus(1, 20);
  }

  /**
   * Returns the softplus {@code log(1 + e^{β·x}) / β}, linear where {@code β·x > threshold}, as
   * {@code F.softplus(x, beta, threshold)}.
   *
   * @param beta the scale β
   * @param threshold above which {@code β·x} the function is {@code x}
   * @return a new variable of this shape
   */
  public Variable softplus(double beta, double threshold) {
    return new dev.jgrad.autograd.ops.Softplus(beta, threshold).apply(this);
  }

  /**
   * Returns the ELU with {@code alpha = 1}, as {@code F.elu(x)}.
   *
   * @return a new variable of this shape
   */
  public Variable elu() {
    return elu(1);
  }

  /**
   * Returns the ELU, as {@code F.elu(x, alpha)}: {@code x} above 0, {@code α · (e^x - 1)} at 0 and
   * below; the derivative at 0 is α, as in PyTorch.
   *
   * @param alpha the scale α of the negative side
   * @return a new variable of this shape
   */
  public Variable elu(double alpha) {
    return new dev.jgrad.autograd.ops.Elu(alpha).apply(this);
  }

  /**
   * Returns the hardtanh with PyTorch's bounds -1 and 1, as {@code F.hardtanh(x)}.
   *
   * @return a new variable of this shape
   */
  public Variable hardtanh() {
    return hardtanh(-1, 1);
  }

  /**
   * Returns each element clamped to {@code [min, max]}, as {@code F.hardtanh(x, min_val, max_val)};
   * the gradient passes strictly inside the bounds only (where {@link #clamp} passes it at the
   * bounds too).
   *
   * @param min the lower bound
   * @param max the upper bound
   * @return a new variable of this shape
   * @throws IllegalArgumentException if {@code min > max} or either is NaN
   */
  public Variable hardtanh(double min, double max) {
    return new dev.jgrad.autograd.ops.Hardtanh(min, max).apply(this);
  }

  /**
   * Returns the leaky ReLU with PyTorch's slope 0.01, as {@code F.leaky_relu(x)}.
   *
   * @return a new variable of this shape
   */
  public Variable leakyRelu() {
    return leakyRelu(0.01);
  }

  /**
   * Returns the leaky ReLU, as {@code F.leaky_relu(x, negative_slope)}: {@code x} above 0, {@code
   * negative_slope · x} at 0 and below; the derivative at 0 is the slope, as in PyTorch.
   *
   * @param negativeSlope the factor of the negative side
   * @return a new variable of this shape
   */
  public Variable leakyRelu(double negativeSlope) {
    return new dev.jgrad.autograd.ops.LeakyRelu(negativeSlope).apply(this);
  }

  /**
   * Returns the elementwise maximum, broadcasting; ties share the gradient equally.
   *
   * @param other the other operand, broadcast against this variable
   * @return a new variable, recorded when either operand requires grad
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Variable maximum(Variable other) {
    Shape s = Shape.broadcast("maximum", shape(), other.shape());
    return new Maximum().apply(expandTo(s), other.expandTo(s));
  }

  /**
   * Returns the elementwise minimum, broadcasting; ties share the gradient equally.
   *
   * @param other the other operand, broadcast against this variable
   * @return a new variable, recorded when either operand requires grad
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Variable minimum(Variable other) {
    Shape s = Shape.broadcast("minimum", shape(), other.shape());
    return new Minimum().apply(expandTo(s), other.expandTo(s));
  }

  /**
   * Returns {@code condition != 0 ? a : b} elementwise, broadcasting all three.
   *
   * @param condition the mask, a constant; nonzero elements select {@code a}
   * @param a the values taken where the condition holds; gets the gradient there
   * @param b the values taken elsewhere; gets the gradient there
   * @return a new variable of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public static Variable where(Tensor condition, Variable a, Variable b) {
    Shape s =
        Shape.broadcast("where", Shape.broadcast("where", condition.shape(), a.shape()), b.shape());
    return new Where(condition.expand(s)).apply(a.expandTo(s), b.expandTo(s));
  }

  /**
   * Returns a copy that shares no storage with this variable (PyTorch's {@code clone}); the
   * gradient flows through unchanged.
   *
   * @return a new variable with its own storage
   */
  public Variable copy() {
    return new Copy().apply(this);
  }

  /**
   * Returns this variable converted to {@code target}: differentiable between floating dtypes; a
   * conversion to an integer dtype gives a constant.
   *
   * @param target the element type wanted
   * @return this variable if it already has dtype {@code target}, otherwise a new one
   */
  public Variable to(DType target) {
    if (target == dtype()) {
      return this;
    }
    return target.isFloatingPoint()
        ? new ToDType(target).apply(this)
        : new Variable(data.to(target));
  }

  /**
   * Returns this variable with elements zeroed with probability {@code p} and the rest scaled by
   * {@code 1 / (1 - p)} (inverted dropout); the mask is drawn from {@code gen} in row-major order.
   *
   * @param p the probability of zeroing each element; 0 keeps everything, 1 zeroes everything
   * @param gen the generator the mask is drawn from; it advances by one draw per element
   * @return a new variable of this shape; the gradient flows through the kept elements, scaled
   *     alike
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
   */
  public Variable dropout(double p, Generator gen) {
    checkArgument(p >= 0 && p <= 1, "dropout: probability must be in [0, 1], got %s", p);
    DType dt = dtype().toFloating();
    Tensor mask =
        p == 1 ? Tensor.zeros(shape(), dt) : Tensor.rand(gen, shape(), dt).ge(p).mul(1 / (1 - p));
    return mul(new Variable(mask));
  }

  // ---------------------------------------------------------------- matmul

  /**
   * Returns the matrix product under {@link Tensor#matmul}'s rules: vectors are unsqueezed and
   * squeezed back, and batch dimensions broadcast.
   *
   * @param other the right operand, floating, of rank 1 or more
   * @return a new variable, recorded when either operand requires grad
   * @throws IllegalArgumentException if an operand is rank 0, the inner sizes differ or the batch
   *     dimensions cannot be broadcast
   */
  public Variable matmul(Variable other) {
    MatMulShape plan = MatMulShape.of(shape(), other.shape());
    Variable a = plan.leftVector() ? unsqueeze(0) : this;
    Variable b = plan.rightVector() ? other.unsqueeze(1) : other;
    if (a.dim() > 2 || b.dim() > 2) {
      a = a.expandTo(plan.left());
      b = b.expandTo(plan.right());
    }
    Variable r = new MatMul().apply(a, b);
    return r.dim() == plan.result().rank() ? r : r.reshape(plan.result().toArray());
  }

  /**
   * Returns {@code this · weightᵀ + bias} for a 2-D input {@code [N, in]}, weight {@code [out, in]}
   * and bias {@code [out]} (or null), as {@code torch.nn.functional.linear}: one fused op whose
   * backward pass computes the input, weight and bias gradients together.
   *
   * @param weight the weight matrix {@code [out, in]}, in this variable's dtype
   * @param bias the bias {@code [out]}, or null for none
   * @return a new {@code [N, out]} variable, recorded when any operand requires grad
   * @throws IllegalArgumentException if the shapes do not fit or the dtypes differ
   */
  public Variable linear(Variable weight, Variable bias) {
    MatMulShape.linear(shape(), weight.shape(), bias == null ? null : bias.shape());
    return bias == null ? new Linear().apply(this, weight) : new Linear().apply(this, weight, bias);
  }

  // ---------------------------------------------------------------- reductions

  /**
   * Returns the sum of all elements as a rank-0 variable.
   *
   * @return a new rank-0 variable
   */
  public Variable sum() {
    return sum(allDims(), false);
  }

  /**
   * Returns the sums over {@code dim}, kept with size 1 when {@code keepdim}.
   *
   * @param dim the dimension to sum over, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new variable
   */
  public Variable sum(int dim, boolean keepdim) {
    return sum(new int[] {dim}, keepdim);
  }

  /**
   * Returns the sums over {@code dims}, kept with size 1 when {@code keepdim}.
   *
   * @param dims the dimensions to sum over, each in {@code [-rank, rank)}, without repeats
   * @param keepdim whether the result keeps them with size 1
   * @return a new variable
   */
  public Variable sum(int[] dims, boolean keepdim) {
    return (keepdim ? Sum.keepingDims(dims) : Sum.over(dims)).apply(this);
  }

  /**
   * Returns the mean of all elements as a rank-0 variable.
   *
   * @return a new rank-0 variable
   */
  public Variable mean() {
    return mean(allDims(), false);
  }

  /**
   * Returns the means over {@code dim}, kept with size 1 when {@code keepdim}.
   *
   * @param dim the dimension to average over, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new variable
   */
  public Variable mean(int dim, boolean keepdim) {
    return mean(new int[] {dim}, keepdim);
  }

  /**
   * Returns the means over {@code dims}: the sums divided by the number of elements summed.
   *
   * @param dims the dimensions to average over, each in {@code [-rank, rank)}, without repeats
   * @param keepdim whether the result keeps them with size 1
   * @return a new variable
   */
  public Variable mean(int[] dims, boolean keepdim) {
    Variable s = sum(dims, keepdim);
    long n = 1;
    for (int d : dims) {
      n *= dim() == 0 ? 1 : size(d);
    }
    return s.mul(1.0 / n);
  }

  /**
   * Returns the largest element; ties share the gradient equally.
   *
   * @return a new rank-0 variable
   */
  public Variable max() {
    return new MaxAll().apply(this);
  }

  /**
   * Returns the largest elements along {@code dim}; the first maximal element gets the gradient.
   *
   * @param dim the dimension to reduce, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new variable
   */
  public Variable max(int dim, boolean keepdim) {
    return (keepdim ? MaxDim.keepingDim(dim) : MaxDim.over(dim)).apply(this);
  }

  /**
   * Returns {@code log(sum(exp(this), dim))}, computed stably.
   *
   * @param dim the dimension to reduce, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new variable
   */
  public Variable logsumexp(int dim, boolean keepdim) {
    return (keepdim ? LogSumExp.keepingDim(dim) : LogSumExp.over(dim)).apply(this);
  }

  /**
   * Returns {@code this - logsumexp(this, dim, true)}, computed stably.
   *
   * @param dim the dimension that sums to one after {@code exp}, usually the class dimension -1
   * @return a new variable of this shape, holding log-probabilities
   */
  public Variable logSoftmax(int dim) {
    return new LogSoftmax(dim).apply(this);
  }

  /**
   * Returns the softmax along {@code dim}, computed stably.
   *
   * @param dim the dimension that sums to one, usually the class dimension -1
   * @return a new variable of this shape, holding probabilities
   */
  public Variable softmax(int dim) {
    return new Softmax(dim).apply(this);
  }

  private int[] allDims() {
    int[] dims = new int[dim()];
    for (int d = 0; d < dims.length; d++) {
      dims[d] = d;
    }
    return dims;
  }

  // ---------------------------------------------------------------- views

  /**
   * Returns the elements with a new shape (one size may be -1): a view when the strides allow.
   *
   * @param sizes the new sizes, with the same product as the old ones; at most one may be -1
   * @return a new variable; its gradient is reshaped back
   */
  public Variable reshape(int... sizes) {
    return new Reshape(sizes).apply(this);
  }

  /**
   * Returns this variable with dimensions {@code dim0} and {@code dim1} swapped.
   *
   * @param dim0 one dimension, in {@code [-rank, rank)}
   * @param dim1 the other dimension, in {@code [-rank, rank)}
   * @return a new variable over a view of this one's data
   */
  public Variable transpose(int dim0, int dim1) {
    int a = shape().normalizeDim(dim0);
    int b = shape().normalizeDim(dim1);
    int[] order = new int[dim()];
    for (int d = 0; d < order.length; d++) {
      order[d] = d == a ? b : d == b ? a : d;
    }
    return permute(order);
  }

  /**
   * Returns the transpose of a matrix; rank 0 and 1 are returned as they are.
   *
   * @return a new variable over a view of this one's data, or this variable for rank 0 and 1
   * @throws IllegalArgumentException if the rank exceeds 2
   */
  public Variable t() {
    checkArgument(dim() <= 2, "t: expected a tensor of rank <= 2, got shape %s", shape());
    return dim() < 2 ? this : transpose(0, 1);
  }

  /**
   * Returns the view whose dimension {@code d} is this variable's dimension {@code dims[d]}.
   *
   * @param dims the new order of the dimensions, one entry per dimension
   * @return a new variable over a view of this one's data
   */
  public Variable permute(int... dims) {
    return new Permute(dims).apply(this);
  }

  /**
   * Returns this variable broadcast to {@code sizes} (-1 keeps a size).
   *
   * @param sizes the target sizes; dimensions of size 1 may grow, new leading dimensions may be
   *     added
   * @return a new variable; its gradient is summed back over the repeated elements
   */
  public Variable expand(int... sizes) {
    return new Expand(sizes).apply(this);
  }

  private Variable expandTo(Shape target) {
    return target.equals(shape()) ? this : new Expand(target.toArray()).apply(this);
  }

  /**
   * Returns the {@code length} indices of {@code dim} from {@code start}.
   *
   * @param dim the dimension to narrow, in {@code [-rank, rank)}
   * @param start the first index kept, from 0
   * @param length the number of indices kept
   * @return a new variable over a view of this one's data
   */
  public Variable narrow(int dim, int start, int length) {
    return new Narrow(dim, start, length).apply(this);
  }

  /**
   * Returns index {@code index} of {@code dim}, which is removed.
   *
   * @param dim the dimension to index, in {@code [-rank, rank)}
   * @param index the index along {@code dim}; negative counts from the end
   * @return a new variable of rank one less
   */
  public Variable select(int dim, int index) {
    return new Select(dim, index).apply(this);
  }

  /**
   * Returns this variable with a dimension of size 1 inserted at {@code dim}.
   *
   * @param dim where the new dimension goes; negative values count from the end of the result
   * @return a new variable of rank one more
   */
  public Variable unsqueeze(int dim) {
    return reshape(data.unsqueeze(dim).shape().toArray());
  }

  /**
   * Returns this variable without dimension {@code dim} if its size is 1, otherwise this.
   *
   * @param dim the dimension to remove, in {@code [-rank, rank)}
   * @return a new variable of rank one less, or this variable
   */
  public Variable squeeze(int dim) {
    return size(dim) == 1 ? reshape(data.squeeze(dim).shape().toArray()) : this;
  }

  /**
   * Returns the elements as a 1-D variable.
   *
   * @return a new 1-D variable of {@link #numel()} elements
   */
  public Variable flatten() {
    return reshape(-1);
  }

  /**
   * Returns this variable with dimensions {@code startDim..endDim} merged into one.
   *
   * @param startDim the first dimension merged
   * @param endDim the last dimension merged, not before {@code startDim}
   * @return a new variable
   */
  public Variable flatten(int startDim, int endDim) {
    return reshape(data.flatten(startDim, endDim).shape().toArray());
  }

  /**
   * Returns the slices at {@code index} (1-D INT32) along {@code dim}.
   *
   * @param dim the dimension to pick along, in {@code [-rank, rank)}
   * @param index the indices to pick, a constant; entries may repeat, and their gradients then add
   *     up
   * @return a new variable
   */
  public Variable indexSelect(int dim, Tensor index) {
    return new IndexSelect(dim, index).apply(this);
  }

  /**
   * Returns {@code out[i][j] = this[i][index[i][j]]} for {@code dim = 1}, as {@code torch.gather}.
   *
   * @param dim the dimension the index points into, in {@code [-rank, rank)}
   * @param index the INT32 indices, a constant of this variable's rank
   * @return a new variable of the index's shape
   */
  public Variable gather(int dim, Tensor index) {
    return new Gather(dim, index).apply(this);
  }

  private Variable constant(double value) {
    return new Variable(Tensor.scalar(value, dtype().toFloating()));
  }

  // ---------------------------------------------------------------- everyday ops (issue 15)

  /**
   * Returns the smallest element; ties share the gradient equally, and a NaN minimum sends it to
   * the NaNs, as PyTorch's {@code min()}.
   *
   * @return a new rank-0 variable
   * @throws IllegalArgumentException if this variable is empty
   */
  public Variable min() {
    return new MinAll().apply(this);
  }

  /**
   * Returns the smallest elements along {@code dim}; the first minimal element (the index {@code
   * data().argmin(dim, keepdim)} reports) gets the gradient.
   *
   * @param dim the dimension to reduce, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new variable
   * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
   */
  public Variable min(int dim, boolean keepdim) {
    return (keepdim ? MinDim.keepingDim(dim) : MinDim.over(dim)).apply(this);
  }

  /**
   * Returns the variables joined along {@code dim}, as {@code torch.cat}; each gets its slice of
   * the gradient.
   *
   * @param tensors the variables to join, at least one, of one rank and of one size in every other
   *     dimension (1-D empty ones are skipped, as in PyTorch)
   * @param dim the dimension to join along, in {@code [-rank, rank)}
   * @return a new variable
   * @throws IllegalArgumentException if the list is empty or the shapes do not fit
   */
  public static Variable cat(List<Variable> tensors, int dim) {
    return new Cat(dim).apply(tensors.toArray(new Variable[0]));
  }

  /**
   * Returns the variables, all of one shape, joined along a new dimension {@code dim}, as {@code
   * torch.stack}: each is unsqueezed at {@code dim}, then joined by {@link #cat}.
   *
   * @param tensors the variables to stack, at least one, all of one shape
   * @param dim where the new dimension goes, in {@code [-(rank + 1), rank]}
   * @return a new variable of rank one more
   * @throws IllegalArgumentException if the list is empty, the shapes differ or {@code dim} is out
   *     of range
   */
  public static Variable stack(List<Variable> tensors, int dim) {
    checkArgument(!tensors.isEmpty(), "stack: expected a non-empty list of tensors");
    List<Variable> unsqueezed = new ArrayList<>();
    for (int i = 0; i < tensors.size(); i++) {
      Variable v = tensors.get(i);
      checkArgument(
          v.shape().equals(tensors.get(0).shape()),
          "stack: tensor %s has shape %s, expected %s as tensor 0",
          i,
          v.shape(),
          tensors.get(0).shape());
      unsqueezed.add(v.unsqueeze(dim));
    }
    return cat(unsqueezed, dim < 0 ? dim + tensors.get(0).dim() + 1 : dim);
  }

  /**
   * Returns consecutive pieces of {@code splitSize} indices along {@code dim} (the last one
   * smaller), as {@code torch.split}; each is a {@link #narrow} of this variable.
   *
   * @param splitSize the size of each piece, positive (0 only for a dimension of size 0)
   * @param dim the dimension to split, in {@code [-rank, rank)}
   * @return the pieces, at least one
   * @throws IllegalArgumentException as {@link Tensor#split(int, int)}
   */
  public List<Variable> split(int splitSize, int dim) {
    return narrowed(data.split(splitSize, dim), dim);
  }

  /**
   * Returns consecutive pieces of the given sizes along {@code dim}, as {@code torch.split} with a
   * list; each is a {@link #narrow} of this variable.
   *
   * @param sizes the size of each piece, summing to the size of {@code dim}
   * @param dim the dimension to split, in {@code [-rank, rank)}
   * @return the pieces, one per size
   * @throws IllegalArgumentException as {@link Tensor#split(int[], int)}
   */
  public List<Variable> split(int[] sizes, int dim) {
    return narrowed(data.split(sizes, dim), dim);
  }

  /**
   * Returns {@code chunks} pieces along {@code dim} (possibly fewer), as {@code torch.chunk}; each
   * is a {@link #narrow} of this variable.
   *
   * @param chunks the number of pieces wanted, positive
   * @param dim the dimension to split, in {@code [-rank, rank)}
   * @return the pieces
   * @throws IllegalArgumentException as {@link Tensor#chunk(int, int)}
   */
  public List<Variable> chunk(int chunks, int dim) {
    return narrowed(data.chunk(chunks, dim), dim);
  }

  private List<Variable> narrowed(List<Tensor> pieces, int dim) {
    List<Variable> out = new ArrayList<>(pieces.size());
    int start = 0;
    for (Tensor piece : pieces) {
      int length = piece.size(dim);
      out.add(narrow(dim, start, length));
      start += length;
    }
    return List.copyOf(out);
  }

  /**
   * Returns the product of all elements, as {@code torch.prod}; zeros get PyTorch's gradient (the
   * product of the others for a single zero, 0 when there are several).
   *
   * @return a new rank-0 variable
   */
  public Variable prod() {
    return Prod.all().apply(this);
  }

  /**
   * Returns the products along {@code dim}, as {@code torch.prod(dim, keepdim)}.
   *
   * @param dim the dimension to multiply along, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new variable
   */
  public Variable prod(int dim, boolean keepdim) {
    return Prod.over(dim, keepdim).apply(this);
  }

  /**
   * Returns the running sums along {@code dim}, as {@code torch.cumsum}.
   *
   * @param dim the dimension to scan, in {@code [-rank, rank)}
   * @return a new variable of this shape
   * @throws IllegalArgumentException if {@code dim} is out of range
   */
  public Variable cumsum(int dim) {
    return new Cumsum(dim).apply(this);
  }

  /**
   * Returns the variance of all elements with Bessel's correction, as {@code torch.var()}.
   *
   * @return a new rank-0 variable
   * @throws IllegalArgumentException if this variable is not floating
   */
  public Variable var() {
    return var(new int[0], 1, false);
  }

  /**
   * Returns the variances over {@code dims}, as {@code torch.var(dims, unbiased, keepdim)}.
   *
   * @param dims the dimensions to reduce; none means all
   * @param unbiased whether to use correction 1 instead of 0
   * @param keepdim whether the result keeps them with size 1
   * @return a new variable
   * @throws IllegalArgumentException as {@link Tensor#var(int[], int, boolean)}
   */
  public Variable var(int[] dims, boolean unbiased, boolean keepdim) {
    return var(dims, unbiased ? 1 : 0, keepdim);
  }

  /**
   * Returns {@code Σ (x − mean)² / max(0, n − correction)} over {@code dims}, as {@code
   * torch.var(dims, correction=c, keepdim)}.
   *
   * @param dims the dimensions to reduce; none means all
   * @param correction the difference between the sample size and the degrees of freedom
   * @param keepdim whether the result keeps them with size 1
   * @return a new variable
   * @throws IllegalArgumentException as {@link Tensor#var(int[], int, boolean)}
   */
  public Variable var(int[] dims, int correction, boolean keepdim) {
    return new Var(dims, correction, keepdim).apply(this);
  }

  /**
   * Returns the standard deviation of all elements with Bessel's correction, as {@code
   * torch.std()}.
   *
   * @return a new rank-0 variable
   * @throws IllegalArgumentException if this variable is not floating
   */
  public Variable std() {
    return std(new int[0], 1, false);
  }

  /**
   * Returns the standard deviations over {@code dims}, as {@code torch.std(dims, unbiased,
   * keepdim)}.
   *
   * @param dims the dimensions to reduce; none means all
   * @param unbiased whether to use correction 1 instead of 0
   * @param keepdim whether the result keeps them with size 1
   * @return a new variable
   * @throws IllegalArgumentException as {@link Tensor#std(int[], int, boolean)}
   */
  public Variable std(int[] dims, boolean unbiased, boolean keepdim) {
    return std(dims, unbiased ? 1 : 0, keepdim);
  }

  /**
   * Returns the square root of {@link #var(int[], int, boolean)}, as {@code torch.std(dims,
   * correction=c, keepdim)}; where it is 0 the gradient is 0.
   *
   * @param dims the dimensions to reduce; none means all
   * @param correction the difference between the sample size and the degrees of freedom
   * @param keepdim whether the result keeps them with size 1
   * @return a new variable
   * @throws IllegalArgumentException as {@link Tensor#std(int[], int, boolean)}
   */
  public Variable std(int[] dims, int correction, boolean keepdim) {
    return new Std(dims, correction, keepdim).apply(this);
  }

  /**
   * Returns the Euclidean norm of all elements, as {@code torch.linalg.vector_norm(x)}; its
   * gradient at the zero vector is 0, as in PyTorch.
   *
   * @return a new rank-0 variable
   * @throws IllegalArgumentException if this variable is not floating
   */
  public Variable norm() {
    return norm(2, new int[0], false);
  }

  /**
   * Returns the vector norm of order {@code p} of all elements, as {@code
   * torch.linalg.vector_norm(x, p)}.
   *
   * @param p the order: 2, 1, {@code ±Infinity}, 0 or any other number
   * @return a new rank-0 variable
   * @throws IllegalArgumentException as {@link Tensor#norm(double, int[], boolean)}
   */
  public Variable norm(double p) {
    return norm(p, new int[0], false);
  }

  /**
   * Returns the vector norms of order {@code p} over {@code dims}, as {@code
   * torch.linalg.vector_norm(x, p, dims, keepdim)}, with PyTorch's gradient (see {@link Norm}).
   *
   * @param p the order of the norm
   * @param dims the dimensions to reduce; none means all
   * @param keepdim whether the result keeps them with size 1
   * @return a new variable
   * @throws IllegalArgumentException as {@link Tensor#norm(double, int[], boolean)}
   */
  public Variable norm(double p, int[] dims, boolean keepdim) {
    return new Norm(p, dims, keepdim).apply(this);
  }

  /**
   * Returns the Frobenius norm over {@code dims} for {@code p = "fro"}, as {@code torch.norm(x,
   * 'fro', dims, keepdim)}.
   *
   * @param p the name of the order; only {@code "fro"}
   * @param dims the dimensions to reduce; none means all
   * @param keepdim whether the result keeps them with size 1
   * @return a new variable
   * @throws IllegalArgumentException if {@code p} is not {@code "fro"}
   */
  public Variable norm(String p, int[] dims, boolean keepdim) {
    checkArgument(
        "fro".equals(p),
        "norm: unknown order '%s', expected 'fro' (or a number; 'nuc' is not supported)",
        p);
    return norm(2, dims, keepdim);
  }

  /**
   * Returns this variable with {@code value} where {@code mask} is nonzero, as {@code
   * torch.masked_fill}; the filled positions get a zero gradient.
   *
   * @param mask the positions to fill, a constant of any dtype broadcastable to this shape
   * @param value the value written
   * @return a new variable of this shape
   * @throws IllegalArgumentException if {@code mask} cannot be broadcast to this shape
   */
  public Variable maskedFill(Tensor mask, double value) {
    return new MaskedFill(mask, value).apply(this);
  }

  /**
   * Returns this variable with {@code src[i][j]} written at {@code [i][index[i][j]]} for {@code dim
   * = 1}, and likewise for other dims, as {@code torch.scatter}.
   *
   * @param dim the dimension the index points into, in {@code [-rank, rank)}
   * @param index the INT32 target indices, a constant of this variable's rank
   * @param src the values written, at least as large as {@code index} in every dimension
   * @return a new variable of this shape
   * @throws IllegalArgumentException as {@link Tensor#scatter(int, Tensor, Tensor)}
   */
  public Variable scatter(int dim, Tensor index, Variable src) {
    return Scatter.ofSource(dim, index).apply(this, src);
  }

  /**
   * Returns this variable with {@code value} written at every position the index points to, as
   * {@code torch.scatter(dim, index, value)}.
   *
   * @param dim the dimension the index points into, in {@code [-rank, rank)}
   * @param index the INT32 target indices, a constant of this variable's rank
   * @param value the value written
   * @return a new variable of this shape
   * @throws IllegalArgumentException as {@link Tensor#scatter(int, Tensor, double)}
   */
  public Variable scatter(int dim, Tensor index, double value) {
    return Scatter.ofValue(dim, index, value).apply(this);
  }

  /**
   * Returns this variable with {@code src[i][j]} added at {@code [i][index[i][j]]} for {@code dim =
   * 1}, and likewise for other dims (repeated indices accumulate), as {@code torch.scatter_add}.
   *
   * @param dim the dimension the index points into, in {@code [-rank, rank)}
   * @param index the INT32 target indices, a constant of this variable's rank
   * @param src the values added, at least as large as {@code index} in every dimension
   * @return a new variable of this shape
   * @throws IllegalArgumentException as {@link Tensor#scatterAdd(int, Tensor, Tensor)}
   */
  public Variable scatterAdd(int dim, Tensor index, Variable src) {
    return new ScatterAdd(dim, index).apply(this, src);
  }

  /**
   * Returns the strided view {@code this[start:end:step]} along {@code dim}, as Python's slicing:
   * negative bounds count from the end and bounds beyond the dimension are clamped.
   *
   * @param dim the dimension to slice, in {@code [-rank, rank)}
   * @param start the first index kept; negative counts from the end
   * @param end the exclusive end; negative counts from the end
   * @param step the distance between kept indices, at least 1
   * @return a new variable over a view of this one's data
   * @throws IllegalArgumentException if {@code step <= 0} or {@code dim} is out of range
   */
  public Variable slice(int dim, int start, int end, int step) {
    return new Slice(dim, start, end, step).apply(this);
  }

  // ---------------------------------------------------------------- in place

  /**
   * Adds {@code alpha * other} to the data in place; returns this variable.
   *
   * @param other the values to add, broadcastable to this shape
   * @param alpha the factor applied to {@code other}
   * @return this variable, for chaining
   * @throws IllegalStateException if this variable requires grad and {@link NoGrad} is not active
   */
  public Variable addInPlace(Tensor other, double alpha) {
    requireModifiable("addInPlace");
    data.addInPlace(other, alpha);
    return this;
  }

  /**
   * Multiplies the data by {@code value} in place; returns this variable.
   *
   * @param value the factor for every element
   * @return this variable, for chaining
   * @throws IllegalStateException if this variable requires grad and {@link NoGrad} is not active
   */
  public Variable mulInPlace(double value) {
    requireModifiable("mulInPlace");
    data.mulInPlace(value);
    return this;
  }

  /**
   * Copies {@code src} (broadcast) into the data; returns this variable.
   *
   * @param src the values to copy, broadcastable to this shape
   * @return this variable, for chaining
   * @throws IllegalStateException if this variable requires grad and {@link NoGrad} is not active
   */
  public Variable copyFrom(Tensor src) {
    requireModifiable("copyFrom");
    data.copyFrom(src);
    return this;
  }

  /**
   * Sets every element of the data to {@code value}; returns this variable.
   *
   * @param value the value for every element
   * @return this variable, for chaining
   * @throws IllegalStateException if this variable requires grad and {@link NoGrad} is not active
   */
  public Variable fill(double value) {
    requireModifiable("fill");
    data.fill(value);
    return this;
  }

  private void requireModifiable(String op) {
    if (!requiresGrad || !NoGrad.isGradEnabled()) {
      return;
    }
    if (gradFn == null) {
      throw new IllegalStateException(
          String.format(
              "%s: a leaf Variable that requires grad (shape %s) cannot be modified in place while"
                  + " gradients are recorded; do it inside try (NoGrad g = NoGrad.enter()) { ... },"
                  + " as an optimizer does",
              op, data.shape()));
    }
    throw new IllegalStateException(
        String.format(
            "%s: in-place ops on a Variable made by %s (shape %s) are not recorded by autograd;"
                + " use the out-of-place op, or copy() it first and modify the copy",
            op, gradFn.name(), data.shape()));
  }

  /**
   * Returns the data in PyTorch's style followed by the op that made it, e.g. {@code
   * Variable(tensor([2.]), opName=mul)}, or {@code requiresGrad=true} for a leaf that requires
   * grad.
   */
  @Override
  public String toString() {
    String suffix =
        gradFn != null ? ", opName=" + gradFn.name() : requiresGrad ? ", requiresGrad=true" : "";
    return "Variable(" + data + suffix + ")";
  }
}
