package dev.jgrad.optim;

import dev.jgrad.autograd.Variable;
import java.util.List;

/**
 * AdamW, as {@code torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
 * weight_decay=1e-2, amsgrad=False, maximize=False)}: {@link Adam} with <em>decoupled</em> weight
 * decay (Loshchilov and Hutter), which shrinks the parameter directly, θ ← θ(1 − γλ), instead of
 * adding λθ to the gradient; the rest of the rule is Adam's, given there. As in PyTorch, AdamW is
 * Adam's subclass with the same hyperparameters and state dict.
 *
 * <p>Note the default weight decay 1e-2, unlike Adam's 0.
 */
public final class AdamW extends Adam {
  /**
   * Creates AdamW over one group with PyTorch's defaults (lr 1e-3, weight decay 1e-2).
   *
   * @param params the parameters
   */
  public AdamW(Iterable<? extends Variable> params) {
    this(single(params), 1e-3);
  }

  /**
   * Creates AdamW over one group.
   *
   * @param params the parameters
   * @param lr the learning rate
   */
  public AdamW(Iterable<? extends Variable> params, double lr) {
    this(single(params), lr);
  }

  /**
   * Creates AdamW over parameter groups.
   *
   * @param groups the groups
   * @param lr the default learning rate, for groups without their own
   */
  public AdamW(List<ParamGroup> groups, double lr) {
    super("AdamW", groups, lr, true);
    setDefault(WEIGHT_DECAY, 1e-2);
  }
}
