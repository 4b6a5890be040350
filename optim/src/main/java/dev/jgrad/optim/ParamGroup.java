package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.jgrad.autograd.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of parameters with its own hyperparameters, as an entry of PyTorch's {@code
 * optimizer.param_groups}. A group reads each {@link Hyperparameter} from its own value, falling
 * back to its optimizer's default.
 *
 * <pre>{@code
 * // weight decay (L2) on the weights only, none on the biases:
 * new SGD(List.of(ParamGroup.of(weights).set(SGD.WEIGHT_DECAY, 1e-4), ParamGroup.of(biases)), 0.1);
 * }</pre>
 */
public final class ParamGroup {
  private final List<Variable> params;
  private final Map<Hyperparameter<?>, Object> overrides = new LinkedHashMap<>();
  private Optimizer optimizer;
  private Double initialLr;

  private ParamGroup(List<Variable> params) {
    this.params = params;
  }

  /**
   * Returns a group of parameters.
   *
   * @param params the parameters, in order
   * @return a group without hyperparameters of its own
   * @throws IllegalArgumentException if a parameter is null or does not require grad, or one
   *     appears twice
   */
  public static ParamGroup of(Iterable<? extends Variable> params) {
    checkNotNull(params, "ParamGroup: params is null");
    List<Variable> list = new ArrayList<>();
    for (Variable p : params) {
      checkArgument(p != null, "ParamGroup: parameter %s is null", list.size());
      checkArgument(
          p.isLeaf() && p.requiresGrad(),
          "ParamGroup: parameter %s (shape %s) is not a leaf that requires grad",
          list.size(),
          p.shape());
      for (Variable q : list) {
        checkArgument(q != p, "ParamGroup: parameter %s appears twice", list.size());
      }
      list.add(p);
    }
    return new ParamGroup(Collections.unmodifiableList(list));
  }

  /**
   * Sets this group's own value of a hyperparameter. Before the group is added to an optimizer the
   * value is only stored; adding checks it.
   *
   * @param key the hyperparameter
   * @param value the value
   * @param <T> the type of its values
   * @return this group
   * @throws IllegalArgumentException if the group's optimizer does not know {@code key} or the
   *     value is invalid; the group is then unchanged
   */
  public <T> ParamGroup set(Hyperparameter<T> key, T value) {
    checkNotNull(key, "ParamGroup: hyperparameter is null");
    checkNotNull(value, "ParamGroup: value of %s is null", key);
    if (optimizer != null) {
      optimizer.checkKnown(key);
    }
    Object old = overrides.put(key, value);
    if (optimizer != null) {
      try {
        optimizer.validate(this);
      } catch (IllegalArgumentException e) {
        if (old == null) {
          overrides.remove(key);
        } else {
          overrides.put(key, old);
        }
        throw e;
      }
    }
    return this;
  }

  /**
   * Returns the value of a hyperparameter in this group: its own, or else its optimizer's default.
   *
   * @param key the hyperparameter
   * @param <T> the type of its values
   * @return the value
   * @throws IllegalStateException if the group has not been added to an optimizer
   * @throws IllegalArgumentException if its optimizer does not know {@code key}
   */
  public <T> T get(Hyperparameter<T> key) {
    checkState(optimizer != null, "ParamGroup: not yet added to an optimizer");
    Object own = overrides.get(key);
    return own != null ? key.cast(own) : optimizer.getDefault(key);
  }

  /**
   * Returns whether this group holds its own value of a hyperparameter.
   *
   * @param key the hyperparameter
   * @return whether the group overrides the default
   */
  public boolean hasOverride(Hyperparameter<?> key) {
    return overrides.containsKey(key);
  }

  /**
   * Returns the parameters.
   *
   * @return the parameters, in order
   */
  public List<Variable> params() {
    return params;
  }

  /**
   * Returns the learning rate, {@link Optimizer#LR}.
   *
   * @return the learning rate
   */
  public double lr() {
    return get(Optimizer.LR);
  }

  /**
   * Sets the learning rate, as a scheduler does.
   *
   * @param lr the learning rate
   * @return this group
   */
  public ParamGroup setLr(double lr) {
    return set(Optimizer.LR, lr);
  }

  /**
   * Replaces the group's own values with {@code values} after validating them together; with {@code
   * trialOnly} the group is left as it was.
   */
  /**
   * Returns the group's initial rate ({@code initial_lr}), recording its current rate as such if no
   * scheduler recorded one before, as PyTorch's schedulers do with {@code setdefault}; so a
   * scheduler created after another takes the same base rate.
   */
  double initialLr() {
    if (initialLr == null) {
      initialLr = lr();
    }
    return initialLr;
  }

  /** Replaces the group's initial rate, as {@code OneCycleLR} does with {@code max_lr / div}. */
  void setInitialLr(double lr) {
    initialLr = lr;
  }

  void restore(Map<Hyperparameter<?>, Object> values, boolean trialOnly) {
    Map<Hyperparameter<?>, Object> old = new LinkedHashMap<>(overrides);
    overrides.clear();
    overrides.putAll(values);
    try {
      optimizer.validate(this);
    } catch (IllegalArgumentException e) {
      overrides.clear();
      overrides.putAll(old);
      throw e;
    }
    if (trialOnly) {
      overrides.clear();
      overrides.putAll(old);
    }
  }

  void attach(Optimizer owner) {
    checkArgument(optimizer == null, "ParamGroup: already added to an optimizer");
    for (Hyperparameter<?> key : overrides.keySet()) {
      owner.checkKnown(key);
    }
    this.optimizer = owner;
  }

  void detach() {
    this.optimizer = null;
  }
}
