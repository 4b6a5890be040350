package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * The shape plan of a matrix product under {@code torch.matmul}'s rules, worked out once for every
 * layer of jgrad: {@link Tensor#matmul} and autograd's {@code Variable.matmul} both take their
 * checks and shapes from here, so the same mistake gives the same message at both layers.
 *
 * <p>A 1-D left operand is treated as a row {@code [1, k]} and a 1-D right operand as a column
 * {@code [k, 1]}; that dimension is removed from the result again. Leading batch dimensions
 * broadcast under {@link Shape#broadcast}.
 *
 * <pre>{@code
 * MatMulShape p = MatMulShape.of(Shape.of(8, 32, 784), Shape.of(784, 10));
 * p.batch();   // [8]
 * p.left();    // [8, 32, 784]: the left operand expanded
 * p.right();   // [8, 784, 10]: the right operand expanded
 * p.result();  // [8, 32, 10]
 * }</pre>
 *
 * @param batch the broadcast batch dimensions (rank 0 for a plain matrix product)
 * @param m the rows of each product
 * @param k the inner size
 * @param n the columns of each product
 * @param leftVector whether the left operand was 1-D (its row dimension is squeezed away)
 * @param rightVector whether the right operand was 1-D (its column dimension is squeezed away)
 */
public record MatMulShape(
    Shape batch, int m, int k, int n, boolean leftVector, boolean rightVector) {

  /**
   * Plans {@code left · right} under {@code torch.matmul}'s rules.
   *
   * @param left the left operand's shape
   * @param right the right operand's shape
   * @return the plan
   * @throws IllegalArgumentException if an operand is rank 0, the inner sizes differ or the batch
   *     dimensions cannot be broadcast; the message names both shapes
   */
  public static MatMulShape of(Shape left, Shape right) {
    checkArgument(
        left.rank() >= 1 && right.rank() >= 1,
        "matmul: both arguments need at least 1 dimension, got %s and %s",
        left,
        right);
    boolean leftVector = left.rank() == 1;
    boolean rightVector = right.rank() == 1;
    Shape a = leftVector ? Shape.of(1, left.size(0)) : left;
    Shape b = rightVector ? Shape.of(right.size(0), 1) : right;
    int k = a.size(-1);
    checkArgument(
        k == b.size(-2),
        "matmul: cannot multiply %s by %s: inner sizes %s != %s",
        left,
        right,
        k,
        b.size(-2));
    Shape aBatch = a.prefix(a.rank() - 2);
    Shape bBatch = b.prefix(b.rank() - 2);
    int[] batchSizes = aBatch.equals(bBatch) ? null : broadcastBatch(left, right, aBatch, bBatch);
    int m = a.size(-2);
    int n = b.size(-1);
    long batchCount = batchSizes == null ? aBatch.numel() : count(batchSizes);
    if (batchCount != 0 && m != 0 && n != 0 && (long) m * n > Integer.MAX_VALUE / batchCount) {
      int[] sizes = batchSizes == null ? aBatch.toArray() : batchSizes;
      int[] productSizes = Arrays.copyOf(sizes, sizes.length + 2);
      productSizes[sizes.length] = m;
      productSizes[sizes.length + 1] = n;
      Shape.of("matmul", productSizes); // refuses the product, naming its whole shape
    }
    Shape batch = batchSizes == null ? aBatch : Shape.of(batchSizes);
    return new MatMulShape(batch, m, k, n, leftVector, rightVector);
  }

  private static int[] broadcastBatch(Shape left, Shape right, Shape aBatch, Shape bBatch) {
    try {
      return Shape.broadcastSizes("matmul", aBatch, bBatch);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          String.format(
              "matmul: batch dimensions of %s and %s cannot be broadcast (%s and %s)",
              left, right, aBatch, bBatch),
          e);
    }
  }

  /** The number of elements of {@code sizes}, or {@code Integer.MAX_VALUE + 1} if it is more. */
  private static long count(int[] sizes) {
    long count = 1;
    for (int s : sizes) {
      count = Math.min(count * s, Integer.MAX_VALUE + 1L);
    }
    return count;
  }

  /**
   * Plans {@code input · weightᵀ + bias} as {@code torch.nn.functional.linear} on a 2-D input: m is
   * the batch {@code N}, k the input features and n the output features.
   *
   * @param input the input's shape, {@code [N, in]}
   * @param weight the weight's shape, {@code [out, in]}
   * @param bias the bias's shape, {@code [out]}, or null for no bias
   * @return the plan, with no batch dimensions and no squeezes
   * @throws IllegalArgumentException naming the shapes when they do not fit
   */
  public static MatMulShape linear(Shape input, Shape weight, Shape bias) {
    checkArgument(
        input.rank() == 2 && weight.rank() == 2 && input.size(1) == weight.size(1),
        "linear: cannot apply weight %s to input %s: expected input [N, %s]",
        weight,
        input,
        weight.rank() == 2 ? weight.size(1) : "in");
    int out = weight.size(0);
    checkArgument(
        bias == null || (bias.rank() == 1 && bias.size(0) == out),
        "linear: bias %s does not match weight %s: expected [%s]",
        bias,
        weight,
        out);
    return new MatMulShape(Shape.scalar(), input.size(0), input.size(1), out, false, false);
  }

  /**
   * Returns the left operand's shape after a 1-D operand became a row and the batch broadcast.
   *
   * @return {@code batch + [m, k]}
   */
  public Shape left() {
    return batchAnd(m, k);
  }

  /**
   * Returns the right operand's shape after a 1-D operand became a column and the batch broadcast.
   *
   * @return {@code batch + [k, n]}
   */
  public Shape right() {
    return batchAnd(k, n);
  }

  /**
   * Returns the shape of the batched product before the vector dimensions are squeezed.
   *
   * @return {@code batch + [m, n]}
   */
  public Shape product() {
    return batchAnd(m, n);
  }

  /**
   * Returns the result's shape: {@link #product()} without the row of a 1-D left operand and the
   * column of a 1-D right operand (rank 0 for a dot product).
   *
   * @return the result's shape
   */
  public Shape result() {
    Shape p = product();
    if (leftVector && rightVector) {
      return batch;
    }
    if (leftVector) {
      return batchAnd(n);
    }
    return rightVector ? batchAnd(m) : p;
  }

  /** Returns the batch followed by {@code last}, refused by name if it is too large. */
  private Shape batchAnd(int... last) {
    int rank = batch.rank();
    int[] sizes = new int[rank + last.length];
    for (int d = 0; d < rank; d++) {
      sizes[d] = batch.size(d);
    }
    System.arraycopy(last, 0, sizes, rank, last.length);
    return Shape.of("matmul", sizes);
  }
}
