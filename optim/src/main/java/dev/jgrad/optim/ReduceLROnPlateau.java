package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reduces the rates when a metric stops improving, as {@code
 * torch.optim.lr_scheduler.ReduceLROnPlateau}: after each epoch, {@link #step(double)} with the
 * metric (a validation loss, or an accuracy in {@link Mode#MAX}); once more than {@code patience}
 * epochs in a row have not improved on the best value by {@code threshold}, every group's rate
 * becomes {@code max(lr · factor, min_lr)} (unless that changes it by {@code eps} or less), and
 * {@code cooldown} epochs pass before bad epochs count again.
 *
 * <pre>
 * improves(a) = a &lt; best · (1 − threshold)   (MIN, REL)      a &lt; best − threshold   (MIN, ABS)
 *               a &gt; best · (1 + threshold)   (MAX, REL)      a &gt; best + threshold   (MAX, ABS)
 * </pre>
 *
 * <p>As in PyTorch 1.13 it is not an {@link LRScheduler}: it changes no rate when created and takes
 * the metric in each step.
 */
public final class ReduceLROnPlateau {
  /** Whether lower or higher metrics are better. */
  public enum Mode {
    /** Lower is better (a loss). */
    MIN,
    /** Higher is better (an accuracy). */
    MAX
  }

  /** Whether {@code threshold} is relative to the best value or absolute. */
  public enum ThresholdMode {
    /** An improvement must beat {@code best · (1 ∓ threshold)}. */
    REL,
    /** An improvement must beat {@code best ∓ threshold}. */
    ABS
  }

  private final Optimizer optimizer;
  private final Mode mode;
  private final double factor;
  private final int patience;
  private final double threshold;
  private final ThresholdMode thresholdMode;
  private final int cooldown;
  private final double[] minLrs;
  private final double eps;
  private double best;
  private int numBadEpochs;
  private int cooldownCounter;
  private int lastEpoch;
  private List<Double> lastLr = List.of();

  private ReduceLROnPlateau(Builder b) {
    this.optimizer = b.optimizer;
    this.mode = b.mode;
    this.factor = b.factor;
    this.patience = b.patience;
    this.threshold = b.threshold;
    this.thresholdMode = b.thresholdMode;
    this.cooldown = b.cooldown;
    int groups = optimizer.paramGroups().size();
    checkArgument(
        b.minLr.length == 1 || b.minLr.length == groups,
        "ReduceLROnPlateau: expected %s min_lrs, got %s",
        groups,
        b.minLr.length);
    this.minLrs = new double[groups];
    for (int g = 0; g < groups; g++) {
      minLrs[g] = b.minLr.length == 1 ? b.minLr[0] : b.minLr[g];
      checkArgument(minLrs[g] >= 0, "ReduceLROnPlateau: min_lr must be >= 0, got %s", minLrs[g]);
    }
    this.eps = b.eps;
    this.best = worst();
  }

  /**
   * Starts a builder with PyTorch's defaults: {@link Mode#MIN}, {@code factor = 0.1}, {@code
   * patience = 10}, {@code threshold = 1e-4} relative, no cooldown, {@code min_lr = 0}, {@code eps
   * = 1e-8}.
   *
   * @param optimizer the optimizer whose groups' rates to reduce
   * @return the builder
   */
  public static Builder builder(Optimizer optimizer) {
    return new Builder(optimizer);
  }

  private double worst() {
    return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  private boolean improves(double a) {
    if (mode == Mode.MIN) {
      return thresholdMode == ThresholdMode.REL ? a < best * (1 - threshold) : a < best - threshold;
    }
    return thresholdMode == ThresholdMode.REL ? a > best * (threshold + 1) : a > best + threshold;
  }

  /**
   * Records one epoch's metric and reduces the rates if it has stopped improving.
   *
   * @param metric the epoch's metric; NaN never improves
   */
  public void step(double metric) {
    lastEpoch++;
    if (improves(metric)) {
      best = metric;
      numBadEpochs = 0;
    } else {
      numBadEpochs++;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      numBadEpochs = 0;
    }
    if (numBadEpochs > patience) {
      List<ParamGroup> groups = optimizer.paramGroups();
      for (int i = 0; i < groups.size(); i++) {
        double old = groups.get(i).lr();
        double reduced = Math.max(old * factor, minLrs[i]);
        if (old - reduced > eps) {
          groups.get(i).setLr(reduced);
        }
      }
      cooldownCounter = cooldown;
      numBadEpochs = 0;
    }
    lastLr = optimizer.paramGroups().stream().map(ParamGroup::lr).toList();
  }

  /**
   * Returns the rates after the last step, one per group; empty before the first.
   *
   * @return an immutable list of rates, in the optimizer's group order
   */
  public List<Double> lastLr() {
    return lastLr;
  }

  /**
   * Returns the number of steps taken.
   *
   * @return the epoch of the last step, 0 before the first
   */
  public int lastEpoch() {
    return lastEpoch;
  }

  /**
   * Returns the best metric so far.
   *
   * @return the best metric; +inf ({@link Mode#MIN}) or -inf ({@link Mode#MAX}) before any
   */
  public double best() {
    return best;
  }

  /**
   * Returns the number of epochs in a row without improvement (not counting cooldown).
   *
   * @return the count, reset to 0 by an improvement or a reduction
   */
  public int numBadEpochs() {
    return numBadEpochs;
  }

  /**
   * Returns whether the scheduler is cooling down after a reduction.
   *
   * @return true while bad epochs are not counted
   */
  public boolean inCooldown() {
    return cooldownCounter > 0;
  }

  /**
   * Returns {@code best}, {@code num_bad_epochs}, {@code cooldown_counter} and {@code last_epoch}
   * as FLOAT64 rank-0 tensors (PyTorch's state-dict names).
   *
   * @return a new map, ready to be saved with the model's and optimizer's state
   */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("best", Tensor.scalar(best, DType.FLOAT64));
    out.put("num_bad_epochs", Tensor.scalar(numBadEpochs, DType.FLOAT64));
    out.put("cooldown_counter", Tensor.scalar(cooldownCounter, DType.FLOAT64));
    out.put("last_epoch", Tensor.scalar(lastEpoch, DType.FLOAT64));
    return out;
  }

  /**
   * Restores a {@link #stateDict()}; the rates come from the optimizer's own state.
   *
   * @param state a map written by {@link #stateDict()}
   * @throws IllegalArgumentException if an entry is missing, or a count is not a non-negative
   *     integer
   */
  public void loadStateDict(Map<String, Tensor> state) {
    Tensor b = state.get("best");
    checkArgument(
        b != null && b.numel() == 1, "ReduceLROnPlateau: best is missing or not one value");
    int bad = count(state, "num_bad_epochs");
    int cool = count(state, "cooldown_counter");
    int epoch = count(state, "last_epoch");
    best = b.item();
    numBadEpochs = bad;
    cooldownCounter = cool;
    lastEpoch = epoch;
  }

  private static int count(Map<String, Tensor> state, String key) {
    Tensor t = state.get(key);
    checkArgument(
        t != null && t.numel() == 1 && t.item() >= 0 && t.item() == (int) t.item(),
        "ReduceLROnPlateau: %s is missing or not a non-negative integer",
        key);
    return (int) t.item();
  }

  /** Collects {@link ReduceLROnPlateau}'s arguments, with PyTorch's names and defaults. */
  public static final class Builder {
    private final Optimizer optimizer;
    private Mode mode = Mode.MIN;
    private double factor = 0.1;
    private int patience = 10;
    private double threshold = 1e-4;
    private ThresholdMode thresholdMode = ThresholdMode.REL;
    private int cooldown;
    private double[] minLr = {0};
    private double eps = 1e-8;

    private Builder(Optimizer optimizer) {
      this.optimizer = checkNotNull(optimizer, "ReduceLROnPlateau: optimizer is null");
    }

    /**
     * Sets whether lower or higher metrics are better ({@code mode}).
     *
     * @param mode {@link Mode#MIN} or {@link Mode#MAX}
     * @return this builder
     */
    public Builder mode(Mode mode) {
      this.mode = checkNotNull(mode, "ReduceLROnPlateau: mode is null");
      return this;
    }

    /**
     * Sets the factor the rates are multiplied by ({@code factor}).
     *
     * @param factor a factor in [0, 1)
     * @return this builder
     */
    public Builder factor(double factor) {
      this.factor = factor;
      return this;
    }

    /**
     * Sets how many epochs without improvement are tolerated ({@code patience}).
     *
     * @param patience 0 or more
     * @return this builder
     */
    public Builder patience(int patience) {
      this.patience = patience;
      return this;
    }

    /**
     * Sets the least improvement that counts ({@code threshold} and {@code threshold_mode}).
     *
     * @param threshold 0 or more
     * @param thresholdMode relative to the best value or absolute
     * @return this builder
     */
    public Builder threshold(double threshold, ThresholdMode thresholdMode) {
      this.threshold = threshold;
      this.thresholdMode = checkNotNull(thresholdMode, "ReduceLROnPlateau: threshold_mode is null");
      return this;
    }

    /**
     * Sets how many epochs after a reduction pass before bad epochs count ({@code cooldown}).
     *
     * @param cooldown 0 or more
     * @return this builder
     */
    public Builder cooldown(int cooldown) {
      this.cooldown = cooldown;
      return this;
    }

    /**
     * Sets the lowest rates ({@code min_lr}).
     *
     * @param minLr one rate for all groups, or one per group; each 0 or more
     * @return this builder
     */
    public Builder minLr(double... minLr) {
      this.minLr = minLr.clone();
      return this;
    }

    /**
     * Sets the least change of a rate that is applied ({@code eps}).
     *
     * @param eps 0 or more
     * @return this builder
     */
    public Builder eps(double eps) {
      this.eps = eps;
      return this;
    }

    /**
     * Creates the scheduler; it changes no rate until a step.
     *
     * @return the scheduler
     * @throws IllegalArgumentException if {@code factor} is outside [0, 1), a count or {@code
     *     threshold}, {@code eps} or a {@code min_lr} is negative, or there is neither one {@code
     *     min_lr} nor one per group
     */
    public ReduceLROnPlateau build() {
      checkArgument(
          factor >= 0 && factor < 1, "ReduceLROnPlateau: factor should be < 1.0, got %s", factor);
      checkArgument(patience >= 0, "ReduceLROnPlateau: patience must be >= 0, got %s", patience);
      checkArgument(cooldown >= 0, "ReduceLROnPlateau: cooldown must be >= 0, got %s", cooldown);
      checkArgument(threshold >= 0, "ReduceLROnPlateau: threshold must be >= 0, got %s", threshold);
      checkArgument(eps >= 0, "ReduceLROnPlateau: eps must be >= 0, got %s", eps);
      return new ReduceLROnPlateau(this);
    }
  }
}
