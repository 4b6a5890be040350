package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BatchNorm1d/2d, Dropout2d, Flatten and the functional batch norm, pad and dropout2d. */
class NormLayersTest {
  private final int initialThreads = Parallelism.threads();

  @TempDir Path dir;

  @AfterEach
  void restoreThreads() {
    Parallelism.setThreads(initialThreads);
  }

  private static Variable f64(double[] values, int... shape) {
    return new Variable(Tensor.of(values, shape));
  }

  @Test
  void batchNormHasPyTorchDefaultsKeysAndPrinting() {
    BatchNorm2d bn = new BatchNorm2d(3);
    assertEquals(
        "BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=true, track_running_stats=true)",
        bn.toString());
    Map<String, Tensor> state = bn.stateDict();
    assertEquals(
        List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(state.keySet()));
    assertArrayEquals(new float[] {1, 1, 1}, state.get("weight").toFloatArray());
    assertArrayEquals(new float[] {0, 0, 0}, state.get("bias").toFloatArray());
    assertArrayEquals(new float[] {0, 0, 0}, state.get("running_mean").toFloatArray());
    assertArrayEquals(new float[] {1, 1, 1}, state.get("running_var").toFloatArray());
    assertEquals(DType.INT32, state.get("num_batches_tracked").dtype());
    assertEquals(Shape.of(), state.get("num_batches_tracked").shape());
    assertEquals(2, bn.parameters().size());
    BatchNorm1d bare = new BatchNorm1d(4, 1e-3, null, false, false);
    assertEquals(
        "BatchNorm1d(4, eps=0.001, momentum=None, affine=false, track_running_stats=false)",
        bare.toString());
    assertTrue(bare.stateDict().isEmpty());
    assertNull(bare.weight());
    assertNull(bare.runningMean());
    assertEquals("1e-05", BatchNormNd.pythonFloat(1e-5));
    assertEquals("0.0001", BatchNormNd.pythonFloat(1e-4));
    assertEquals("2.5e-07", BatchNormNd.pythonFloat(2.5e-7));
    assertEquals("0.1", BatchNormNd.pythonFloat(0.1));
  }

