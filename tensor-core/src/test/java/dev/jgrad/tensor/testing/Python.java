package dev.jgrad.tensor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the Python interpreter of the reference tests. The candidates are the system
 * property {@value #PROPERTY} alone when it is set (for example {@code
 * -Djgrad.python=/opt/venv/bin/python3}), else {@code /usr/bin/python3}, where Debian's packages
 * such as {@code python3-torch} live, then {@code python3} on the PATH.
 */
public final class Python {
  /** The system property naming the only interpreter to try. */
  public static final String PROPERTY = "jgrad.python";

  private static final int TIMEOUT_SECONDS = 120;

  private Python() {}

  /**
   * One interpreter that ran a probe, or the reasons none did.
   *
   * @param interpreter the first candidate whose probe exited with 0, or null when none did
   * @param output the last line the probe printed (its answer, or the error of the last candidate)
   * @param tried each candidate tried and why it failed, for the message of a missing reference
   */
  public record Found(String interpreter, String output, String tried) {}

  /**
   * Runs {@code code} with each candidate in turn and returns the first that exits with 0 within
   * two minutes.
   */
  public static Found find(String code) {
    List<String> failures = new ArrayList<>();
    for (String candidate : candidates()) {
      try {
        Result r = run(List.of(candidate, "-c", code));
        if (r.exitCode() == 0) {
          return new Found(candidate, r.lastLine(), String.join("; ", failures));
        }
        failures.add(candidate + ": " + r.lastLine());
      } catch (IOException e) {
        failures.add(candidate + ": cannot run (" + e.getMessage() + ")");
      }
    }
    return new Found(null, "", String.join("; ", failures));
  }

  private static List<String> candidates() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return List.of(property.trim());
    }
    return List.of("/usr/bin/python3", "python3");
  }

  /**
   * Copies the class-path resource {@code script} (relative to {@code anchor}) into {@code dir} and
   * runs it with {@code interpreter} and {@code args}; fails the test unless it exits with 0.
   *
   * @return what the script printed, stdout and stderr together
   * @throws IOException if the script cannot be copied or run, or does not finish in two minutes
   */
  public static String runScript(
      String interpreter, Class<?> anchor, String script, Path dir, String... args)
      throws IOException {
    Path file = dir.resolve(script);
    try (InputStream in = anchor.getResourceAsStream(script)) {
      if (in == null) {
        fail("no resource " + script + " next to " + anchor.getName());
      }
      Files.copy(in, file);
    }
    List<String> command = new ArrayList<>(List.of(interpreter, file.toString()));
    command.addAll(List.of(args));
    return runChecked(command, script);
  }

  /**
   * Runs {@code code} with {@code interpreter -c}; fails the test unless it exits with 0.
   *
   * @return what the code printed, stdout and stderr together
   * @throws IOException if the interpreter cannot be run or does not finish in two minutes
   */
  public static String runCode(String interpreter, String code) throws IOException {
    return runChecked(List.of(interpreter, "-c", code), "python code");
  }

  private static String runChecked(List<String> command, String what) throws IOException {
    Result r = run(command);
    assertEquals(0, r.exitCode(), what + " failed:\n" + r.output());
    return r.output();
  }

  /** What a finished process printed (stdout and stderr together) and its exit code. */
  private record Result(String output, int exitCode) {
    String lastLine() {
      String[] lines = output.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static Result run(List<String> command) throws IOException {
    Path log = Files.createTempFile("jgrad-python", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(Files.readString(log, StandardCharsets.UTF_8), p.exitValue());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
