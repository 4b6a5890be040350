package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.optim.ParamGroup;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Records the learning rate of every parameter group, per epoch or per step, as Lightning's {@code
 * LearningRateMonitor}; optionally prints a line whenever a rate changes.
 *
 * <p>Each entry holds the rates in effect while an epoch ran (taken at its start) or while a step
 * ran (before a per-batch scheduler moved them on).
 */
public final class LrMonitor implements Callback {
  private final StepInterval interval;
  private final PrintStream out;
  private final List<Entry> entries = new ArrayList<>();
  private List<Double> current;

  /**
   * The learning rates of one epoch or step.
   *
   * @param epoch the epoch's index, from 0
   * @param step the step's index in the epoch, from 0 (0 for a per-epoch entry)
   * @param lrs the rates, one per parameter group
   */
  public record Entry(int epoch, int step, List<Double> lrs) {
    /**
     * Creates the entry, copying the rates.
     *
     * @param epoch the epoch's index
     * @param step the step's index
     * @param lrs the rates
     */
    public Entry {
      lrs = List.copyOf(lrs);
    }
  }

  /**
   * Creates a monitor that records without printing.
   *
   * @param interval whether to record once per epoch or once per step
   */
  public LrMonitor(StepInterval interval) {
    this(interval, null);
  }

  /**
   * Creates a monitor that also prints a line to {@code out} when a rate changes (and for the first
   * entry), such as {@code epoch 3/10: lr 0.0005}.
   *
   * @param interval whether to record once per epoch or once per step
   * @param out where to print, or null to print nothing
   */
  public LrMonitor(StepInterval interval, PrintStream out) {
    this.interval = checkNotNull(interval, "LrMonitor: interval is null");
    this.out = out;
  }

  /**
   * Returns the entries recorded.
   *
   * @return the entries in order, a copy
   */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  @Override
  public void onEpochStart(TrainContext context) {
    current = lrs(context);
    if (interval == StepInterval.EPOCH) {
      record(context, new Entry(context.epoch(), 0, current));
    }
  }

  @Override
  public void onBatchEnd(TrainContext context, BatchResult batch) {
    if (interval == StepInterval.BATCH) {
      record(context, new Entry(batch.epoch(), batch.step(), current));
    }
    current = lrs(context);
  }

  private void record(TrainContext context, Entry entry) {
    boolean changed =
        entries.isEmpty() || !entries.get(entries.size() - 1).lrs().equals(entry.lrs());
    entries.add(entry);
    if (out != null && changed) {
      String where =
          interval == StepInterval.EPOCH
              ? String.format(Locale.ROOT, "epoch %d/%d", entry.epoch() + 1, context.epochs())
              : String.format(
                  Locale.ROOT,
                  "epoch %d/%d step %d/%d",
                  entry.epoch() + 1,
                  context.epochs(),
                  entry.step() + 1,
                  context.numBatches());
      StringBuilder rates = new StringBuilder();
      for (double lr : entry.lrs()) {
        rates.append(rates.length() == 0 ? "" : ", ").append(lr);
      }
      out.println(where + ": lr " + rates);
    }
  }

  private static List<Double> lrs(TrainContext context) {
    List<Double> lrs = new ArrayList<>();
    for (ParamGroup g : context.optimizer().paramGroups()) {
      lrs.add(g.lr());
    }
    return lrs;
  }
}
