package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.Elementwise;
import dev.jgrad.tensor.internal.Kernels;
import dev.jgrad.tensor.internal.PrimitiveArrays;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;

/**
 * The one entry point of {@link Tensor}'s copies and in-place updates: each method checks the
 * destination, chooses the kernel, and bumps the storage's version after an in-place write.
 *
 * <p>A copy into a contiguous destination from a source of the same dtype that repeats one
 * contiguous run (contiguous itself, a broadcast row, or a broadcast scalar) is one array copy per
 * repetition, or a fill. {@code addInPlace} (and its decayed form) of a same-shape, same-dtype
 * floating operand with both contiguous and not sharing storage runs the monomorphic {@link
 * Kernels#axpy} kernel, split across the kernel threads for large tensors, and an SGD momentum step
 * over three such tensors the one-pass {@link Kernels#momentumStep} kernel; {@code mulInPlace} by a
 * scalar of a contiguous floating tensor runs {@link Kernels#binaryScalar}. Every other case runs
 * the general strided kernels of {@link Elementwise}, which give the same results.
 */
final class WriteOps {
  private WriteOps() {}

  /** Returns a contiguous copy of {@code src} converted to {@code target}. */
  static Tensor copy(Tensor src, DType target) {
    Tensor out = Tensor.empty(src.shape(), target);
    write(out, src);
    return out;
  }

  /** Returns {@code t} if it is contiguous, otherwise a contiguous copy. */
  static Tensor contiguous(Tensor t) {
    return t.isContiguous() ? t : copy(t, t.dtype());
  }

  /** Returns {@code t} if it has dtype {@code target}, otherwise a converted copy. */
  static Tensor to(Tensor t, DType target) {
    return target == t.dtype() ? t : copy(t, target);
  }

  /** Returns a fresh tensor with every element equal to {@code value} cast to {@code dtype}. */
  static Tensor full(Shape shape, double value, DType dtype) {
    Tensor t = Tensor.empty(shape, dtype);
    write(t, constant(value, dtype).expand(shape));
    return t;
  }

  /** Sets every element of {@code t} to {@code value}; returns t. */
  static Tensor fill(Tensor t, double value) {
    requireWritable("fill", t);
    write(t, constant(value, t.dtype()).expand(t.shape()));
    t.bumpVersion();
    return t;
  }

  /** Copies {@code src}, broadcast and cast, into {@code dst}; returns dst. */
  static Tensor copyFrom(Tensor dst, Tensor src) {
    requireWritable("copyFrom", dst);
    Shape shape = dst.shape();
    checkArgument(
        Shape.broadcast("copyFrom", shape, src.shape()).equals(shape),
        "copyFrom: source of shape %s cannot be broadcast to %s",
        src.shape(),
        shape);
    write(dst, src.sharesStorageWith(dst) ? src.copy() : src.expand(shape));
    dst.bumpVersion();
    return dst;
  }

  /** Adds {@code alpha * x} (broadcast) to {@code y}; returns y. */
  static Tensor addInPlace(Tensor y, Tensor x, double alpha) {
    if (contiguousPair(y, x)) {
      return axpy(y, x, alpha);
    }
    if (y.dtype() == DType.FLOAT32) {
      float af = (float) alpha;
      return update("addInPlace", y, x, (a, b) -> Math.fma(af, (float) b, (float) a));
    }
    return update("addInPlace", y, x, (a, b) -> a + alpha * b);
  }

  /**
   * Adds {@code alpha * (x + decay * y)} (x broadcast) to {@code y}, exactly as {@code
   * addInPlace(y, x.add(y.mul(decay)), alpha)}; returns y.
   */
  static Tensor addInPlaceWithDecay(Tensor y, Tensor x, double alpha, double decay) {
    if (contiguousPair(y, x)) {
      return axpyDecay(y, x, alpha, decay);
    }
    return addInPlace(y, x.add(y.mul(decay)), alpha);
  }

