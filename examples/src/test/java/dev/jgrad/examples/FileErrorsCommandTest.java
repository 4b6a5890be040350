package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Java exception text reaches a user: a file that cannot be used is named with the operation and
 * the fault in words, on one line. Also run as a separate process, outside the checkout: the exit
 * codes of the {@code jgrad} program and the paragraph of a missing dataset.
 */
class FileErrorsCommandTest {
  @TempDir Path dir;

  private static void assertNames(String line, String... parts) {
    for (String part : parts) {
      assertTrue(line.contains(part), "'" + part + "' in: " + line);
    }
  }

  @Test
  void evalNamesTheFileAndTheFault() throws IOException {
    Path missing = dir.resolve("missing.safetensors");
    assertNames(
        Cli.eval(missing.toString()).usageError(),
        "eval: CHECKPOINT " + missing + ": no such file; expected a checkpoint.safetensors");
    assertNames(
        Cli.eval(dir.toString()).usageError(),
        "eval: CHECKPOINT " + dir + ": is a folder, not a file");
    Path text = Files.writeString(dir.resolve("notes.safetensors"), "hello, not safetensors");
    assertNames(
        Cli.eval(text.toString()).usageError(),
        "eval: CHECKPOINT " + text + ": not a jgrad checkpoint: ",
        "header length");
    Path plain = dir.resolve("plain.safetensors");
    SafeTensors.save(plain, Map.of("w", Tensor.zeros(2)));
    assertNames(
        Cli.eval(plain.toString()).usageError(),
        "eval: CHECKPOINT " + plain + ": not a jgrad checkpoint: not a training checkpoint");
  }

  @Test
  void plotNamesTheFileAndTheFault() throws IOException {
    Path binary = Files.write(dir.resolve("metrics.csv"), new byte[] {(byte) 0x89, 'P', 'N', 0});
    assertNames(
        Cli.plot(binary.toString()).usageError(),
        "plot: CSV " + binary + ": cannot be read: it is not UTF-8 text");
    assertNames(Cli.plot(dir.toString()).usageError(), "plot: CSV " + dir + ": is a folder");
    Path missing = dir.resolve("none.csv");
    assertNames(
        Cli.plot(missing.toString()).usageError(),
        "plot: CSV " + missing + ": cannot be read: no such file or folder");
    Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
    assertNames(
        Cli.plot(other.toString()).usageError(),
        "plot: CSV " + other + ": its header is 'a,b'",
        "epoch, loss, accuracy, val_accuracy");
  }

  @Test
  void plotReadsTheEarlierFormatOfTheKeptResults() throws IOException {
    Path png = dir.resolve("deep-mlp.png");
    Cli.Result plot =
        Cli.plot(Path.of("results", "deep-mlp", "metrics.csv").toString(), "--out", png.toString());
    assertEquals(0, plot.code(), plot.err());
    assertTrue(Files.size(png) > 1000);
  }

  /** Runs the jgrad program in a new JVM, in {@code workDir}, offline, with an empty cache. */
  private Process jgrad(Path workDir, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Jgrad.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().remove("JGRAD_DATA");
    pb.environment().put("JGRAD_OFFLINE", "1");
    pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    return pb.start();
  }

  private static String finish(Process p, int expectedCode) throws IOException {
    try {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ended");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(expectedCode, p.exitValue(), err);
    return err;
  }

  @Test
  void asAProgramOutsideTheCheckout() throws IOException {
    Path outside = Files.createDirectory(dir.resolve("elsewhere"));
    String help = finish(jgrad(outside), Commands.USAGE_ERROR);
    assertTrue(help.startsWith("Usage: jgrad"), help);

    String missing = finish(jgrad(outside, "train"), Commands.RUN_ERROR);
    List<String> lines = missing.strip().lines().toList();
    assertEquals(1, lines.size(), missing);
    assertNames(
        lines.get(0),
        "train: MNIST: cannot find train-images-idx3-ubyte",
        "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte",
        dir.resolve("cache").resolve("jgrad").resolve("mnist").toString(),
        "JGRAD_DATA",
        "Downloading is switched off");
  }
}
