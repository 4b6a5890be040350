package dev.jgrad.tensor.internal.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchNormF64} is {@link BatchNormF32} with its types renamed, line for line, so the two
 * precisions cannot drift apart: after changing the float class, regenerate the double one with the
 * substitutions of {@link #renamed} and format it. Line breaks are ignored, since the formatter
 * wraps a line that {@code double} has made too long.
 */
class BatchNormSourcesTest {
  private static final Path DIR = Path.of("src/main/java/dev/jgrad/tensor/internal/norm");

  /** Returns the single-precision source with its types and names renamed to double. */
  static String renamed(String f32) {
    return f32.replace("(float) ", "")
        .replace("float", "double")
        .replace("F32", "F64")
        .replace("Single-precision", "Double-precision");
  }

  @Test
  void doubleTwinIsTheFloatClassWithItsTypesRenamed() throws IOException {
    String f32 = Files.readString(DIR.resolve("BatchNormF32.java"));
    String f64 = Files.readString(DIR.resolve("BatchNormF64.java"));
    assertEquals(unwrapped(renamed(f32)), unwrapped(f64));
  }

  private static String unwrapped(String source) {
    return source.replaceAll("\\s+", " ").replace("( ", "(").replace(" .", ".");
  }
}
