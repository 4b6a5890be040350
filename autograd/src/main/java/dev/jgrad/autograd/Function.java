package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.jgrad.tensor.Tensor;

/**
 * One differentiable operation: a forward pass over tensors and the backward pass that maps the
 * gradient of its result to one gradient per input, as PyTorch's {@code torch.autograd.Function}.
 *
 * <p>Every built-in op in {@code dev.jgrad.autograd.ops} is a {@code Function}, and so is a user's
 * own op. A subclass computes its result in {@link #forward}, keeps every tensor its derivative
 * needs with {@link #saveForBackward} (its own fields hold only non-tensor state, such as a
 * dimension or an input's shape), and returns the gradients from one of the two backward methods,
 * {@code null} for an input that needs none. {@link #apply} runs the forward pass and, when any
 * input requires grad outside {@link NoGrad}, records this function in the graph so that {@link
 * Variable#backward()} can call its backward pass later.
 *
 * <p><b>Differentiable backward</b> (every built-in op): override {@link #backward(Variable)} and
 * write the derivative with {@link Variable} operations, reading saved tensors through {@link
 * #savedVariable} (an input saved comes back as that input, the result as the result, so both keep
 * their place in the graph). A backward pass runs with recording off, so these operations cost thin
 * wrappers around the tensor kernels; with {@code createGraph} ({@link Variable#backward(Tensor,
 * boolean, boolean)}, {@link Autograd#grad(Variable[], Variable[], Variable[], boolean, boolean,
 * boolean)}) it runs with recording on, and the gradients are variables of a new graph that can be
 * differentiated again:
 *
 * <pre>{@code
 * final class Cube extends Function {
 *   protected Tensor forward(Tensor... x) {
 *     saveForBackward(x[0]);
 *     return x[0].pow(3);
 *   }
 *
 *   protected Variable[] backward(Variable grad) {
 *     Variable x = savedVariable(0);
 *     return new Variable[] {grad.mul(x.mul(x)).mul(3)};
 *   }
 * }
 * Variable y = new Cube().apply(x);
 * }</pre>
 *
 * <p><b>Once-differentiable backward</b>: override {@link #backward(Tensor)} instead and compute
 * the gradients with tensors, reading {@link #savedTensor}. Such a function takes part in every
 * ordinary backward pass, but a pass with {@code createGraph} through it throws (as PyTorch's
 * {@code once_differentiable}), since its gradients would be constants of the new graph and their
 * derivatives silently wrong.
 *
 * <p>A function object records one application: create a new one for every call of {@link #apply}.
 * Tensors saved for backward remember their storage {@link Tensor#version() version}; if one is
 * modified in place before the backward pass reads it, the backward pass throws instead of
 * computing a wrong gradient. They are freed after the backward pass unless it retains the graph.
 */
public abstract class Function {
  private static final Tensor[] NONE = new Tensor[0];

  private Variable[] inputs;
  private boolean applied;
  private boolean recording;
  private boolean released;
  private Tensor result;
  private Variable output;
  private Tensor[] saved = NONE;
  private long[] savedVersions;

  /** Creates a function that has not been applied yet. */
  protected Function() {}

  /**
   * Computes the result from the inputs' data. Called once, by {@link #apply}.
   *
   * @param inputs the data of the variables passed to {@link #apply}, in order
   * @return a new tensor, or a view of an input
   */
  protected abstract Tensor forward(Tensor... inputs);

