package dev.jgrad.train;

import java.io.IOException;

/**
 * Code that {@link Trainer#fit} runs at fixed points of training, as Keras' callbacks and PyTorch
 * Lightning's hooks. Every method does nothing by default, so a callback implements only what it
 * needs.
 *
 * <p><b>Life cycle.</b> One {@code fit(epochs)} call runs:
 *
 * <pre>
 * onFitStart
 * for each epoch e from the first not yet completed to epochs - 1:
 *   onEpochStart                  (model in training mode)
 *   for each batch: forward, loss, backward, optimizer step, [scheduler step], onBatchEnd
 *   validation pass, if a validation loader was given (no tape, evaluation mode)
 *   [scheduler step, if stepped per epoch]
 *   onEpochEnd                    (the epoch's log is already in the history)
 * onFitEnd                        (also after a stop request or a divergence)
 * </pre>
 *
 * <p>Callbacks run in the order given to the builder. A callback ends training with {@link
 * TrainContext#requestStop}: asked in {@code onFitStart}, no epoch runs; asked in {@code
 * onEpochEnd}, the run stops after that epoch; asked in {@code onEpochStart}, that epoch does not
 * run; asked in {@code onBatchEnd}, the run stops after that batch and its epoch is not completed
 * (no validation, no {@code onEpochEnd}, not in the history, not counted in a checkpoint). If a
 * callback throws, the exception leaves {@code fit} at once and {@code onFitEnd} is not run.
 */
public interface Callback {
  /**
   * Runs once when {@code fit} starts, before the first epoch.
   *
   * @param context the run
   * @throws IOException if the callback cannot do its work, for example write to its folder
   */
  default void onFitStart(TrainContext context) throws IOException {}

  /**
   * Runs at the start of each epoch; {@link TrainContext#epoch()} is the epoch about to run.
   *
   * @param context the run
   * @throws IOException if the callback cannot do its work
   */
  default void onEpochStart(TrainContext context) throws IOException {}

  /**
   * Runs after each training step.
   *
   * @param context the run
   * @param batch the step just taken
   * @throws IOException if the callback cannot do its work
   */
  default void onBatchEnd(TrainContext context, BatchResult batch) throws IOException {}

  /**
   * Runs after each completed epoch, after validation and the per-epoch scheduler step; the epoch's
   * log is the last of {@link TrainContext#history()}.
   *
   * @param context the run
   * @param log the epoch's metrics
   * @throws IOException if the callback cannot do its work, for example save a checkpoint
   */
  default void onEpochEnd(TrainContext context, EpochLog log) throws IOException {}

  /**
   * Runs once when {@code fit} ends: after the last epoch, after a stop request, or after a
   * divergence (before {@link TrainingDivergedException} is thrown).
   *
   * @param context the run
   * @param history the run's history, saying how it ended
   * @throws IOException if the callback cannot do its work
   */
  default void onFitEnd(TrainContext context, History history) throws IOException {}
}
