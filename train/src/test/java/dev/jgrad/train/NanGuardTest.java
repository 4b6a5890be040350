package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.TensorDataset;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.SGD;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loss or weight that is not finite stops the run before anything is saved for that epoch. */
class NanGuardTest {
  @TempDir Path dir;

  /** Cross-entropy that turns NaN at one training step (counted over the whole run). */
  private static LossFunction nanAtTrainingStep(int nanStep) {
    int[] steps = {0};
    return (output, target) -> {
      Variable loss = Losses.crossEntropy(output, target);
      if (NoGrad.isGradEnabled() && steps[0]++ == nanStep) {
        return loss.mul(Double.NaN);
      }
      return loss;
    };
  }

  @Test
  void aNanLossStopsTheRunNamesEpochAndStepAndLeavesTheLastGoodCheckpoint() throws IOException {
    Sequential model = Fixtures.mlp(3);
    Path last = dir.resolve("last.safetensors");
    Path csv = dir.resolve("metrics.csv");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    AtomicReference<Map<String, float[]>> beforeBadStep = new AtomicReference<>();
    Trainer trainer =
        Fixtures.builder(model)
            .loss(nanAtTrainingStep(6))
            .callbacks(
                new CsvLogger(csv),
                ModelCheckpoint.last(last),
                ProgressBar.plain(new PrintStream(printed, true, StandardCharsets.UTF_8)),
                new Callback() {
                  @Override
                  public void onBatchEnd(TrainContext context, BatchResult batch) {
                    beforeBadStep.set(Fixtures.weights(model));
                  }
                })
            .build();

    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> trainer.fit(3));

    assertEquals("loss is NaN at epoch 2/3, step 3/4; that step was not taken", e.getMessage());
    assertEquals(1, e.epoch());
    assertEquals(2, e.step());
    assertTrue(e.history().diverged());
    assertEquals(1, e.history().size());
    assertEquals(e.getMessage(), e.history().stopReason().orElseThrow());
    assertEquals(1, TrainingCheckpoint.load(last).epoch());
    assertEquals(2, Files.readAllLines(csv).size());
    Fixtures.assertSameWeights(beforeBadStep.get(), Fixtures.weights(model));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.endsWith("diverged: " + e.getMessage() + "\n"), text);
    assertEquals(1, trainer.completedEpochs());
  }

  @Test
  void weightsThatOverflowAtAnEpochsLastStepAreFoundBeforeTheEpochIsSaved() throws IOException {
    Linear linear = new Linear(2, 1, Generator.seeded(1));
    Sequential model = new Sequential(linear);
    TensorDataset data =
        new TensorDataset(
            Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), Tensor.of(new float[] {100, 200}, 2, 1));
    Path last = dir.resolve("last.safetensors");
    Trainer trainer =
        Trainer.builder(model)
            .loss((o, t) -> Losses.mseLoss(o, new Variable(t)))
            .optimizer(new SGD(model.parameters(), 1e38))
            .train(DataLoader.of(data, 2))
            .callbacks(ModelCheckpoint.last(last))
            .build();

    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> trainer.fit(2));

    assertEquals(
        "parameter 0.weight holds NaN or infinite values after epoch 1/2, step 1/1 (the epoch's"
            + " last); the epoch was not completed",
        e.getMessage());
    assertEquals(0, e.epoch());
    assertEquals(0, e.step());
    assertFalse(Files.exists(last));
  }

  @Test
  void aNanValidationLossStopsTheRunBeforeTheEpochIsCompleted() {
    LossFunction nanInEvaluation =
        (output, target) -> {
          Variable loss = Losses.crossEntropy(output, target);
          return NoGrad.isGradEnabled() ? loss : loss.mul(Double.POSITIVE_INFINITY);
        };
    Trainer trainer = Fixtures.builder(Fixtures.mlp(3)).loss(nanInEvaluation).build();

    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> trainer.fit(2));

    assertEquals(
        "val_loss is Infinity after epoch 1/2; the epoch was not completed", e.getMessage());
    assertEquals(0, trainer.completedEpochs());
  }

  @Test
  void withTheGuardOffANanLossIsTrainedThrough() throws IOException {
    Trainer trainer =
        Fixtures.builder(Fixtures.mlp(3)).loss(nanAtTrainingStep(1)).nanGuard(false).build();

    History h = trainer.fit(2);

    assertEquals(2, h.size());
    assertTrue(Double.isNaN(h.metric("loss").get(0)));
    assertFalse(h.diverged());
    assertEquals("false", trainer.settings().get("nan_guard"));
  }
}
