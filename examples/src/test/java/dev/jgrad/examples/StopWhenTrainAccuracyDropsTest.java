package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.TensorDataset;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import dev.jgrad.optim.SGD;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.train.Callback;
import dev.jgrad.train.History;
import dev.jgrad.train.TrainContext;
import dev.jgrad.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Seed 001's rule stops the run after the first epoch whose training accuracy is lower. */
class StopWhenTrainAccuracyDropsTest {
  /** Scores class 0 or class 1 for every input, as its weight says. */
  private static final class Constant extends Module {
    final Parameter weight =
        registerParameter("weight", new Parameter(Tensor.of(new float[] {1, 0}, 1, 2)));

    @Override
    protected Variable compute(Variable input) {
      return input.matmul(weight);
    }
  }

  @Test
  void stopsWhenTheAccuracyOnTheTrainingSetFalls() throws IOException {
    Tensor x = Tensor.ones(8, 1);
    Tensor labels = Tensor.of(new int[] {0, 0, 0, 0, 0, 0, 1, 1}, 8);
    TensorDataset data = new TensorDataset(x, labels);
    Constant model = new Constant();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Callback worseFromEpochThree =
        new Callback() {
          @Override
          public void onEpochStart(TrainContext context) {
            if (context.epoch() == 2) {
              model.weight.data().copyFrom(Tensor.of(new float[] {0, 1}, 1, 2));
            }
          }
        };
    Trainer trainer =
        Trainer.builder(model)
            .loss(Losses::crossEntropy)
            .optimizer(new SGD(model.parameters(), 0))
            .train(DataLoader.of(data, 4))
            .callbacks(
                worseFromEpochThree,
                new StopWhenTrainAccuracyDrops(
                    new PrintStream(bytes, true, StandardCharsets.UTF_8), data, DType.FLOAT32))
            .build();

    History h = trainer.fit(10);

    assertEquals(3, h.size());
    assertTrue(h.stopReason().orElseThrow().contains("fell from 75.000% to 25.000%"), h.toString());
    assertEquals(
        "the accuracy on the whole training set fell from 75.000% to 25.000%: stopping\n",
        bytes.toString(StandardCharsets.UTF_8));
  }
}
