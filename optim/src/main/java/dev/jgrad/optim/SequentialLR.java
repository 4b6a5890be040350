package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * Schedulers one after another, as {@code torch.optim.lr_scheduler.SequentialLR(optimizer,
 * schedulers, milestones)}: the first sets the rates until epoch {@code milestones[0]}, where the
 * second starts over from the base rates (its epoch 0, as PyTorch's {@code step(0)}), and so on.
 * The usual use is a warm-up:
 *
 * <pre>{@code
 * LRScheduler warmUp = new LinearLR(optimizer, 0.1, 1.0, 5);
 * LRScheduler decay = new CosineAnnealingLR(optimizer, 45);
 * LRScheduler schedule = new SequentialLR(optimizer, List.of(warmUp, decay), List.of(5));
 * }</pre>
 *
 * <p>Creating it resets every group's rate to its initial rate and makes the first scheduler's
 * initial step, as PyTorch does. It drives the schedulers through their rules: step this one (not
 * them) once per epoch, and read the rates from it or from the optimizer.
 */
public final class SequentialLR extends LRScheduler {
  private final List<LRScheduler> schedulers;
  private final int[] milestones;

  /**
   * Creates the sequence and makes its initial step.
   *
   * @param optimizer the optimizer every scheduler sets the rates of
   * @param schedulers the schedulers in order, at least one, all over {@code optimizer}
   * @param milestones the epochs at which the next scheduler takes over, one fewer than the
   *     schedulers, increasing
   * @throws IllegalArgumentException if a scheduler belongs to another optimizer, the milestones
   *     are not one fewer than the schedulers, or they do not increase
   */
  public SequentialLR(Optimizer optimizer, List<LRScheduler> schedulers, List<Integer> milestones) {
    super(optimizer);
    checkNotNull(schedulers, "SequentialLR: schedulers is null");
    checkNotNull(milestones, "SequentialLR: milestones is null");
    checkArgument(!schedulers.isEmpty(), "SequentialLR: expected at least one scheduler");
    for (int i = 0; i < schedulers.size(); i++) {
      checkArgument(
          schedulers.get(i).optimizer() == optimizer,
          "SequentialLR: expects all schedulers to belong to the same optimizer, but got"
              + " scheduler at index %s to be different than the optimizer passed in",
          i);
    }
    checkArgument(
        milestones.size() == schedulers.size() - 1,
        "SequentialLR: expects number of schedulers provided to be one more than the number of"
            + " milestone points, but got number of schedulers %s and the number of milestones %s",
        schedulers.size(),
        milestones.size());
    this.schedulers = List.copyOf(schedulers);
    this.milestones = milestones.stream().mapToInt(Integer::intValue).toArray();
    for (int i = 1; i < this.milestones.length; i++) {
      checkArgument(
          this.milestones[i] > this.milestones[i - 1],
          "SequentialLR: milestones must increase, got %s",
          milestones);
    }
    List<ParamGroup> groups = optimizer.paramGroups();
    for (int i = 0; i < groups.size(); i++) {
      groups.get(i).setLr(groups.get(i).initialLr());
    }
    initialStep();
  }

  @Override
  protected double nextLr(int group, int epoch, double lr, double baseLr) {
    int index = 0;
    while (index < milestones.length && milestones[index] <= epoch) {
      index++;
    }
    LRScheduler scheduler = schedulers.get(index);
    double schedulerBase = scheduler.baseLrs().get(group);
    if (index > 0 && milestones[index - 1] == epoch) {
      return scheduler.nextLr(group, 0, schedulerBase, schedulerBase);
    }
    int start = index == 0 ? 0 : milestones[index - 1];
    return scheduler.nextLr(group, epoch - start, lr, schedulerBase);
  }
}
