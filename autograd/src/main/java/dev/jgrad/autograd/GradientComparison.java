package dev.jgrad.autograd;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Compares two sets of named gradients, for example a hand-derived backward pass against autograd,
 * and reports the worst entry with its absolute and relative error.
 *
 * <pre>{@code
 * GradientComparison cmp = GradientComparison.compare(
 *     Map.of("W1", manualDw1, "b1", manualDb1),        // expected
 *     Map.of("W1", w1.grad(), "b1", b1.grad()));       // actual
 * cmp.assertClose(1e-5, 1e-8);
 * // AssertionError: gradients differ beyond atol 1.0E-8 + rtol 1.0E-5 * |expected| in 3 of 100
 * //   entries; worst entry W1[2, 7]: expected 0.25, actual 0.2501, abs error 1.0E-4, rel error 4.0E-4
 * }</pre>
 *
 * <p>{@link #jacobian} compares a hand-derived Jacobian of a function with autograd's, the worst
 * entry then named by its row (output element) and column (input element):
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {0.5, -1, 2});
 * Tensor manual = ...;                                            // [3, 3]: d tanh(x_i) / d x_j
 * GradientComparison.jacobian(v -> v.tanh(), x, manual).assertClose(1e-10, 0);
 * // AssertionError: gradients differ ... worst entry jacobian[1, 1]: expected 0.42, actual 0.41997
 * }</pre>
 *
 * <p>The relative error of an entry is {@code |actual - expected| / |expected|} (0 when both are 0,
 * infinite when only the expected value is 0). NaN in either value counts as the worst possible
 * error.
 */
public final class GradientComparison {
  private final List<Entry> entries;
  private final int count;
  private final Worst byAbs;
  private final Worst byRel;

  private record Entry(String name, Shape shape, double[] expected, double[] actual) {}

  private record Worst(Entry entry, int index, double abs, double rel) {
    String describe() {
      if (entry == null) {
        return "no entries";
      }
      return String.format(
          "%s%s: expected %s, actual %s, abs error %s, rel error %s",
          entry.name,
          Arrays.toString(unravel(index, entry.shape.toArray())),
          entry.expected[index],
          entry.actual[index],
          abs,
          rel);
    }
  }

  private GradientComparison(List<Entry> entries) {
    this.entries = entries;
    int n = 0;
    Worst abs = new Worst(null, -1, 0, 0);
    Worst rel = abs;
    for (Entry e : entries) {
      for (int i = 0; i < e.expected.length; i++) {
        n++;
        double a = absError(e.expected[i], e.actual[i]);
        double r = relError(e.expected[i], e.actual[i]);
        if (abs.entry == null || a > abs.abs) {
          abs = new Worst(e, i, a, r);
        }
        if (rel.entry == null || r > rel.rel) {
          rel = new Worst(e, i, a, r);
        }
      }
    }
    this.count = n;
    this.byAbs = abs;
    this.byRel = rel;
  }

  /**
   * Compares {@code actual} against {@code expected}, name by name.
   *
   * @param expected the reference gradients by name, for example from a hand-derived backward pass
   * @param actual the gradients to judge by name, for example the {@link Variable#grad()}s; the
   *     same names as {@code expected}
   * @return the comparison, holding copies of the values
   * @throws IllegalArgumentException if the maps do not have the same names, or two gradients of
   *     one name differ in shape
   */
  public static GradientComparison compare(
      Map<String, Tensor> expected, Map<String, Tensor> actual) {
    Set<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    Set<String> extra = new TreeSet<>(actual.keySet());
    extra.removeAll(expected.keySet());
    checkArgument(
        missing.isEmpty() && extra.isEmpty(),
        "GradientComparison: names differ: missing from actual %s, unexpected in actual %s",
        missing,
        extra);
    List<Entry> entries = new ArrayList<>();
    for (String name : new TreeSet<>(expected.keySet())) {
      Tensor e = expected.get(name);
      Tensor a = actual.get(name);
      checkArgument(e != null && a != null, "GradientComparison: gradient %s is null", name);
      checkArgument(
          e.shape().equals(a.shape()),
          "GradientComparison: %s has shape %s in expected but %s in actual",
          name,
          e.shape(),
          a.shape());
      entries.add(new Entry(name, e.shape(), e.toDoubleArray(), a.toDoubleArray()));
    }
    return new GradientComparison(entries);
  }

