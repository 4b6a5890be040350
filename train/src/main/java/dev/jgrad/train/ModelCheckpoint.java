package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves the run's {@link TrainingCheckpoint} at the end of epochs, as Keras' {@code
 * ModelCheckpoint}: {@link #last} after every epoch, {@link #best} only when a monitored metric
 * improves ({@code save_best_only=True}). Use one of each to keep both.
 *
 * <p>Every write is atomic, so a killed run leaves the previous checkpoint whole. An epoch that
 * diverges is never completed, so it is never saved (see {@link TrainingDivergedException}). The
 * best value so far is read from the history, so it carries over a resumed run. Whether the file
 * can be written is checked when {@code fit} starts.
 *
 * <pre>{@code
 * callbacks(ModelCheckpoint.last(dir.resolve("last.safetensors")),
 *           ModelCheckpoint.best(dir.resolve("best.safetensors"), "val_loss", Mode.MIN))
 * }</pre>
 */
public final class ModelCheckpoint implements Callback {
  private final Path file;
  private final String monitor;
  private final Mode mode;

  private ModelCheckpoint(Path file, String monitor, Mode mode) {
    this.file = checkNotNull(file, "ModelCheckpoint: file is null");
    this.monitor = monitor;
    this.mode = mode;
  }

  /**
   * Returns a callback that saves after every epoch, replacing the previous checkpoint.
   *
   * @param file the checkpoint file
   * @return the callback
   */
  public static ModelCheckpoint last(Path file) {
    return new ModelCheckpoint(file, null, null);
  }

  /**
   * Returns a callback that saves after an epoch whose {@code monitor} value is better than every
   * earlier epoch's.
   *
   * @param file the checkpoint file
   * @param monitor the metric, such as {@code val_loss} or {@code val_accuracy}
   * @param mode whether lower or higher is better
   * @return the callback
   */
  public static ModelCheckpoint best(Path file, String monitor, Mode mode) {
    checkNotNull(monitor, "ModelCheckpoint: monitor is null");
    checkNotNull(mode, "ModelCheckpoint: mode is null");
    return new ModelCheckpoint(file, monitor, mode);
  }

  /**
   * Returns the file written.
   *
   * @return the checkpoint file
   */
  public Path file() {
    return file;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException if the file's folder is missing, not a folder or not writable
   */
  @Override
  public void onFitStart(TrainContext context) throws IOException {
    OutputFiles.checkWritable("ModelCheckpoint", file);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the monitored metric is not in the epoch's log
   * @throws IOException if the checkpoint cannot be written; the previous file is then left intact
   */
  @Override
  public void onEpochEnd(TrainContext context, EpochLog log) throws IOException {
    if (monitor == null || mode.improves(log.get(monitor), bestBefore(context.history()), 0)) {
      context.saveCheckpoint(file);
    }
  }

  private double bestBefore(History history) {
    double best = Double.NaN;
    for (EpochLog e : history.epochs().subList(0, history.size() - 1)) {
      double v = e.find(monitor).orElse(Double.NaN);
      if (mode.improves(v, best, 0)) {
        best = v;
      }
    }
    return best;
  }
}
