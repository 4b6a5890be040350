package dev.jgrad.optim;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * RMSprop, as {@code torch.optim.RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0,
 * momentum=0, centered=False, maximize=False)}. With γ = lr, α = alpha, ε = eps, λ = weight_decay,
 * μ = momentum, each step updates every parameter θ that has a gradient ∇θ:
 *
 * <pre>
 * g ← maximize ? −∇θ : ∇θ
 * if λ ≠ 0:  g ← g + λθ                      (L2 added to the gradient)
 * v ← αv + (1 − α)g²                         (state "square_avg")
 * ṽ ← v
 * if centered:
 *   ḡ ← ḡ + (1 − α)(g − ḡ)                   (state "grad_avg")
 *   ṽ ← v − ḡ²
 * if μ > 0:
 *   b ← μb + g / (√ṽ + ε)                    (state "momentum_buffer")
 *   θ ← θ − γb
 * else:
 *   θ ← θ − γg / (√ṽ + ε)
 * </pre>
 *
 * <p>ε is added <em>after</em> the square root (TensorFlow adds it inside), so the effective step
 * is {@code γ / (√v + ε)}. The states start at zero.
 */
public final class RMSprop extends Optimizer {
  /** The smoothing constant α, {@code alpha} (default 0.99); at least 0. */
  public static final Hyperparameter<Double> ALPHA =
      Hyperparameter.real("alpha", "alpha value", 0.99, Hyperparameter::nonNegative);

  /** Whether to normalize by the estimated variance, {@code centered} (default no). */
  public static final Hyperparameter<Boolean> CENTERED = Hyperparameter.flag("centered", false);

  private static final List<Hyperparameter<?>> HYPERPARAMETERS =
      List.of(LR, ALPHA, EPS, WEIGHT_DECAY, MOMENTUM, CENTERED, MAXIMIZE);

  /**
   * Creates RMSprop over one group with PyTorch's defaults (lr 1e-2).
   *
   * @param params the parameters
   */
  public RMSprop(Iterable<? extends Variable> params) {
    this(single(params), 1e-2);
  }

  /**
   * Creates RMSprop over one group.
   *
   * @param params the parameters
   * @param lr the learning rate
   */
  public RMSprop(Iterable<? extends Variable> params, double lr) {
    this(single(params), lr);
  }

  /**
   * Creates RMSprop over parameter groups.
   *
   * @param groups the groups
   * @param lr the default learning rate, for groups without their own
   */
  public RMSprop(List<ParamGroup> groups, double lr) {
    super("RMSprop", HYPERPARAMETERS, lr, groups);
  }

  /**
   * Sets the default smoothing constant α, {@link #ALPHA}.
   *
   * @param alpha the constant
   * @return this optimizer
   */
  public RMSprop alpha(double alpha) {
    setDefault(ALPHA, alpha);
    return this;
  }

  /**
   * Sets the default ε, added to the denominator after the square root, {@link #EPS}.
   *
   * @param eps the term
   * @return this optimizer
   */
  public RMSprop eps(double eps) {
    setDefault(EPS, eps);
    return this;
  }

  /**
   * Sets the default weight decay λ (L2 added to the gradient), {@link #WEIGHT_DECAY}.
   *
   * @param weightDecay the decay
   * @return this optimizer
   */
  public RMSprop weightDecay(double weightDecay) {
    setDefault(WEIGHT_DECAY, weightDecay);
    return this;
  }

  /**
   * Sets the default momentum factor μ, {@link #MOMENTUM}.
   *
   * @param momentum the factor
   * @return this optimizer
   */
  public RMSprop momentum(double momentum) {
    setDefault(MOMENTUM, momentum);
    return this;
  }

  /**
   * Sets whether to use the centered variant by default, {@link #CENTERED}.
   *
   * @param centered whether to center
   * @return this optimizer
   */
  public RMSprop centered(boolean centered) {
    setDefault(CENTERED, centered);
    return this;
  }

  /**
   * Sets whether to maximize the objective by default, {@link #MAXIMIZE}.
   *
   * @param maximize whether to maximize
   * @return this optimizer
   */
  public RMSprop maximize(boolean maximize) {
    setDefault(MAXIMIZE, maximize);
    return this;
  }

  @Override
  protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
    double lr = group.get(LR);
    double alpha = group.get(ALPHA);
    double eps = group.get(EPS);
    double weightDecay = group.get(WEIGHT_DECAY);
    double momentum = group.get(MOMENTUM);
    Tensor g = group.get(MAXIMIZE) ? grad.neg() : grad;
    if (weightDecay != 0) {
      g = g.add(param.mul(weightDecay));
    }
    Tensor squareAvg = zerosState(state, "square_avg", param);
    squareAvg.mulInPlace(alpha).addInPlace(g.mul(g), 1 - alpha);
    Tensor avg;
    if (group.get(CENTERED)) {
      Tensor gradAvg = zerosState(state, "grad_avg", param);
      gradAvg.addInPlace(g.sub(gradAvg), 1 - alpha);
      avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt().add(eps);
    } else {
      avg = squareAvg.sqrt().add(eps);
    }
    if (momentum > 0) {
      Tensor buf = zerosState(state, "momentum_buffer", param);
      buf.mulInPlace(momentum).addInPlace(g.div(avg));
      param.addInPlace(buf, -lr);
    } else {
      param.addInPlace(g.div(avg), -lr);
    }
    countStep(state);
  }
}
