package dev.jgrad.autograd.ops;

import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * The shape checks of ops whose derivatives assume that their callers broadcast the operands first,
 * as {@link dev.jgrad.autograd.Variable}'s methods do: applied directly to operands of other
 * shapes, these ops fail at once instead of returning gradients of the wrong shape.
 */
final class Operands {
  private Operands() {}

  /**
   * Throws unless all operands have one shape.
   *
   * @param op the op's name, which is also the name of the broadcasting method of {@code Variable}
   * @param operands the operands, in order
   * @throws IllegalArgumentException naming the op and the shapes, if two shapes differ
   */
  static void requireOneShape(String op, Tensor... operands) {
    Shape first = operands[0].shape();
    for (Tensor t : operands) {
      if (!t.shape().equals(first)) {
        throw new IllegalArgumentException(
            String.format(
                "%s: operands must have one shape, got %s; expand them first (Variable.%s"
                    + " broadcasts)",
                op, shapes(operands), op));
      }
    }
  }

  /**
   * Throws unless both operands are stacks of matrices, of rank at least 2, with one batch shape.
   *
   * @param op the op's name, which is also the name of the broadcasting method of {@code Variable}
   * @param a the left operand
   * @param b the right operand
   * @throws IllegalArgumentException naming the op and both shapes, otherwise
   */
  static void requireMatrixStacks(String op, Tensor a, Tensor b) {
    int rank = a.dim();
    if (rank < 2
        || b.dim() != rank
        || !a.shape().prefix(rank - 2).equals(b.shape().prefix(rank - 2))) {
      throw new IllegalArgumentException(
          String.format(
              "%s: operands must be matrices or stacks of them with one batch shape, got %s; unsqueeze"
                  + " and expand them first (Variable.%s does)",
              op, shapes(a, b), op));
    }
  }

  private static String shapes(Tensor... operands) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < operands.length; i++) {
      s.append(i == 0 ? "" : i == operands.length - 1 ? " and " : ", ").append(operands[i].shape());
    }
    return s.toString();
  }

  /**
   * Returns {@code t} with the order of dimension {@code dim} reversed, as {@code torch.flip}: an
   * {@code indexSelect} with the indices {@code size - 1, …, 0}.
   */
  static Tensor flip(Tensor t, int dim) {
    int n = t.size(dim);
    int[] reversed = new int[n];
    for (int i = 0; i < n; i++) {
      reversed[i] = n - 1 - i;
    }
    return t.indexSelect(dim, Tensor.of(reversed, n));
  }

  /**
   * Returns the sizes of {@code input} with the reduced {@code dims} set to 1 (no dims: all of
   * them), the shape a reduction's result has with {@code keepdim}.
   */
  static int[] keptSizes(Shape input, int[] dims) {
    int[] kept = input.toArray();
    for (int d : reducedDims(input, dims)) {
      kept[d] = 1;
    }
    return kept;
  }

  /** Returns the reduced dimensions in {@code [0, rank)}: {@code dims}, or all of them if none. */
  static int[] reducedDims(Shape input, int[] dims) {
    int[] reduced = new int[dims.length == 0 ? input.rank() : dims.length];
    for (int k = 0; k < reduced.length; k++) {
      reduced[k] = dims.length == 0 ? k : input.normalizeDim(dims[k]);
    }
    return reduced;
  }

  /** Returns {@code t.sign()} with 0 for NaN, as PyTorch's {@code sgn} of a real tensor. */
  static Tensor sgn(Tensor t) {
    return Tensor.where(t.ne(t), Tensor.scalar(0, t.dtype()), t.sign());
  }
}
