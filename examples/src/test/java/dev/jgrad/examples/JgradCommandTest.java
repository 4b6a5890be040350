package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.KernelInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The jgrad command line: argument errors, a real short training run, eval and resume. */
class JgradCommandTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  private static String[] errorOf(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = Commands.commandLine(new Jgrad());
    cl.setErr(new PrintWriter(err));
    cl.getSubcommands().values().forEach(sub -> sub.setErr(new PrintWriter(err)));
    int code = cl.execute(args);
    assertEquals(Commands.USAGE_ERROR, code, err.toString());
    return err.toString().strip().split("\n");
  }

  @Test
  void wrongArgumentsGiveOneLineAndExitCode2() {
    String[] lines = errorOf("train", "--epochs", "many");
    assertEquals(1, lines.length, Arrays.toString(lines));
    assertTrue(lines[0].contains("--epochs") && lines[0].contains("many"), lines[0]);
    assertEquals(1, errorOf("train", "--optimizer", "lbfgs").length);
    assertEquals(1, errorOf("fly").length);
    assertTrue(errorOf("train", "--epochs", "0")[0].contains("--epochs"));
    String[] threads = errorOf("train", "--threads", "0");
    assertEquals(1, threads.length, Arrays.toString(threads));
    assertTrue(
        threads[0].startsWith("train: Invalid value for option '--threads': expected 1 to 64"),
        threads[0]);
  }

  @Test
  void helpListsEveryOptionWithoutFormatWarnings() {
    StringWriter help = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Commands.commandLine(new Jgrad());
    cl.setOut(new PrintWriter(help));
    cl.setErr(new PrintWriter(err));
    assertEquals(0, cl.execute("--help"));
    assertTrue(help.toString().contains(">= 97.5 % test accuracy"), help.toString());
    assertEquals("", err.toString());
    StringWriter trainHelp = new StringWriter();
    CommandLine train = cl.getSubcommands().get("train");
    train.setOut(new PrintWriter(trainHelp));
    assertEquals(0, train.execute("--help"));
    assertTrue(trainHelp.toString().contains("--threads=N"), trainHelp.toString());
  }

  @Test
  void trainWritesLogPlotsAndCheckpointThenEvalAndResumeUseIt(@TempDir Path dir)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Path run = dir.resolve("run");
    int code =
        Commands.execute(
            new TrainCommand(out), "--hidden", "16", "--epochs", "1", "--out", run.toString());
    assertEquals(0, code, bytes.toString(StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(
        "kernels: " + KernelInfo.current().summary(), printed.lines().findFirst().get(), printed);
    assertTrue(printed.contains("epoch 1/1  loss "), printed);
    assertEquals(2, Files.readAllLines(run.resolve("metrics.csv")).size());
    for (String png : List.of("curves.png", "predictions.png")) {
      assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(run.resolve(png)), 4), png);
    }
    Path checkpoint = run.resolve("checkpoint.safetensors");
    Checkpoint saved = Checkpoint.load(checkpoint);
    assertEquals("1", saved.meta("epoch"));
    assertEquals(List.of(784, 16, 10), Mlps.sizes(Mlps.fromStateDict(saved.model())));
    assertTrue(
        saved.optimizer().containsKey("state.0.exp_avg"), saved.optimizer().keySet().toString());

    bytes.reset();
    assertEquals(0, Commands.execute(new EvalCommand(out), checkpoint.toString()));
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("test accuracy"));

    bytes.reset();
    assertEquals(
        0,
        Commands.execute(
            new TrainCommand(out),
            "--resume",
            checkpoint.toString(),
            "--epochs",
            "2",
            "--out",
            run.toString()));
    printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("after epoch 1") && printed.contains("epoch 2/2"), printed);
    assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size());
    assertEquals("2", Checkpoint.load(checkpoint).meta("epoch"));

    Path redrawn = dir.resolve("redrawn.png");
    assertEquals(
        0,
        Commands.execute(
            new PlotCommand(out),
            run.resolve("metrics.csv").toString(),
            "--out",
            redrawn.toString()));
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(redrawn), 4));
  }

  @Test
  void seedMainTrainsItsTwinAndSavesWeightsThatEvalReads(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("rmsprop");
    int code =
        Commands.execute(
            new RmspropMlp(),
            "--epochs",
            "1",
            "--hidden",
            "16",
            "--batch-size",
            "500",
            "--dtype",
            "FLOAT32",
            "--out",
            run.toString());
    assertEquals(0, code);
    List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(EpochStats.CSV_HEADER, csv.get(0));
    double testAccuracy = Double.parseDouble(csv.get(1).split(",")[3]);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(
        0, Commands.execute(new EvalCommand(out), run.resolve("weights.safetensors").toString()));
    assertTrue(
        bytes
            .toString(StandardCharsets.UTF_8)
            .contains(
                String.format(java.util.Locale.ROOT, "test accuracy %.2f%%", 100 * testAccuracy)),
        bytes.toString(StandardCharsets.UTF_8));
  }
}
