package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.DataLoader;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import dev.jgrad.optim.CosineAnnealingLR;
import dev.jgrad.optim.LRScheduler;
import dev.jgrad.optim.StepLR;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming an interrupted run is bit-identical; extending a finished run trains. */
class ResumeTest {
  @TempDir Path dir;

  /** Throws at the start of an epoch, as a killed process stops. */
  private static final class Kill implements Callback {
    private final int atEpoch;

    Kill(int atEpoch) {
      this.atEpoch = atEpoch;
    }

    @Override
    public void onEpochStart(TrainContext context) {
      if (context.epoch() == atEpoch) {
        throw new IllegalStateException("killed");
      }
    }
  }

  /** Builds a run as a fresh process would: same seeds, a new model, optimizer and scheduler. */
  private static Trainer run(
      Function<Adam, LRScheduler> schedule, StepInterval interval, Callback... callbacks) {
    Sequential model = Fixtures.mlp(3);
    Adam opt = new Adam(model.parameters(), 0.02);
    Trainer.Builder b =
        Fixtures.builder(model).optimizer(opt).metrics(new Accuracy()).callbacks(callbacks);
    if (schedule != null) {
      b.scheduler(schedule.apply(opt), interval);
    }
    return b.build();
  }

  private static Map<String, float[]> weights(Trainer t) {
    return Fixtures.weights((Sequential) t.model());
  }

  @Test
  void resumingAnInterruptedRunIsBitIdenticalToTheStraightRun() throws IOException {
    Trainer straight = run(o -> new CosineAnnealingLR(o, 4), StepInterval.EPOCH);
    History full = straight.fit(4);

    Path last = dir.resolve("last.safetensors");
    Trainer killed =
        run(
            o -> new CosineAnnealingLR(o, 4),
            StepInterval.EPOCH,
            ModelCheckpoint.last(last),
            new Kill(2));
    IllegalStateException kill = assertThrows(IllegalStateException.class, () -> killed.fit(4));
    assertEquals("killed", kill.getMessage());

    Trainer resumed = run(o -> new CosineAnnealingLR(o, 4), StepInterval.EPOCH);
    TrainingCheckpoint ckpt = resumed.restore(last);
    assertFalse(ckpt.finished());
    assertEquals(2, ckpt.epoch());
    assertEquals(4, ckpt.plannedEpochs());
    assertEquals(2, resumed.completedEpochs());
    History continued = resumed.fit(4);

    Fixtures.assertSameWeights(weights(straight), weights(resumed));
    assertEquals(full.toCsv(), continued.toCsv());
    assertEquals(
        straight.optimizer().paramGroups().get(0).lr(),
        resumed.optimizer().paramGroups().get(0).lr());
    assertEquals(
        straight.scheduler().orElseThrow().lastEpoch(),
        resumed.scheduler().orElseThrow().lastEpoch());
  }

  @Test
  void resumingWithAPerBatchScheduleIsBitIdentical() throws IOException {
    Trainer straight = run(o -> new StepLR(o, 3, 0.8), StepInterval.BATCH);
    straight.fit(3);

    Path last = dir.resolve("last.safetensors");
    Trainer stopped =
        run(
            o -> new StepLR(o, 3, 0.8),
            StepInterval.BATCH,
            ModelCheckpoint.last(last),
            new Callback() {
              @Override
              public void onEpochEnd(TrainContext context, EpochLog log) {
                context.requestStop("enough for now");
              }
            });
    History h = stopped.fit(3);
    assertEquals("enough for now", h.stopReason().orElseThrow());
    assertEquals(1, h.size());

    Trainer resumed = run(o -> new StepLR(o, 3, 0.8), StepInterval.BATCH);
    resumed.restore(last);
    resumed.fit(3);

    Fixtures.assertSameWeights(weights(straight), weights(resumed));
  }

  @Test
  void withoutASchedulerFittingTwoSavingAndFittingTwoMoreIsBitIdentical() throws IOException {
    Trainer straight = run(null, null);
    straight.fit(4);

    Trainer first = run(null, null);
    first.fit(2);
    Path file = dir.resolve("ckpt.safetensors");
    first.saveCheckpoint(file);

    Trainer second = run(null, null);
    assertTrue(second.restore(file).finished());
    second.fit(4);

    Fixtures.assertSameWeights(weights(straight), weights(second));
    assertEquals(straight.history().toCsv(), second.history().toCsv());
  }

