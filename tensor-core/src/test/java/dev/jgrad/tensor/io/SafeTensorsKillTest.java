package dev.jgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM (SIGKILL, no shutdown hooks) while it saves a checkpoint over an existing one,
 * then checks that the file on disk still loads and holds either the old or the new state, whole.
 */
class SafeTensorsKillTest {
  private static final int ELEMENTS = 8 << 20;

  @TempDir Path dir;

  @Test
  void aProcessKilledMidSaveLeavesTheOldFileIntact() throws Exception {
    Path file = dir.resolve("model.safetensors");
    SafeTensors.save(
        file,
        Map.of(
            "w", Tensor.full(Shape.of(ELEMENTS), 1, DType.FLOAT32),
            "b", Tensor.full(Shape.of(ELEMENTS / 4), 1, DType.FLOAT64)));
    assertEquals(1.0, killDuringSave(file, 0));
    double afterLaterKill = killDuringSave(file, 150);
    assertTrue(afterLaterKill == 1.0 || afterLaterKill == 2.0, "loaded " + afterLaterKill);
  }

  /**
   * The test's class path plus, when the tests run on the module path, the module path, so the
   * child finds jgrad's classes either way.
   */
  private static String childClassPath() {
    String modules = System.getProperty("jdk.module.path");
    String classes = System.getProperty("java.class.path");
    return modules == null ? classes : modules + File.pathSeparator + classes;
  }

  /** Starts a saving child, kills it {@code delayMillis} after its first save began. */
  private double killDuringSave(Path file, long delayMillis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                childClassPath(),
                SaveLoop.class.getName(),
                file.toString(),
                Integer.toString(ELEMENTS))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      assertEquals("saving 0", out.readLine());
      Thread.sleep(delayMillis);
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
    }
    TensorArchive a = SafeTensors.load(file);
    Tensor w = a.tensors().get("w");
    Tensor b = a.tensors().get("b");
    assertEquals(Shape.of(ELEMENTS), w.shape());
    double value = w.get(0);
    assertEquals(value * ELEMENTS, w.sum().item(), 0.0, "w is not uniform");
    assertEquals(value * (ELEMENTS / 4), b.sum().item(), 0.0, "b is not uniform");
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(p -> !p.equals(file)).forEach(SafeTensorsKillTest::deleteQuietly);
    }
    return value;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot remove leftover " + p, e);
    }
  }
}
