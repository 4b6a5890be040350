package dev.jgrad.tensor.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The double-precision GEMM is the single-precision one with its types renamed, line for line: Java
 * has no generics over primitive arrays, so the pair is kept as two files, and this test stops them
 * from drifting apart. After changing {@code SimdGemmF32}, regenerate the other with the
 * substitutions below.
 */
class GemmSourcesTest {
  private static final Path DIR = Path.of("src/main/java/dev/jgrad/tensor/internal/simd");

  @Test
  void doubleKernelIsTheFloatKernelWithItsTypesRenamed() throws IOException {
    String f32 = Files.readString(DIR.resolve("SimdGemmF32.java"));
    String f64 = Files.readString(DIR.resolve("SimdGemmF64.java"));
    String expected =
        f32.replace("Float", "Double")
            .replace("float", "double")
            .replace("F32", "F64")
            .replace("Single-precision", "Double-precision")
            .replace("0f)", "0d)")
            .replace("= 0f;", "= 0d;");
    assertEquals(expected, f64);
  }
}
