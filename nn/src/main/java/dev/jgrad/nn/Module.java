package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.RemovableHandle;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The base class of network layers, as {@code torch.nn.Module}.
 *
 * <p><b>Life cycle.</b> A subclass registers its parameters, buffers and child modules in its
 * constructor ({@link #registerParameter}, {@link #registerBuffer}, {@link #registerModule}); they
 * are kept in registration order under their names. It then implements {@link #compute}. A module
 * starts in training mode; {@link #eval()} switches it and every descendant to evaluation mode
 * (which turns {@link Dropout} and {@link Dropout2d} off and makes {@link BatchNorm2d} normalize
 * with its running statistics), {@link #train()} back. A buffer may be updated in place by {@code
 * forward}, as BatchNorm's running statistics are in training mode; a subclass reads it through
 * {@link #buffer} each time, since {@link #to(DType)} replaces it.
 *
 * <p><b>Names.</b> A descendant's parameter is named by the path of child names joined with dots,
 * as in PyTorch: {@code layers.0.weight}. {@link #stateDict()} lists, for each module in
 * depth-first order, its parameters, then its buffers, then its children's entries.
 *
 * <p><b>Errors.</b> The built-in layers run their forward pass inside {@link #guard}, so a failure
 * names the module's path from the root and its description: {@code layers.2 (Linear 128→10):
 * expected input of shape [*, 128], got [32, 100]}. A module's path is given by the names under
 * which it was registered; a module registered under two parents takes the later one.
 *
 * <p><b>Running a module.</b> {@link #forward(Variable)} records the computation for a backward
 * pass (training); {@link #forward(Tensor)} runs it for inference and returns a {@link Tensor}.
 * {@link #to(DType)} converts the parameters and buffers, for instance to FLOAT64 for a gradient
 * check.
 *
 * <p><b>Hooks.</b> Callers run a module with {@link #forward(Variable)}, which is final: it runs
 * the module's {@linkplain #registerForwardPreHook forward pre-hooks}, its {@link #compute}, its
 * {@linkplain #registerForwardHook forward hooks}, and wires its {@linkplain
 * #registerFullBackwardHook backward hooks}, as calling a PyTorch module does. Each registration
 * returns a {@link RemovableHandle}.
 *
 * <p><b>Imports.</b> {@code java.lang.Module} has the same simple name, so with {@code import
 * dev.jgrad.nn.*;} the compiler reports "reference to Module is ambiguous": import {@code
 * dev.jgrad.nn.Module} explicitly (single-type imports win over both).
 *
 * <pre>{@code
 * final class Net extends Module {
 *   private final Linear fc1 = registerModule("fc1", new Linear(784, 128));
 *   private final Linear fc2 = registerModule("fc2", new Linear(128, 10));
 *   protected Variable compute(Variable x) { return fc2.forward(fc1.forward(x).relu()); }
 * }
 *
 * Net net = new Net();
 * Tensor logits = net.eval().forward(Tensor.rand(32, 784));    // inference: no graph, a Tensor
 * }</pre>
 */
public abstract class Module {
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private Module parent;
  private String nameInParent;
  private boolean training = true;
  private final ModuleHooks hooks = new ModuleHooks();

  /** Creates a module in training mode with no parameters, buffers or children yet. */
  protected Module() {}

  /**
   * Computes this module's output, as calling a PyTorch module: runs the {@linkplain
   * #registerForwardPreHook forward pre-hooks}, {@link #compute}, and the {@linkplain
   * #registerForwardHook forward hooks}, and wires the {@linkplain #registerFullBackwardHook
   * backward hooks} into the graph. Every call of a module goes through this final method, so hooks
   * see the layers of a {@link Sequential} and the children a custom module calls alike.
   *
   * @param input the input batch
   * @return the output, recorded for backward passes when the input or a parameter requires grad
   */
  public final Variable forward(Variable input) {
    return hooks.call(this, input);
  }

  /** Returns whether any forward pre-hook, forward hook or backward hook is registered here. */
  final boolean hasHooks() {
    return !hooks.isEmpty();
  }

  /**
   * Computes this module's output from its input; subclasses implement this method (PyTorch's
   * {@code forward}), and callers call {@link #forward(Variable)}, which runs it between the hooks.
   * A child module is called through its {@link #forward(Variable)} too, so that its hooks run.
   *
   * @param input the input batch, as the pre-hooks left it
   * @return the output, recorded for backward passes when the input or a parameter requires grad
   */
  protected abstract Variable compute(Variable input);

  /**
   * Computes this module's output for inference, as calling a PyTorch module inside {@code
   * torch.no_grad()}: runs {@link #forward(Variable)} on {@code input} as a constant inside {@link
   * NoGrad} (nothing is recorded) and returns the output's tensor.
   *
   * <p>Java picks the overload from the argument's static type: a {@link Variable} (a {@link
   * Parameter} too) goes to {@link #forward(Variable)}, a {@link Tensor} here; a bare {@code null}
   * fits both and does not compile. Subclasses implement {@link #compute} only. It leaves the mode
   * alone: call {@link #eval()} first so that layers such as {@link Dropout} behave as at
   * inference.
   *
   * @param input the input batch
   * @return the output's tensor, not attached to any graph
   */
  public final Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", typeName());
    try (NoGrad noGrad = NoGrad.enter()) {
      return forward(new Variable(input)).data();
    }
  }

  // ---------------------------------------------------------------- hooks

  /**
   * Registers a hook run before every forward pass of this module, as PyTorch's {@code
   * register_forward_pre_hook}: it sees the input and may replace it. Hooks run in registration
   * order, each seeing the previous one's input.
   *
   * @param hook the hook
   * @return a handle that removes the hook
   */
  public final RemovableHandle registerForwardPreHook(ForwardPreHook hook) {
    return hooks.pre.add(checkNotNull(hook, "%s: hook is null", typeName()));
  }

  /**
   * Registers a hook run after every forward pass of this module, as PyTorch's {@code
   * register_forward_hook}: it sees the input and the output and may replace the output. Hooks run
   * in registration order, each seeing the previous one's output.
   *
   * <pre>{@code
   * Map<String, Shape> shapes = new LinkedHashMap<>();
   * model.namedModules().forEach((name, m) ->
   *     m.registerForwardHook((module, in, out) -> { shapes.put(name, out.shape()); return null; }));
   * }</pre>
   *
   * @param hook the hook
   * @return a handle that removes the hook
   */
  public final RemovableHandle registerForwardHook(ForwardHook hook) {
    return hooks.forward.add(checkNotNull(hook, "%s: hook is null", typeName()));
  }

  /**
   * Registers a hook run during backward passes, once the gradient with respect to this module's
   * input is computed, as PyTorch's {@code register_full_backward_hook}: it sees that gradient and
   * the gradient with respect to the output, and may replace the input's, which then flows on to
   * the layers before. When the input does not require grad (the first layer of a network fed a
   * batch), the hook is called with a null input gradient as soon as the output's is known, and
   * must return null. Hooks run in registration order, each seeing the previous one's replacement.
   * Forward passes under {@link NoGrad} are not wired.
   *
   * <p>The input and the output pass through an identity op (named {@code backwardHook}) that
   * catches their gradients; the gradients of the module's parameters are not part of the input's.
   *
   * @param hook the hook
   * @return a handle that removes the hook from later forward passes (graphs recorded before still
   *     call it)
   */
  public final RemovableHandle registerFullBackwardHook(BackwardHook hook) {
    return hooks.backward.add(checkNotNull(hook, "%s: hook is null", typeName()));
  }

  // ---------------------------------------------------------------- registration

  /**
   * Registers {@code parameter} under {@code name} and returns it.
   *
   * @param <P> the parameter's type
   * @param name the attribute name: non-empty, without dots, not used yet in this module
   * @param parameter the parameter, not null
   * @return {@code parameter}, to assign it to a field
   * @throws IllegalArgumentException if the name is empty, contains a dot or is already used
   */
  protected final <P extends Parameter> P registerParameter(String name, P parameter) {
    checkName(name);
    parameters.put(name, checkNotNull(parameter, "%s: parameter '%s' is null", typeName(), name));
    return parameter;
  }

  /**
   * Registers a tensor that is part of the state but not a parameter (as {@code register_buffer}).
   *
   * @param name the attribute name: non-empty, without dots, not used yet in this module
   * @param buffer the tensor, not null; kept, not copied
   * @return {@code buffer}, to assign it to a field
   * @throws IllegalArgumentException if the name is empty, contains a dot or is already used
   */
  protected final Tensor registerBuffer(String name, Tensor buffer) {
    checkName(name);
    buffers.put(name, checkNotNull(buffer, "%s: buffer '%s' is null", typeName(), name));
    return buffer;
  }

  /**
   * Registers {@code module} as the child {@code name} and returns it.
   *
   * @param <M> the child's type
   * @param name the attribute name: non-empty, without dots, not used yet in this module
   * @param module the child, not null and not this module
   * @return {@code module}, to assign it to a field
   * @throws IllegalArgumentException if the name is empty, contains a dot or is already used, or
   *     the module is this one
   */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkName(name);
    checkNotNull(module, "%s: module '%s' is null", typeName(), name);
    checkArgument(module != this, "%s: a module cannot be its own child", typeName());
    children.put(name, module);
    Module child = module;
    child.parent = this;
    child.nameInParent = name;
    return module;
  }

  private void checkName(String name) {
    checkNotNull(name, "%s: name is null", typeName());
    checkArgument(
        !name.isEmpty() && !name.contains("."),
        "%s: invalid name '%s' (names are non-empty and contain no '.')",
        typeName(),
        name);
    checkArgument(
        !parameters.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name),
        "%s: attribute '%s' already exists",
        typeName(),
        name);
  }

  /**
   * Returns this module's own buffer {@code name}, the tensor {@link #to(DType)} may have replaced:
   * a subclass that uses a buffer in {@code forward} reads it through this method rather than
   * keeping the registered tensor in a field.
   *
   * @param name the name it was registered under
   * @return the current tensor
   * @throws IllegalArgumentException if this module has no buffer of that name
   */
  protected final Tensor buffer(String name) {
    Tensor buffer = buffers.get(name);
    checkArgument(buffer != null, "%s: no buffer '%s'", typeName(), name);
    return buffer;
  }

  // ---------------------------------------------------------------- traversal

  /**
   * Returns the direct children by name, in registration order.
   *
   * @return an unmodifiable live view of the children
   */
  public final Map<String, Module> namedChildren() {
    return Collections.unmodifiableMap(children);
  }

  /**
   * Returns the direct children in registration order.
   *
   * @return an immutable list
   */
  public final List<Module> children() {
    return List.copyOf(children.values());
  }

  /**
   * Returns this module and every descendant by dotted path ("" for this one), depth first.
   *
   * @return a new map; a module reachable twice appears once
   */
  public final Map<String, Module> namedModules() {
    Map<String, Module> out = new LinkedHashMap<>();
    collectModules("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
    return out;
  }

  private void collectModules(String prefix, Map<String, Module> out, Set<Module> seen) {
    if (!seen.add(this)) {
      return;
    }
    out.put(prefix, this);
    for (Map.Entry<String, Module> e : children.entrySet()) {
      e.getValue().collectModules(join(prefix, e.getKey()), out, seen);
    }
  }

  /**
   * Returns every parameter of this module and its descendants by dotted name, depth first; a
   * parameter shared by several modules appears once, under its first name.
   *
   * @return a new map from dotted name to the live parameter
   */
  public final Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Map.Entry<String, Module> m : namedModules().entrySet()) {
      for (Map.Entry<String, Parameter> p : m.getValue().parameters.entrySet()) {
        if (seen.add(p.getValue())) {
          out.put(join(m.getKey(), p.getKey()), p.getValue());
        }
      }
    }
    return out;
  }

  /**
   * Returns the parameters of {@link #namedParameters()} in order.
   *
   * @return an immutable list of the live parameters, as an optimizer takes them
   */
  public final List<Parameter> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /**
   * Returns every buffer of this module and its descendants by dotted name, depth first.
   *
   * @return a new map from dotted name to the live buffer
   */
  public final Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Module> m : namedModules().entrySet()) {
      for (Map.Entry<String, Tensor> b : m.getValue().buffers.entrySet()) {
        out.put(join(m.getKey(), b.getKey()), b.getValue());
      }
    }
    return out;
  }

  private static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  // ---------------------------------------------------------------- modes and grads

  /**
   * Sets training mode on this module and every descendant; returns this module.
   *
   * @param mode true for training mode, false for evaluation mode
   * @return this module, for chaining
   */
  public final Module train(boolean mode) {
    for (Module m : namedModules().values()) {
      m.training = mode;
    }
    return this;
  }

  /**
   * Switches this module and its descendants to training mode; returns this module.
   *
   * @return this module, for chaining
   */
  public final Module train() {
    return train(true);
  }

  /**
   * Switches this module and its descendants to evaluation mode; returns this module.
   *
   * @return this module, for chaining
   */
  public final Module eval() {
    return train(false);
  }

  /**
   * Returns whether this module is in training mode.
   *
   * @return true in training mode, false in evaluation mode
   */
  public final boolean isTraining() {
    return training;
  }

  /**
   * Converts every floating parameter and buffer of this module and its descendants to {@code
   * dtype}, as PyTorch's {@code module.to(torch.float64)} or {@code module.double()}; integer ones
   * are left as they are. Returns this module.
   *
   * <p>Each {@link Parameter} keeps its identity: its value (and its gradient, if any) is replaced
   * by a converted copy, so references to it, in fields or in lists taken from {@link
   * #parameters()}, see the new dtype. An optimizer's state (momenta, running averages) is not
   * converted, so create optimizers after {@code to}, as PyTorch advises for {@code .cuda()}.
   * Graphs recorded before the call still hold the old values: run their backward passes first, or
   * drop them. Buffers are replaced in the module's table ({@link #buffer}); a buffer registered
   * under several names stays one tensor. Parameters and buffers already of {@code dtype} are kept
   * as they are, without a copy.
   *
   * <pre>{@code
   * Sequential model = new Sequential(new Linear(4, 3), new Tanh(), new Linear(3, 2));
   * model.to(DType.FLOAT64);
   * Variable x = new Variable(Tensor.randn(Shape.of(5, 4), DType.FLOAT64));
   * Variable[] params = model.parameters().toArray(new Variable[0]);
   * GradCheck.check(p -> model.forward(x).pow(2).sum(), params);
   * }</pre>
   *
   * @param dtype the floating dtype wanted, FLOAT32 or FLOAT64
   * @return this module, for chaining
   * @throws IllegalArgumentException if {@code dtype} is not floating
   */
  public final Module to(DType dtype) {
    checkNotNull(dtype, "%s.to: dtype is null", typeName());
    checkArgument(
        dtype.isFloatingPoint(), "%s.to: expected a floating dtype, got %s", typeName(), dtype);
    for (Parameter p : parameters()) {
      if (p.dtype().isFloatingPoint()) {
        p.convertTo(dtype);
      }
    }
    Map<Tensor, Tensor> converted = new IdentityHashMap<>();
    for (Module m : namedModules().values()) {
      m.buffers.replaceAll(
          (name, b) ->
              b.dtype().isFloatingPoint() ? converted.computeIfAbsent(b, t -> t.to(dtype)) : b);
    }
    return this;
  }

  /** Clears the gradient of every parameter (PyTorch's default {@code set_to_none=True}). */
  public final void zeroGrad() {
    for (Parameter p : parameters()) {
      p.setGrad(null);
    }
  }

  // ---------------------------------------------------------------- state dicts

  /**
   * Returns the parameters' and buffers' tensors by dotted name (see the class notes for the
   * order). The tensors are the live data, not copies, as in PyTorch.
   *
   * @return a new map from dotted name to tensor, ready for {@link
   *     dev.jgrad.tensor.io.SafeTensors#save(java.nio.file.Path, Map)}
   */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Map.Entry<String, Module> m : namedModules().entrySet()) {
      Module module = m.getValue();
      for (Map.Entry<String, Parameter> p : module.parameters.entrySet()) {
        if (seen.add(p.getValue())) {
          out.put(join(m.getKey(), p.getKey()), p.getValue().data());
        }
      }
      for (Map.Entry<String, Tensor> b : module.buffers.entrySet()) {
        out.put(join(m.getKey(), b.getKey()), b.getValue());
      }
    }
    return out;
  }

  /**
   * Loads {@code state} strictly; see {@link #loadStateDict(Map, boolean)}.
   *
   * @param state the tensors by dotted name, for example {@code SafeTensors.load(file).tensors()}
   * @return the missing and unexpected keys, both empty
   * @throws IllegalArgumentException naming the keys if keys are missing or unexpected, or naming
   *     the key and both shapes on a size mismatch
   */
  public final IncompatibleKeys loadStateDict(Map<String, Tensor> state) {
    return loadStateDict(state, true);
  }

  /**
   * Copies the tensors of {@code state} into this module's parameters and buffers, as {@code
   * load_state_dict}. Values are cast to each parameter's dtype.
   *
   * <p>Everything is checked before anything is copied, so a failed load changes nothing.
   *
   * @param strict whether missing or unexpected keys are an error (PyTorch's default is true)
   * @param state the tensors by dotted name; only read
   * @return the missing and unexpected keys (both empty after a strict load)
   * @throws IllegalArgumentException naming the keys when {@code strict} and keys do not match, or
   *     naming the key, the checkpoint's shape and the model's shape on a size mismatch (whatever
   *     {@code strict} is)
   */
  public final IncompatibleKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
    checkNotNull(state, "loadStateDict: state is null");
    Map<String, Tensor> own = stateDict();
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor source = state.get(e.getKey());
      if (source == null) {
        missing.add(e.getKey());
      } else if (!source.shape().equals(e.getValue().shape())) {
        mismatched.add(
            String.format(
                "size mismatch for %s: copying a param with shape %s from checkpoint, the shape in"
                    + " current model is %s.",
                e.getKey(), source.shape(), e.getValue().shape()));
      }
    }
    List<String> unexpected =
        state.keySet().stream().filter(k -> !own.containsKey(k)).collect(Collectors.toList());
    List<String> errors = new ArrayList<>();
    if (strict && !missing.isEmpty()) {
      errors.add("Missing key(s) in state_dict: " + quoted(missing) + ".");
    }
    if (strict && !unexpected.isEmpty()) {
      errors.add("Unexpected key(s) in state_dict: " + quoted(unexpected) + ".");
    }
    errors.addAll(mismatched);
    checkArgument(
        errors.isEmpty(),
        "Error(s) in loading state_dict for %s:\n\t%s",
        typeName(),
        String.join("\n\t", errors));
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor source = state.get(e.getKey());
      if (source != null) {
        e.getValue().copyFrom(source);
      }
    }
    return new IncompatibleKeys(missing, unexpected);
  }

  private static String quoted(List<String> keys) {
    return keys.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", "));
  }

  // ---------------------------------------------------------------- errors and printing

  /**
   * Returns the dotted path of this module from its root ("" for a root).
   *
   * @return the names from the root down, joined with dots, for example {@code layers.2}
   */
  public final String path() {
    List<String> names = new ArrayList<>();
    for (Module m = this; m.parent != null; m = m.parent) {
      names.add(m.nameInParent);
    }
    Collections.reverse(names);
    return String.join(".", names);
  }

  /**
   * Returns a short description for error messages; the class name by default, {@code Linear
   * 128→10} for a Linear.
   *
   * @return a few words that identify the module in a message
   */
  protected String describe() {
    return typeName();
  }

  /**
   * Runs {@code body} (a forward computation) and prefixes any {@link IllegalArgumentException} or
   * {@link IllegalStateException} it throws with this module's path and description, keeping the
   * exception type and the original as the cause.
   *
   * @param <T> what {@code body} returns
   * @param body the forward computation
   * @return what {@code body} returned
   */
  protected final <T> T guard(Supplier<T> body) {
    try {
      return body.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(errorPrefix() + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(errorPrefix() + e.getMessage(), e);
    }
  }

  /** Returns the prefix of this module's error messages: {@code layers.2 (Linear 128→10): }. */
  String errorPrefix() {
    String path = path();
    return path.isEmpty() ? describe() + ": " : path + " (" + describe() + "): ";
  }

  /**
   * Returns the class's simple name, used in printing and messages.
   *
   * @return the name printed before the parentheses
   */
  protected String typeName() {
    return getClass().getSimpleName();
  }

  /**
   * Returns the text inside this module's parentheses in {@link #toString()}; empty by default.
   *
   * @return the module's settings as {@code key=value} pairs separated by commas, for example
   *     {@code p=0.5}
   */
  protected String extraRepr() {
    return "";
  }

  /**
   * Returns the module tree as PyTorch prints it:
   *
   * <pre>
   * Sequential(
   *   (0): Linear(in_features=784, out_features=128, bias=true)
   *   (1): ReLU()
   * )
   * </pre>
   */
  @Override
  public String toString() {
    if (children.isEmpty()) {
      return typeName() + "(" + extraRepr() + ")";
    }
    StringBuilder sb = new StringBuilder(typeName()).append("(");
    if (!extraRepr().isEmpty()) {
      sb.append("\n  ").append(extraRepr());
    }
    for (Map.Entry<String, Module> e : children.entrySet()) {
      String child = e.getValue().toString().replace("\n", "\n  ");
      sb.append("\n  (").append(e.getKey()).append("): ").append(child);
    }
    return sb.append("\n)").toString();
  }
}
