package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jgrad.tensor.testing.Comparisons;
import dev.jgrad.tensor.testing.Python;
import dev.jgrad.tensor.testing.References;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code generator_golden.py}, the independent Python implementation of {@link Generator}'s
 * documented algorithm that produced {@link GeneratorGoldens}, and checks that it prints exactly
 * those values, every one of them. Fails in CI and skips elsewhere, saying why, when no Python 3 is
 * found ({@link References}).
 */
class GeneratorGoldenScriptTest {
  private static final String SCRIPT = "generator_golden.py";

  @Test
  void theScriptPrintsExactlyTheGoldenValues(@TempDir Path dir) throws IOException {
    Python.Found python = Python.find("import sys; print(sys.version.split()[0])");
    References.require(
        python.interpreter() != null,
        "no Python 3 interpreter found (" + python.tried() + ") to run " + SCRIPT);
    Map<String, String[]> printed = new LinkedHashMap<>();
    for (String line :
        Python.runScript(python.interpreter(), getClass(), SCRIPT, dir).split("\n")) {
      String[] words = line.strip().split(" ");
      printed.put(words[0], Arrays.copyOfRange(words, 1, words.length));
    }
    Map<String, Object> goldens = GeneratorGoldens.byName();
    assertEquals(goldens.keySet(), printed.keySet(), SCRIPT + " prints every golden list once");
    Comparisons comparisons = new Comparisons(getClass().getSimpleName());
    goldens.forEach(
        (name, golden) -> comparisons.add(assertPrinted(name, golden, printed.get(name))));
    comparisons.report(SCRIPT + " on Python " + python.output());
  }

  /**
   * Asserts that the script printed exactly {@code golden}'s values (integers as integers, floats
   * and doubles bit for bit); returns their number.
   */
  private static int assertPrinted(String name, Object golden, String[] words) {
    assertNotNull(words, name + " is not printed");
    if (golden instanceof long[] || golden instanceof int[]) {
      long[] expected =
          golden instanceof long[] longs
              ? longs
              : Arrays.stream((int[]) golden).asLongStream().toArray();
      assertArrayEquals(expected, Arrays.stream(words).mapToLong(Long::parseLong).toArray(), name);
      return expected.length;
    }
    double[] expected = golden instanceof float[] floats ? widen(floats) : (double[]) golden;
    assertArrayEquals(
        expected, Arrays.stream(words).mapToDouble(Double::parseDouble).toArray(), name);
    return expected.length;
  }

  private static double[] widen(float[] floats) {
    double[] d = new double[floats.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = floats[i];
    }
    return d;
  }
}