  /**
   * Runs an SGD momentum step, exactly {@code buf.mulInPlace(momentum).addInPlace(grad, gradScale)}
   * then {@code param.addInPlace(buf, alpha)}, in one pass when the three are contiguous, of one
   * shape and one floating dtype, and over different storages; returns param.
   */
  static Tensor momentumStep(
      Tensor param, Tensor buf, Tensor grad, double momentum, double gradScale, double alpha) {
    if (!contiguousPair(param, buf)
        || !contiguousPair(buf, grad)
        || param.sharesStorageWith(grad)) {
      mulInPlace(buf, momentum);
      addInPlace(buf, grad, gradScale);
      return addInPlace(param, buf, alpha);
    }
    int po = param.storageOffset();
    int bo = buf.storageOffset();
    int go = grad.storageOffset();
    Kernels k = Kernels.get();
    if (param.data() instanceof float[] pd) {
      float[] bd = (float[]) buf.data();
      float[] gd = (float[]) grad.data();
      ParallelRange.split(
          param.numel(),
          (from, to) ->
              k.momentumStep(
                  pd, po + from, bd, bo + from, gd, go + from, momentum, gradScale, alpha,
                  to - from));
    } else {
      double[] pd = (double[]) param.data();
      double[] bd = (double[]) buf.data();
      double[] gd = (double[]) grad.data();
      ParallelRange.split(
          param.numel(),
          (from, to) ->
              k.momentumStep(
                  pd, po + from, bd, bo + from, gd, go + from, momentum, gradScale, alpha,
                  to - from));
    }
    buf.bumpVersion();
    param.bumpVersion();
    return param;
  }

  private static Tensor axpy(Tensor y, Tensor x, double alpha) {
    int yo = y.storageOffset();
    int xo = x.storageOffset();
    Kernels k = Kernels.get();
    if (y.data() instanceof float[] yd) {
      float[] xd = (float[]) x.data();
      ParallelRange.split(
          y.numel(), (from, to) -> k.axpy(yd, yo + from, alpha, xd, xo + from, to - from));
    } else {
      double[] yd = (double[]) y.data();
      double[] xd = (double[]) x.data();
      ParallelRange.split(
          y.numel(), (from, to) -> k.axpy(yd, yo + from, alpha, xd, xo + from, to - from));
    }
    y.bumpVersion();
    return y;
  }

  private static Tensor axpyDecay(Tensor y, Tensor x, double alpha, double decay) {
    int yo = y.storageOffset();
    int xo = x.storageOffset();
    Kernels k = Kernels.get();
    if (y.data() instanceof float[] yd) {
      float[] xd = (float[]) x.data();
      ParallelRange.split(
          y.numel(),
          (from, to) -> k.axpyDecay(yd, yo + from, alpha, decay, xd, xo + from, to - from));
    } else {
      double[] yd = (double[]) y.data();
      double[] xd = (double[]) x.data();
      ParallelRange.split(
          y.numel(),
          (from, to) -> k.axpyDecay(yd, yo + from, alpha, decay, xd, xo + from, to - from));
    }
    y.bumpVersion();
    return y;
  }

  /**
   * Returns whether {@code y} and {@code x} are nonempty, contiguous, of one shape and one floating
   * dtype, and over different storages: the layout of the axpy kernels.
   */
  private static boolean contiguousPair(Tensor y, Tensor x) {
    return y.numel() > 0
        && y.dtype().isFloatingPoint()
        && x.dtype() == y.dtype()
        && x.shape().equals(y.shape())
        && !y.sharesStorageWith(x)
        && y.isContiguous()
        && x.isContiguous();
  }

  /** Multiplies {@code y} by {@code x} (broadcast) in place; returns y. */
  static Tensor mulInPlace(Tensor y, Tensor x) {
    return update("mulInPlace", y, x, (a, b) -> a * b);
  }

  /** Multiplies {@code y} by {@code s} in place; returns y. */
  static Tensor mulInPlace(Tensor y, double s) {
    if (y.numel() == 0 || !y.dtype().isFloatingPoint() || !y.isContiguous()) {
      return mulInPlace(y, Tensor.scalar(s, y.dtype()));
    }
    int off = y.storageOffset();
    if (y.data() instanceof float[] a) {
      Kernels.get().binaryScalar(BinaryOp.MUL, a, off, (float) s, a, off, y.numel());
    } else {
      double[] a = (double[]) y.data();
      Kernels.get().binaryScalar(BinaryOp.MUL, a, off, s, a, off, y.numel());
    }
    y.bumpVersion();
    return y;
  }

