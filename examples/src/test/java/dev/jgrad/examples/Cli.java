package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.train.Callback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/** Runs the command line in this JVM and captures what it prints and its exit code. */
final class Cli {
  /** A small, fast network for tests: 784-16-10, batches of 500 (120 steps per epoch). */
  static final List<String> SMALL = List.of("--hidden", "16", "--batch-size", "500");

  private Cli() {}

  /**
   * What a command printed and returned.
   *
   * @param code the exit code
   * @param out standard output
   * @param err standard error
   */
  record Result(int code, String out, String err) {
    /** Returns the lines on standard error. */
    List<String> errLines() {
      return err.strip().isEmpty() ? List.of() : err.strip().lines().toList();
    }

    /** Asserts the exit code and that standard error holds exactly one line, and returns it. */
    String oneErrorLine(int expectedCode) {
      assertEquals(expectedCode, code, "exit code; out:\n" + out + "\nerr:\n" + err);
      assertEquals(1, errLines().size(), "one line on stderr:\n" + err);
      String line = errLines().get(0);
      assertFalse(line.contains("Exception"), line);
      assertFalse(line.contains("\tat "), line);
      return line;
    }

    /** Asserts a usage error found before training: one line, exit 2, nothing on stdout. */
    String usageError() {
      String line = oneErrorLine(Commands.USAGE_ERROR);
      assertEquals("", out, "nothing is printed (no training starts) before a usage error");
      return line;
    }
  }

  /** Runs {@code jgrad train args} with the trainer running {@code extra} callbacks too. */
  static Result train(List<Callback> extra, String... args) {
    return run(out -> new TrainCommand(out, extra), args);
  }

  /** Runs {@code jgrad train args}. */
  static Result train(String... args) {
    return train(List.of(), args);
  }

  /** Runs {@code jgrad train} with the small network and {@code args}. */
  static Result trainSmall(String... args) {
    List<String> all = new ArrayList<>(SMALL);
    all.addAll(List.of(args));
    return train(all.toArray(String[]::new));
  }

  /** Runs {@code jgrad eval args}. */
  static Result eval(String... args) {
    return run(EvalCommand::new, args);
  }

  /** Runs {@code jgrad plot args}. */
  static Result plot(String... args) {
    return run(PlotCommand::new, args);
  }

  /** Runs {@code jgrad graph args}. */
  static Result graph(String... args) {
    return run(GraphCommand::new, args);
  }

  /** Runs {@code jgrad args} (the root command). */
  static Result jgrad(String... args) {
    return run(out -> new Jgrad(), args);
  }

  /** Runs a command built on a captured standard output. */
  static Result run(Function<PrintStream, Object> command, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    CommandLine cl = Commands.commandLine(command.apply(out));
    cl.setOut(new PrintWriter(bytes, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true));
    cl.getSubcommands().values().forEach(sub -> sub.setErr(new PrintWriter(err, true)));
    int code = cl.execute(args);
    out.flush();
    return new Result(code, bytes.toString(StandardCharsets.UTF_8), err.toString());
  }

  /** Returns the model tensors of a checkpoint as raw bits, by name. */
  static Map<String, Tensor> tensors(Path checkpoint) throws IOException {
    return SafeTensors.load(checkpoint).tensors();
  }

  /** Asserts that two checkpoints hold the same tensors, bit for bit, under {@code prefix}. */
  static void assertSameTensors(Path expected, Path actual, String prefix) throws IOException {
    Map<String, Tensor> e = tensors(expected);
    Map<String, Tensor> a = tensors(actual);
    List<String> names = e.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    assertFalse(names.isEmpty(), "no tensor named " + prefix + "*");
    assertEquals(names, a.keySet().stream().filter(k -> k.startsWith(prefix)).toList());
    for (String name : names) {
      assertArrayEquals(bits(e.get(name)), bits(a.get(name)), name);
    }
  }

  /** Returns a tensor's values as the bits of doubles (exact for both float dtypes). */
  static long[] bits(Tensor t) {
    double[] values = t.toDoubleArray();
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.doubleToRawLongBits(values[i]);
    }
    return out;
  }
}
