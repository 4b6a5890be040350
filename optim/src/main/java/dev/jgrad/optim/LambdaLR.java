package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Sets each group's rate to its base rate times a function of the epoch, as {@code
 * torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda)}: {@code lr_e = base · λ(e)}, with one
 * function for every group or one per group. The rule is not chainable: it ignores the group's
 * current rate.
 *
 * <pre>{@code
 * LambdaLR s = new LambdaLR(opt, epoch -> Math.pow(0.95, epoch));
 * }</pre>
 *
 * <p>Its {@link #stateDict()} holds {@code last_epoch}, {@code base_lrs} and {@code last_lr}; like
 * PyTorch's for plain functions, it does not hold the functions, which are given again when the
 * scheduler is made to resume.
 */
public final class LambdaLR extends LRScheduler {
  private final List<IntToDoubleFunction> lrLambdas;

  /**
   * Creates the scheduler with one function for every group.
   *
   * @param optimizer the optimizer whose groups' rates to set; their current rates become the base
   *     rates
   * @param lrLambda the factor of the base rate at each epoch, from epoch 0
   * @throws NullPointerException if {@code lrLambda} is null
   */
  public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
    this(
        optimizer,
        Collections.nCopies(
            optimizer.paramGroups().size(), checkNotNull(lrLambda, "LambdaLR: lr_lambda is null")));
  }

  /**
   * Creates the scheduler with one function per group.
   *
   * @param optimizer the optimizer whose groups' rates to set; their current rates become the base
   *     rates
   * @param lrLambdas the factor of each group's base rate at each epoch, in the optimizer's group
   *     order
   * @throws IllegalArgumentException if there is not one function per group (PyTorch's message)
   * @throws NullPointerException if a function is null
   */
  public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas) {
    super(optimizer);
    this.lrLambdas = List.copyOf(lrLambdas);
    checkArgument(
        this.lrLambdas.size() == optimizer.paramGroups().size(),
        "LambdaLR: Expected %s lr_lambdas, but got %s",
        optimizer.paramGroups().size(),
        this.lrLambdas.size());
    initialStep();
  }

  @Override
  protected double nextLr(int group, int epoch, double lr, double baseLr) {
    return baseLr * lrLambdas.get(group).applyAsDouble(epoch);
  }
}
