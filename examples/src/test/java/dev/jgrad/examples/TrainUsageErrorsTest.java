package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every wrong argument of {@code jgrad train} is one line naming the option, the value and what is
 * accepted, exit code 2, found before anything is trained (nothing is printed on standard output,
 * whose first line would be the kernels).
 */
class TrainUsageErrorsTest {
  private static final Path MNIST = Path.of("..", "data", "mnist");

  @TempDir Path dir;

  private static void assertNames(String line, String... parts) {
    for (String part : parts) {
      assertTrue(line.contains(part), "'" + part + "' in: " + line);
    }
  }

  @Test
  void outputFolderThatIsAFileOrCannotBeWritten() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "a file");
    assertNames(
        Cli.trainSmall("--out", file.toString()).usageError(),
        "--out " + file,
        "is a file, not a folder",
        "expected a folder that can be created and written");
    assertNames(
        Cli.trainSmall("--out", file.resolve("run").toString()).usageError(),
        "--out " + file.resolve("run"),
        "cannot create this folder");
    assertNames(
        Cli.trainSmall("--out", "/proc/jgrad-run").usageError(),
        "--out /proc/jgrad-run",
        "cannot create this folder");
    assertNames(
        Cli.trainSmall("--out", "/proc").usageError(),
        "--out /proc",
        "cannot create a file in this folder");
    assertFalse(Files.exists(file.resolveSibling("run")));
  }

  @Test
  void explicitDataFolderIsUsedAsGivenOrRefused() throws IOException {
    assertNames(
        Cli.trainSmall("--data", dir.resolve("missing").toString()).usageError(),
        "--data " + dir.resolve("missing"),
        "no such folder",
        "train-images-idx3-ubyte");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertNames(
        Cli.trainSmall("--data", empty.toString()).usageError(),
        "--data " + empty,
        "holds none of the MNIST files");
    Path partial = Files.createDirectories(dir.resolve("partial").resolve("mnist"));
    for (String name : new String[] {"train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
      Files.createSymbolicLink(partial.resolve(name), MNIST.resolve(name).toAbsolutePath());
    }
    assertNames(
        Cli.trainSmall("--data", partial.getParent().toString()).usageError(),
        "--data " + partial.getParent(),
        "lacks train-labels-idx1-ubyte, t10k-images-idx3-ubyte");
    Path file = Files.writeString(dir.resolve("mnist.txt"), "not a folder");
    assertNames(
        Cli.trainSmall("--data", file.toString()).usageError(),
        "--data " + file,
        "is a file, not a folder");
    Path corrupt = Files.createDirectory(dir.resolve("corrupt"));
    for (String name : new String[] {"train-images", "train-labels", "t10k-images"}) {
      String idx = name + (name.endsWith("images") ? "-idx3-ubyte.gz" : "-idx1-ubyte.gz");
      Files.createSymbolicLink(corrupt.resolve(idx), MNIST.resolve(idx).toAbsolutePath());
    }
    Files.writeString(corrupt.resolve("t10k-labels-idx1-ubyte"), "not IDX");
    assertNames(
        Cli.trainSmall("--data", corrupt.toString()).usageError(),
        "--data " + corrupt,
        "t10k-labels-idx1-ubyte");
  }

  @Test
  void batchSizesLargerThanTheDataOrOverflowing() {
    assertNames(
        Cli.train("--batch-size", "2147483647").usageError(),
        "--batch-size 2147483647",
        "larger than the 60000 training images",
        "from 1 to 60000");
    assertNames(Cli.train("--batch-size", "60001").usageError(), "--batch-size 60001", "60000");
    assertNames(Cli.train("--batch-size", "0").usageError(), "--batch-size 0", "1 or more");
    assertNames(
        Cli.train("--batch-size", "99999999999").usageError(), "--batch-size", "99999999999");
  }

  @Test
  void hiddenLayersTooLargeForMemorySayHowMuchTheyWouldNeed() {
    assertNames(
        Cli.train("--hidden", "2500000").usageError(),
        "--hidden 2500000",
        "the network would need about",
        " GB (1,987,500,010 FLOAT32 parameters",
        "-Xmx");
    assertNames(
        Cli.train("--hidden", "3000000").usageError(),
        "--hidden 3000000",
        "more than a tensor holds");
    assertNames(Cli.train("--hidden", "16,0").usageError(), "--hidden 16,0", "at least one unit");
  }

  @Test
  void numbersOutOfRange() {
    assertNames(Cli.train("--lr", "-1").usageError(), "--lr -1.0", "> 0");
    assertNames(Cli.train("--lr", "NaN").usageError(), "--lr NaN", "> 0");
    assertNames(Cli.train("--weight-decay", "-0.5").usageError(), "--weight-decay -0.5", ">= 0");
    assertNames(Cli.train("--epochs", "-3").usageError(), "--epochs -3", "1 or more");
  }
}
