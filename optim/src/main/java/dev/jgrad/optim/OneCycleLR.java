package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.List;

/**
 * The 1cycle policy, as {@code torch.optim.lr_scheduler.OneCycleLR}: stepped once per batch, the
 * rate rises from {@code max_lr / div_factor} to {@code max_lr} over the first {@code pct_start} of
 * the {@code total_steps}, then falls to {@code max_lr / (div_factor · final_div_factor)}; with
 * {@code three_phase} it first falls back to the initial rate symmetrically and only then anneals
 * to the minimum. Each phase anneals by a half cosine ({@link AnnealStrategy#COS}) or linearly.
 * With {@code cycle_momentum} the momentum (SGD's and RMSprop's {@link Optimizer#MOMENTUM}, Adam's
 * first beta) moves the other way, between {@code max_momentum} and {@code base_momentum}.
 *
 * <pre>{@code
 * OneCycleLR schedule = OneCycleLR.builder(optimizer, 0.1).epochs(10, batchesPerEpoch).build();
 * }</pre>
 *
 * <p>Like PyTorch, creating it replaces every group's initial rate by {@code max_lr / div_factor}
 * and makes the initial step; stepping more than {@code total_steps} times is an error.
 */
public final class OneCycleLR extends LRScheduler {
  /** How a phase moves from its start value to its end value as its fraction {@code pct} grows. */
  public enum AnnealStrategy {
    /** {@code end + (start − end)(1 + cos(π pct)) / 2}. */
    COS,
    /** {@code start + (end − start) pct}. */
    LINEAR;

    double anneal(double start, double end, double pct) {
      if (this == COS) {
        return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
      }
      return (end - start) * pct + start;
    }
  }

  /** One phase: where it ends and which of the group's values it moves between. */
  private record Phase(
      double endStep, int startLr, int endLr, int startMomentum, int endMomentum) {}

  private static final int INITIAL = 0;
  private static final int MAX = 1;
  private static final int MIN = 2;
  private static final int BASE_MOMENTUM = 0;
  private static final int MAX_MOMENTUM = 1;

  private final int totalSteps;
  private final List<Phase> phases;
  private final AnnealStrategy strategy;
  private final double[][] lrs;
  private final double[][] momentums;
  private final boolean useBeta1;

  private OneCycleLR(Builder b, int totalSteps) {
    super(b.optimizer, initialLrs(b));
    this.totalSteps = totalSteps;
    this.strategy = b.strategy;
    double p = b.pctStart * totalSteps;
    this.phases =
        b.threePhase
            ? List.of(
                new Phase(p - 1, INITIAL, MAX, MAX_MOMENTUM, BASE_MOMENTUM),
                new Phase(2 * p - 2, MAX, INITIAL, BASE_MOMENTUM, MAX_MOMENTUM),
                new Phase(totalSteps - 1, INITIAL, MIN, MAX_MOMENTUM, MAX_MOMENTUM))
            : List.of(
                new Phase(p - 1, INITIAL, MAX, MAX_MOMENTUM, BASE_MOMENTUM),
                new Phase(totalSteps - 1, MAX, MIN, BASE_MOMENTUM, MAX_MOMENTUM));
    int groups = b.optimizer.paramGroups().size();
    double[] maxLrs = perGroup("max_lr", b.maxLr, groups);
    this.lrs = new double[groups][];
    for (int g = 0; g < groups; g++) {
      double initial = maxLrs[g] / b.divFactor;
      lrs[g] = new double[] {initial, maxLrs[g], initial / b.finalDivFactor};
    }
    List<Hyperparameter<?>> known = b.optimizer.hyperparameters();
    this.useBeta1 = known.contains(Adam.BETAS);
    if (b.cycleMomentum) {
      checkArgument(
          useBeta1 || known.contains(Optimizer.MOMENTUM),
          "OneCycleLR: optimizer must support momentum with cycle_momentum enabled (it has neither"
              + " momentum nor betas)");
      double[] base = perGroup("base_momentum", b.baseMomentum, groups);
      double[] max = perGroup("max_momentum", b.maxMomentum, groups);
      this.momentums = new double[groups][];
      for (int g = 0; g < groups; g++) {
        momentums[g] = new double[] {base[g], max[g]};
        setMomentum(b.optimizer.paramGroups().get(g), max[g]);
      }
    } else {
      this.momentums = null;
    }
    initialStep();
  }

