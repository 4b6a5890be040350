package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.DataLocator;
import dev.jgrad.data.DatasetNotFoundException;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.tensor.testing.References;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jgrad train --dataset FASHION_MNIST} end to end on the real files (Debian's {@code
 * dataset-fashion-mnist}, which {@code .ci/run} installs; the tests fail without it in CI): the run
 * says what it trains on, learns, records the dataset in its checkpoint, and {@code eval} and
 * {@code --resume} keep to it.
 */
class FashionMnistCommandTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir Path dir;

  @BeforeAll
  static void requireFashionMnist() throws IOException {
    String missing = null;
    try {
      DatasetSpec.FASHION_MNIST.test(DataLocator.defaults().offline());
    } catch (DatasetNotFoundException e) {
      missing = e.getMessage();
    }
    References.require(
        missing == null,
        "Fashion-MNIST is not installed (install the Debian package dataset-fashion-mnist, as"
            + " .ci/run does): "
            + missing);
  }

  @Test
  void trainsOnFashionMnistAndEvalAndResumeKeepToIt() throws IOException {
    Path run = dir.resolve("run");
    Cli.Result first =
        Cli.trainSmall("--dataset", "FASHION_MNIST", "--epochs", "1", "--out", run.toString());
    assertEquals(0, first.code(), first.err());
    List<String> lines = first.out().lines().toList();
    assertTrue(
        lines.get(1).startsWith("training MLP [784, 16, 10] on 60000 Fashion-MNIST images"),
        lines.get(1));
    Matcher acc = Pattern.compile("test accuracy (\\d+\\.\\d+)%").matcher(first.out());
    assertTrue(acc.find(), first.out());
    assertTrue(Double.parseDouble(acc.group(1)) > 70, "one epoch learns: " + acc.group(1));
    byte[] grid = Files.readAllBytes(run.resolve("predictions.png"));
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(grid, 4));

    Path checkpoint = run.resolve("checkpoint.safetensors");
    Cli.Result eval = Cli.eval(checkpoint.toString());
    assertEquals(0, eval.code(), eval.err());
    assertTrue(eval.out().contains("on Fashion-MNIST, test accuracy " + acc.group(1)), eval.out());

    String refused =
        Cli.train("--resume", checkpoint.toString(), "--dataset", "MNIST").usageError();
    assertTrue(
        refused.contains("--dataset") && refused.contains("holds a run with dataset FASHION_MNIST"),
        refused);
  }

  @Test
  void aDataFolderWithoutTheDatasetIsAUsageErrorNamingTheDataset() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    String line =
        Cli.trainSmall("--dataset", "FASHION_MNIST", "--data", empty.toString()).usageError();
    assertTrue(line.contains("holds none of the Fashion-MNIST files"), line);
    assertTrue(line.contains("fashion-mnist/ sub-folder"), line);
  }

  @Test
  void anUnknownDatasetListsTheChoices() {
    String line = Cli.trainSmall("--dataset", "CIFAR10").usageError();
    assertTrue(line.contains("MNIST") && line.contains("FASHION_MNIST"), line);
  }
}
