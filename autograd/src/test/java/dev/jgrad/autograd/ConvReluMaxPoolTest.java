package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.autograd.ops.Conv2d;
import dev.jgrad.autograd.ops.ConvReluMaxPool;
import dev.jgrad.autograd.ops.MaxPool2d;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fused {@code conv2d_relu_max_pool2d} equals {@code conv2d}, {@code relu} and {@code
 * max_pool2d} applied one after the other, bit for bit, forward and backward, in both precisions
 * and for any thread count.
 */
class ConvReluMaxPoolTest {
  private final int threadsBefore = Parallelism.threads();

  @AfterEach
  void restoreThreads() {
    Parallelism.setThreads(threadsBefore);
  }

  /** A convolution's options and a pooling's, created afresh for every application. */
  private record Case(Supplier<Conv2d> conv, Supplier<MaxPool2d> pool) {}

  private static final Case LENET =
      new Case(
          () -> new Conv2d(new int[] {1, 1}, new int[] {2, 2, 2, 2}, new int[] {1, 1}, 1),
          () -> new MaxPool2d(2, 2));

  private static final Case GENERAL =
      new Case(
          () -> new Conv2d(new int[] {2, 1}, new int[] {1, 0, 2, 1}, new int[] {1, 2}, 2),
          () -> new MaxPool2d(3, 2).stride(2, 1).padding(1, 1).dilation(1, 2).ceilMode(true));

  private static Variable[] inputs(
      DType dtype, long seed, int[] x, int[] w, boolean bias, boolean rounded) {
    Generator gen = Generator.seeded(seed);
    // values on a coarse grid give exact ties in the windows and exact zeros before the relu
    Tensor input = rounded ? grid(seed, x) : Tensor.randn(gen, x);
    Tensor weight = rounded ? grid(seed + 1, w) : Tensor.randn(gen, w).mul(0.3);
    return new Variable[] {
      new Variable(input.to(dtype)).requiresGrad(true),
      new Variable(weight.to(dtype)).requiresGrad(true),
      bias ? new Variable(Tensor.randn(gen, w[0]).to(dtype)).requiresGrad(true) : null
    };
  }

  private static Tensor grid(long seed, int[] shape) {
    java.util.Random random = new java.util.Random(seed);
    double[] values = new double[Shape.of(shape).numel()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (random.nextInt(5) - 2) / 2.0;
    }
    return Tensor.of(values, shape);
  }

  private static Tensor[] unfused(Case c, Variable[] in, Tensor upstream) {
    Variable[] fresh = copies(in);
    Variable y = apply(c.conv().get(), fresh);
    Variable out = c.pool().get().apply(y.relu());
    out.backward(upstream);
    return results(out, fresh);
  }

  private static Tensor[] fused(Case c, Variable[] in, Tensor upstream) {
    Variable[] fresh = copies(in);
    ConvReluMaxPool op = new ConvReluMaxPool(c.conv().get(), c.pool().get());
    Variable out =
        fresh[2] == null ? op.apply(fresh[0], fresh[1]) : op.apply(fresh[0], fresh[1], fresh[2]);
    assertEquals("conv2d_relu_max_pool2d", out.opName());
    out.backward(upstream);
    return results(out, fresh);
  }

  private static Variable apply(Conv2d conv, Variable[] v) {
    return v[2] == null ? conv.apply(v[0], v[1]) : conv.apply(v[0], v[1], v[2]);
  }

  private static Variable[] copies(Variable[] in) {
    Variable[] out = new Variable[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[i] == null ? null : new Variable(in[i].data().copy()).requiresGrad(true);
    }
    return out;
  }

  private static Tensor[] results(Variable out, Variable[] in) {
    return new Tensor[] {
      out.data(), in[0].grad(), in[1].grad(), in[2] == null ? null : in[2].grad()
    };
  }

  private static void assertSameBits(Tensor[] expected, Tensor[] actual) {
    String[] names = {"output", "input gradient", "weight gradient", "bias gradient"};
    for (int k = 0; k < expected.length; k++) {
      if (expected[k] == null) {
        assertNull(actual[k], names[k]);
        continue;
      }
      assertEquals(expected[k].shape(), actual[k].shape(), names[k]);
      assertArrayEquals(
          bits(expected[k]), bits(actual[k]), names[k] + " differs from the unfused ops");
    }
  }