  /**
   * Compares {@code expected}, a hand-derived Jacobian of {@code f} at {@code x}, with autograd's
   * ({@link AutogradFunctional#jacobian}, computed row by row with one backward pass per output
   * element). The Jacobian of a function from {@code n} to {@code m} elements is the {@code [m, n]}
   * matrix {@code J[i, j] = ∂ output_i / ∂ x_j}, elements counted in row-major order; the
   * comparison holds one entry named {@code jacobian}, so a failure reads {@code worst entry
   * jacobian[i, j]: expected …, actual …}: row {@code i} is the output element, column {@code j}
   * the input element.
   *
   * @param f the function, from a floating tensor to a variable of any shape
   * @param x the point, floating (FLOAT64 for tight tolerances)
   * @param expected the Jacobian, of shape {@code [m, n]} or PyTorch's {@code output shape ++ input
   *     shape}
   * @return the comparison, expected against autograd's values
   * @throws IllegalArgumentException if {@code expected} has neither shape
   */
  public static GradientComparison jacobian(UnaryOperator<Variable> f, Tensor x, Tensor expected) {
    checkArgument(expected != null, "GradientComparison.jacobian: expected is null");
    Tensor actual = AutogradFunctional.jacobian(f, x);
    int n = x.numel();
    int[] sizes = actual.shape().toArray();
    int m = 1;
    for (int d = 0; d < sizes.length - x.dim(); d++) {
      m *= sizes[d];
    }
    checkArgument(
        expected.shape().equals(Shape.of(m, n)) || expected.shape().equals(actual.shape()),
        "GradientComparison.jacobian: expected Jacobian of shape %s; for %s output and %s input"
            + " elements expected [%s, %s] or %s",
        expected.shape(),
        m,
        n,
        m,
        n,
        actual.shape());
    return compare(
        Map.of("jacobian", expected.reshape(m, n)), Map.of("jacobian", actual.reshape(m, n)));
  }

  /**
   * Returns the largest absolute error over all entries.
   *
   * @return the largest {@code |actual - expected|}, infinite if a value is NaN, 0 with no entries
   */
  public double maxAbsError() {
    return byAbs.abs;
  }

  /**
   * Returns the largest relative error over all entries.
   *
   * @return the largest relative error as defined in the class notes, 0 with no entries
   */
  public double maxRelError() {
    return byRel.rel;
  }

  /**
   * Returns the name of the entry with the largest absolute error; null if there are no entries.
   *
   * @return the name, as given to {@link #compare}, or null
   */
  public String worstName() {
    return byAbs.entry == null ? null : byAbs.entry.name;
  }

  /**
   * Returns the index of the entry with the largest absolute error; null if there are none.
   *
   * @return one index per dimension of that gradient, in a new array, or null
   */
  public int[] worstIndex() {
    return byAbs.entry == null ? null : unravel(byAbs.index, byAbs.entry.shape.toArray());
  }

  /**
   * Returns whether every entry satisfies {@code |actual - expected| <= atol + rtol * |expected|},
   * as {@code torch.allclose}.
   *
   * @param rtol the relative tolerance, a fraction of {@code |expected|}
   * @param atol the absolute tolerance
   * @return true when no entry exceeds the tolerance
   */
  public boolean isClose(double rtol, double atol) {
    return violations(rtol, atol) == 0;
  }

  /**
   * Throws unless {@link #isClose} holds, with a message naming the entry that exceeds the
   * tolerance the most, its values and errors, and how many entries exceed it.
   *
   * @param rtol the relative tolerance, a fraction of {@code |expected|}
   * @param atol the absolute tolerance
   * @throws AssertionError if an entry is out of tolerance
   */
  public void assertClose(double rtol, double atol) {
    int bad = violations(rtol, atol);
    if (bad == 0) {
      return;
    }
    Worst worst = null;
    double worstExcess = 0;
    for (Entry e : entries) {
      for (int i = 0; i < e.expected.length; i++) {
        double excess = excess(e.expected[i], e.actual[i], rtol, atol);
        if (worst == null || excess > worstExcess) {
          worst =
              new Worst(
                  e, i, absError(e.expected[i], e.actual[i]), relError(e.expected[i], e.actual[i]));
          worstExcess = excess;
        }
      }
    }
    throw new AssertionError(
        String.format(
            "gradients differ beyond atol %s + rtol %s * |expected| in %s of %s entries; worst"
                + " entry %s",
            atol, rtol, bad, count, worst.describe()));
  }

  private int violations(double rtol, double atol) {
    int bad = 0;
    for (Entry e : entries) {
      for (int i = 0; i < e.expected.length; i++) {
        bad += excess(e.expected[i], e.actual[i], rtol, atol) > 0 ? 1 : 0;
      }
    }
    return bad;
  }

  private static double excess(double expected, double actual, double rtol, double atol) {
    return absError(expected, actual) - (atol + rtol * Math.abs(expected));
  }

  private static double absError(double expected, double actual) {
    double d = Math.abs(actual - expected);
    return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
  }

  private static double relError(double expected, double actual) {
    double d = absError(expected, actual);
    return d == 0 ? 0 : d / Math.abs(expected);
  }

  private static int[] unravel(int flat, int[] shape) {
    int[] idx = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      idx[d] = flat % shape[d];
      flat /= shape[d];
    }
    return idx;
  }

  /**
   * Returns a one-line report: the number of tensors and entries, the entry with the largest
   * absolute error and the one with the largest relative error.
   */
  @Override
  public String toString() {
    return String.format(
        "%s gradients, %s entries; largest abs error at %s; largest rel error at %s",
        entries.size(), count, byAbs.describe(), byRel.describe());
  }
}
