package dev.jgrad.train;

import dev.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * A quantity computed streaming over the batches of an epoch or an evaluation, as a Keras metric
 * ({@code reset_state}, {@code update_state}, {@code result}) or a torchmetrics {@code Metric}.
 *
 * <p>A {@link Trainer} calls {@link #reset()} before each pass over a loader, {@link #update} with
 * every batch's output and targets, and reads {@link #values()} at the end; the training pass and
 * the validation pass use the same instance one after the other, so after {@code fit} the instance
 * holds the last validation pass (or the last training pass without validation). Implementations
 * are not thread-safe.
 */
public interface Metric {
  /** Forgets every batch seen, starting a new accumulation. */
  void reset();

  /**
   * Adds one batch.
   *
   * @param output the model's output for the batch, for example {@code [B, C]} class scores
   * @param target the batch's targets, for example {@code [B]} INT32 class indices
   * @throws IllegalArgumentException if the shapes do not fit the metric
   */
  void update(Tensor output, Tensor target);

  /**
   * Returns the values over the batches added since the last {@link #reset()}, under the names that
   * appear in the {@link History} (a validation pass prefixes them with {@code val_}).
   *
   * @return the values by name, in a stable order; the same names every time, also before any
   *     update (a trainer reads them when it is built to check that no two metrics share a name);
   *     NaN where no sample was seen
   */
  Map<String, Double> values();
}
