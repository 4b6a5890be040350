package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pooling modules: PyTorch's defaults and printing, errors, shapes and thread counts. */
class PoolingModulesTest {
  private final int initial = Parallelism.threads();

  @AfterEach
  void restoreThreads() {
    Parallelism.setThreads(initial);
  }

  @Test
  void modulesPrintTheirOptionsAsPyTorchDoes() {
    assertEquals(
        "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=false)",
        new MaxPool2d(2).toString());
    assertEquals(
        "MaxPool2d(kernel_size=(2, 3), stride=1, padding=(1, 0), dilation=2, ceil_mode=true)",
        new MaxPool2d(MaxPool2d.options(2, 3).stride(1).padding(1, 0).dilation(2).ceilMode(true))
            .toString());
    assertEquals("AvgPool2d(kernel_size=3, stride=2, padding=0)", new AvgPool2d(3, 2).toString());
    assertEquals(
        "AvgPool2d(kernel_size=3, stride=(2, 1), padding=1)",
        new AvgPool2d(AvgPool2d.options(3).stride(2, 1).padding(1).countIncludePad(false))
            .toString());
    assertEquals("AdaptiveAvgPool2d(output_size=1)", new AdaptiveAvgPool2d(1).toString());
    assertEquals("AdaptiveAvgPool2d(output_size=(5, 7))", new AdaptiveAvgPool2d(5, 7).toString());
  }

  @Test
  void optionsAreValuesThatChangeOnlyInCopies() {
    MaxPool2d.Options base = MaxPool2d.options(3);
    MaxPool2d.Options strided = base.stride(2);
    assertEquals(
        "kernel_size=3, stride=3, padding=0, dilation=1, ceil_mode=false", base.toString());
    assertEquals(
        "kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=false", strided.toString());
  }

  @Test
  void modulesHaveNoStateAndPoolLeNetShapes() {
    Sequential features =
        new Sequential(new MaxPool2d(2), new AvgPool2d(2), new AdaptiveAvgPool2d(1));
    assertTrue(features.parameters().isEmpty());
    assertTrue(features.stateDict().isEmpty());
    Tensor x = Tensor.rand(Generator.seeded(3), 64, 6, 28, 28);
    Variable pooled = new MaxPool2d(2).forward(new Variable(x));
    assertEquals(Shape.of(64, 6, 14, 14), pooled.shape());
    assertEquals(DType.FLOAT32, pooled.dtype());
    assertEquals(Shape.of(64, 6, 1, 1), features.forward(new Variable(x)).shape());
    assertEquals(Shape.of(6, 7, 7), new AvgPool2d(4).forward(new Variable(x.select(0, 0))).shape());
  }

  @Test
  void functionalFormsEqualTheModules() {
    Tensor x = Tensor.randn(Generator.seeded(5), Shape.of(2, 3, 9, 8), DType.FLOAT64);
    Variable v = new Variable(x);
    assertArrayEquals(
        new MaxPool2d(3, 2).forward(v).data().toDoubleArray(),
        Functional.maxPool2d(v, 3, 2).data().toDoubleArray());
    assertArrayEquals(
        new MaxPool2d(2).forward(v).data().toDoubleArray(),
        Functional.maxPool2d(v, 2).data().toDoubleArray());
    assertArrayEquals(
        new AvgPool2d(3, 2).forward(v).data().toDoubleArray(),
        Functional.avgPool2d(v, 3, 2).data().toDoubleArray());
    assertArrayEquals(
        new AvgPool2d(2).forward(v).data().toDoubleArray(),
        Functional.avgPool2d(v, 2).data().toDoubleArray());
    assertArrayEquals(
        new AdaptiveAvgPool2d(3).forward(v).data().toDoubleArray(),
        Functional.adaptiveAvgPool2d(v, 3).data().toDoubleArray());
  }

  @Test
  void errorsNameTheModulePathTheOpAndTheShapes() {
    Sequential net = new Sequential(new ReLU(), new MaxPool2d(3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> net.forward(new Variable(Tensor.zeros(1, 1, 2, 2))));
    assertTrue(
        e.getMessage()
            .startsWith(
                "1 (MaxPool2d): max_pool2d: input [1, 1, 2, 2] is too small for kernel_size [3,"
                    + " 3]"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new AvgPool2d(AvgPool2d.options(2).padding(2))
                    .forward(new Variable(Tensor.zeros(1, 1, 4, 4))));
    assertEquals(
        "AvgPool2d: avg_pool2d: padding [2, 2] should be at most half of kernel_size [2, 2]",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AdaptiveAvgPool2d(2).forward(new Variable(Tensor.zeros(4, 4))));
    assertEquals(
        "AdaptiveAvgPool2d: adaptive_avg_pool2d: expected a 3-D [C, H, W] or 4-D [N, C, H, W]"
            + " input, got [4, 4]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AvgPool2d.options(2).divisorOverride(0));
    assertEquals("avg_pool2d: divisor_override must be non-zero, got 0", e.getMessage());
  }

  /** The three modules' outputs and input gradients in float32 with {@code threads}. */
  private static List<float[]> poolAndDifferentiate(int threads) {
    Parallelism.setThreads(threads);
    Tensor x = Tensor.randn(Generator.seeded(9), Shape.of(8, 6, 28, 28), DType.FLOAT32);
    Tensor grid = x.mul(4).to(DType.INT32).to(DType.FLOAT32);
    List<float[]> results = new ArrayList<>();
    Module[] modules = {
      new MaxPool2d(2),
      new MaxPool2d(MaxPool2d.options(3).stride(2).padding(1)),
      new AvgPool2d(3, 2),
      new AdaptiveAvgPool2d(5, 6)
    };
    for (Module m : modules) {
      for (Tensor input : new Tensor[] {x, grid}) {
        Variable v = new Variable(input).requiresGrad(true);
        Variable y = m.forward(v);
        y.backward(Tensor.onesLike(y.data()).mul(0.3));
        results.add(y.data().toFloatArray());
        results.add(v.grad().toFloatArray());
      }
    }
    return results;
  }

  @Test
  void oneTwoAndThreeThreadsGiveBitIdenticalOutputsAndGradients() {
    List<float[]> one = poolAndDifferentiate(1);
    for (int threads = 2; threads <= 3; threads++) {
      List<float[]> many = poolAndDifferentiate(threads);
      for (int i = 0; i < one.size(); i++) {
        assertArrayEquals(one.get(i), many.get(i), "result " + i + " with " + threads + " threads");
      }
    }
  }
}