  @Test
  void extendingAFinishedCosineRunRestartsTheScheduleAndTrains() throws IOException {
    Trainer finished = run(o -> new CosineAnnealingLR(o, 4), StepInterval.EPOCH);
    finished.fit(4);
    assertEquals(0.0, finished.optimizer().paramGroups().get(0).lr(), 1e-12);
    Path file = dir.resolve("ckpt.safetensors");
    finished.saveCheckpoint(file);
    Map<String, float[]> before = weights(finished);

    Trainer extended = run(o -> new CosineAnnealingLR(o, 4), StepInterval.EPOCH);
    TrainingCheckpoint ckpt = extended.restore(file);
    assertTrue(ckpt.finished());
    Fixtures.assertSameWeights(before, weights(extended));
    assertEquals(0.02, extended.optimizer().paramGroups().get(0).lr());
    assertFalse(extended.optimizer().state(extended.model().parameters().get(0)).isEmpty());

    History h = extended.fit(8);

    assertEquals(8, h.size());
    List<Double> lr = h.metric("lr");
    assertEquals(lr.subList(0, 4), lr.subList(4, 8));
    assertEquals(0.02, lr.get(4));
    assertEquals(0.0, extended.optimizer().paramGroups().get(0).lr(), 1e-12);
    for (String k : before.keySet()) {
      assertFalse(Arrays.equals(before.get(k), weights(extended).get(k)), k + " did not change");
    }
    assertTrue(h.metric("loss").get(7) < h.metric("loss").get(0));
  }

  @Test
  void anInterruptedRunNeedsItsSchedulerAndItsDataOrder() throws IOException {
    Path last = dir.resolve("last.safetensors");
    Trainer killed =
        run(
            o -> new CosineAnnealingLR(o, 4),
            StepInterval.EPOCH,
            ModelCheckpoint.last(last),
            new Kill(1));
    assertThrows(IllegalStateException.class, () -> killed.fit(4));

    Trainer noScheduler = run(null, null);
    Map<String, float[]> before = weights(noScheduler);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> noScheduler.restore(last));
    assertEquals(
        "Trainer.restore: "
            + last
            + " is an interrupted run (1 of 4 epochs) with a CosineAnnealingLR schedule; give the"
            + " trainer that scheduler to resume it exactly",
        e.getMessage());
    Fixtures.assertSameWeights(before, weights(noScheduler));
    assertEquals(0, noScheduler.completedEpochs());

    Sequential model = Fixtures.mlp(3);
    Adam opt = new Adam(model.parameters(), 0.02);
    Trainer reshuffled =
        Fixtures.builder(model)
            .optimizer(opt)
            .scheduler(new CosineAnnealingLR(opt, 4))
            .metrics(new Accuracy())
            .train(DataLoader.of(Fixtures.blobs(48, 1), 12).shuffle(6))
            .build();
    e = assertThrows(IllegalArgumentException.class, () -> reshuffled.restore(last));
    assertTrue(
        e.getMessage().contains("is an interrupted run whose training data order was [samples=48"),
        e.getMessage());
    assertTrue(opt.state(model.parameters().get(0)).isEmpty());
  }

  @Test
  void aResumedRunKeepsItsCsvAndItsBestCheckpoint() throws IOException {
    Path csv = dir.resolve("metrics.csv");
    Path best = dir.resolve("best.safetensors");
    Path last = dir.resolve("last.safetensors");
    Trainer killed =
        run(
            o -> new CosineAnnealingLR(o, 6),
            StepInterval.EPOCH,
            new CsvLogger(csv),
            ModelCheckpoint.best(best, "val_loss", Mode.MIN),
            ModelCheckpoint.last(last),
            new Kill(3));
    assertThrows(IllegalStateException.class, () -> killed.fit(6));
    assertEquals(4, Files.readAllLines(csv).size());

    Trainer resumed =
        run(
            o -> new CosineAnnealingLR(o, 6),
            StepInterval.EPOCH,
            new CsvLogger(csv),
            ModelCheckpoint.best(best, "val_loss", Mode.MIN));
    resumed.restore(last);
    History h = resumed.fit(6);

    assertEquals(h.toCsv(), Files.readString(csv));
    assertEquals(7, Files.readAllLines(csv).size());
    List<Double> valLoss = h.metric("val_loss");
    int bestEpoch = 0;
    for (int i = 1; i < valLoss.size(); i++) {
      if (valLoss.get(i) < valLoss.get(bestEpoch)) {
        bestEpoch = i;
      }
    }
    assertEquals(bestEpoch + 1, TrainingCheckpoint.load(best).epoch());
  }

  @Test
  void fitAfterRestoringAFinishedRunMustAskForMoreEpochs() throws IOException {
    Trainer finished = run(null, null);
    finished.fit(2);
    Path file = dir.resolve("ckpt.safetensors");
    finished.saveCheckpoint(file);

    Trainer again = run(null, null);
    again.restore(file);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> again.fit(2));
    assertTrue(e.getMessage().startsWith("fit: the run has completed 2 epoch(s)"));
    assertNotEquals(0, again.history().size());
  }
}
