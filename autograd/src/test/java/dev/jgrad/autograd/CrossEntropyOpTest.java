package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.ops.CrossEntropy;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused {@code cross_entropy} equals {@code log_softmax}, {@code gather} and {@code neg}
 * applied one after the other, bit for bit, forward and backward, in both precisions: on random
 * logits, on rows of special values, under upstream gradients of ones, of random values and of
 * special values, and on a transposed input.
 */
class CrossEntropyOpTest {
  /**
   * Values that stress a softmax: NaN, infinities, huge and tiny magnitudes, exp's float limits.
   */
  private static final double[] SPECIAL = {
    Double.NaN,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    1e300,
    -Double.MAX_VALUE,
    88.0,
    -104.0,
    0.0,
    -0.0,
    3.0,
    -1.0,
    Double.MIN_VALUE,
    Float.MIN_NORMAL
  };

  private static Variable composite(Variable x, Tensor labels) {
    return x.logSoftmax(1).gather(1, labels.unsqueeze(1)).squeeze(1).neg();
  }

  private static Variable fused(Variable x, Tensor labels) {
    return new CrossEntropy(labels).apply(x);
  }

  /** Logits {@code [rows, classes]}: random rows, then rows that mix in the special values. */
  private static Tensor logits(DType dtype, int rows, int classes) {
    Generator gen = Generator.seeded(rows * 31L + classes);
    double[] v = Tensor.randn(gen, rows, classes).mul(4).to(DType.FLOAT64).toDoubleArray();
    for (int r = rows / 2, k = 0; r < rows; r++) {
      for (int c = 0; c < classes; c += 2, k++) {
        v[r * classes + c] = SPECIAL[(k * 7 + r) % SPECIAL.length];
      }
    }
    return Tensor.of(v, rows, classes).to(dtype);
  }

  private static Tensor labels(int rows, int classes) {
    int[] y = new int[rows];
    Arrays.setAll(y, i -> (i * 3) % classes);
    return Tensor.of(y, rows);
  }

  /** Upstream gradients {@code [rows]}: ones, random values, and special values. */
  private static Tensor[] upstream(DType dtype, int rows) {
    double[] special = new double[rows];
    Arrays.setAll(special, i -> SPECIAL[i % SPECIAL.length]);
    return new Tensor[] {
      Tensor.ones(rows).to(dtype),
      Tensor.randn(Generator.seeded(rows), rows).to(dtype),
      Tensor.of(special, rows).to(dtype)
    };
  }

  @ParameterizedTest
  @EnumSource(
      value = DType.class,
      names = {"FLOAT32", "FLOAT64"})
  void equalsTheCompositeBitForBit(DType dtype) {
    for (int[] size : new int[][] {{40, 10}, {28, 3}, {6, 1}, {0, 5}}) {
      Tensor x = logits(dtype, size[0], size[1]);
      compare(x, labels(size[0], size[1]), dtype);
    }
    Tensor transposed = logits(dtype, 7, 12).t();
    compare(transposed, labels(12, 7), dtype);
  }

  private static void compare(Tensor x, Tensor labels, DType dtype) {
    String where = dtype + " " + x.shape();
    Tensor expected = composite(new Variable(x), labels).data();
    Tensor actual = fused(new Variable(x), labels).data();
    assertBits(expected, actual, where + " forward");
    for (Tensor g : upstream(dtype, x.size(0))) {
      assertBits(
          gradient(x, labels, g, CrossEntropyOpTest::composite),
          gradient(x, labels, g, CrossEntropyOpTest::fused),
          where + " backward");
    }
  }

  private interface Loss {
    Variable apply(Variable x, Tensor labels);
  }

  private static Tensor gradient(Tensor x, Tensor labels, Tensor upstream, Loss loss) {
    Variable v = new Variable(x).requiresGrad(true);
    loss.apply(v, labels).backward(upstream);
    return v.grad();
  }

  private static void assertBits(Tensor expected, Tensor actual, String where) {
    assertEquals(expected.shape(), actual.shape(), where);
    assertEquals(expected.dtype(), actual.dtype(), where);
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    long[] eb = Arrays.stream(e).mapToLong(Double::doubleToRawLongBits).toArray();
    long[] ab = Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray();
    for (int i = 0; i < eb.length; i++) {
      // NaN payloads may differ; every NaN is one value here
      if (Double.isNaN(e[i]) && Double.isNaN(a[i])) {
        eb[i] = ab[i];
      }
    }
    assertArrayEquals(eb, ab, where);
  }

  @ParameterizedTest
  @EnumSource(
      value = DType.class,
      names = {"FLOAT32", "FLOAT64"})
  void refusesLabelsOutOfRangeAndTargetsOfTheWrongKind(DType dtype) {
    Variable x = new Variable(Tensor.zeros(2, 3).to(dtype)).requiresGrad(true);
    IllegalArgumentException range =
        assertThrows(
            IllegalArgumentException.class, () -> fused(x, Tensor.of(new int[] {0, 3}, 2)));
    assertTrue(range.getMessage().contains("label 3 at index 1"), range.getMessage());
    IllegalArgumentException kind =
        assertThrows(IllegalArgumentException.class, () -> fused(x, Tensor.zeros(2)));
    assertTrue(
        kind.getMessage().startsWith("cross_entropy: expected an INT32 target"), kind.getMessage());
  }
}
