package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of learning-rate schedulers, as {@code torch.optim.lr_scheduler.LRScheduler}: creating
 * one records each group's initial learning rate as its base rate (the group's rate when the first
 * scheduler over it was created, like PyTorch's {@code initial_lr}) and makes the first {@link
 * #step()} (epoch 0); each later {@code step()}, called once per epoch after {@code
 * optimizer.step()}, advances the epoch and sets every group's {@code lr}.
 *
 * <p>Like PyTorch's, the rules are chainable: each computes the new rate from the group's current
 * one, so schedulers can be combined and rates changed by hand keep their effect.
 */
public abstract class LRScheduler {
  private final Optimizer optimizer;
  private final List<Double> baseLrs = new ArrayList<>();
  private List<Double> lastLr = List.of();
  private int lastEpoch = -1;

  /**
   * Records the base rates of {@code optimizer} and makes the initial step.
   *
   * @param optimizer the optimizer whose groups' rates to set; not null
   */
  protected LRScheduler(Optimizer optimizer) {
    this.optimizer = checkNotNull(optimizer, "LRScheduler: optimizer is null");
    for (ParamGroup g : optimizer.paramGroups()) {
      baseLrs.add(g.initialLr());
    }
  }

  /**
   * Records {@code initialLrs} as the groups' initial and base rates, replacing any recorded before
   * (as {@code OneCycleLR} does).
   *
   * @param optimizer the optimizer whose groups' rates to set; not null
   * @param initialLrs one rate per group
   * @throws IllegalArgumentException if there is not one rate per group
   */
  LRScheduler(Optimizer optimizer, List<Double> initialLrs) {
    this.optimizer = checkNotNull(optimizer, "LRScheduler: optimizer is null");
    List<ParamGroup> groups = optimizer.paramGroups();
    checkArgument(
        initialLrs.size() == groups.size(),
        "LRScheduler: %s initial rates for %s param groups",
        initialLrs.size(),
        groups.size());
    for (int i = 0; i < groups.size(); i++) {
      groups.get(i).setInitialLr(initialLrs.get(i));
      baseLrs.add(initialLrs.get(i));
    }
  }

  /**
   * Takes the groups' current rates as the result of an initial step already made (by the
   * schedulers a {@link ChainedScheduler} drives), without changing them.
   */
  final void adoptInitialStep() {
    lastEpoch = 0;
    lastLr = currentLrs();
  }

  /**
   * Returns the optimizer whose rates this scheduler sets.
   *
   * @return the optimizer
   */
  final Optimizer optimizer() {
    return optimizer;
  }

  private List<Double> currentLrs() {
    return optimizer.paramGroups().stream().map(ParamGroup::lr).toList();
  }

  /** Makes the initial step; subclasses call this at the end of their constructor. */
  protected final void initialStep() {
    step();
  }

  /**
   * Returns the new rate of a group at epoch {@code epoch} from its current rate {@code lr} and
   * base rate {@code baseLr}.
   *
   * @param group the group's index in the optimizer, from 0
   * @param epoch the epoch being entered: 0 for the initial step, then 1, 2, …
   * @param lr the group's current rate, which may have been changed by hand or by another scheduler
   * @param baseLr the group's rate when this scheduler was created
   * @return the group's rate for {@code epoch}
   */
  protected abstract double nextLr(int group, int epoch, double lr, double baseLr);

  /** Advances one epoch and sets every group's learning rate. */
  public final void step() {
    lastEpoch++;
    List<ParamGroup> groups = optimizer.paramGroups();
    for (int i = 0; i < groups.size(); i++) {
      groups.get(i).setLr(nextLr(i, lastEpoch, groups.get(i).lr(), baseLrs.get(i)));
    }
    lastLr = currentLrs();
  }

  /**
   * Returns the number of steps taken since the initial one (0 right after construction).
   *
   * @return the epoch of the last step, from 0
   */
  public final int lastEpoch() {
    return lastEpoch;
  }

  /**
   * Returns the rates set by the last step, one per group ({@code get_last_lr()}).
   *
   * @return an immutable list of rates, in the optimizer's group order
   */
  public final List<Double> lastLr() {
    return lastLr;
  }

  /**
   * Returns the base rates, one per group.
   *
   * @return an immutable list of rates, in the optimizer's group order
   */
  public final List<Double> baseLrs() {
    return List.copyOf(baseLrs);
  }

  /**
   * Returns {@code last_epoch}, {@code base_lrs} and {@code last_lr} as FLOAT64 tensors.
   *
   * @return a new map, ready to be saved with the model's and optimizer's state
   */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("last_epoch", Tensor.scalar(lastEpoch, DType.FLOAT64));
    out.put("base_lrs", Tensor.of(baseLrs.stream().mapToDouble(Double::doubleValue).toArray()));
    out.put("last_lr", Tensor.of(lastLr.stream().mapToDouble(Double::doubleValue).toArray()));
    return out;
  }

  /**
   * Restores a {@link #stateDict()}; the groups' current rates come from the optimizer's own state.
   *
   * @param state a map written by {@link #stateDict()} of a scheduler over as many groups
   * @throws IllegalArgumentException if an entry is missing or has the wrong size
   */
  public final void loadStateDict(Map<String, Tensor> state) {
    Tensor epoch = state.get("last_epoch");
    Tensor base = state.get("base_lrs");
    Tensor last = state.get("last_lr");
    int n = baseLrs.size();
    checkArgument(
        epoch != null
            && epoch.numel() == 1
            && epoch.item() >= 0
            && epoch.item() == (int) epoch.item(),
        "LRScheduler: last_epoch is missing or not a non-negative integer");
    checkArgument(
        base != null && base.numel() == n && last != null && last.numel() == n,
        "LRScheduler: base_lrs and last_lr must hold %s values (one per param group)",
        n);
    lastEpoch = (int) epoch.item();
    baseLrs.clear();
    for (double v : base.toDoubleArray()) {
      baseLrs.add(v);
    }
    List<Double> lrs = new ArrayList<>();
    for (double v : last.toDoubleArray()) {
      lrs.add(v);
    }
    lastLr = List.copyOf(lrs);
  }
}
