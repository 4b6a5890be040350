package dev.jgrad.tensor.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link PoolF64} is {@link PoolF32} with its types renamed, line for line: after changing {@code
 * PoolF32}, regenerate its twin with the substitutions of {@link #renamed} and format it. Line
 * breaks are ignored, since the formatter wraps a line that {@code double} has made too long.
 */
class PoolSourcesTest {
  private static final Path DIR = Path.of("src/main/java/dev/jgrad/tensor/internal/pool");

  private static String renamed(String f32) {
    return f32.replace("Float", "Double")
        .replace("float", "double")
        .replace("F32", "F64")
        .replace("Single-precision", "Double-precision");
  }

  private static String unwrapped(String source) {
    return source.replaceAll("\\s+", " ").replace("( ", "(").replace(" .", ".");
  }

  @Test
  void doubleTwinIsTheFloatClassWithItsTypesRenamed() throws IOException {
    String f32 = Files.readString(DIR.resolve("PoolF32.java"));
    String f64 = Files.readString(DIR.resolve("PoolF64.java"));
    assertEquals(unwrapped(renamed(f32)), unwrapped(f64));
  }
}
