package dev.jgrad.train;

/**
 * When a learning-rate scheduler is stepped, or an {@link LrMonitor} or {@link GradientNorms}
 * records, as Lightning's {@code interval} of {@code "epoch"} or {@code "step"}.
 */
public enum StepInterval {
  /** Once per epoch, after validation and before the callbacks' {@code onEpochEnd}. */
  EPOCH,
  /** After every optimizer step. */
  BATCH
}
