package dev.jgrad.tensor.internal.fused;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Raw access to dense tensors for the array kernels of jgrad's own modules (convolution, pooling,
 * normalization): a tensor whose elements are the first {@code numel} elements of its storage, in
 * row-major order, and the wrapping of a kernel's output array as a tensor without a copy.
 *
 * <p><b>This class is not API</b>, like {@link FusedOps}: an array returned here is the tensor's
 * storage itself, and a caller that writes into it must own the tensor (one it created with {@link
 * #wrap}); it reads any other tensor's array only.
 */
public final class DenseArrays {
  private DenseArrays() {}

  /**
   * Returns {@code t} when it is dense (contiguous from offset 0), otherwise a dense copy.
   *
   * @param t any tensor
   * @return a dense tensor equal to {@code t}
   */
  public static Tensor dense(Tensor t) {
    return t.isContiguous() && t.storageOffset() == 0 ? t : t.copy();
  }

  /**
   * Returns the storage of a dense FLOAT32 tensor.
   *
   * @param dense a tensor returned by {@link #dense} or {@link #wrap(float[], int...)}
   * @return its backing array, whose first {@code numel} elements are the tensor
   * @throws IllegalArgumentException if the tensor is not dense or not FLOAT32
   */
  public static float[] floats(Tensor dense) {
    check(dense, DType.FLOAT32);
    return (float[]) FusedOps.bridge().array(dense);
  }

  /**
   * Returns the storage of a dense FLOAT64 tensor.
   *
   * @param dense a tensor returned by {@link #dense} or {@link #wrap(double[], int...)}
   * @return its backing array, whose first {@code numel} elements are the tensor
   * @throws IllegalArgumentException if the tensor is not dense or not FLOAT64
   */
  public static double[] doubles(Tensor dense) {
    check(dense, DType.FLOAT64);
    return (double[]) FusedOps.bridge().array(dense);
  }

  /**
   * Returns a FLOAT32 tensor over {@code data}, not copied.
   *
   * @param data the elements in row-major order; the caller no longer writes to it
   * @param shape the sizes
   * @return a dense tensor
   * @throws IllegalArgumentException if the length differs from the shape's element count
   */
  public static Tensor wrap(float[] data, int... shape) {
    checkLength(data.length, shape);
    return FusedOps.bridge().wrap(data, shape.clone());
  }

  /**
   * Returns a FLOAT64 tensor over {@code data}, not copied.
   *
   * @param data the elements in row-major order; the caller no longer writes to it
   * @param shape the sizes
   * @return a dense tensor
   * @throws IllegalArgumentException if the length differs from the shape's element count
   */
  public static Tensor wrap(double[] data, int... shape) {
    checkLength(data.length, shape);
    return FusedOps.bridge().wrap(data, shape.clone());
  }

  private static void check(Tensor t, DType dtype) {
    if (t.dtype() != dtype || !t.isContiguous() || t.storageOffset() != 0) {
      throw new IllegalArgumentException(
          String.format(
              "DenseArrays: expected a dense %s tensor, got %s with strides %s at offset %s",
              dtype, t.dtype(), Arrays.toString(t.strides()), t.storageOffset()));
    }
  }

  private static void checkLength(int length, int[] shape) {
    long numel = Shape.of(shape).numel();
    checkArgument(
        numel == length,
        "DenseArrays.wrap: %s elements cannot fill shape %s (%s elements)",
        length,
        Arrays.toString(shape),
        numel);
  }
}
