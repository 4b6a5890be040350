package dev.jgrad.optim;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adagrad, as {@code torch.optim.Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0,
 * initial_accumulator_value=0, eps=1e-10, maximize=False)}. With γ = lr, η = lr_decay, λ =
 * weight_decay, ε = eps and t the parameter's step count (1 on its first update), each step updates
 * every parameter θ that has a gradient ∇θ:
 *
 * <pre>
 * g ← maximize ? −∇θ : ∇θ
 * if λ ≠ 0:  g ← g + λθ                      (L2 added to the gradient)
 * γ̃ ← γ / (1 + (t − 1)η)
 * s ← s + g²                                 (state "sum")
 * θ ← θ − γ̃g / (√s + ε)
 * </pre>
 *
 * <p>The sum starts at {@code initial_accumulator_value} in every element; it is created on the
 * parameter's first update from its group's value (PyTorch creates it in the constructor from the
 * constructor's value). ε is added after the square root; its default here is 1e-10.
 */
public final class Adagrad extends Optimizer {
  /** The learning-rate decay η, {@code lr_decay} (default 0); at least 0. */
  public static final Hyperparameter<Double> LR_DECAY =
      Hyperparameter.real("lr_decay", "lr_decay value", 0.0, Hyperparameter::nonNegative);

  /** The starting value of the sum of squares, {@code initial_accumulator_value} (default 0). */
  public static final Hyperparameter<Double> INITIAL_ACCUMULATOR_VALUE =
      Hyperparameter.real(
          "initial_accumulator_value",
          "initial_accumulator_value value",
          0.0,
          Hyperparameter::nonNegative);

  private static final List<Hyperparameter<?>> HYPERPARAMETERS =
      List.of(LR, LR_DECAY, EPS, WEIGHT_DECAY, INITIAL_ACCUMULATOR_VALUE, MAXIMIZE);

  /**
   * Creates Adagrad over one group with PyTorch's defaults (lr 1e-2).
   *
   * @param params the parameters
   * @throws IllegalArgumentException if there are no parameters
   */
  public Adagrad(Iterable<? extends Variable> params) {
    this(single(params), 1e-2);
  }

  /**
   * Creates Adagrad over one group.
   *
   * @param params the parameters
   * @param lr the learning rate
   * @throws IllegalArgumentException if there are no parameters or {@code lr} is invalid
   */
  public Adagrad(Iterable<? extends Variable> params, double lr) {
    this(single(params), lr);
  }

  /**
   * Creates Adagrad over parameter groups.
   *
   * @param groups the groups
   * @param lr the default learning rate, for groups without their own
   * @throws IllegalArgumentException if there are no parameters or a value is invalid
   */
  public Adagrad(List<ParamGroup> groups, double lr) {
    super("Adagrad", HYPERPARAMETERS, lr, groups);
    setDefault(EPS, 1e-10);
  }

  /**
   * Sets the default learning-rate decay η, {@link #LR_DECAY}.
   *
   * @param lrDecay the decay
   * @return this optimizer
   * @throws IllegalArgumentException if it is negative or not finite
   */
  public Adagrad lrDecay(double lrDecay) {
    setDefault(LR_DECAY, lrDecay);
    return this;
  }

  /**
   * Sets the default ε, added to the denominator after the square root, {@link #EPS}.
   *
   * @param eps the term
   * @return this optimizer
   * @throws IllegalArgumentException if it is negative or not finite
   */
  public Adagrad eps(double eps) {
    setDefault(EPS, eps);
    return this;
  }

  /**
   * Sets the default weight decay λ (L2 added to the gradient), {@link #WEIGHT_DECAY}.
   *
   * @param weightDecay the decay
   * @return this optimizer
   * @throws IllegalArgumentException if it is negative or not finite
   */
  public Adagrad weightDecay(double weightDecay) {
    setDefault(WEIGHT_DECAY, weightDecay);
    return this;
  }

  /**
   * Sets the default starting value of the sum of squares, {@link #INITIAL_ACCUMULATOR_VALUE}; it
   * applies to parameters not yet updated.
   *
   * @param value the starting value
   * @return this optimizer
   * @throws IllegalArgumentException if it is negative or not finite
   */
  public Adagrad initialAccumulatorValue(double value) {
    setDefault(INITIAL_ACCUMULATOR_VALUE, value);
    return this;
  }

  /**
   * Sets whether to maximize the objective by default, {@link #MAXIMIZE}.
   *
   * @param maximize whether to maximize
   * @return this optimizer
   */
  public Adagrad maximize(boolean maximize) {
    setDefault(MAXIMIZE, maximize);
    return this;
  }

  @Override
  protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
    double weightDecay = group.get(WEIGHT_DECAY);
    Tensor g = group.get(MAXIMIZE) ? grad.neg() : grad;
    if (weightDecay != 0) {
      g = g.add(param.mul(weightDecay));
    }
    Tensor sum =
        state.computeIfAbsent(
            "sum",
            k -> Tensor.full(param.shape(), group.get(INITIAL_ACCUMULATOR_VALUE), param.dtype()));
    double step = countStep(state);
    double clr = group.get(LR) / (1 + (step - 1) * group.get(LR_DECAY));
    sum.addInPlace(g.mul(g));
    param.addInPlace(g.div(sum.sqrt().add(group.get(EPS))), -clr);
  }
}
