package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.nn.Module;
import dev.jgrad.optim.LRScheduler;
import dev.jgrad.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a {@link Callback} sees of a running {@link Trainer#fit}: the model, optimizer and
 * scheduler, where training is, the history so far, and the way to stop it or save a checkpoint.
 */
public final class TrainContext {
  private final Trainer trainer;
  private final int epochs;
  private int epoch;
  private String stopReason;

  /**
   * Creates the context of one {@code fit} call.
   *
   * @param trainer the trainer
   * @param epochs the number of epochs the run is fitted to
   */
  TrainContext(Trainer trainer, int epochs) {
    this.trainer = trainer;
    this.epochs = epochs;
  }

  /**
   * Returns the model being trained.
   *
   * @return the model
   */
  public Module model() {
    return trainer.model();
  }

  /**
   * Returns the optimizer.
   *
   * @return the optimizer
   */
  public Optimizer optimizer() {
    return trainer.optimizer();
  }

  /**
   * Returns the learning-rate scheduler.
   *
   * @return the scheduler, or empty if the trainer has none
   */
  public Optional<LRScheduler> scheduler() {
    return trainer.scheduler();
  }

  /**
   * Returns the current epoch.
   *
   * @return the index, from 0, of the epoch running (or, in {@code onFitStart}, about to run)
   */
  public int epoch() {
    return epoch;
  }

  void setEpoch(int epoch) {
    this.epoch = epoch;
  }

  /**
   * Returns the number of epochs the run is fitted to, the argument of {@code fit}.
   *
   * @return the index of the last planned epoch plus one
   */
  public int epochs() {
    return epochs;
  }

  /**
   * Returns the number of training batches per epoch.
   *
   * @return the training loader's number of batches
   */
  public int numBatches() {
    return trainer.numBatches();
  }

  /**
   * Returns the history so far, including epochs restored from a checkpoint.
   *
   * @return a snapshot of the completed epochs
   */
  public History history() {
    return trainer.history();
  }

  /**
   * Asks the trainer to stop (see {@link Callback} for when it stops). The first reason given is
   * kept and reported in {@link History#stopReason()}.
   *
   * @param reason why, in words, for example {@code val_loss did not improve for 3 epochs}
   */
  public void requestStop(String reason) {
    checkNotNull(reason, "requestStop: reason is null");
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  /**
   * Returns whether a stop was requested.
   *
   * @return whether {@link #requestStop} was called in this {@code fit}
   */
  public boolean stopRequested() {
    return stopReason != null;
  }

  /**
   * Returns why a stop was requested.
   *
   * @return the first reason given, or empty
   */
  public Optional<String> stopReason() {
    return Optional.ofNullable(stopReason);
  }

  /**
   * Saves the training checkpoint of the run as it is now; see {@link Trainer#saveCheckpoint}. It
   * holds whole epochs, so it is taken in {@code onEpochEnd} or {@code onFitEnd}, not in {@code
   * onBatchEnd}.
   *
   * @param file the file to create or replace, atomically
   * @throws IllegalStateException if called while an epoch is under way
   * @throws IOException if it cannot be written; a previous file is then left intact
   */
  public void saveCheckpoint(Path file) throws IOException {
    trainer.saveCheckpoint(file);
  }
}
