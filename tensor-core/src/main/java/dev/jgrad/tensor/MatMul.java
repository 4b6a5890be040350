package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.Gemm;
import dev.jgrad.tensor.internal.Matrix;

/**
 * {@link Tensor#matmul} under PyTorch's rules: vector·vector is a dot product, a 1-D operand is
 * treated as a row (left) or column (right) and that dimension is removed from the result, and
 * leading batch dimensions broadcast. Every product is one call to the blocked {@link Gemm} kernel
 * per batch element, reading transposed or sliced operands through their strides in place.
 */
final class MatMul {
  private MatMul() {}

  static Tensor matmul(Tensor left, Tensor right) {
    MatMulShape plan = MatMulShape.of(left.shape(), right.shape());
    DType dt = left.dtype();
    checkArgument(
        dt.isFloatingPoint() && right.dtype() == dt,
        "matmul: expected floating operands of one dtype as PyTorch does, got %s and %s"
            + " (convert one with to(dtype))",
        left.dtype(),
        right.dtype());
    Tensor a = plan.leftVector() ? left.to(dt).unsqueeze(0) : left.to(dt);
    Tensor b = plan.rightVector() ? right.to(dt).unsqueeze(1) : right.to(dt);
    Tensor aE = a.expand(plan.left());
    Tensor bE = b.expand(plan.right());
    Tensor out = Tensor.empty(plan.product(), dt);
    int m = plan.m();
    int n = plan.n();
    int[] batch = plan.batch().toArray();
    int batches = plan.batch().numel();
    int[] index = new int[batch.length];
    for (int i = 0; i < batches; i++) {
      int aOff = offsetAt(aE, index);
      int bOff = offsetAt(bE, index);
      multiply(aE, aOff, bE, bOff, out, i * m * n, m, n, plan.k());
      for (int d = batch.length - 1; d >= 0 && ++index[d] == batch[d]; d--) {
        index[d] = 0;
      }
    }
    return out.reshape(plan.result().toArray());
  }

  static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
    DType dt = input.dtype();
    checkArgument(
        dt.isFloatingPoint() && weight.dtype() == dt && (bias == null || bias.dtype() == dt),
        "linear: expected floating operands of one dtype, got input %s, weight %s, bias %s",
        dt,
        weight.dtype(),
        bias == null ? "none" : bias.dtype());
    MatMulShape plan =
        MatMulShape.linear(input.shape(), weight.shape(), bias == null ? null : bias.shape());
    int n = plan.m();
    int out = plan.n();
    Tensor result = Tensor.empty(Shape.of(n, out), dt);
    if (bias != null) {
      result.copyFrom(bias);
    }
    Tensor wt = weight.t();
    multiply(
        input,
        input.storageOffset(),
        wt,
        wt.storageOffset(),
        result,
        0,
        n,
        out,
        input.size(1),
        bias != null);
    return result;
  }

  private static void multiply(
      Tensor a, int aOff, Tensor b, int bOff, Tensor out, int cOff, int m, int n, int k) {
    multiply(a, aOff, b, bOff, out, cOff, m, n, k, false);
  }

  private static void multiply(
      Tensor a,
      int aOff,
      Tensor b,
      int bOff,
      Tensor out,
      int cOff,
      int m,
      int n,
      int k,
      boolean accumulate) {
    int[] as = a.stridesView();
    int[] bs = b.stridesView();
    Gemm.multiply(
        new Matrix<>(a.data(), aOff, m, k, as[as.length - 2], as[as.length - 1]),
        new Matrix<>(b.data(), bOff, k, n, bs[bs.length - 2], bs[bs.length - 1]),
        new Matrix<>(out.data(), cOff, m, n, n, 1),
        accumulate);
  }

  private static int offsetAt(Tensor t, int[] batchIndex) {
    int[] strides = t.stridesView();
    int at = t.storageOffset();
    for (int d = 0; d < batchIndex.length; d++) {
      at += batchIndex[d] * strides[d];
    }
    return at;
  }
}
