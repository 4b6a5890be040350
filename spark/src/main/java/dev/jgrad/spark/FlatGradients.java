package dev.jgrad.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.nn.Parameter;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The gradients of all of a model's parameters laid end to end, in the parameters' dtype (float32
 * or float64), with the element-wise sum that the exchange folds them with: {@code a[i] + b[i]} in
 * that dtype, the same rounding as {@code Tensor.add}, so a fold over micro-batches equals the
 * gradient a single process accumulates in {@code .grad}.
 */
final class FlatGradients {
  private final float[] floats;
  private final double[] doubles;

  private FlatGradients(float[] floats, double[] doubles) {
    this.floats = floats;
    this.doubles = doubles;
  }

  /** Returns a zero buffer of {@code length} elements of {@code dtype}. */
  static FlatGradients zeros(DType dtype, int length) {
    return dtype == DType.FLOAT64
        ? new FlatGradients(null, new double[length])
        : new FlatGradients(new float[length], null);
  }

  /** Returns the dtype of the parameters, all of which must share it. */
  static DType dtypeOf(List<Parameter> params) {
    checkArgument(!params.isEmpty(), "SparkTrainer: the model has no parameters");
    DType dtype = params.get(0).dtype();
    for (Parameter p : params) {
      checkArgument(
          p.dtype() == dtype && (dtype == DType.FLOAT32 || dtype == DType.FLOAT64),
          "SparkTrainer: parameters must all be FLOAT32 or all FLOAT64, found %s and %s",
          dtype,
          p.dtype());
    }
    return dtype;
  }

  /** Returns the number of elements of all the parameters. */
  static int lengthOf(List<Parameter> params) {
    long n = 0;
    for (Parameter p : params) {
      n += p.numel();
    }
    checkArgument(n <= Integer.MAX_VALUE, "SparkTrainer: %s parameters are too many", n);
    return (int) n;
  }

  /** Copies the parameters' current gradients (zeros where there is none). */
  static FlatGradients of(List<Parameter> params) {
    DType dtype = dtypeOf(params);
    FlatGradients flat = zeros(dtype, lengthOf(params));
    int at = 0;
    for (Parameter p : params) {
      Tensor g = p.grad();
      int n = p.numel();
      if (g != null) {
        if (dtype == DType.FLOAT64) {
          System.arraycopy(g.toDoubleArray(), 0, flat.doubles, at, n);
        } else {
          System.arraycopy(g.toFloatArray(), 0, flat.floats, at, n);
        }
      }
      at += n;
    }
    return flat;
  }

  /** Sets every parameter's gradient to its slice of this buffer. */
  void assignTo(List<Parameter> params) {
    int at = 0;
    for (Parameter p : params) {
      int n = p.numel();
      int[] shape = p.shape().toArray();
      Tensor g =
          doubles != null
              ? Tensor.of(Arrays.copyOfRange(doubles, at, at + n), shape)
              : Tensor.of(Arrays.copyOfRange(floats, at, at + n), shape);
      p.setGrad(g);
      at += n;
    }
  }

  int length() {
    return doubles != null ? doubles.length : floats.length;
  }

  int elementBytes() {
    return doubles != null ? Double.BYTES : Float.BYTES;
  }

  /** Copies {@code [from, to)} of {@code other} into this buffer. */
  void copyRange(FlatGradients other, int from, int to) {
    if (doubles != null) {
      System.arraycopy(other.doubles, from, doubles, from, to - from);
    } else {
      System.arraycopy(other.floats, from, floats, from, to - from);
    }
  }

  /** Adds {@code [from, to)} of {@code other} to this buffer, element by element. */
  void addRange(FlatGradients other, int from, int to) {
    if (doubles != null) {
      for (int i = from; i < to; i++) {
        doubles[i] += other.doubles[i];
      }
    } else {
      for (int i = from; i < to; i++) {
        floats[i] += other.floats[i];
      }
    }
  }

  /** Writes {@code [from, to)} into {@code bytes} (little-endian), from its start. */
  void toBytes(byte[] bytes, int from, int to) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (doubles != null) {
      buffer.asDoubleBuffer().put(doubles, from, to - from);
    } else {
      buffer.asFloatBuffer().put(floats, from, to - from);
    }
  }

  /** Reads {@code [from, to)} from {@code bytes} (little-endian), from its start. */
  void fromBytes(byte[] bytes, int from, int to) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (doubles != null) {
      buffer.asDoubleBuffer().get(doubles, from, to - from);
    } else {
      buffer.asFloatBuffer().get(floats, from, to - from);
    }
  }
}
