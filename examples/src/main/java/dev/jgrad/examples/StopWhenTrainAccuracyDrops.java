package dev.jgrad.examples;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.Dataset;
import dev.jgrad.nn.Module;
import dev.jgrad.tensor.DType;
import dev.jgrad.train.Accuracy;
import dev.jgrad.train.Callback;
import dev.jgrad.train.EpochLog;
import dev.jgrad.train.TrainContext;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Seed 001's stopping rule: after each epoch, measure the accuracy on the whole training set, and
 * stop when it is below the previous epoch's. The first epoch of a process (also of a resumed run)
 * has nothing to compare with.
 */
final class StopWhenTrainAccuracyDrops implements Callback {
  private static final int CHUNK = 10_000;

  private final PrintStream out;
  private final DataLoader train;
  private final DType dtype;
  private double previous = Double.NaN;

  /**
   * Creates the rule.
   *
   * @param out where to print the line that says it stops
   * @param train the training set
   * @param dtype the dtype the model takes
   */
  StopWhenTrainAccuracyDrops(PrintStream out, Dataset train, DType dtype) {
    this.out = out;
    this.train = DataLoader.of(train, CHUNK);
    this.dtype = dtype;
  }

  @Override
  public void onEpochEnd(TrainContext context, EpochLog log) {
    double accuracy = accuracy(context.model());
    if (accuracy < previous) {
      String reason =
          String.format(
              Locale.ROOT,
              "the accuracy on the whole training set fell from %.3f%% to %.3f%%",
              100 * previous,
              100 * accuracy);
      out.println(reason + ": stopping");
      out.flush();
      context.requestStop(reason + " (seed 001's rule)");
    }
    previous = accuracy;
  }

  @SuppressWarnings("try") // the NoGrad scope is used only for its extent
  private double accuracy(Module model) {
    Accuracy accuracy = new Accuracy();
    model.eval();
    try (NoGrad g = NoGrad.enter()) {
      for (Batch b : train.epoch(0)) {
        accuracy.update(model.forward(new Variable(b.input().to(dtype))).data(), b.target());
      }
    } finally {
      model.train();
    }
    return accuracy.values().get("accuracy");
  }
}
