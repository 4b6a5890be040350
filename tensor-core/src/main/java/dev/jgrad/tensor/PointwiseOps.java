package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.Elementwise;
import dev.jgrad.tensor.internal.Kernels;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The one entry point of {@link Tensor}'s elementwise operations: each method broadcasts and
 * promotes its operands, allocates the result, and chooses the kernel.
 *
 * <p>Floating operands of one dtype in a common layout go to the monomorphic {@link Kernels}: a
 * binary operation whose left operand is contiguous and whose right operand repeats one contiguous
 * run (contiguous itself, a scalar, or a row broadcast over leading dimensions), or the reverse for
 * a commutative operation; {@code relu} and its backward pass on contiguous operands. Every other
 * case runs the general strided kernels of {@link Elementwise}, which give the same results.
 */
final class PointwiseOps {
  private PointwiseOps() {}

  /**
   * Returns {@code op(x, y)} elementwise after broadcasting, in the promoted dtype; {@link
   * BinaryOp#DIV} is true division, so INT32 operands give FLOAT32.
   *
   * @param name the public operation's name, for error messages
   */
  static Tensor binary(String name, Tensor x, Tensor y, BinaryOp op) {
    return binary(name, x, y, op == BinaryOp.DIV, op, op.fn());
  }

  /**
   * Returns {@code fn(x, y)} elementwise after broadcasting, in the promoted floating dtype, with
   * the general strided kernel.
   *
   * @param name the public operation's name, for error messages
   */
  static Tensor binaryFloating(String name, Tensor x, Tensor y, DoubleBinaryOperator fn) {
    return binary(name, x, y, true, null, fn);
  }

  private static Tensor binary(
      String name,
      Tensor x,
      Tensor y,
      boolean needsFloating,
      BinaryOp op,
      DoubleBinaryOperator fn) {
    Shape out = Shape.broadcast(name, x.shape(), y.shape());
    DType dt = DType.promote(x.dtype(), y.dtype());
    if (needsFloating) {
      dt = dt.toFloating();
    }
    Tensor a = x.to(dt).expand(out);
    Tensor b = y.to(dt).expand(out);
    Tensor r = Tensor.empty(out, dt);
    if (op != null && binaryRuns(op, a, b, r)) {
      return r;
    }
    Elementwise.zip(
        fn,
        a.data(),
        a.storageOffset(),
        a.stridesView(),
        b.data(),
        b.storageOffset(),
        b.stridesView(),
        r.data(),
        0,
        r.stridesView(),
        out.toArray());
    return r;
  }

  /**
   * Computes {@code out = op(a, b)} with the monomorphic kernels when a is contiguous and b repeats
   * a contiguous run (or the reverse, for a commutative op); a and b are expanded to out's shape
   * and of its dtype, out is fresh. Returns false, doing nothing, for any other layout or dtype.
   */
  private static boolean binaryRuns(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    int n = out.numel();
    DType dt = out.dtype();
    if (n == 0 || !dt.isFloatingPoint()) {
      return false;
    }
    int runA = Layout.repeatedRun(a.shape(), a.stridesView());
    int runB = Layout.repeatedRun(b.shape(), b.stridesView());
    if (runA != n && runB == n && op.commutative()) {
      return binaryRuns(op, b, a, out);
    }
    if (runA != n || runB < 1) {
      return false;
    }
    Kernels k = Kernels.get();
    int ao = a.storageOffset();
    int bo = b.storageOffset();
    if (dt == DType.FLOAT32) {
      float[] x = (float[]) a.data();
      float[] y = (float[]) b.data();
      float[] o = (float[]) out.data();
      if (runB == 1) {
        k.binaryScalar(op, x, ao, y[bo], o, 0, n);
      } else {
        for (int at = 0; at < n; at += runB) {
          k.binary(op, x, ao + at, y, bo, o, at, runB);
        }
      }
    } else {
      double[] x = (double[]) a.data();
      double[] y = (double[]) b.data();
      double[] o = (double[]) out.data();
      if (runB == 1) {
        k.binaryScalar(op, x, ao, y[bo], o, 0, n);
      } else {
        for (int at = 0; at < n; at += runB) {
          k.binary(op, x, ao + at, y, bo, o, at, runB);
        }
      }
    }
    return true;
  }

  /** Returns {@code op(x)} elementwise, in x's dtype (FLOAT32 for INT32 when op needs reals). */
  static Tensor unary(Tensor x, UnaryOp op) {
    Tensor in = op.needsFloating() ? x.to(x.dtype().toFloating()) : x;
    if (op == UnaryOp.RELU && in.dtype().isFloatingPoint() && in.numel() > 0 && in.isContiguous()) {
      return reluRun(in);
    }
    return map(in, op.fn());
  }