  /**
   * Starts a builder with one peak rate for every group or one per group.
   *
   * @param optimizer the optimizer whose groups' rates (and momentum) to set
   * @param maxLr the peak rate: one value for all groups, or one per group
   * @return a builder with PyTorch's defaults ({@code pct_start = 0.3}, cosine annealing, cycled
   *     momentum between 0.85 and 0.95, {@code div_factor = 25}, {@code final_div_factor = 1e4},
   *     two phases); the number of steps must still be given
   */
  public static Builder builder(Optimizer optimizer, double... maxLr) {
    return new Builder(optimizer, maxLr);
  }

  private static List<Double> initialLrs(Builder b) {
    checkNotNull(b.optimizer, "OneCycleLR: optimizer is null");
    double[] maxLrs = perGroup("max_lr", b.maxLr, b.optimizer.paramGroups().size());
    List<Double> initial = new ArrayList<>();
    for (double m : maxLrs) {
      initial.add(m / b.divFactor);
    }
    return initial;
  }

  private static double[] perGroup(String name, double[] values, int groups) {
    checkArgument(
        values.length == 1 || values.length == groups,
        "OneCycleLR: expected %s values of %s, got %s",
        groups,
        name,
        values.length);
    double[] out = new double[groups];
    for (int g = 0; g < groups; g++) {
      out[g] = values.length == 1 ? values[0] : values[g];
    }
    return out;
  }

  private void setMomentum(ParamGroup group, double momentum) {
    if (useBeta1) {
      group.set(Adam.BETAS, new Pair(momentum, group.get(Adam.BETAS).second()));
    } else {
      group.set(Optimizer.MOMENTUM, momentum);
    }
  }

  /**
   * Returns the number of steps the cycle lasts.
   *
   * @return {@code total_steps}, or {@code epochs · steps_per_epoch}
   */
  public int totalSteps() {
    return totalSteps;
  }

