package dev.jgrad.tensor;

import static dev.jgrad.tensor.ViewTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The everyday ops of issue 15 on small hand-worked tensors, in FLOAT32 and FLOAT64, and their
 * error messages; {@code EverydayOpsParityTest} in autograd compares them with PyTorch.
 */
class EverydayOpsTest {
  private static final double NAN = Double.NaN;

  @Test
  void minAndArgminPickTheFirstSmallestOrTheFirstNaN() {
    Tensor t = Tensor.of(new double[] {3, 1, 1, 2, NAN, 0, NAN, 5}, 2, 4);
    assertArrayEquals(new double[] {1, NAN}, t.min(1, false).toDoubleArray());
    assertArrayEquals(new int[] {1, 0}, t.argmin(1, false).toIntArray());
    assertArrayEquals(new int[] {1, 1, 1, 0}, t.argmin(0, false).toIntArray());
    assertEquals(Shape.of(2, 1), t.min(-1, true).shape());
    assertEquals(4, t.argmin().item());
    assertEquals(Double.NaN, t.min().item());
    Tensor f = Tensor.of(new float[] {2, -1, 4}, 3);
    assertEquals(DType.FLOAT32, f.min().dtype());
    assertEquals(-1, f.min().item());
    assertEquals(1, f.t().argmin().item());
  }

  @Test
  void minOfNothingIsRefused() {
    assertMessage(
        "min: cannot reduce over dim 0 of size 0 in [0, 3]", () -> Tensor.zeros(0, 3).min());
    assertMessage(
        "argmin: cannot reduce over dim 1 of size 0 in [3, 0]",
        () -> Tensor.zeros(3, 0).argmin(1, false));
  }

  @Test
  void catJoinsPromotesAndSkipsLegacyEmptyTensors() {
    Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    Tensor b = Tensor.of(new double[] {5, 6}, 2, 1);
    Tensor c = Tensor.cat(List.of(a, Tensor.zeros(0), b), 1);
    assertEquals(DType.FLOAT64, c.dtype());
    assertArrayEquals(new double[] {1, 2, 5, 3, 4, 6}, c.toDoubleArray());
    Tensor rows = Tensor.cat(List.of(a.t(), a), -2);
    assertArrayEquals(new float[] {1, 3, 2, 4, 1, 2, 3, 4}, rows.toFloatArray());
    assertEquals(Shape.of(0), Tensor.cat(List.of(Tensor.zeros(0), Tensor.zeros(0)), 0).shape());
  }

  @Test
  void catAndStackNameTheTensorThatDoesNotFit() {
    assertMessage(
        "cat: tensor 1 has shape [3, 1], expected [2, *] with 2 dims (the shape of tensor 0 except"
            + " in dim 1)",
        () -> Tensor.cat(List.of(Tensor.zeros(2, 2), Tensor.zeros(3, 1)), 1));
    assertMessage(
        "cat: tensor 1 has shape [2], expected [2, *] with 2 dims (the shape of tensor 0 except in"
            + " dim -1)",
        () -> Tensor.cat(List.of(Tensor.zeros(2, 2), Tensor.zeros(2)), -1));
    assertMessage(
        "cat: dim 2 out of range for a result of rank 2 (expected to be in [-2, 1])",
        () -> Tensor.cat(List.of(Tensor.zeros(2, 2)), 2));
    assertMessage("cat: expected a non-empty list of tensors", () -> Tensor.cat(List.of(), 0));
    assertMessage(
        "stack: tensor 1 has shape [3], expected [2] as tensor 0",
        () -> Tensor.stack(List.of(Tensor.zeros(2), Tensor.zeros(3)), 0));
    assertMessage(
        "stack: dim -3 out of range for a result of rank 2 (expected to be in [-2, 1])",
        () -> Tensor.stack(List.of(Tensor.zeros(2)), -3));
  }

  @Test
  void stackAddsADimension() {
    Tensor a = Tensor.of(new double[] {1, 2}, 2);
    Tensor b = Tensor.of(new double[] {3, 4}, 2);
    assertArrayEquals(new double[] {1, 3, 2, 4}, Tensor.stack(List.of(a, b), -1).toDoubleArray());
    assertEquals(Shape.of(2, 2), Tensor.stack(List.of(a, b), 0).shape());
  }

  @Test
  void splitAndChunkGiveViews() {
    Tensor t = Tensor.arange(10).reshape(2, 5);
    List<Tensor> pieces = t.split(2, 1);
    assertEquals(3, pieces.size());
    assertEquals(Shape.of(2, 1), pieces.get(2).shape());
    assertArrayEquals(new int[] {4, 9}, pieces.get(2).toIntArray());
    pieces.get(0).fill(-1);
    assertEquals(-1, t.get(1, 1));
    assertEquals(List.of(1, 0, 4), sizes(t.split(new int[] {1, 0, 4}, -1), 1));
    assertEquals(List.of(2, 2, 1), sizes(t.chunk(3, 1), 1));
    assertEquals(List.of(2, 2, 1), sizes(t.chunk(4, 1), 1));
    assertEquals(List.of(0, 0, 0), sizes(Tensor.zeros(0, 2).chunk(3, 0), 0));
    assertEquals(List.of(0), sizes(Tensor.zeros(0, 2).split(0, 0), 0));
  }

