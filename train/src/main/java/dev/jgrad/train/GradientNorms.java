package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.RemovableHandle;
import dev.jgrad.nn.Parameter;
import dev.jgrad.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records the L2 norm of every parameter's gradient, per step or per epoch, as Lightning's {@code
 * log_grad_norm}; optionally prints them. Useful to see which layer's gradients vanish or explode.
 *
 * <p>It is built on {@linkplain dev.jgrad.autograd.Variable#registerHook gradient hooks}: from
 * {@code onFitStart} to {@code onFitEnd} a hook on each parameter that requires grad measures the
 * gradient its step's backward pass computes (the {@link Trainer} runs one per step), as it is
 * computed: before it is accumulated, clipped or used by the optimizer. A step's entry holds the
 * norm of each parameter that received a gradient, by its name in {@code model.namedParameters()},
 * and the total norm over all of them (the norm {@code clip_grad_norm_} computes). A per-epoch
 * entry holds, for each parameter and for the total, the mean of the norms of the epoch's steps.
 * Norms are computed in double precision.
 *
 * <pre>{@code
 * GradientNorms norms = new GradientNorms(StepInterval.EPOCH, System.out);
 * Trainer.builder(model)...callbacks(norms).build().fit(5);
 * // epoch 1/5: grad norm 0.8123 (0.weight 0.7321, 0.bias 0.0507, 2.weight 0.3489, 2.bias 0.0812)
 * norms.entries().get(0).norms().get("0.weight");
 * }</pre>
 */
public final class GradientNorms implements Callback {
  private final StepInterval interval;
  private final PrintStream out;
  private final List<Entry> entries = new ArrayList<>();
  private final List<RemovableHandle> handles = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final Map<String, Double> stepSquares = new LinkedHashMap<>();
  private final Map<String, double[]> epochSums = new LinkedHashMap<>();
  private double epochTotal;
  private int epochSteps;

  /**
   * The gradient norms of one step, or the means over an epoch's steps.
   *
   * @param epoch the epoch's index, from 0
   * @param step the step's index in the epoch, from 0 (0 for a per-epoch entry)
   * @param norms the norm of each parameter's gradient by name, in the model's order; only the
   *     parameters that received a gradient
   * @param total the norm of all the gradients together
   */
  public record Entry(int epoch, int step, Map<String, Double> norms, double total) {
    /**
     * Creates the entry, copying the norms.
     *
     * @param epoch the epoch's index
     * @param step the step's index
     * @param norms the norms by parameter name
     * @param total the total norm
     */
    public Entry {
      norms = Collections.unmodifiableMap(new LinkedHashMap<>(norms));
    }
  }

  /**
   * Creates a recorder that prints nothing.
   *
   * @param interval whether to record once per step or once per epoch (the means of its steps)
   */
  public GradientNorms(StepInterval interval) {
    this(interval, null);
  }

  /**
   * Creates a recorder that also prints a line per entry to {@code out}, such as {@code epoch 1/5:
   * grad norm 0.8123 (0.weight 0.7321, 0.bias 0.0507)}.
   *
   * @param interval whether to record once per step or once per epoch (the means of its steps)
   * @param out where to print, or null to print nothing
   */
  public GradientNorms(StepInterval interval, PrintStream out) {
    this.interval = checkNotNull(interval, "GradientNorms: interval is null");
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
  public void onFitStart(TrainContext context) {
    removeHooks();
    names.clear();
    for (Map.Entry<String, Parameter> e : context.model().namedParameters().entrySet()) {
      String name = e.getKey();
      if (e.getValue().requiresGrad()) {
        names.add(name);
        handles.add(
            e.getValue()
                .registerHook(
                    g -> {
                      stepSquares.put(name, squaredNorm(g));
                      return null;
                    }));
      }
    }
  }

  @Override
  public void onEpochStart(TrainContext context) {
    epochSums.clear();
    epochTotal = 0;
    epochSteps = 0;
  }

  @Override
  public void onBatchEnd(TrainContext context, BatchResult batch) {
    Map<String, Double> norms = new LinkedHashMap<>();
    double squares = 0;
    for (String name : names) {
      Double s = stepSquares.get(name);
      if (s != null) {
        norms.put(name, Math.sqrt(s));
        squares += s;
      }
    }
    stepSquares.clear();
    double total = Math.sqrt(squares);
    if (interval == StepInterval.BATCH) {
      record(context, new Entry(batch.epoch(), batch.step(), norms, total));
      return;
    }
    norms.forEach(
        (name, norm) -> {
          double[] sum = epochSums.computeIfAbsent(name, k -> new double[2]);
          sum[0] += norm;
          sum[1]++;
        });
    epochTotal += total;
    epochSteps++;
  }

  @Override
  public void onEpochEnd(TrainContext context, EpochLog log) {
    if (interval != StepInterval.EPOCH || epochSteps == 0) {
      return;
    }
    Map<String, Double> means = new LinkedHashMap<>();
    for (String name : names) {
      double[] sum = epochSums.get(name);
      if (sum != null) {
        means.put(name, sum[0] / sum[1]);
      }
    }
    record(context, new Entry(log.epoch(), 0, means, epochTotal / epochSteps));
  }

  @Override
  public void onFitEnd(TrainContext context, History history) {
    removeHooks();
  }

  private void removeHooks() {
    handles.forEach(RemovableHandle::remove);
    handles.clear();
    stepSquares.clear();
  }

  private static double squaredNorm(Tensor g) {
    double s = 0;
    for (double v : g.toDoubleArray()) {
      s += v * v;
    }
    return s;
  }

  private void record(TrainContext context, Entry entry) {
    entries.add(entry);
    if (out == null) {
      return;
    }
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
    StringBuilder line =
        new StringBuilder(where)
            .append(String.format(Locale.ROOT, ": grad norm %.4g (", entry.total()));
    String sep = "";
    for (Map.Entry<String, Double> e : entry.norms().entrySet()) {
      line.append(sep).append(e.getKey()).append(String.format(Locale.ROOT, " %.4g", e.getValue()));
      sep = ", ";
    }
    out.println(line.append(')'));
  }
}
