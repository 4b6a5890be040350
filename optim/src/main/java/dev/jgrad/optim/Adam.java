package dev.jgrad.optim;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam, as {@code torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
 * amsgrad=False, maximize=False)}, and, as its subclass {@link AdamW}, Adam with decoupled weight
 * decay. With γ = lr, (β₁, β₂) = betas, ε = eps, λ = weight_decay, each step updates every
 * parameter θ that has a gradient ∇θ:
 *
 * <pre>
 * t ← t + 1                                  (state "step")
 * g ← maximize ? −∇θ : ∇θ
 * AdamW:          θ ← θ(1 − γλ)              (decoupled weight decay)
 * Adam, if λ ≠ 0: g ← g + λθ                 (L2 added to the gradient)
 * m ← m + (1 − β₁)(g − m)                    (state "exp_avg")
 * v ← β₂v + (1 − β₂)g²                       (state "exp_avg_sq")
 * u ← amsgrad ? (v̂ ← max(v̂, v)) : v          (state "max_exp_avg_sq")
 * θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√u / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * <p>The states start at zero. With AMSGrad the bias corrections apply to the running maximum of
 * the raw second moments, as in PyTorch, and ε is added after the bias-corrected square root.
 *
 * <p>The setters return this optimizer typed as {@code Adam}, also when it is an {@code AdamW}.
 */
public sealed class Adam extends Optimizer permits AdamW {
  /** The moment decay rates (β₁, β₂), {@code betas} (default (0.9, 0.999)); each in [0, 1). */
  public static final Hyperparameter<Pair> BETAS =
      Hyperparameter.pair("betas", "beta parameter", new Pair(0.9, 0.999), b -> 0 <= b && b < 1);

  /** Whether to use the AMSGrad variant, {@code amsgrad} (default no). */
  public static final Hyperparameter<Boolean> AMSGRAD = Hyperparameter.flag("amsgrad", false);

  private static final List<Hyperparameter<?>> HYPERPARAMETERS =
      List.of(LR, BETAS, EPS, WEIGHT_DECAY, AMSGRAD, MAXIMIZE);

  private final boolean decoupled;

  /**
   * Creates Adam over one group with PyTorch's defaults (lr 1e-3).
   *
   * @param params the parameters
   */
  public Adam(Iterable<? extends Variable> params) {
    this(single(params), 1e-3);
  }

  /**
   * Creates Adam over one group.
   *
   * @param params the parameters
   * @param lr the learning rate
   */
  public Adam(Iterable<? extends Variable> params, double lr) {
    this(single(params), lr);
  }

  /**
   * Creates Adam over parameter groups.
   *
   * @param groups the groups
   * @param lr the default learning rate, for groups without their own
   */
  public Adam(List<ParamGroup> groups, double lr) {
    this("Adam", groups, lr, false);
  }

  /** Creates Adam, or with {@code decoupled} the rule of {@link AdamW}. */
  Adam(String name, List<ParamGroup> groups, double lr, boolean decoupled) {
    super(name, HYPERPARAMETERS, lr, groups);
    this.decoupled = decoupled;
  }

  /**
   * Sets the default moment decay rates, {@link #BETAS}.
   *
   * @param beta1 β₁, of the first moment
   * @param beta2 β₂, of the second moment
   * @return this optimizer
   */
  public Adam betas(double beta1, double beta2) {
    setDefault(BETAS, new Pair(beta1, beta2));
    return this;
  }

  /**
   * Sets the default ε, added after the bias-corrected square root, {@link #EPS}.
   *
   * @param eps the term
   * @return this optimizer
   */
  public Adam eps(double eps) {
    setDefault(EPS, eps);
    return this;
  }

  /**
   * Sets the default weight decay λ, {@link #WEIGHT_DECAY}: L2 added to the gradient in Adam,
   * decoupled in AdamW.
   *
   * @param weightDecay the decay
   * @return this optimizer
   */
  public Adam weightDecay(double weightDecay) {
    setDefault(WEIGHT_DECAY, weightDecay);
    return this;
  }

  /**
   * Sets whether to use the AMSGrad variant by default, {@link #AMSGRAD}.
   *
   * @param amsgrad whether to use it
   * @return this optimizer
   */
  public Adam amsgrad(boolean amsgrad) {
    setDefault(AMSGRAD, amsgrad);
    return this;
  }

  /**
   * Sets whether to maximize the objective by default, {@link #MAXIMIZE}.
   *
   * @param maximize whether to maximize
   * @return this optimizer
   */
  public Adam maximize(boolean maximize) {
    setDefault(MAXIMIZE, maximize);
    return this;
  }

  @Override
  protected final void update(
      Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
    double lr = group.get(LR);
    Pair betas = group.get(BETAS);
    double beta1 = betas.first();
    double beta2 = betas.second();
    double weightDecay = group.get(WEIGHT_DECAY);
    double step = countStep(state);
    Tensor g = group.get(MAXIMIZE) ? grad.neg() : grad;
    if (decoupled) {
      param.mulInPlace(1 - lr * weightDecay);
    } else if (weightDecay != 0) {
      g = g.add(param.mul(weightDecay));
    }
    Tensor expAvg = zerosState(state, "exp_avg", param);
    Tensor expAvgSq = zerosState(state, "exp_avg_sq", param);
    expAvg.addInPlace(g.sub(expAvg), 1 - beta1);
    expAvgSq.mulInPlace(beta2).addInPlace(g.mul(g), 1 - beta2);
    double biasCorrection1 = 1 - Math.pow(beta1, step);
    double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    Tensor second = expAvgSq;
    if (group.get(AMSGRAD)) {
      Tensor max = zerosState(state, "max_exp_avg_sq", param);
      max.copyFrom(max.maximum(expAvgSq));
      second = max;
    }
    Tensor denom = second.sqrt().div(biasCorrection2Sqrt).add(group.get(EPS));
    param.addInPlace(expAvg.div(denom), -lr / biasCorrection1);
  }
}
