package dev.jgrad.examples;

import dev.jgrad.train.BatchResult;
import dev.jgrad.train.Callback;
import dev.jgrad.train.EpochLog;
import dev.jgrad.train.TrainContext;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the command line's line per epoch, {@code epoch 3/5 loss 0.0701 train acc 97.89% test acc
 * 97.78% 0.7 s}: the mean loss per image and the accuracy over the epoch's batches as they were
 * trained (running means), the test accuracy after the epoch, and the epoch's seconds, validation
 * included. Needs a trainer with an {@code Accuracy} metric and the test set as its validation
 * loader.
 */
final class EpochLines implements Callback {
  private final PrintStream out;
  private final boolean lossIsBatchSum;
  private long start;
  private double lossSum;
  private long images;

  /**
   * Creates the callback.
   *
   * @param out where to print
   * @param lossIsBatchSum whether the loss trained on is the batch's sum (seed 000), so a batch's
   *     loss is divided by its size to give the loss per image
   */
  EpochLines(PrintStream out, boolean lossIsBatchSum) {
    this.out = out;
    this.lossIsBatchSum = lossIsBatchSum;
  }

  @Override
  public void onEpochStart(TrainContext context) {
    start = System.nanoTime();
    lossSum = 0;
    images = 0;
  }

  @Override
  public void onBatchEnd(TrainContext context, BatchResult batch) {
    double perImage = lossIsBatchSum ? batch.loss() / batch.size() : batch.loss();
    lossSum += perImage * batch.size();
    images += batch.size();
  }

  @Override
  public void onEpochEnd(TrainContext context, EpochLog log) {
    out.println(
        String.format(
            Locale.ROOT,
            "epoch %d/%d  loss %.4f  train acc %.2f%%  test acc %.2f%%  %.1f s",
            log.epoch() + 1,
            context.epochs(),
            lossSum / images,
            100 * log.get("accuracy"),
            100 * log.get("val_accuracy"),
            (System.nanoTime() - start) / 1e9));
    out.flush();
  }
}
