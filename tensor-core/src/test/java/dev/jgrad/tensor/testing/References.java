package dev.jgrad.tensor.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a test does when an independent reference it compares with (PyTorch, a Python interpreter,
 * the SIMD kernels) is missing: in CI, where the environment variable {@code CI} is {@code true},
 * it fails, so that a reference cannot vanish unnoticed; elsewhere it is skipped, saying why.
 */
public final class References {
  private References() {}

  /** Returns whether the tests run in CI: the environment variable {@code CI} is {@code true}. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Returns if {@code available}; otherwise fails the calling test in CI and aborts it (a JUnit
   * assumption, reported as skipped) elsewhere, with {@code why} as the message.
   */
  public static void require(boolean available, String why) {
    if (available) {
      return;
    }
    if (inCi()) {
      fail(why + " (CI=true: a missing reference fails the test instead of skipping it)");
    }
    assumeTrue(false, why);
  }
}
