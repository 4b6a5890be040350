package dev.jgrad.optim;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.FusedOps;
import java.util.Map;

/**
 * The update rules of jgrad's optimizers as pure functions of tensors, like PyTorch's functional
 * {@code torch.optim} API: each updates one parameter tensor in place from its gradient and its
 * per-parameter {@code state} (created lazily under PyTorch's names on the first call), and never
 * modifies the gradient.
 *
 * <p>Every rule first negates the gradient when {@code maximize} is set, as PyTorch's
 * implementations do, so weight decay still pulls parameters toward zero. {@code step} in the state
 * is a FLOAT64 scalar counting the updates made, as PyTorch keeps it.
 */
public final class UpdateRules {
  private UpdateRules() {}

  /**
   * One step of SGD, as {@code torch.optim.SGD}:
   *
   * <pre>
   * g ← maximize ? -∇ : ∇
   * if λ ≠ 0:  g ← g + λ·θ
   * if μ ≠ 0:
   *   b ← (first step) ? g : μ·b + (1 − τ)·g          (state "momentum_buffer")
   *   g ← nesterov ? g + μ·b : b
   * θ ← θ − γ·g
   * </pre>
   *
   * with γ = lr, μ = momentum, τ = dampening, λ = weight decay.
   */
  public static void sgd(
      Tensor param,
      Tensor grad,
      Map<String, Tensor> state,
      double lr,
      double momentum,
      double dampening,
      double weightDecay,
      boolean nesterov,
      boolean maximize) {
    Tensor g = maximize ? grad.neg() : grad;
    if (momentum == 0 && weightDecay != 0) {
      FusedOps.addInPlaceWithDecay(param, g, -lr, weightDecay);
    } else {
      if (weightDecay != 0) {
        g = g.add(param.mul(weightDecay));
      }
      if (momentum != 0) {
        Tensor buf = state.get("momentum_buffer");
        if (buf == null) {
          buf = g.copy();
          state.put("momentum_buffer", buf);
        } else {
          buf.mulInPlace(momentum).addInPlace(g, 1 - dampening);
        }
        g = nesterov ? g.add(buf.mul(momentum)) : buf;
      }
      param.addInPlace(g, -lr);
    }
    bumpStep(state);
  }

  /**
   * One step of RMSprop, as {@code torch.optim.RMSprop}. The square root is taken before eps is
   * added (TensorFlow adds eps inside the root):
   *
   * <pre>
   * g ← maximize ? -∇ : ∇
   * if λ ≠ 0:  g ← g + λ·θ
   * v ← α·v + (1 − α)·g²                                (state "square_avg")
   * ṽ ← v
   * if centered:
   *   ḡ ← ḡ + (1 − α)·(g − ḡ)                           (state "grad_avg")
   *   ṽ ← v − ḡ²
   * if μ > 0:
   *   b ← μ·b + g / (√ṽ + ε)                            (state "momentum_buffer")
   *   θ ← θ − γ·b
   * else:
   *   θ ← θ − γ·g / (√ṽ + ε)
   * </pre>
   */
  public static void rmsprop(
      Tensor param,
      Tensor grad,
      Map<String, Tensor> state,
      double lr,
      double alpha,
      double eps,
      double weightDecay,
      double momentum,
      boolean centered,
      boolean maximize) {
    Tensor g = maximize ? grad.neg() : grad;
    if (weightDecay != 0) {
      g = g.add(param.mul(weightDecay));
    }
    Tensor squareAvg = lazy(state, "square_avg", param);
    squareAvg.mulInPlace(alpha).addInPlace(g.mul(g), 1 - alpha);
    Tensor avg;
    if (centered) {
      Tensor gradAvg = lazy(state, "grad_avg", param);
      gradAvg.addInPlace(g.sub(gradAvg), 1 - alpha);
      avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt().add(eps);
    } else {
      avg = squareAvg.sqrt().add(eps);
    }
    if (momentum > 0) {
      Tensor buf = lazy(state, "momentum_buffer", param);
      buf.mulInPlace(momentum).addInPlace(g.div(avg));
      param.addInPlace(buf, -lr);
    } else {
      param.addInPlace(g.div(avg), -lr);
    }
    bumpStep(state);
  }

  /**
   * One step of Adam, as {@code torch.optim.Adam}; with {@code decoupled} it is AdamW ({@code
   * torch.optim.AdamW}), whose weight decay scales the parameter directly instead of adding an L2
   * term to the gradient:
   *
   * <pre>
   * t ← t + 1                                           (state "step")
   * g ← maximize ? -∇ : ∇
   * if decoupled:  θ ← θ·(1 − γλ)                       (AdamW)
   * else if λ ≠ 0: g ← g + λ·θ                          (Adam's L2)
   * m ← m + (1 − β₁)·(g − m)                            (state "exp_avg")
   * v ← β₂·v + (1 − β₂)·g²                              (state "exp_avg_sq")
   * if amsgrad: v̂ ← max(v̂, v), else v̂ ← v               (state "max_exp_avg_sq")
   * θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
   * </pre>
   *
   * The bias corrections use the maximum of the raw second moments, as PyTorch does, and eps is
   * added after the bias-corrected square root.
   */
  public static void adam(
      Tensor param,
      Tensor grad,
      Map<String, Tensor> state,
      double lr,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad,
      boolean maximize,
      boolean decoupled) {
    double step = bumpStep(state);
    Tensor g = maximize ? grad.neg() : grad;
    if (decoupled) {
      param.mulInPlace(1 - lr * weightDecay);
    } else if (weightDecay != 0) {
      g = g.add(param.mul(weightDecay));
    }
    Tensor expAvg = lazy(state, "exp_avg", param);
    Tensor expAvgSq = lazy(state, "exp_avg_sq", param);
    expAvg.addInPlace(g.sub(expAvg), 1 - beta1);
    expAvgSq.mulInPlace(beta2).addInPlace(g.mul(g), 1 - beta2);
    double biasCorrection1 = 1 - Math.pow(beta1, step);
    double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    Tensor second = expAvgSq;
    if (amsgrad) {
      Tensor max = lazy(state, "max_exp_avg_sq", param);
      max.copyFrom(max.maximum(expAvgSq));
      second = max;
    }
    Tensor denom = second.sqrt().div(biasCorrection2Sqrt).add(eps);
    param.addInPlace(expAvg.div(denom), -lr / biasCorrection1);
  }

  private static Tensor lazy(Map<String, Tensor> state, String name, Tensor like) {
    return state.computeIfAbsent(name, k -> Tensor.zerosLike(like));
  }

  private static double bumpStep(Map<String, Tensor> state) {
    Tensor step = state.computeIfAbsent("step", k -> Tensor.scalar(0, DType.FLOAT64));
    double next = step.item() + 1;
    step.set(next);
    return next;
  }
}
