package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} and {@code
 * torch.nn.utils.clip_grad_value_}.
 */
public final class ClipGrad {
  private ClipGrad() {}

  /**
   * Clips by the 2-norm; see {@link #clipGradNorm(Iterable, double, double)}.
   *
   * @param params the variables whose gradients to clip, usually {@code model.parameters()}
   * @param maxNorm the largest total 2-norm allowed, 0 or more
   * @return the total 2-norm before clipping, 0 when no parameter has a gradient
   * @throws IllegalArgumentException if {@code maxNorm < 0}
   */
  public static double clipGradNorm(Iterable<? extends Variable> params, double maxNorm) {
    return clipGradNorm(params, maxNorm, 2);
  }

  /**
   * Scales the gradients of {@code params} in place so that their total norm, taken over all
   * gradients as one vector, is at most {@code maxNorm}:
   *
   * <pre>
   * total ← ‖(‖g₁‖ₚ, ‖g₂‖ₚ, …)‖ₚ           (p = ∞: the largest |g|)
   * c ← min(maxNorm / (total + 1e-6), 1)
   * gᵢ ← c · gᵢ
   * </pre>
   *
   * Parameters without a gradient are skipped.
   *
   * @param normType p, positive, or {@link Double#POSITIVE_INFINITY}
   * @param params the variables whose gradients to clip, usually {@code model.parameters()}
   * @param maxNorm the largest total norm allowed, 0 or more
   * @return the total norm before clipping
   * @throws IllegalArgumentException if {@code maxNorm < 0} or {@code normType <= 0}
   */
  public static double clipGradNorm(
      Iterable<? extends Variable> params, double maxNorm, double normType) {
    checkArgument(maxNorm >= 0, "clip_grad_norm: max_norm must be >= 0, got %s", maxNorm);
    checkArgument(normType > 0, "clip_grad_norm: norm_type must be > 0, got %s", normType);
    List<Tensor> grads = new ArrayList<>();
    for (Variable p : params) {
      if (p.grad() != null) {
        grads.add(p.grad());
      }
    }
    if (grads.isEmpty()) {
      return 0;
    }
    double total = 0;
    for (Tensor g : grads) {
      Tensor abs = g.to(DType.FLOAT64).abs();
      if (normType == Double.POSITIVE_INFINITY) {
        total = Math.max(total, g.numel() == 0 ? 0 : abs.max().item());
      } else {
        total += Math.pow(Math.pow(abs.pow(normType).sum().item(), 1 / normType), normType);
      }
    }
    if (normType != Double.POSITIVE_INFINITY) {
      total = Math.pow(total, 1 / normType);
    }
    double coef = Math.min(maxNorm / (total + 1e-6), 1.0);
    for (Tensor g : grads) {
      g.mulInPlace(coef);
    }
    return total;
  }

  /**
   * Clamps every element of the gradients of {@code params} in place to {@code [−clipValue,
   * clipValue]}, as {@code clip_grad_value_}. Parameters without a gradient are skipped.
   *
   * @param params the variables whose gradients to clip, usually {@code model.parameters()}
   * @param clipValue the largest magnitude allowed, 0 or more (infinity leaves the gradients as
   *     they are)
   * @throws IllegalArgumentException if {@code clipValue} is negative or NaN
   */
  public static void clipGradValue(Iterable<? extends Variable> params, double clipValue) {
    checkArgument(clipValue >= 0, "clip_grad_value: clip_value must be >= 0, got %s", clipValue);
    for (Variable p : params) {
      Tensor g = p.grad();
      if (g != null) {
        g.copyFrom(g.clamp(-clipValue, clipValue));
      }
    }
  }
}