  @Test
  void splitAndChunkRefuseBadSizes() {
    Tensor t = Tensor.zeros(2, 3);
    assertMessage(
        "split: splitSize can be 0 only if dim 1 has size 0, but it has size 3",
        () -> t.split(0, 1));
    assertMessage("split: splitSize must be non-negative, got -1", () -> t.split(-1, 1));
    assertMessage(
        "split: sizes [1, 1] must sum to 3, the size of dim -1 in [2, 3], but sum to 2",
        () -> t.split(new int[] {1, 1}, -1));
    assertMessage("chunk: chunks must be positive, got 0", () -> t.chunk(0, 0));
  }

  @Test
  void prodMultipliesInOrder() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertEquals(720, t.prod().item());
    assertArrayEquals(new float[] {6, 120}, t.prod(1, false).toFloatArray());
    assertArrayEquals(new float[] {4, 10, 18}, t.prod(-2, true).toFloatArray());
    assertEquals(Shape.of(1, 3), t.prod(0, true).shape());
    assertArrayEquals(new double[] {1, 1}, Tensor.zeros(2, 0).prod(1, false).toDoubleArray());
    assertEquals(24, Tensor.arange(1, 5, 1, DType.INT32).prod().item());
  }

  @Test
  void cumsumAndCumprodScanEachLine() {
    Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertArrayEquals(new double[] {1, 3, 6, 4, 9, 15}, t.cumsum(1).toDoubleArray());
    assertArrayEquals(new double[] {1, 2, 3, 5, 7, 9}, t.cumsum(-2).toDoubleArray());
    assertArrayEquals(new double[] {1, 2, 6, 4, 20, 120}, t.cumprod(1).toDoubleArray());
    assertArrayEquals(new double[] {1, 5, 2, 7, 3, 9}, t.t().cumsum(1).toDoubleArray());
    Tensor f = Tensor.of(new float[] {0.1f, 0.2f, 0.3f}, 3);
    assertArrayEquals(
        new float[] {0.1f, (float) (0.1f + (double) 0.2f), 0.6f}, f.cumsum(0).toFloatArray());
    assertEquals(3, Tensor.scalar(3).cumsum(-1).item());
    assertArrayEquals(
        new int[] {1, 3, 6}, Tensor.arange(1, 4, 1, DType.INT32).cumsum(0).toIntArray());
  }

  @Test
  void rowByRowAndLineByLineScansAgreeBitForBit() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor t = Tensor.randn(Generator.seeded(3), Shape.of(4, 5, 6), dtype);
      Tensor strided = t.permute(2, 0, 1).contiguous().permute(1, 2, 0);
      for (int dim = 0; dim < 3; dim++) {
        assertArrayEquals(t.cumsum(dim).toDoubleArray(), strided.cumsum(dim).toDoubleArray());
        assertArrayEquals(t.cumprod(dim).toDoubleArray(), strided.cumprod(dim).toDoubleArray());
      }
    }
  }

  @Test
  void scansNameTheirDim() {
    assertMessage(
        "cumsum: dim 2 out of range for shape [2, 3] (expected to be in [-2, 1])",
        () -> Tensor.zeros(2, 3).cumsum(2));
    assertMessage(
        "cumprod: dim 1 out of range for shape [] (expected to be in [-1, 0])",
        () -> Tensor.scalar(1).cumprod(1));
  }

  @Test
  void varAndStdFollowTheCorrection() {
    Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 6, 8}, 2, 3);
    assertEquals(1, t.var(new int[] {1}, true, false).get(0));
    assertEquals(4, t.var(new int[] {1}, 1, false).get(1));
    assertEquals(8.0 / 3, t.var(new int[] {-1}, false, true).get(1, 0), 1e-15);
    assertEquals(8, t.var(new int[] {1}, 2, false).get(1));
    assertEquals(Double.POSITIVE_INFINITY, t.var(new int[] {1}, 3, false).get(1));
    assertEquals(Double.NaN, Tensor.ones(3).var(new int[] {0}, 3, false).item());
    assertEquals(Double.NaN, Tensor.of(new double[] {5}, 1).var().item());
    assertEquals(t.var().item(), t.var(new int[] {0, 1}, 1, false).item());
    assertEquals(2, t.std(new int[] {1}, 1, false).get(1));
    assertEquals(Math.sqrt(t.var().item()), t.std().item());
    assertEquals(DType.FLOAT32, Tensor.ones(2, 2).std(new int[] {0}, true, false).dtype());
  }

  @Test
  void varAndStdRefuseIntegers() {
    assertMessage(
        "var: expected a FLOAT32 or FLOAT64 tensor, got INT32", () -> Tensor.arange(4).var());
    assertMessage(
        "std: expected a FLOAT32 or FLOAT64 tensor, got INT32", () -> Tensor.arange(4).std());
  }

  @Test
  void normsOfEveryOrder() {
    Tensor t = Tensor.of(new double[] {3, -4, 0, 1, 2, -2}, 2, 3);
    assertEquals(Math.sqrt(34), t.norm().item(), 1e-15);
    assertArrayEquals(
        new double[] {Math.sqrt(10), Math.sqrt(20), 2},
        t.norm(2, new int[] {0}, false).toDoubleArray(),
        1e-15);
    assertArrayEquals(new double[] {7, 5}, t.norm(1, new int[] {1}, false).toDoubleArray());
    assertArrayEquals(
        new double[] {4, 2},
        t.norm(Double.POSITIVE_INFINITY, new int[] {-1}, false).toDoubleArray());
    assertArrayEquals(
        new double[] {0, 1},
        t.norm(Double.NEGATIVE_INFINITY, new int[] {1}, false).toDoubleArray());
    assertArrayEquals(new double[] {2, 3}, t.norm(0, new int[] {1}, false).toDoubleArray());
    assertEquals(Math.cbrt(27 + 64 + 1 + 8 + 8), t.norm(3).item(), 1e-14);
    assertEquals(t.norm().item(), t.norm("fro", new int[] {0, 1}, false).item());
    assertEquals(Shape.of(1, 3), t.norm(2, new int[] {0}, true).shape());
    assertEquals(0, Tensor.zeros(0, 3).norm().item());
    assertEquals(
        Double.NaN,
        Tensor.of(new double[] {1, Double.NaN}, 2).norm(Double.POSITIVE_INFINITY).item());
  }

  @Test
  void normRefusesWhatItCannotCompute() {
    assertMessage(
        "norm: cannot reduce over dim 0 of size 0 in [0, 3]",
        () -> Tensor.zeros(0, 3).norm(Double.POSITIVE_INFINITY));
    assertMessage(
        "norm: unknown order 'nuc', expected 'fro' (or a number; 'nuc' is not supported)",
        () -> Tensor.zeros(2, 3).norm("nuc", new int[] {0, 1}, false));
    assertMessage(
        "norm: the order p must be a number, got NaN", () -> Tensor.zeros(2).norm(Double.NaN));
    assertMessage(
        "norm: expected a FLOAT32 or FLOAT64 tensor, got INT32", () -> Tensor.arange(3).norm());
  }

  @Test
  void maskedFillWritesWhereTheMaskIsNonzero() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor row = Tensor.of(new int[] {1, 0, 1}, 3);
    assertArrayEquals(new float[] {-1, 2, -1, -1, 5, -1}, t.maskedFill(row, -1).toFloatArray());
    Tensor column = Tensor.of(new double[] {0, 0.5}, 2, 1);
    assertArrayEquals(new float[] {1, 2, 3, 9, 9, 9}, t.maskedFill(column, 9).toFloatArray());
    assertEquals(DType.FLOAT32, t.maskedFill(row, 0).dtype());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
  }

  @Test
  void maskedFillRefusesALargerMask() {
    assertMessage(
        "maskedFill: mask of shape [2, 3] cannot be broadcast to the input's shape [3]",
        () -> Tensor.zeros(3).maskedFill(Tensor.zeros(2, 3), 1));
  }

  @Test
  void scatterWritesTheLastValueForARepeatedTarget() {
    Tensor self = Tensor.zeros(Shape.of(2, 4), DType.FLOAT64);
    Tensor index = Tensor.of(new int[] {3, 0, 3, 1, 1, 2}, 2, 3);
    Tensor src = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertArrayEquals(
        new double[] {2, 0, 0, 3, 0, 5, 6, 0}, self.scatter(1, index, src).toDoubleArray());
    assertArrayEquals(
        new double[] {2, 0, 0, 4, 0, 9, 6, 0}, self.scatterAdd(1, index, src).toDoubleArray());
    assertArrayEquals(
        new double[] {7, 0, 0, 7, 0, 7, 7, 0}, self.scatter(-1, index, 7).toDoubleArray());
    assertEquals(0, self.sum().item());
  }

  @Test
  void scatterNamesWhatDoesNotFit() {
    Tensor self = Tensor.zeros(2, 4);
    assertMessage(
        "scatter: index 4 out of range for dim 1 of size 4",
        () -> self.scatter(1, Tensor.of(new int[] {4}, 1, 1), Tensor.ones(1, 1)));
    assertMessage(
        "scatter: index of shape [1, 2] is larger than src of shape [1, 1]",
        () -> self.scatter(1, Tensor.of(new int[] {0, 1}, 1, 2), Tensor.ones(1, 1)));
    assertMessage(
        "scatter: expected an INT32 index, got FLOAT32",
        () -> self.scatter(1, Tensor.zeros(1, 1), 2.0));
  }

  private static List<Integer> sizes(List<Tensor> pieces, int dim) {
    return pieces.stream().map(p -> p.size(dim)).toList();
  }
}
