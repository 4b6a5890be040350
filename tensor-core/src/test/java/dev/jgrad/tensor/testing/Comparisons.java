package dev.jgrad.tensor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the values a reference test compares with its reference, so that the test can report the
 * count and fail when it is zero: a reference that compared nothing proves nothing.
 */
public final class Comparisons {
  private final String test;
  private final AtomicLong count = new AtomicLong();

  /** Starts a count for the test named {@code test}, as {@link #report} prints it. */
  public Comparisons(String test) {
    this.test = test;
  }

  /** Counts {@code n} values compared, by the caller or by a reference script. */
  public void add(long n) {
    count.addAndGet(n);
  }

  /** Returns the number of values compared so far. */
  public long count() {
    return count.get();
  }

  /**
   * Asserts {@code |jgrad − reference| ≤ rtol · max(|jgrad|, |reference|)} element by element,
   * counts the elements, and returns the largest relative difference found (0 where both are equal,
   * including both 0).
   */
  public double assertClose(String what, double[] jgrad, double[] reference, double rtol) {
    assertEquals(reference.length, jgrad.length, what + ": number of values");
    double worst = 0;
    for (int i = 0; i < jgrad.length; i++) {
      double diff = Math.abs(jgrad[i] - reference[i]);
      double rel = diff == 0 ? 0 : diff / Math.max(Math.abs(jgrad[i]), Math.abs(reference[i]));
      if (!(rel <= rtol)) {
        fail(
            String.format(
                "%s[%d]: jgrad %s vs reference %s (relative difference %.3g > %.3g)",
                what, i, jgrad[i], reference[i], rel, rtol));
      }
      worst = Math.max(worst, rel);
    }
    add(jgrad.length);
    return worst;
  }

  /**
   * Prints {@code <test>: <count> comparisons against <reference>} (for example {@code
   * TorchReferenceTest: 134 comparisons against torch 1.13.1}) and fails unless the count is above
   * zero.
   */
  public void report(String reference) {
    long n = count();
    System.out.println(test + ": " + n + " comparisons against " + reference);
    assertTrue(n > 0, test + " compared no values against " + reference);
  }
}
