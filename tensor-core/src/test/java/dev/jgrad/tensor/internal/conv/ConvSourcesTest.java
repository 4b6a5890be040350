package dev.jgrad.tensor.internal.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each double-precision convolution class is its single-precision twin with the types renamed, line
 * for line, as {@code GemmSourcesTest} checks for the matrix products. After changing an {@code
 * F32} class, regenerate its {@code F64} twin with the substitutions of {@link #renamed} and format
 * it.
 */
class ConvSourcesTest {
  private static final Path DIR = Path.of("src/main/java/dev/jgrad/tensor/internal/conv");

  /** Returns single-precision source with its types, names and literals renamed to double. */
  static String renamed(String f32) {
    return f32.replace("Float", "Double")
        .replace("float", "double")
        .replace("F32", "F64")
        .replace("Single-precision", "Double-precision")
        .replaceAll("\\b(\\d+)f\\b", "$1d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Convolution", "PlainConv", "simd/SimdConv"})
  void doubleTwinIsTheFloatClassWithItsTypesRenamed(String name) throws IOException {
    String f32 = Files.readString(DIR.resolve(name + "F32.java"));
    String f64 = Files.readString(DIR.resolve(name + "F64.java"));
    assertEquals(unwrapped(renamed(f32)), unwrapped(f64), name + "F64.java");
  }

  /**
   * Joins wrapped lines: every run of whitespace becomes one space, none after "(" or before ".".
   */
  private static String unwrapped(String source) {
    return source.replaceAll("\\s+", " ").replace("( ", "(").replace(" .", ".");
  }
}
