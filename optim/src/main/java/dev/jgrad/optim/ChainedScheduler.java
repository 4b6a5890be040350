package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * Schedulers applied together, as {@code torch.optim.lr_scheduler.ChainedScheduler(schedulers)}:
 * each {@link #step()} applies every scheduler's rule in order to the rate the previous one left,
 * so their factors multiply (for example a {@link LinearLR} warm-up inside an {@link ExponentialLR}
 * decay).
 *
 * <p>The schedulers have made their initial steps when they were created, so creating the chain
 * changes no rate. It drives them through their rules: step the chain (not them) once per epoch,
 * and read the rates from it or from the optimizer.
 */
public final class ChainedScheduler extends LRScheduler {
  private final List<LRScheduler> schedulers;
  private final int[] epochOffsets;

  /**
   * Chains {@code schedulers}.
   *
   * @param schedulers the schedulers, at least one, all over one optimizer
   * @throws IllegalArgumentException if there is none or they belong to different optimizers
   */
  public ChainedScheduler(List<LRScheduler> schedulers) {
    super(first(schedulers).optimizer());
    for (int i = 1; i < schedulers.size(); i++) {
      checkArgument(
          schedulers.get(i).optimizer() == optimizer(),
          "ChainedScheduler: expects all schedulers to belong to the same optimizer, but got"
              + " schedulers at index 0 and %s to be different",
          i);
    }
    this.schedulers = List.copyOf(schedulers);
    this.epochOffsets = schedulers.stream().mapToInt(LRScheduler::lastEpoch).toArray();
    adoptInitialStep();
  }

  private static LRScheduler first(List<LRScheduler> schedulers) {
    checkNotNull(schedulers, "ChainedScheduler: schedulers is null");
    checkArgument(!schedulers.isEmpty(), "ChainedScheduler: expected at least one scheduler");
    return checkNotNull(schedulers.get(0), "ChainedScheduler: scheduler 0 is null");
  }

  @Override
  protected double nextLr(int group, int epoch, double lr, double baseLr) {
    double rate = lr;
    for (int i = 0; i < schedulers.size(); i++) {
      LRScheduler s = schedulers.get(i);
      rate = s.nextLr(group, epoch + epochOffsets[i], rate, s.baseLrs().get(group));
    }
    return rate;
  }
}
