package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The base of jgrad's optimizers, as {@code torch.optim.Optimizer}: parameter groups with per-group
 * hyperparameters, per-parameter state created lazily by the first {@link #step()}, and a state
 * dict for resuming.
 *
 * <pre>{@code
 * Optimizer opt = new SGD(model.parameters(), 0.1).momentum(0.9);
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * }</pre>
 *
 * <p><b>Hyperparameters.</b> Each is a typed {@link Hyperparameter} key declared once as a
 * constant: those several optimizers share here ({@link #LR}, {@link #WEIGHT_DECAY}, {@link
 * #MOMENTUM}, {@link #EPS}, {@link #MAXIMIZE}), the others on their optimizer ({@link
 * SGD#NESTEROV}, {@link Adam#BETAS}, …). An optimizer holds a default of each of its keys ({@link
 * #setDefault}); a {@link ParamGroup} may hold its own value ({@link ParamGroup#set}). Every value
 * is checked when it is set, with PyTorch's message prefixed by the optimizer's name ({@code Adam:
 * Invalid epsilon value: -1.0}).
 *
 * <p><b>Update rules.</b> Each optimizer's class documentation gives its exact rule. Every rule
 * negates the gradient first when {@code maximize} is set, as PyTorch's do, so weight decay still
 * pulls parameters toward zero; no rule modifies the gradient. The per-parameter state is created
 * lazily under PyTorch's names; {@code step} is a FLOAT64 scalar counting the updates made.
 *
 * <p><b>State dict.</b> {@link #stateDict()} flattens PyTorch's {@code {"state", "param_groups"}}
 * into tensors, so it can be saved with {@code SafeTensors}: {@code state.<i>.<name>} for parameter
 * {@code i} (counted across groups in order), {@code param_groups.<g>.<hyperparameter>} as FLOAT64
 * (see {@link Hyperparameter}) and {@code param_groups.<g>.params} as the INT32 parameter indices.
 */
public abstract class Optimizer {
  /** The learning rate γ, {@code lr}; each optimizer's constructor gives its default. */
  public static final Hyperparameter<Double> LR =
      Hyperparameter.real("lr", "learning rate", null, Hyperparameter::nonNegative);

  /** The weight decay λ, {@code weight_decay} (default 0); its use is in each optimizer's rule. */
  public static final Hyperparameter<Double> WEIGHT_DECAY =
      Hyperparameter.real("weight_decay", "weight_decay value", 0.0, Hyperparameter::nonNegative);

  /** The momentum factor μ of {@link SGD} and {@link RMSprop}, {@code momentum} (default 0). */
  public static final Hyperparameter<Double> MOMENTUM =
      Hyperparameter.real("momentum", "momentum value", 0.0, Hyperparameter::nonNegative);

  /** The ε of {@link RMSprop} and {@link Adam}'s denominators, {@code eps} (default 1e-8). */
  public static final Hyperparameter<Double> EPS =
      Hyperparameter.real("eps", "epsilon value", 1e-8, Hyperparameter::nonNegative);

  /** Whether to maximize the objective instead of minimizing it, {@code maximize} (default no). */
  public static final Hyperparameter<Boolean> MAXIMIZE = Hyperparameter.flag("maximize", false);

  private final String name;
  private final List<Hyperparameter<?>> hyperparameters;
  private final Map<Hyperparameter<?>, Object> defaults = new HashMap<>();
  private final List<ParamGroup> groups = new ArrayList<>();
  private final Map<Variable, Map<String, Tensor>> state = new IdentityHashMap<>();

  /**
   * Creates an optimizer over {@code groups}.
   *
   * @param name the optimizer's name for messages, such as {@code SGD}
   * @param hyperparameters the keys it knows, in PyTorch's order; {@link #LR} among them, every
   *     other with a declared default
   * @param lr the default learning rate
   * @param groups the parameter groups
   * @throws IllegalArgumentException if there are no parameters at all (PyTorch's "optimizer got an
   *     empty parameter list") or a group does not fit (see {@link #addParamGroup})
   */
  protected Optimizer(
      String name, List<Hyperparameter<?>> hyperparameters, double lr, List<ParamGroup> groups) {
    this.name = checkNotNull(name, "Optimizer: name is null");
    this.hyperparameters = List.copyOf(hyperparameters);
    checkArgument(this.hyperparameters.contains(LR), "%s: hyperparameters lack lr", name);
    for (Hyperparameter<?> h : this.hyperparameters) {
      Object value = h == LR ? (Object) lr : h.defaultValue();
      checkArgument(value != null, "%s: hyperparameter '%s' has no default", name, h);
      defaults.put(h, value);
    }
    checkArgument(
        groups.stream().anyMatch(g -> !g.params().isEmpty()),
        "%s: optimizer got an empty parameter list",
        name);
    for (ParamGroup g : groups) {
      addParamGroup(g);
    }
  }

  /**
   * Adds a group, as {@code add_param_group}.
   *
   * @param group the group, not yet added to an optimizer
   * @throws IllegalArgumentException if the group has no parameters, a parameter is already in
   *     another group, or a hyperparameter of the group is unknown or invalid
   */
  public final void addParamGroup(ParamGroup group) {
    checkNotNull(group, "%s: param group is null", name);
    checkArgument(
        !group.params().isEmpty(),
        "%s: parameter group %s has no parameters; every group needs at least one",
        name,
        groups.size());
    for (Variable p : group.params()) {
      for (ParamGroup other : groups) {
        for (Variable q : other.params()) {
          checkArgument(
              p != q, "%s: some parameters appear in more than one parameter group", name);
        }
      }
    }
    group.attach(this);
    try {
      validate(group);
    } catch (IllegalArgumentException e) {
      group.detach();
      throw e;
    }
    groups.add(group);
  }

  /**
   * Returns the groups.
   *
   * @return the groups, in order
   */
  public final List<ParamGroup> paramGroups() {
    return List.copyOf(groups);
  }

  /**
   * Returns the optimizer's name.
   *
   * @return the name, such as {@code SGD}
   */
  public final String name() {
    return name;
  }

  /**
   * Returns the hyperparameters this optimizer knows.
   *
   * @return the keys, in PyTorch's order (the order of the state dict)
   */
  public final List<Hyperparameter<?>> hyperparameters() {
    return hyperparameters;
  }

  /**
   * Sets the default of a hyperparameter, which applies to every group without its own value.
   *
   * @param key the hyperparameter
   * @param value its new default
   * @param <T> the type of its values
   * @return this optimizer
   * @throws IllegalArgumentException if the key is unknown or the value invalid for a group; the
   *     default is then unchanged
   */
  public final <T> Optimizer setDefault(Hyperparameter<T> key, T value) {
    checkKnown(key);
    checkNotNull(value, "%s: %s is null", name, key);
    Object old = defaults.put(key, value);
    try {
      for (ParamGroup g : groups) {
        validate(g);
      }
    } catch (IllegalArgumentException e) {
      defaults.put(key, old);
      throw e;
    }
    return this;
  }

  /**
   * Returns the default of a hyperparameter.
   *
   * @param key the hyperparameter
   * @param <T> the type of its values
   * @return its default in this optimizer
   * @throws IllegalArgumentException if the key is unknown
   */
  public final <T> T getDefault(Hyperparameter<T> key) {
    Object value = defaults.get(key);
    if (value == null) {
      checkKnown(key);
    }
    return key.cast(value);
  }

  void checkKnown(Hyperparameter<?> key) {
    checkNotNull(key, "%s: hyperparameter is null", name);
    checkArgument(
        defaults.containsKey(key),
        "%s: unknown hyperparameter '%s' (known: %s)",
        name,
        key,
        hyperparameters.stream().map(Hyperparameter::name).collect(Collectors.joining(", ")));
  }

  /** Checks every hyperparameter of {@code group}; throws IllegalArgumentException naming it. */
  final void validate(ParamGroup group) {
    try {
      for (Hyperparameter<?> h : hyperparameters) {
        check(h, group);
      }
      checkCombination(group);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static <T> void check(Hyperparameter<T> key, ParamGroup group) {
    key.check(group.get(key));
  }

  /**
   * Checks the rules that tie several hyperparameters of {@code group} together, after each has
   * passed its own check; by default there are none.
   *
   * @param group the group to check
   * @throws IllegalArgumentException in PyTorch's words if the values do not go together
   */
  protected void checkCombination(ParamGroup group) {}

  /**
   * Applies one update, as given in the optimizer's class documentation, to {@code param} (its
   * data, in place).
   *
   * @param param the parameter's data
   * @param grad its gradient, which must not be modified
   * @param state its state, empty before its first update
   * @param group its group, from which to read the hyperparameters
   */
  protected abstract void update(
      Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group);

  /**
   * Updates every parameter that has a gradient; parameters whose gradient is null are skipped, as
   * in PyTorch.
   */
  public final void step() {
    for (ParamGroup g : groups) {
      for (Variable p : g.params()) {
        if (p.grad() != null) {
          update(p.data(), p.grad(), state.computeIfAbsent(p, k -> new HashMap<>()), g);
        }
      }
    }
  }

  /** Clears every parameter's gradient (PyTorch's default {@code set_to_none=True}). */
  public final void zeroGrad() {
    for (ParamGroup g : groups) {
      for (Variable p : g.params()) {
        p.setGrad(null);
      }
    }
  }

  /**
   * Returns the state of a parameter.
   *
   * @param param the parameter
   * @return its state (empty before its first update); the live tensors
   */
  public final Map<String, Tensor> state(Variable param) {
    return state.getOrDefault(param, Map.of());
  }

  /**
   * Returns the state and hyperparameters as tensors (see the class notes).
   *
   * @return copies, in a map of stable order
   */
  public final Map<String, Tensor> stateDict() {
    return OptimizerStateDict.write(hyperparameters, groups, state);
  }

  /**
   * Restores a {@link #stateDict()} made by an optimizer of the same kind over parameters of the
   * same shapes and grouping. Everything is checked before anything changes.
   *
   * @param dict the state dict
   * @throws IllegalArgumentException naming the entry that does not fit
   */
  public final void loadStateDict(Map<String, Tensor> dict) {
    checkNotNull(dict, "%s: state dict is null", name);
    List<Map<Hyperparameter<?>, Object>> values =
        OptimizerStateDict.readHyperparameters(name, hyperparameters, groups, dict);
    Map<Variable, Map<String, Tensor>> loaded = OptimizerStateDict.readState(name, groups, dict);
    for (int gi = 0; gi < groups.size(); gi++) {
      groups.get(gi).restore(values.get(gi), true);
    }
    for (int gi = 0; gi < groups.size(); gi++) {
      groups.get(gi).restore(values.get(gi), false);
    }
    state.clear();
    state.putAll(loaded);
  }

  /**
   * Returns the named state tensor, created as zeros like {@code param} on first use.
   *
   * @param state the parameter's state
   * @param key the state's name, such as {@code exp_avg}
   * @param param the parameter's data
   * @return the live state tensor
   */
  protected static Tensor zerosState(Map<String, Tensor> state, String key, Tensor param) {
    return state.computeIfAbsent(key, k -> Tensor.zerosLike(param));
  }

  /**
   * Adds one to the state's {@code step}, a FLOAT64 scalar created as 0 on first use.
   *
   * @param state the parameter's state
   * @return the new step count, 1 on the first update
   */
  protected static double countStep(Map<String, Tensor> state) {
    Tensor step = state.computeIfAbsent("step", k -> Tensor.scalar(0, DType.FLOAT64));
    double next = step.item() + 1;
    step.set(next);
    return next;
  }

  /**
   * Lists parameters as one group.
   *
   * @param params the parameters
   * @return a list of one group
   */
  protected static List<ParamGroup> single(Iterable<? extends Variable> params) {
    return List.of(ParamGroup.of(params));
  }
}
