package dev.jgrad.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tests of a list of {@link TorchCases}: torch evaluates them all once before the tests, each
 * case and each repr check is one test, and the count of compared values is reported after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TorchParityTest {
  private final String what;
  private final double rtol;
  private final TorchCases cases;

  TorchParityTest(String what, double rtol, TorchCases cases) {
    this.what = what;
    this.rtol = rtol;
    this.cases = cases;
  }

  @BeforeAll
  void runTorch(@TempDir Path dir) throws IOException {
    cases.runTorch(getClass(), dir);
  }

  Stream<TorchCases.Case> valueCases() {
    return cases.cases().stream();
  }

  Stream<String> reprCases() {
    return cases.reprNames().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueCases")
  void valueAndGradientsMatchTorch(TorchCases.Case c) {
    cases.check(c, rtol);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reprCases")
  void reprMatchesTorch(String name) {
    cases.checkRepr(name);
  }

  @AfterAll
  void report() {
    cases.report(what);
  }
}