  private static Tensor reluRun(Tensor in) {
    int n = in.numel();
    Tensor out = Tensor.empty(in.shape(), in.dtype());
    if (in.dtype() == DType.FLOAT32) {
      Kernels.get().relu((float[]) in.data(), in.storageOffset(), (float[]) out.data(), 0, n);
    } else {
      Kernels.get().relu((double[]) in.data(), in.storageOffset(), (double[]) out.data(), 0, n);
    }
    return out;
  }

  /**
   * Returns x clamped to {@code [min, max]}, in x's dtype unless an INT32 x meets a fractional
   * bound, which gives FLOAT32.
   */
  static Tensor clamp(Tensor x, double min, double max) {
    checkArgument(min <= max, "clamp: min %s must be <= max %s", min, max);
    boolean integral = min == Math.rint(min) || Double.isInfinite(min);
    integral &= max == Math.rint(max) || Double.isInfinite(max);
    DType dt = x.dtype().isFloatingPoint() || integral ? x.dtype() : DType.FLOAT32;
    return map(x.to(dt), v -> v < min ? min : v > max ? max : v);
  }

  /**
   * Returns {@code fn(x)} elementwise with the general strided kernel, in x's dtype (FLOAT32 for
   * INT32); the activations with parameters ({@code gelu}, {@code softplus}, ...) run here.
   */
  static Tensor mapFloating(Tensor x, DoubleUnaryOperator fn) {
    return map(x.to(x.dtype().toFloating()), fn);
  }

  private static Tensor map(Tensor in, DoubleUnaryOperator fn) {
    Tensor r = Tensor.empty(in.shape(), in.dtype());
    Elementwise.map(
        fn,
        in.data(),
        in.storageOffset(),
        in.stridesView(),
        r.data(),
        0,
        r.stridesView(),
        in.shape().toArray());
    return r;
  }

  /** Returns {@code condition != 0 ? a : b} elementwise, broadcasting all three. */
  static Tensor where(Tensor condition, Tensor a, Tensor b) {
    Shape out =
        Shape.broadcast("where", Shape.broadcast("where", condition.shape(), a.shape()), b.shape());
    DType dt = DType.promote(a.dtype(), b.dtype());
    Tensor c = condition.expand(out);
    Tensor x = a.to(dt).expand(out);
    Tensor y = b.to(dt).expand(out);
    Tensor r = Tensor.empty(out, dt);
    Elementwise.where(
        c.data(),
        c.storageOffset(),
        c.stridesView(),
        x.data(),
        x.storageOffset(),
        x.stridesView(),
        y.data(),
        y.storageOffset(),
        y.stridesView(),
        r.data(),
        0,
        r.stridesView(),
        out.toArray());
    return r;
  }

  /**
   * Returns {@code grad * (result > 0)}, the gradient of relu from its result, without building the
   * mask when both are contiguous and of one floating dtype.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  static Tensor reluBackward(Tensor grad, Tensor result) {
    checkArgument(
        result.shape().equals(grad.shape()),
        "reluBackward: result of shape %s does not match gradient of shape %s",
        result.shape(),
        grad.shape());
    DType dt = grad.dtype();
    if (result.dtype() != dt
        || !dt.isFloatingPoint()
        || grad.numel() == 0
        || !grad.isContiguous()
        || !result.isContiguous()) {
      return Tensor.where(result.le(0), Tensor.zerosLike(grad), grad);
    }
    int n = grad.numel();
    Tensor out = Tensor.empty(grad.shape(), dt);
    Kernels k = Kernels.get();
    int go = grad.storageOffset();
    int ro = result.storageOffset();
    if (dt == DType.FLOAT32) {
      k.reluBackward(
          (float[]) grad.data(), go, (float[]) result.data(), ro, (float[]) out.data(), 0, n);
    } else {
      k.reluBackward(
          (double[]) grad.data(), go, (double[]) result.data(), ro, (double[]) out.data(), 0, n);
    }
    return out;
  }

  /**
   * Returns whether {@code |x - y| <= atol + rtol * |y|} (or x equals y) for every element after
   * broadcasting, compared in double precision.
   */
  static boolean allClose(Tensor x, Tensor y, double rtol, double atol) {
    Tensor close =
        binaryFloating(
            "allClose",
            x.to(DType.FLOAT64),
            y.to(DType.FLOAT64),
            (a, b) -> Math.abs(a - b) <= atol + rtol * Math.abs(b) || a == b ? 1 : 0);
    for (double c : close.toDoubleArray()) {
      if (c == 0) {
        return false;
      }
    }
    return true;
  }
}
