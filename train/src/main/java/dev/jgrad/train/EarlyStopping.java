package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stops training when a monitored metric has stopped improving, as Keras' {@code
 * EarlyStopping(monitor, mode, patience, min_delta, restore_best_weights)}.
 *
 * <p>An epoch improves on the best so far if its value is lower than the best minus {@code
 * minDelta} ({@link Mode#MIN}) or higher than the best plus {@code minDelta} ({@link Mode#MAX}).
 * When {@code patience} epochs have passed since the last improvement, the callback asks the
 * trainer to stop after the current epoch. The best value and its epoch are read from the history,
 * so they carry over a resumed run.
 *
 * <p>With {@link #restoreBestWeights(boolean) restoreBestWeights}, the callback keeps a copy of the
 * weights of the best epoch and, if it stopped the run, puts them back into the model when {@code
 * fit} ends (after the last checkpoint was saved, so a "last" checkpoint still holds the last
 * epoch's weights, consistent with its optimizer state). Only the best epochs of the current
 * process are kept: if the best epoch came before a restore, use a {@link ModelCheckpoint#best}
 * file to recover its weights.
 *
 * <pre>{@code
 * new EarlyStopping("val_loss", Mode.MIN, 3).minDelta(1e-3).restoreBestWeights(true)
 * }</pre>
 */
public final class EarlyStopping implements Callback {
  private final String monitor;
  private final Mode mode;
  private final int patience;
  private double minDelta;
  private boolean restoreBestWeights;
  private Map<String, Tensor> bestWeights;
  private int bestWeightsEpoch;
  private boolean stopped;

  /**
   * Creates the callback with {@code minDelta} 0 and without restoring weights.
   *
   * @param monitor the metric, such as {@code val_loss}
   * @param mode whether lower or higher is better
   * @param patience the number of epochs without improvement after which to stop, at least 1
   * @throws IllegalArgumentException if {@code patience < 1}
   */
  public EarlyStopping(String monitor, Mode mode, int patience) {
    this.monitor = checkNotNull(monitor, "EarlyStopping: monitor is null");
    this.mode = checkNotNull(mode, "EarlyStopping: mode is null");
    checkArgument(patience >= 1, "EarlyStopping: patience is %s, expected >= 1", patience);
    this.patience = patience;
  }

  /**
   * Sets the smallest change that counts as an improvement.
   *
   * @param minDelta the change, at least 0
   * @return this callback
   * @throws IllegalArgumentException if {@code minDelta} is negative or not finite
   */
  public EarlyStopping minDelta(double minDelta) {
    checkArgument(
        minDelta >= 0 && Double.isFinite(minDelta),
        "EarlyStopping: min delta is %s, expected a finite value >= 0",
        minDelta);
    this.minDelta = minDelta;
    return this;
  }

  /**
   * Sets whether the best epoch's weights are put back when this callback stops the run.
   *
   * @param restore whether to restore them
   * @return this callback
   */
  public EarlyStopping restoreBestWeights(boolean restore) {
    this.restoreBestWeights = restore;
    return this;
  }

  @Override
  public void onFitStart(TrainContext context) {
    bestWeights = null;
    stopped = false;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the monitored metric is not in the epoch's log
   */
  @Override
  public void onEpochEnd(TrainContext context, EpochLog log) {
    double current = log.get(monitor);
    double best = Double.NaN;
    int bestEpoch = -1;
    for (EpochLog e : context.history().epochs()) {
      double v = e.find(monitor).orElse(Double.NaN);
      if (mode.improves(v, best, minDelta)) {
        best = v;
        bestEpoch = e.epoch();
      }
    }
    if (restoreBestWeights && bestEpoch == log.epoch()) {
      bestWeights = new LinkedHashMap<>();
      context.model().stateDict().forEach((k, t) -> bestWeights.put(k, t.copy()));
      bestWeightsEpoch = bestEpoch;
    }
    int since = bestEpoch < 0 ? context.history().size() : log.epoch() - bestEpoch;
    if (since >= patience) {
      stopped = true;
      context.requestStop(
          String.format(
              Locale.ROOT,
              "early stopping: %s did not improve by more than %s for %d epoch(s) (now %s, best %s"
                  + " at epoch %d)",
              monitor,
              minDelta,
              since,
              current,
              best,
              bestEpoch + 1));
    }
  }

  @Override
  public void onFitEnd(TrainContext context, History history) {
    boolean lastIsBest = history.last().map(e -> e.epoch() == bestWeightsEpoch).orElse(true);
    if (stopped && bestWeights != null && !lastIsBest) {
      context.model().loadStateDict(bestWeights);
    }
  }
}