  private static long[] bits(Tensor t) {
    double[] d = t.to(DType.FLOAT64).toDoubleArray();
    long[] b = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      b[i] = Double.doubleToRawLongBits(d[i]);
    }
    return b;
  }

  private static void check(Case c, DType dtype, int[] x, int[] w, boolean bias, boolean rounded) {
    Variable[] in = inputs(dtype, 7, x, w, bias, rounded);
    Shape outShape =
        new ConvReluMaxPool(c.conv().get(), c.pool().get()).apply(in[0], in[1]).shape();
    Tensor upstream = Tensor.randn(Generator.seeded(3), outShape.toArray()).to(dtype);
    assertSameBits(unfused(c, in, upstream), fused(c, in, upstream));
  }

  @Test
  void lenetBlocksEqualTheUnfusedOpsInBothPrecisions() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      check(LENET, dtype, new int[] {5, 1, 28, 28}, new int[] {6, 1, 5, 5}, true, false);
      check(
          new Case(() -> new Conv2d(), () -> new MaxPool2d(2, 2)),
          dtype,
          new int[] {4, 6, 14, 14},
          new int[] {16, 6, 5, 5},
          true,
          false);
    }
  }

  @Test
  void tiesAndZerosBeforeTheReluGoWhereTheUnfusedOpsSendThem() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      check(LENET, dtype, new int[] {3, 1, 9, 11}, new int[] {2, 1, 5, 5}, true, true);
      check(GENERAL, dtype, new int[] {2, 4, 9, 10}, new int[] {4, 2, 3, 2}, false, true);
    }
  }

  @Test
  void stridePaddingDilationGroupsAndOverlappingWindowsEqualTheUnfusedOps() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      check(GENERAL, dtype, new int[] {3, 4, 11, 13}, new int[] {6, 2, 3, 2}, true, false);
      check(GENERAL, dtype, new int[] {1, 4, 7, 8}, new int[] {2, 2, 2, 3}, false, false);
    }
  }

  @Test
  void givesTheSameBitsForAnyThreadCount() {
    Variable[] in =
        inputs(DType.FLOAT32, 11, new int[] {9, 3, 16, 16}, new int[] {8, 3, 5, 5}, true, false);
    Tensor upstream = Tensor.randn(Generator.seeded(5), 9, 8, 6, 6);
    Parallelism.setThreads(1);
    Tensor[] one = fused(LENET_VALID, in, upstream);
    for (int threads = 2; threads <= 3; threads++) {
      Parallelism.setThreads(threads);
      assertSameBits(one, fused(LENET_VALID, in, upstream));
    }
  }

  private static final Case LENET_VALID = new Case(Conv2d::new, () -> new MaxPool2d(2, 2));

  @Test
  void aGraphRecordingBackwardGivesTheFusedKernelsGradientsAndDifferentiatesAgain() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Variable[] in =
          inputs(dtype, 13, new int[] {3, 2, 10, 10}, new int[] {4, 2, 3, 3}, true, false);
      Variable[] plain = copies(in);
      Variable[] graph = copies(in);
      Variable a = new ConvReluMaxPool(new Conv2d(), new MaxPool2d(2, 2)).apply(plain);
      Variable b = new ConvReluMaxPool(new Conv2d(), new MaxPool2d(2, 2)).apply(graph);
      Variable[] once = Autograd.grad(a.mul(a).sum(), plain, false);
      Variable[] recorded = Autograd.grad(b.mul(b).sum(), graph, true);
      for (int k = 0; k < 3; k++) {
        assertArrayEquals(bits(once[k].data()), bits(recorded[k].data()), dtype + " gradient " + k);
      }
      Variable[] second = Autograd.grad(recorded[1].sum(), new Variable[] {graph[1]}, false);
      assertEquals(graph[1].shape(), second[0].shape());
    }
  }

  @Test
  void anInputWithoutGradientGetsNone() {
    Variable[] in =
        inputs(DType.FLOAT64, 2, new int[] {2, 1, 8, 8}, new int[] {3, 1, 3, 3}, true, false);
    Variable x = new Variable(in[0].data());
    Variable out = new ConvReluMaxPool(new Conv2d(), new MaxPool2d(2, 2)).apply(x, in[1], in[2]);
    out.sum().backward();
    assertNull(x.grad());
    assertEquals(Shape.of(3, 1, 3, 3), in[1].grad().shape());
    assertEquals(Shape.of(3), in[2].grad().shape());
  }

  @Test
  void refusesAPoolingThatDoesNotFitTheConvolutionNamingIt() {
    Variable x = new Variable(Tensor.zeros(Shape.of(1, 1, 4, 4), DType.FLOAT64));
    Variable w = new Variable(Tensor.zeros(Shape.of(1, 1, 3, 3), DType.FLOAT64));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ConvReluMaxPool(new Conv2d(), new MaxPool2d(3, 3)).apply(x, w));
    assertEquals(
        true,
        e.getMessage().startsWith("max_pool2d: "),
        "message names the pooling: " + e.getMessage());
  }
}