  @Test
  void aTrainingStepNormalizesWithTheBatchAndUpdatesTheRunningStatistics() {
    BatchNorm1d bn = new BatchNorm1d(2);
    bn.to(DType.FLOAT64);
    Variable x = f64(new double[] {1, 2, 3, 6}, 2, 2).requiresGrad(true);
    Variable y = bn.forward(x);
    double a = 1 / Math.sqrt(1 + 1e-5);
    double b = 2 / Math.sqrt(4 + 1e-5);
    assertArrayEquals(new double[] {-a, -b, a, b}, y.data().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0.2, 0.4}, bn.runningMean().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0.9 + 0.2, 0.9 + 0.8}, bn.runningVar().toDoubleArray(), 1e-15);
    assertEquals(1, bn.numBatchesTracked().item());
    y.mul(f64(new double[] {1, 0, 0, 0}, 2, 2)).sum().backward();
    assertArrayEquals(new double[] {-a, 0}, bn.weight().grad().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {1, 0}, bn.bias().grad().toDoubleArray(), 1e-15);
  }

  @Test
  void aNullMomentumKeepsTheCumulativeAverage() {
    BatchNorm1d bn = new BatchNorm1d(1, 1e-5, null, true, true);
    bn.to(DType.FLOAT64);
    double[][] batches = {{1, 3}, {10, 20}, {-4, 0}};
    for (double[] batch : batches) {
      bn.forward(Tensor.of(batch, 2, 1));
    }
    assertEquals((2 + 15 - 2) / 3.0, bn.runningMean().item(), 1e-14);
    assertEquals((2 + 50 + 8) / 3.0, bn.runningVar().item(), 1e-13);
    assertEquals(3, bn.numBatchesTracked().item());
  }

  @Test
  void evaluationModeUsesTheRunningStatisticsAndLeavesThemAlone() {
    BatchNorm2d bn = new BatchNorm2d(2);
    bn.to(DType.FLOAT64);
    bn.runningMean().copyFrom(Tensor.of(new double[] {1, -2}));
    bn.runningVar().copyFrom(Tensor.of(new double[] {4, 0.25}));
    bn.weight().data().copyFrom(Tensor.of(new double[] {2, 3}));
    bn.bias().data().copyFrom(Tensor.of(new double[] {0.5, -1}));
    bn.eval();
    Tensor x = Tensor.of(new double[] {3, 5, -2, 0}, 1, 2, 1, 2);
    Tensor y = bn.forward(x);
    double s0 = 2 / Math.sqrt(4 + 1e-5);
    double s1 = 3 / Math.sqrt(0.25 + 1e-5);
    assertArrayEquals(
        new double[] {2 * s0 + 0.5, 4 * s0 + 0.5, -1, 2 * s1 - 1}, y.toDoubleArray(), 1e-14);
    assertArrayEquals(new double[] {1, -2}, bn.runningMean().toDoubleArray());
    assertEquals(0, bn.numBatchesTracked().item());
    Tensor single = Tensor.of(new double[] {3, 5}, 1, 2);
    BatchNorm1d bn1 = new BatchNorm1d(2);
    bn1.to(DType.FLOAT64).eval();
    assertArrayEquals(
        new double[] {3 / Math.sqrt(1 + 1e-5), 5 / Math.sqrt(1 + 1e-5)},
        bn1.forward(single).toDoubleArray(),
        1e-15);
  }

  @Test
  void withoutRunningStatisticsEvaluationModeUsesTheBatch() {
    BatchNorm1d bn = new BatchNorm1d(1, 0, 0.1, false, false);
    bn.to(DType.FLOAT64).eval();
    Tensor y = bn.forward(Tensor.of(new double[] {1, 3}, 2, 1));
    assertArrayEquals(new double[] {-1, 1}, y.toDoubleArray(), 1e-15);
  }

  @Test
  void mistakesNameTheLayerAndMirrorPyTorch() {
    Sequential net = new Sequential(new BatchNorm2d(3), new BatchNorm1d(3));
    Module bn2 = net.children().get(0);
    Module bn1 = net.children().get(1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> bn2.forward(new Variable(Tensor.zeros(4, 3, 2))));
    assertEquals("0 (BatchNorm2d 3): expected 4D input (got 3D input)", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> bn1.forward(new Variable(Tensor.zeros(4, 3, 2, 2))));
    assertEquals("1 (BatchNorm1d 3): expected 2D or 3D input (got 4D input)", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> bn1.forward(new Variable(Tensor.zeros(1, 3))));
    assertEquals(
        "1 (BatchNorm1d 3): batch_norm: Expected more than 1 value per channel when training, got"
            + " input size [1, 3]",
        e.getMessage());
    assertEquals(0, ((BatchNorm1d) bn1).numBatchesTracked().item(), "a failed step counts none");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> bn2.forward(new Variable(Tensor.zeros(4, 5, 2, 2))));
    assertTrue(
        e.getMessage().contains("batch_norm: input [4, 5, 2, 2] has 5 channels, weight [3] should"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> bn2.forward(new Variable(Tensor.zeros(Shape.of(4, 3, 2, 2), DType.FLOAT64))));
    assertTrue(
        e.getMessage().contains("weight is FLOAT32 but the input is FLOAT64"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(-1));
    assertEquals("BatchNorm2d: num_features must be >= 0, got -1", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Functional.batchNorm(
                    new Variable(Tensor.zeros(4, 3)), null, null, null, null, false));
    assertEquals("batch_norm: running_mean must be defined in evaluation mode", e.getMessage());
  }

  @Test
  void aSizeZeroBatchGivesAnEmptyOutputAndZeroGradients() {
    BatchNorm2d bn = new BatchNorm2d(3);
    Variable x = new Variable(Tensor.zeros(0, 3, 2, 2)).requiresGrad(true);
    Variable y = bn.forward(x);
    assertEquals(Shape.of(0, 3, 2, 2), y.shape());
    y.sum().backward();
    assertEquals(Shape.of(0, 3, 2, 2), x.grad().shape());
    assertArrayEquals(new float[] {0, 0, 0}, bn.weight().grad().toFloatArray());
    assertArrayEquals(new float[] {0, 0, 0}, bn.runningMean().toFloatArray());
    assertArrayEquals(new float[] {1, 1, 1}, bn.runningVar().toFloatArray());
    assertEquals(1, bn.numBatchesTracked().item());
  }

  @Test
  void toConvertsTheRunningStatisticsButNotTheCounter() {
    BatchNorm2d bn = new BatchNorm2d(2);
    bn.to(DType.FLOAT64);
    assertEquals(DType.FLOAT64, bn.runningMean().dtype());
    assertEquals(DType.INT32, bn.numBatchesTracked().dtype());
    bn.forward(Tensor.randn(Generator.seeded(1), Shape.of(3, 2, 2, 2), DType.FLOAT64));
    assertTrue(bn.stateDict().get("running_mean").abs().sum().item() > 0);
  }

  @Test
  void stateDictsRoundTripThroughSafetensors() throws IOException {
    Generator gen = Generator.seeded(3);
    BatchNorm2d bn = new BatchNorm2d(4);
    for (int i = 0; i < 3; i++) {
      bn.forward(Tensor.randn(gen, 5, 4, 3, 3));
    }
    Path file = dir.resolve("bn.safetensors");
    SafeTensors.save(file, bn.stateDict());
    BatchNorm2d copy = new BatchNorm2d(4);
    copy.loadStateDict(SafeTensors.load(file).tensors());
    for (Map.Entry<String, Tensor> e : bn.stateDict().entrySet()) {
      Tensor loaded = copy.stateDict().get(e.getKey());
      assertEquals(e.getValue().dtype(), loaded.dtype(), e.getKey());
      assertTrue(e.getValue().allClose(loaded, 0, 0), e.getKey());
    }
    assertEquals(3, copy.numBatchesTracked().item());
  }

  /** One training step of a BatchNorm2d: the output, the gradients and the running statistics. */
  private static List<float[]> step(int threads) {
    Parallelism.setThreads(threads);
    Generator gen = Generator.seeded(21);
    BatchNorm2d bn = new BatchNorm2d(6);
    bn.weight().data().copyFrom(Tensor.randn(gen, 6));
    Variable x = new Variable(Tensor.randn(gen, 16, 6, 24, 25)).requiresGrad(true);
    Variable y = bn.forward(x);
    y.backward(Tensor.randn(gen, 16, 6, 24, 25));
    List<float[]> out = new ArrayList<>();
    for (Tensor t :
        new Tensor[] {
          y.data(),
          x.grad(),
          bn.weight().grad(),
          bn.bias().grad(),
          bn.runningMean(),
          bn.runningVar()
        }) {
      out.add(t.toFloatArray());
    }
    return out;
  }

  @Test
  void aTrainingStepIsBitIdenticalForOneTwoAndThreeThreads() {
    List<float[]> one = step(1);
    for (int threads = 2; threads <= 3; threads++) {
      List<float[]> many = step(threads);
      for (int i = 0; i < one.size(); i++) {
        assertArrayEquals(one.get(i), many.get(i), "result " + i + " with " + threads + " threads");
      }
    }
  }

  @Test
  void dropout2dZeroesWholeChannelsAndScalesTheRest() {
    Dropout2d drop = new Dropout2d(0.5, Generator.seeded(8));
    assertEquals("Dropout2d(p=0.5)", drop.toString());
    Variable x = new Variable(Tensor.ones(4, 6, 3, 3)).requiresGrad(true);
    Variable y = drop.forward(x);
    float[] v = y.data().toFloatArray();
    int zeroed = 0;
    for (int plane = 0; plane < 24; plane++) {
      float first = v[plane * 9];
      assertTrue(first == 0 || first == 2, "plane " + plane + " holds " + first);
      for (int i = 1; i < 9; i++) {
        assertEquals(first, v[plane * 9 + i], "plane " + plane);
      }
      zeroed += first == 0 ? 1 : 0;
    }
    assertTrue(zeroed > 3 && zeroed < 21, zeroed + " of 24 planes zeroed");
    y.sum().backward();
    assertArrayEquals(v, x.grad().toFloatArray());
    Variable again = new Dropout2d(0.5, Generator.seeded(8)).forward(x);
    assertArrayEquals(v, again.data().toFloatArray());
    Variable rows =
        new Dropout2d(0.25, Generator.seeded(2)).forward(new Variable(Tensor.ones(2, 3, 5)));
    assertEquals(Shape.of(2, 3, 5), rows.shape());
    drop.eval();
    assertSame(x, drop.forward(x));
    assertArrayEquals(
        new float[36],
        Functional.dropout2d(new Variable(Tensor.ones(1, 4, 3, 3)), 1, true, Generator.seeded(1))
            .data()
            .toFloatArray());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Dropout2d(0.5).forward(new Variable(Tensor.ones(4, 6))));
    assertEquals(
        "Dropout2d: dropout2d: expected a 3-D [N, C, L] or 4-D [N, C, H, W] input, got [4, 6]"
            + " (dropout takes any shape)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Dropout2d(1.5));
    assertEquals("Dropout2d: probability has to be between 0 and 1, but got 1.5", e.getMessage());
  }

  @Test
  void flattenTakesPyTorchsDefaultsAndAStartDimension() {
    Flatten f = new Flatten(2);
    assertEquals("Flatten(start_dim=2, end_dim=-1)", f.toString());
    assertEquals(2, f.startDim());
    assertEquals(-1, f.endDim());
    assertEquals(Shape.of(2, 3, 20), f.forward(Tensor.zeros(2, 3, 4, 5)).shape());
    assertEquals(Shape.of(2, 400), new Flatten().forward(Tensor.zeros(2, 16, 5, 5)).shape());
  }

  @Test
  void padAddsAndCropsInPyTorchsOrder() {
    Variable x = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
    Variable y = Functional.pad(x, new int[] {1, 0, 0, 1}, -1);
    assertArrayEquals(
        new double[] {-1, 1, 2, 3, -1, 4, 5, 6, -1, -1, -1, -1}, y.data().toDoubleArray());
    Variable cropped = Functional.pad(x, -1, 1);
    assertArrayEquals(new double[] {2, 3, 0, 5, 6, 0}, cropped.data().toDoubleArray());
    cropped.mul(f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)).sum().backward();
    assertArrayEquals(new double[] {0, 1, 2, 0, 4, 5}, x.grad().toDoubleArray());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Functional.pad(x, 1, 2, 3));
    assertEquals(
        "constant_pad_nd: padding length must be divisible by 2, got 3 values [1, 2, 3]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Functional.pad(x, 1, 1, 1, 1, 1, 1));
    assertTrue(e.getMessage().contains("padding length 6 is too large for input [2, 3]"));
    e = assertThrows(IllegalArgumentException.class, () -> Functional.pad(x, -2, -2));
    assertEquals(
        "constant_pad_nd: the input size 3, plus padding -2 and -2, gives an output size -1 of"
            + " dimension 1, which is invalid (input [2, 3], pad [-2, -2])",
        e.getMessage());
  }
}