  /**
   * Returns the gradient of the loss with respect to each input, given its gradient with respect to
   * the result, written with {@link Variable} operations so that it can be differentiated again:
   * one entry per input, with that input's shape, or {@code null} where {@link #needsInputGrad} is
   * false. Constants of the derivative (masks, indices) enter as {@code new Variable(tensor)}.
   *
   * <p>By default this calls {@link #backward(Tensor)} and wraps its gradients, and throws when the
   * pass records a graph ({@code createGraph}). A gradient may be {@code grad} itself, a view of it
   * or of a saved variable, or a new variable; as with {@link #backward(Tensor)}, a new one must
   * not be kept anywhere else.
   *
   * @param grad the gradient with respect to the result; it has the result's shape
   * @return one gradient per input, in the order of the inputs
   * @throws IllegalStateException by default, if the pass records a graph
   */
  protected Variable[] backward(Variable grad) {
    if (NoGrad.isGradEnabled()) {
      throw new IllegalStateException(
          String.format(
              "%s: its backward is written with Tensors (backward(Tensor)), so it is differentiable"
                  + " once only and a backward pass with createGraph = true cannot go through it;"
                  + " override backward(Variable) with Variable operations to make it"
                  + " differentiable twice",
              name()));
    }
    Tensor[] grads = backward(grad.data());
    if (grads == null) {
      return null;
    }
    Variable[] wrapped = new Variable[grads.length];
    for (int i = 0; i < grads.length; i++) {
      wrapped[i] =
          grads[i] == null ? null : grads[i] == grad.data() ? grad : new Variable(grads[i]);
    }
    return wrapped;
  }

  /**
   * Returns the gradient of the loss with respect to each input, given its gradient with respect to
   * the result, computed with tensors: the once-differentiable form (see the class documentation),
   * called by the default {@link #backward(Variable)}. One entry per input, with that input's
   * shape, or {@code null} where {@link #needsInputGrad} is false.
   *
   * <p>A gradient may be {@code grad} itself, a view of it or of a saved tensor, or a new tensor.
   * The backward pass gives a leaf a new tensor as its first gradient as it is and copies any other
   * (one sharing storage with {@code grad}, a saved tensor, an input, or the gradient of another
   * input), so a new tensor must not be kept anywhere else, for instance in a field.
   *
   * @param grad the gradient with respect to the result; it has the result's shape
   * @return one gradient per input, in the order of the inputs
   * @throws UnsupportedOperationException unless overridden: a subclass overrides this method or
   *     {@link #backward(Variable)}
   */
  protected Tensor[] backward(Tensor grad) {
    throw new UnsupportedOperationException(
        name() + ": a Function must override backward(Variable) or backward(Tensor)");
  }

  /** Runs the backward pass for the engine. */
  final Variable[] runBackward(Variable grad) {
    return backward(grad);
  }

  /**
   * Returns the op's name, used by {@link Variable#opName()} and in error messages; by default the
   * class name with a lower-case first letter.
   *
   * @return the name, e.g. {@code "mul"}
   */
  public String name() {
    String simple = getClass().getSimpleName();
    return simple.isEmpty()
        ? "function"
        : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }

  /**
   * Runs {@link #forward} on the inputs' data and returns the result as a variable, recorded in the
   * graph when an input requires grad and {@link NoGrad} is not active on this thread.
   *
   * @param inputs the variables to apply this function to
   * @return the result, which requires grad when it is recorded
   * @throws IllegalStateException if this function was applied before, or forward returned null
   */
  public final Variable apply(Variable... inputs) {
    checkState(
        !applied,
        "%s: a Function records one application; create a new instance for each apply",
        name());
    applied = true;
    Tensor[] data = new Tensor[inputs.length];
    boolean anyGrad = false;
    for (int i = 0; i < inputs.length; i++) {
      data[i] = inputs[i].data();
      anyGrad |= inputs[i].requiresGrad();
    }
    recording = anyGrad && NoGrad.isGradEnabled();
    this.inputs = recording ? inputs.clone() : null;
    Tensor out = forward(data);
    checkState(out != null, "%s: forward returned null", name());
    if (!recording) {
      return new Variable(out);
    }
    result = saved.length > 0 ? out : null;
    Variable v = new Variable(out, this);
    output = result == null ? null : v;
    return v;
  }

