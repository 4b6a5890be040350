package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.FusedOps;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay, as {@code
 * torch.optim.SGD(params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False,
 * maximize=False)}. With γ = lr, μ = momentum, τ = dampening, λ = weight_decay, each step updates
 * every parameter θ that has a gradient ∇θ:
 *
 * <pre>
 * g ← maximize ? −∇θ : ∇θ
 * if λ ≠ 0:  g ← g + λθ                      (weight decay is an L2 term added to the gradient)
 * if μ ≠ 0:
 *   b ← (first step) ? g : μb + (1 − τ)g     (state "momentum_buffer"; no dampening at first)
 *   g ← nesterov ? g + μb : b
 * θ ← θ − γg
 * </pre>
 *
 * <p>This momentum form, {@code v = μv + g; θ = θ − γv}, is PyTorch's and differs subtly from
 * Sutskever et al.'s {@code v = μv + γg; θ = θ − v}: the learning rate scales the whole buffer, so
 * changing it mid-training changes the step at once. Nesterov momentum requires μ > 0 and τ = 0.
 *
 * <p>Once the buffer exists, a momentum step without Nesterov updates b and θ in one pass over the
 * three tensors, rounding each operation as the rule above does step by step.
 */
public final class SGD extends Optimizer {
  /** The dampening τ of the momentum, {@code dampening} (default 0); any finite value. */
  public static final Hyperparameter<Double> DAMPENING =
      Hyperparameter.real("dampening", "dampening value", 0.0, Double::isFinite);

  /** Whether to use Nesterov momentum, {@code nesterov} (default no). */
  public static final Hyperparameter<Boolean> NESTEROV = Hyperparameter.flag("nesterov", false);

  private static final List<Hyperparameter<?>> HYPERPARAMETERS =
      List.of(LR, MOMENTUM, DAMPENING, WEIGHT_DECAY, NESTEROV, MAXIMIZE);

  /**
   * Creates SGD over one group.
   *
   * @param params the parameters
   * @param lr the learning rate; the other hyperparameters are PyTorch's defaults
   */
  public SGD(Iterable<? extends Variable> params, double lr) {
    this(single(params), lr);
  }

  /**
   * Creates SGD over parameter groups.
   *
   * @param groups the groups
   * @param lr the default learning rate, for groups without their own
   */
  public SGD(List<ParamGroup> groups, double lr) {
    super("SGD", HYPERPARAMETERS, lr, groups);
  }

  /**
   * Sets the default momentum factor μ, {@link #MOMENTUM}.
   *
   * @param momentum the factor
   * @return this optimizer
   */
  public SGD momentum(double momentum) {
    setDefault(MOMENTUM, momentum);
    return this;
  }

  /**
   * Sets the default dampening τ, {@link #DAMPENING}.
   *
   * @param dampening the dampening
   * @return this optimizer
   */
  public SGD dampening(double dampening) {
    setDefault(DAMPENING, dampening);
    return this;
  }

  /**
   * Sets the default weight decay λ (L2 added to the gradient), {@link #WEIGHT_DECAY}.
   *
   * @param weightDecay the decay
   * @return this optimizer
   */
  public SGD weightDecay(double weightDecay) {
    setDefault(WEIGHT_DECAY, weightDecay);
    return this;
  }

  /**
   * Sets whether to use Nesterov momentum by default, {@link #NESTEROV}.
   *
   * @param nesterov whether to use it
   * @return this optimizer
   */
  public SGD nesterov(boolean nesterov) {
    setDefault(NESTEROV, nesterov);
    return this;
  }

  /**
   * Sets whether to maximize the objective by default, {@link #MAXIMIZE}.
   *
   * @param maximize whether to maximize
   * @return this optimizer
   */
  public SGD maximize(boolean maximize) {
    setDefault(MAXIMIZE, maximize);
    return this;
  }

  @Override
  protected void checkCombination(ParamGroup g) {
    checkArgument(
        !g.get(NESTEROV) || (g.get(MOMENTUM) > 0 && g.get(DAMPENING) == 0),
        "Nesterov momentum requires a momentum and zero dampening");
  }

  @Override
  protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
    double lr = group.get(LR);
    double momentum = group.get(MOMENTUM);
    double weightDecay = group.get(WEIGHT_DECAY);
    Tensor g = group.get(MAXIMIZE) ? grad.neg() : grad;
    if (momentum == 0 && weightDecay != 0) {
      FusedOps.addInPlaceWithDecay(param, g, -lr, weightDecay);
    } else {
      if (weightDecay != 0) {
        g = g.add(param.mul(weightDecay));
      }
      Tensor buf = state.get("momentum_buffer");
      boolean nesterov = group.get(NESTEROV);
      if (momentum == 0) {
        param.addInPlace(g, -lr);
      } else if (buf != null && !nesterov) {
        FusedOps.momentumStep(param, buf, g, momentum, 1 - group.get(DAMPENING), -lr);
      } else {
        if (buf == null) {
          buf = g.copy();
          state.put("momentum_buffer", buf);
        } else {
          buf.mulInPlace(momentum).addInPlace(g, 1 - group.get(DAMPENING));
        }
        param.addInPlace(nesterov ? g.add(buf.mul(momentum)) : buf, -lr);
      }
    }
    countStep(state);
  }
}
