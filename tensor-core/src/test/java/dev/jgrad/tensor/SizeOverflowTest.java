package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Sizes whose product exceeds {@link Integer#MAX_VALUE} are refused by name, never wrapped: each
 * operation that would create such a shape says which operation and which sizes.
 */
class SizeOverflowTest {
  private static final int BIG = 1 << 20;

  private static void assertRefused(String message, Executable op) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, op).getMessage());
  }

  @Test
  void viewAndReshapeNameTheirShape() {
    Tensor t = Tensor.zeros(4);
    assertRefused(
        "view: shape [65536, 65536, 65536, 65536, 4] has more than 2147483647 elements",
        () -> t.view(65536, 65536, 65536, 65536, 4));
    // 2^64 wrapped to 0 in a long before, which made this "invalid for input of size 4"
    assertRefused(
        "view: shape [65536, 65536, 65536, 65536, -1] has more than 2147483647 elements",
        () -> t.view(65536, 65536, 65536, 65536, -1));
    assertRefused(
        "reshape: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> t.reshape(BIG, BIG));
    assertRefused(
        "reshape: shape [1048576, 1048576, -1] has more than 2147483647 elements",
        () -> t.t().reshape(BIG, BIG, -1));
  }

  @Test
  void expandAndBroadcastNameTheirShape() {
    assertRefused(
        "expand: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> Tensor.zeros(1, 1).expand(BIG, BIG));
    assertRefused(
        "add: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> Tensor.zeros(BIG, 1).add(Tensor.zeros(1, BIG)));
    assertRefused(
        "add: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> Shape.broadcast("add", Shape.of(BIG, 1), Shape.of(BIG)));
  }

  @Test
  void matmulNamesTheShapeOfItsProductOrOperands() {
    assertRefused(
        "matmul: shape [65536, 65536, 2, 2] has more than 2147483647 elements",
        () -> Tensor.zeros(1 << 16, 1, 2, 2).matmul(Tensor.zeros(1, 1 << 16, 2, 2)));
    MatMulShape plan = MatMulShape.of(Shape.of(256, 1, 1, 65536), Shape.of(1, 256, 65536, 1));
    assertEquals(Shape.of(256, 256, 1, 1), plan.product());
    assertRefused(
        "matmul: shape [256, 256, 1, 65536] has more than 2147483647 elements", plan::left);
  }

  @Test
  void creationNamesTheOperation() {
    assertRefused(
        "zeros: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> Tensor.zeros(BIG, BIG));
    assertRefused(
        "ones: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> Tensor.ones(BIG, BIG));
    assertRefused(
        "rand: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> Tensor.rand(Generator.seeded(0), BIG, BIG));
    assertRefused(
        "randn: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> Tensor.randn(Generator.seeded(0), BIG, BIG));
    assertRefused(
        "randint: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> Tensor.randint(Generator.seeded(0), 0, 2, BIG, BIG));
    assertRefused(
        "of: shape [1048576, 1048576] has more than 2147483647 elements",
        () -> Tensor.of(new float[1], BIG, BIG));
    assertRefused(
        "eye: shape [65536, 65536] has more than 2147483647 elements", () -> Tensor.eye(1 << 16));
    assertRefused(
        "zeros: size of dim 1 is -2 in [3, -2]; sizes must be >= 0", () -> Tensor.zeros(3, -2));
    // the count saturated at 2^31 - 1 before, asking for an 8 GB tensor
    assertRefused(
        "arange: start 0.0, end 1.0E12 and step 1.0 give 1.0E12 elements, more than 2147483647",
        () -> Tensor.arange(0, 1e12, 1, DType.FLOAT32));
  }

  @Test
  void indexingNamesTheOperation() {
    assertRefused(
        "indexSelect: shape [3, 1073741824] has more than 2147483647 elements",
        () -> Tensor.zeros(1, 1).expand(1, 1 << 30).indexSelect(0, Tensor.of(new int[] {0, 0, 0})));
    assertRefused(
        "oneHot: shape [65536, 65536] has more than 2147483647 elements",
        () -> Tensor.of(new int[1 << 16]).oneHot(1 << 16));
  }

  @Test
  void shapeOfKeepsItsOwnMessages() {
    assertRefused(
        "Shape: [1048576, 1048576] has more than 2147483647 elements", () -> Shape.of(BIG, BIG));
    assertRefused("Shape: size of dim 0 is -1 in [-1]; sizes must be >= 0", () -> Shape.of(-1));
  }

  @Test
  void narrowAndSliceBoundsDoNotWrap() {
    Tensor t = Tensor.zeros(5, 3);
    // start + length wrapped to a negative number and passed this check before, to fail later as
    // "Shape: [2147483647, 3] has more than 2147483647 elements"
    assertRefused(
        "narrow: start 1 and length 2147483647 out of range for dim 0 of size 5 in [5, 3]",
        () -> t.narrow(0, 1, Integer.MAX_VALUE));
    // the length wrapped to 0 before, an empty view
    assertEquals(Shape.of(1, 3), t.slice(0, 0, 5, Integer.MAX_VALUE).shape());
  }

  @Test
  void aSliceStepBeyondTheDimensionKeepsAValidStride() {
    // 3 * 2^30 wrapped to a negative stride, refused as "negative stride" before
    Tensor t = Tensor.arange(0, 6, 1, DType.FLOAT32).reshape(2, 3).slice(0, 0, 2, 1 << 30);

    assertEquals(Shape.of(1, 3), t.shape());
    assertEquals(3, t.stride(0));
    assertEquals(2.0, t.select(1, 2).item());
  }
}