  /**
   * Keeps tensors for the backward pass, with their current storage versions. Does nothing when
   * this application is not recorded. Call it at most once, from {@link #forward}.
   *
   * @param tensors the inputs, results or other tensors that {@link #backward} will read
   */
  protected final void saveForBackward(Tensor... tensors) {
    if (!recording) {
      return;
    }
    checkState(saved.length == 0, "%s: saveForBackward may be called only once", name());
    saved = tensors.clone();
    savedVersions = new long[tensors.length];
    for (int k = 0; k < tensors.length; k++) {
      savedVersions[k] = tensors[k].version();
    }
  }

  /**
   * Returns the tensor saved at position {@code k} by {@link #saveForBackward}.
   *
   * @param k the position in the arguments of {@link #saveForBackward}
   * @return the saved tensor
   * @throws IllegalStateException if the saved tensors were freed by an earlier backward pass, or
   *     the tensor was modified in place since it was saved
   */
  protected final Tensor savedTensor(int k) {
    if (released) {
      throw new IllegalStateException(freedMessage());
    }
    checkArgument(
        k >= 0 && k < saved.length, "%s: no saved tensor %s (%s saved)", name(), k, saved.length);
    Tensor t = saved[k];
    if (t.version() != savedVersions[k]) {
      throw new IllegalStateException(
          String.format(
              "%s: saved %s of shape %s was modified in place after the forward pass (saved at"
                  + " version %s, now version %s), so its gradient would be wrong; copy() it first"
                  + " and modify the copy instead",
              name(), roleName(k), t.shape(), savedVersions[k], t.version()));
    }
    return t;
  }

  /**
   * Returns the tensor saved at position {@code k} as a variable, for a differentiable {@link
   * #backward(Variable)}: the input it is, with that input's graph; the result it is, with this
   * function as its op; otherwise a constant (such as indices, or statistics that {@link
   * #backward(Variable)} treats as constants).
   *
   * @param k the position in the arguments of {@link #saveForBackward}
   * @return the saved tensor as a variable
   * @throws IllegalStateException if the saved tensors were freed by an earlier backward pass, or
   *     the tensor was modified in place since it was saved
   */
  protected final Variable savedVariable(int k) {
    Tensor t = savedTensor(k);
    if (t == result) {
      return output;
    }
    for (Variable input : inputs) {
      if (t == input.data()) {
        return input;
      }
    }
    return new Variable(t);
  }

  /** Returns how many tensors are saved for backward: 0 once they were freed. */
  int savedCount() {
    return saved.length;
  }

  /** Returns saved tensor {@code k} as it is, without the version check of {@link #savedTensor}. */
  Tensor savedAt(int k) {
    return saved[k];
  }

  /**
   * Returns what saved tensor {@code k} is: {@code result}, {@code input 0}, or {@code tensor 2}.
   */
  String roleName(int k) {
    Tensor t = saved[k];
    if (t == result) {
      return "result";
    }
    for (int j = 0; j < inputs.length; j++) {
      if (t == inputs[j].data()) {
        return "input " + j;
      }
    }
    return "tensor " + k;
  }

  /**
   * Returns whether input {@code i} requires a gradient in this recorded application; false when
   * the application is not recorded.
   *
   * @param i the position of the input
   * @return whether {@link #backward} must return a gradient for input {@code i}
   */
  protected final boolean needsInputGrad(int i) {
    return recording && inputs[i].requiresGrad();
  }

  /** Returns the recorded inputs; null when this application is not recorded. */
  Variable[] inputs() {
    return inputs;
  }

  /** Returns whether {@code t} shares storage with a tensor saved for backward. */
  boolean sharesStorageWithSaved(Tensor t) {
    for (Tensor s : saved) {
      if (t.sharesStorageWith(s)) {
        return true;
      }
    }
    return false;
  }

  String freedMessage() {
    return name()
        + ": trying to run backward through the graph a second time; its saved tensors were freed"
        + " by the first backward pass. Pass retainGraph = true to the first backward(...) to keep"
        + " them";
  }

  boolean isReleased() {
    return released;
  }

  /** Frees the saved tensors after a backward pass that does not retain the graph. */
  void release() {
    released = true;
    result = null;
    output = null;
    saved = NONE;
    savedVersions = null;
  }
}
