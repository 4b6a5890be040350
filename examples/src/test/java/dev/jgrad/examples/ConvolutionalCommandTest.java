package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jgrad train --network LENET5|CNN}: the convolutional networks train from the command line,
 * say what they are, save checkpoints that {@code eval} rebuilds, and refuse {@code --hidden}.
 */
class ConvolutionalCommandTest {
  @TempDir Path dir;

  @Test
  void lenet5TrainsOneEpochAndEvalRebuildsIt() throws IOException {
    Path run = dir.resolve("lenet5");
    Cli.Result r =
        Cli.train("--network", "LENET5", "--epochs", "1", "--batch-size", "256", "--out", "" + run);
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(
        lines.get(1).startsWith("training LENET5 (61706 parameters) on 60000 MNIST images"),
        lines.get(1));
    assertTrue(lines.get(1).contains("SGD lr 0.01"), lines.get(1));
    Matcher acc = Pattern.compile("test accuracy (\\d+\\.\\d+)%").matcher(r.out());
    assertTrue(acc.find(), r.out());
    assertTrue(Double.parseDouble(acc.group(1)) > 90, "one epoch of LeNet-5 learns: " + r.out());

    Path checkpoint = run.resolve("checkpoint.safetensors");
    assertEquals(
        "LENET5", TrainingCheckpoint.load(checkpoint).settings().get(TrainSettings.NETWORK));
    Cli.Result eval = Cli.eval(checkpoint.toString());
    assertEquals(0, eval.code(), eval.err());
    assertTrue(eval.out().contains("LENET5 on MNIST, test accuracy " + acc.group(1)), eval.out());
  }

  @Test
  void cnnHasBatchNormBuffersInItsCheckpoint() throws IOException {
    Path run = dir.resolve("cnn");
    Cli.Result r =
        Cli.train("--network", "CNN", "--epochs", "1", "--batch-size", "500", "--out", "" + run);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("training CNN (105962 parameters)"), r.out());
    var state = TrainingCheckpoint.load(run.resolve("checkpoint.safetensors")).modelState();
    assertTrue(
        state.containsKey("1.running_mean") && state.containsKey("5.running_var"),
        "" + state.keySet());
    Cli.Result eval = Cli.eval(run.resolve("checkpoint.safetensors").toString());
    assertEquals(0, eval.code(), eval.err());
  }

  @Test
  void hiddenSizesAreRefusedForConvolutionalNetworks() {
    String line = Cli.train("--network", "LENET5", "--hidden", "64").usageError();
    assertTrue(line.contains("--hidden") && line.contains("LENET5 is a convolutional"), line);
  }
}
