package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.KernelInfo;
import dev.jgrad.train.Callback;
import dev.jgrad.train.EpochLog;
import dev.jgrad.train.TrainContext;
import dev.jgrad.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jgrad train} writes its files and checkpoint; {@code --resume} continues an interrupted
 * run bit for bit and extends a finished one, refusing options it would otherwise ignore; a run
 * never writes into another run's folder unless told to.
 */
class ResumeCommandTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir Path dir;

  /** Stops the run after the given number of epochs, as a killed process would leave it. */
  private static Callback stopAfter(int epochs) {
    return new Callback() {
      @Override
      public void onEpochEnd(TrainContext context, EpochLog log) {
        if (log.epoch() + 1 == epochs) {
          context.requestStop("interrupted by the test");
        }
      }
    };
  }

  @Test
  void trainWritesLogPlotsAndCheckpointThenEvalPlotAndExtendUseThem() throws IOException {
    Path run = dir.resolve("run");
    Cli.Result first = Cli.trainSmall("--epochs", "1", "--out", run.toString());
    assertEquals(0, first.code(), first.err());
    List<String> lines = first.out().lines().toList();
    assertEquals("kernels: " + KernelInfo.current().summary(), lines.get(0));
    assertTrue(
        lines.get(1).startsWith("training MLP [784, 16, 10] on 60000 MNIST images"), lines.get(1));
    assertTrue(
        lines.get(2).matches("epoch 1/1  loss \\d\\.\\d{4}  train acc .*% {2}test acc .*"),
        lines.get(2));
    assertTrue(lines.get(3).startsWith("test accuracy "), lines.get(3));
    assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size());
    for (String png : List.of("curves.png", "predictions.png")) {
      assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(run.resolve(png)), 4), png);
    }
    Path checkpoint = run.resolve("checkpoint.safetensors");
    TrainingCheckpoint saved = TrainingCheckpoint.load(checkpoint);
    assertEquals(1, saved.epoch());
    assertTrue(saved.finished());
    assertEquals(List.of(784, 16, 10), Mlps.sizes(Mlps.fromStateDict(saved.modelState())));
    assertTrue(Cli.tensors(checkpoint).containsKey("optimizer.state.0.exp_avg"));

    Cli.Result eval = Cli.eval(checkpoint.toString());
    assertEquals(0, eval.code(), eval.err());
    assertTrue(eval.out().contains("[784, 16, 10] on MNIST, test accuracy "), eval.out());

    long[] before = Cli.bits(saved.modelState().get("0.weight"));
    Cli.Result extended = Cli.train("--resume", checkpoint.toString(), "--epochs", "2");
    assertEquals(0, extended.code(), extended.err());
    assertTrue(
        extended.out().contains("extending " + checkpoint + " from 1 to 2 epochs")
            && extended.out().contains("epoch 2/2  loss "),
        extended.out());
    assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size());
    TrainingCheckpoint after = TrainingCheckpoint.load(checkpoint);
    assertEquals(2, after.epoch());
    assertFalse(
        Arrays.equals(before, Cli.bits(after.modelState().get("0.weight"))),
        "the added epoch changed the weights");
    assertEquals(
        after.history().epochs().get(0).get("lr"),
        after.history().epochs().get(1).get("lr"),
        "the added epoch starts a new cosine cycle at the full rate (a warm restart)");

    Path redrawn = dir.resolve("redrawn.png");
    Cli.Result plot = Cli.plot(run.resolve("metrics.csv").toString(), "--out", redrawn.toString());
    assertEquals(0, plot.code(), plot.err());
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(redrawn), 4));
  }

  @Test
  void readmeExampleExtendsAFinishedRunByThreeEpochs() throws IOException {
    Path run = dir.resolve("train");
    assertEquals(0, Cli.trainSmall("--epochs", "5", "--out", run.toString()).code());
    Path checkpoint = run.resolve("checkpoint.safetensors");
    TrainingCheckpoint five = TrainingCheckpoint.load(checkpoint);
    Cli.Result more = Cli.train("--resume", checkpoint.toString(), "--epochs", "8");
    assertEquals(0, more.code(), more.err());
    assertEquals(3, more.out().lines().filter(l -> l.startsWith("epoch ")).count(), more.out());
    TrainingCheckpoint eight = TrainingCheckpoint.load(checkpoint);
    assertEquals(8, eight.epoch());
    for (String name : five.modelState().keySet()) {
      assertFalse(
          Arrays.equals(
              Cli.bits(five.modelState().get(name)), Cli.bits(eight.modelState().get(name))),
          name + " changed in the three added epochs");
    }
  }

  @Test
  void interruptedRunResumedThroughTheCliIsBitIdenticalToTheUninterruptedRun() throws IOException {
    Path straight = dir.resolve("straight");
    assertEquals(0, Cli.trainSmall("--epochs", "4", "--out", straight.toString()).code());

    Path interrupted = dir.resolve("interrupted");
    Cli.Result stopped =
        Cli.train(
            List.of(stopAfter(2)),
            "--hidden",
            "16",
            "--batch-size",
            "500",
            "--epochs",
            "4",
            "--out",
            interrupted.toString());
    assertEquals(0, stopped.code(), stopped.err());
    assertTrue(stopped.out().contains("stopped after epoch 2 of 4"), stopped.out());
    Path checkpoint = interrupted.resolve("checkpoint.safetensors");
    TrainingCheckpoint half = TrainingCheckpoint.load(checkpoint);
    assertEquals(2, half.epoch());
    assertFalse(half.finished());

    String refused = Cli.train("--resume", checkpoint.toString(), "--epochs", "6").usageError();
    assertTrue(refused.contains("--epochs 6") && refused.contains("interrupted run"), refused);
    assertTrue(
        Cli.train("--resume", checkpoint.toString(), "--lr", "0.1").usageError().contains("--lr"));

    Cli.Result resumed = Cli.train("--resume", checkpoint.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("resuming " + checkpoint + " after epoch 2 of 4"));
    assertEquals(
        List.of("epoch 3/4", "epoch 4/4"),
        resumed
            .out()
            .lines()
            .filter(l -> l.startsWith("epoch "))
            .map(l -> l.substring(0, 9))
            .toList());
    Path done = straight.resolve("checkpoint.safetensors");
    Cli.assertSameTensors(done, checkpoint, "model.");
    Cli.assertSameTensors(done, checkpoint, "optimizer.");
    assertEquals(
        Files.readString(straight.resolve("metrics.csv"))
            .lines()
            .map(l -> l.substring(0, 30))
            .toList(),
        Files.readString(interrupted.resolve("metrics.csv"))
            .lines()
            .map(l -> l.substring(0, 30))
            .toList());
  }

  @Test
  void resumeRefusesOptionsThatWouldChangeTheRunAndNothingToTrain() throws IOException {
    Path run = dir.resolve("run");
    assertEquals(0, Cli.trainSmall("--epochs", "1", "--out", run.toString()).code());
    String ckpt = run.resolve("checkpoint.safetensors").toString();
    String[][] refused = {
      {"--network", "SEED004"},
      {"--hidden", "32"},
      {"--optimizer", "SGD"},
      {"--batch-size", "64"},
      {"--seed", "3"},
      {"--dtype", "FLOAT64"},
      {"--weight-decay", "0.1"},
    };
    for (String[] option : refused) {
      String line = Cli.train("--resume", ckpt, "--epochs", "2", option[0], option[1]).usageError();
      assertTrue(line.startsWith("train: " + option[0] + " " + option[1] + ": " + ckpt), line);
      assertTrue(line.contains("which --resume keeps"), line);
    }
    String nothing = Cli.train("--resume", ckpt).usageError();
    assertTrue(
        nothing.contains("finished its 1 epoch,") && nothing.contains("--epochs N"), nothing);
    String fewer = Cli.train("--resume", ckpt, "--epochs", "1").usageError();
    assertTrue(fewer.startsWith("train: --epochs 1: "), fewer);
    Cli.Result newRate = Cli.train("--resume", ckpt, "--epochs", "2", "--lr", "0.001");
    assertEquals(0, newRate.code(), newRate.err());
    assertTrue(newRate.out().contains("--lr 0.001 replaces 0.003"), newRate.out());
  }

  @Test
  void aRunNeverWritesIntoAnotherRunsFolderUnlessForced() throws IOException {
    Path first = dir.resolve("first");
    assertEquals(0, Cli.trainSmall("--epochs", "2", "--out", first.toString()).code());
    byte[] checkpoint = Files.readAllBytes(first.resolve("checkpoint.safetensors"));

    String refused = Cli.trainSmall("--epochs", "1", "--out", first.toString()).usageError();
    assertTrue(
        refused.contains("--out " + first)
            && refused.contains("another run's files")
            && refused.contains("--force"),
        refused);
    assertArrayEquals(checkpoint, Files.readAllBytes(first.resolve("checkpoint.safetensors")));

    Path second = dir.resolve("second");
    assertEquals(0, Cli.trainSmall("--epochs", "1", "--out", second.toString()).code());
    String mixed =
        Cli.train(
                "--resume",
                first.resolve("checkpoint.safetensors").toString(),
                "--epochs",
                "3",
                "--out",
                second.toString())
            .usageError();
    assertTrue(mixed.contains("--out " + second), mixed);

    Cli.Result forced =
        Cli.trainSmall("--epochs", "1", "--seed", "5", "--out", first.toString(), "--force");
    assertEquals(0, forced.code(), forced.err());
    assertEquals(2, Files.readAllLines(first.resolve("metrics.csv")).size(), "a fresh CSV");
    assertNotEquals(
        Arrays.toString(checkpoint),
        Arrays.toString(Files.readAllBytes(first.resolve("checkpoint.safetensors"))));
  }
}