  /** Sets the element of {@code t} at {@code index} to {@code value}. */
  static void set(Tensor t, double value, int[] index) {
    requireWritable("set", t);
    int at = Layout.offsetOf("set", t.shape(), t.stridesView(), t.storageOffset(), index);
    PrimitiveArrays.set(t.data(), at, value);
    t.bumpVersion();
  }

  /**
   * Returns a FLOAT32 tensor of {@code (data[i] & 0xff) / (float) divisor}, converted straight into
   * its storage.
   *
   * @throws IllegalArgumentException if the shape's element count differs from {@code data.length}
   */
  static Tensor ofUnsignedBytes(byte[] data, double divisor, int[] shape) {
    Shape s = shape.length == 0 ? Shape.of(data.length) : Shape.of(shape);
    checkArgument(
        s.numel() == data.length,
        "ofUnsignedBytes: %s bytes cannot fill shape %s (%s elements)",
        data.length,
        s,
        s.numel());
    Tensor t = Tensor.empty(s, DType.FLOAT32);
    Kernels.get()
        .unsignedBytesToFloat(data, 0, (float) divisor, (float[]) t.data(), 0, data.length);
    return t;
  }

  private static Tensor update(String op, Tensor y, Tensor x, DoubleBinaryOperator fn) {
    requireWritable(op, y);
    Shape shape = y.shape();
    checkArgument(
        Shape.broadcast(op, shape, x.shape()).equals(shape),
        "%s: operand of shape %s cannot be broadcast to %s",
        op,
        x.shape(),
        shape);
    checkArgument(
        DType.promote(y.dtype(), x.dtype()) == y.dtype(),
        "%s: cannot write a %s result into a %s tensor",
        op,
        x.dtype(),
        y.dtype());
    Tensor b = (x.sharesStorageWith(y) ? x.copy() : x).to(y.dtype()).expand(shape);
    Elementwise.zip(
        fn,
        y.data(),
        y.storageOffset(),
        y.stridesView(),
        b.data(),
        b.storageOffset(),
        b.stridesView(),
        y.data(),
        y.storageOffset(),
        y.stridesView(),
        shape.toArray());
    y.bumpVersion();
    return y;
  }

  /** Copies {@code src}, expanded to dst's shape and not overlapping it, into {@code dst}. */
  private static void write(Tensor dst, Tensor src) {
    if (copyRuns(dst, src)) {
      return;
    }
    Elementwise.copy(
        src.data(),
        src.storageOffset(),
        src.stridesView(),
        dst.data(),
        dst.storageOffset(),
        dst.stridesView(),
        dst.shape().toArray());
  }

  /**
   * Copies {@code src} of dst's dtype into contiguous {@code dst} when src repeats one contiguous
   * run: one array copy per repetition, or a fill. Returns false, doing nothing, otherwise.
   */
  private static boolean copyRuns(Tensor dst, Tensor src) {
    int n = dst.numel();
    if (n == 0 || src.dtype() != dst.dtype() || !dst.isContiguous()) {
      return false;
    }
    int run = Layout.repeatedRun(src.shape(), src.stridesView());
    if (run < 1) {
      return false;
    }
    Object from = src.data();
    Object to = dst.data();
    int so = src.storageOffset();
    int dOff = dst.storageOffset();
    if (run == 1) {
      switch (dst.dtype()) {
        case FLOAT32 -> Arrays.fill((float[]) to, dOff, dOff + n, ((float[]) from)[so]);
        case FLOAT64 -> Arrays.fill((double[]) to, dOff, dOff + n, ((double[]) from)[so]);
        case INT32 -> Arrays.fill((int[]) to, dOff, dOff + n, ((int[]) from)[so]);
      }
      return true;
    }
    for (int at = 0; at < n; at += run) {
      System.arraycopy(from, so, to, dOff + at, run);
    }
    return true;
  }

  private static Tensor constant(double value, DType dtype) {
    Tensor c = Tensor.empty(Shape.scalar(), dtype);
    PrimitiveArrays.set(c.data(), 0, value);
    return c;
  }

  private static void requireWritable(String op, Tensor t) {
    int d = Layout.firstExpandedDim(t.shape(), t.stridesView());
    checkArgument(
        d < 0,
        "%s: cannot write into an expanded tensor of shape %s (dim %s has stride 0, so several"
            + " elements share one memory location); copy() it first",
        op,
        t.shape(),
        d);
  }
}