  @Override
  protected double nextLr(int group, int epoch, double lr, double baseLr) {
    checkState(
        epoch <= totalSteps,
        "OneCycleLR: tried to step %s times; the specified number of total steps is %s",
        epoch + 1,
        totalSteps);
    double start = 0;
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      if (epoch <= phase.endStep() || i == phases.size() - 1) {
        double pct = (epoch - start) / (phase.endStep() - start);
        double[] rates = lrs[group];
        if (momentums != null) {
          double[] m = momentums[group];
          ParamGroup g = optimizer().paramGroups().get(group);
          setMomentum(g, strategy.anneal(m[phase.startMomentum()], m[phase.endMomentum()], pct));
        }
        return strategy.anneal(rates[phase.startLr()], rates[phase.endLr()], pct);
      }
      start = phase.endStep();
    }
    throw new AssertionError("the last phase always applies");
  }

  /** Collects {@link OneCycleLR}'s arguments, with PyTorch's names and defaults. */
  public static final class Builder {
    private final Optimizer optimizer;
    private final double[] maxLr;
    private int totalSteps;
    private int epochs;
    private int stepsPerEpoch;
    private double pctStart = 0.3;
    private AnnealStrategy strategy = AnnealStrategy.COS;
    private boolean cycleMomentum = true;
    private double[] baseMomentum = {0.85};
    private double[] maxMomentum = {0.95};
    private double divFactor = 25;
    private double finalDivFactor = 1e4;
    private boolean threePhase;

    private Builder(Optimizer optimizer, double[] maxLr) {
      this.optimizer = checkNotNull(optimizer, "OneCycleLR: optimizer is null");
      this.maxLr = checkNotNull(maxLr, "OneCycleLR: max_lr is null").clone();
    }

    /**
     * Sets the number of steps in the cycle ({@code total_steps}).
     *
     * @param totalSteps the number of {@link #step()} calls after the initial step, at least 1
     * @return this builder
     */
    public Builder totalSteps(int totalSteps) {
      this.totalSteps = totalSteps;
      return this;
    }

    /**
     * Sets the number of steps as {@code epochs · steps_per_epoch}, used when {@link
     * #totalSteps(int)} is not given.
     *
     * @param epochs the number of epochs, at least 1
     * @param stepsPerEpoch the number of steps per epoch, at least 1
     * @return this builder
     */
    public Builder epochs(int epochs, int stepsPerEpoch) {
      this.epochs = epochs;
      this.stepsPerEpoch = stepsPerEpoch;
      return this;
    }

    /**
     * Sets the fraction of the cycle spent raising the rate ({@code pct_start}).
     *
     * @param pctStart a fraction in [0, 1]
     * @return this builder
     */
    public Builder pctStart(double pctStart) {
      this.pctStart = pctStart;
      return this;
    }

    /**
     * Sets how each phase anneals ({@code anneal_strategy}).
     *
     * @param strategy {@link AnnealStrategy#COS} or {@link AnnealStrategy#LINEAR}
     * @return this builder
     */
    public Builder annealStrategy(AnnealStrategy strategy) {
      this.strategy = checkNotNull(strategy, "OneCycleLR: anneal_strategy is null");
      return this;
    }

    /**
     * Sets whether the momentum cycles against the rate ({@code cycle_momentum}).
     *
     * @param cycleMomentum true to cycle it (the default)
     * @return this builder
     */
    public Builder cycleMomentum(boolean cycleMomentum) {
      this.cycleMomentum = cycleMomentum;
      return this;
    }

    /**
     * Sets the momentum at the peak rate ({@code base_momentum}).
     *
     * @param baseMomentum one value for all groups, or one per group
     * @return this builder
     */
    public Builder baseMomentum(double... baseMomentum) {
      this.baseMomentum = baseMomentum.clone();
      return this;
    }

    /**
     * Sets the momentum at the lowest rates ({@code max_momentum}).
     *
     * @param maxMomentum one value for all groups, or one per group
     * @return this builder
     */
    public Builder maxMomentum(double... maxMomentum) {
      this.maxMomentum = maxMomentum.clone();
      return this;
    }

    /**
     * Sets {@code div_factor}: the initial rate is {@code max_lr / div_factor}.
     *
     * @param divFactor a positive factor
     * @return this builder
     */
    public Builder divFactor(double divFactor) {
      this.divFactor = divFactor;
      return this;
    }

    /**
     * Sets {@code final_div_factor}: the last rate is {@code initial_lr / final_div_factor}.
     *
     * @param finalDivFactor a positive factor
     * @return this builder
     */
    public Builder finalDivFactor(double finalDivFactor) {
      this.finalDivFactor = finalDivFactor;
      return this;
    }

    /**
     * Sets whether the rate falls back to the initial rate before annealing to the minimum ({@code
     * three_phase}).
     *
     * @param threePhase true for three phases
     * @return this builder
     */
    public Builder threePhase(boolean threePhase) {
      this.threePhase = threePhase;
      return this;
    }

    /**
     * Creates the scheduler and makes its initial step.
     *
     * @return the scheduler
     * @throws IllegalArgumentException if neither the total steps nor epochs and steps per epoch
     *     are given or one is not positive, {@code pct_start} is outside [0, 1], a factor is not
     *     positive, a per-group list has the wrong length, or momentum is cycled on an optimizer
     *     without it (PyTorch's messages)
     */
    public OneCycleLR build() {
      int steps;
      if (totalSteps != 0) {
        checkArgument(
            totalSteps > 0,
            "OneCycleLR: Expected positive integer total_steps, but got %s",
            totalSteps);
        steps = totalSteps;
      } else {
        checkArgument(
            epochs != 0 || stepsPerEpoch != 0,
            "OneCycleLR: You must define either total_steps OR (epochs AND steps_per_epoch)");
        checkArgument(
            epochs > 0, "OneCycleLR: Expected positive integer epochs, but got %s", epochs);
        checkArgument(
            stepsPerEpoch > 0,
            "OneCycleLR: Expected positive integer steps_per_epoch, but got %s",
            stepsPerEpoch);
        steps = Math.multiplyExact(epochs, stepsPerEpoch);
      }
      checkArgument(
          pctStart >= 0 && pctStart <= 1,
          "OneCycleLR: Expected float between 0 and 1 pct_start, but got %s",
          pctStart);
      checkArgument(
          divFactor > 0 && finalDivFactor > 0,
          "OneCycleLR: div_factor and final_div_factor must be positive, got %s and %s",
          divFactor,
          finalDivFactor);
      for (double m : maxLr) {
        checkArgument(m >= 0 && Double.isFinite(m), "OneCycleLR: invalid max_lr %s", m);
      }
      return new OneCycleLR(this, steps);
    }
  }
}
