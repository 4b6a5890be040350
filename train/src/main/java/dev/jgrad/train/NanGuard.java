package dev.jgrad.train;

import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import java.util.Map;

/**
 * The checks of the NaN guard (see {@link TrainingDivergedException}): each throws {@link Diverged}
 * naming what is not finite and where, which {@link Trainer#fit} turns into the public exception.
 */
final class NanGuard {
  private NanGuard() {}

  /** A divergence found inside the training loop. */
  static final class Diverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The index of the epoch, from 0. */
    final int epoch;

    /** The index of the step in the epoch, from 0. */
    final int step;

    Diverged(String message, int epoch, int step) {
      super(message, null, false, false);
      this.epoch = epoch;
      this.step = step;
    }
  }

  /**
   * Checks a batch's loss before its backward pass.
   *
   * @param loss the loss
   * @param epoch the epoch's index
   * @param epochs the epochs the run is fitted to
   * @param step the step's index in the epoch
   * @param batches the batches per epoch
   * @throws Diverged if the loss is NaN or infinite
   */
  static void checkLoss(double loss, int epoch, int epochs, int step, int batches) {
    if (!Double.isFinite(loss)) {
      throw new Diverged(
          String.format(
              "loss is %s at epoch %s/%s, step %s/%s; that step was not taken",
              loss, epoch + 1, epochs, step + 1, batches),
          epoch,
          step);
    }
  }

  /**
   * Checks every parameter after an epoch's last step.
   *
   * @param model the model
   * @param epoch the epoch's index
   * @param epochs the epochs the run is fitted to
   * @param batches the batches per epoch
   * @throws Diverged naming the first parameter that holds a NaN or infinite value
   */
  static void checkParameters(Module model, int epoch, int epochs, int batches) {
    for (Map.Entry<String, Parameter> p : model.namedParameters().entrySet()) {
      // 0 · x is 0 for every finite x and NaN for NaN and ±∞, so the sum is finite iff all are.
      if (!Double.isFinite(p.getValue().data().mul(0).sum().item())) {
        throw new Diverged(
            String.format(
                "parameter %s holds NaN or infinite values after epoch %s/%s, step %s/%s (the"
                    + " epoch's last); the epoch was not completed",
                p.getKey(), epoch + 1, epochs, batches, batches),
            epoch,
            batches - 1);
      }
    }
  }

  /**
   * Checks an epoch's validation loss.
   *
   * @param loss the validation loss
   * @param epoch the epoch's index
   * @param epochs the epochs the run is fitted to
   * @param batches the training batches per epoch
   * @throws Diverged if the loss is NaN or infinite
   */
  static void checkValidationLoss(double loss, int epoch, int epochs, int batches) {
    if (!Double.isFinite(loss)) {
      throw new Diverged(
          String.format(
              "val_loss is %s after epoch %s/%s; the epoch was not completed",
              loss, epoch + 1, epochs),
          epoch,
          batches - 1);
    }
  }
}
