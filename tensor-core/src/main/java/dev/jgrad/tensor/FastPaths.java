package dev.jgrad.tensor;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.Kernels;
import dev.jgrad.tensor.internal.WorkerPool;
import java.util.Arrays;

/**
 * Monomorphic fast paths for the common layouts of float and double tensors: operands that are one
 * contiguous run, a scalar, or a contiguous row repeated over leading dimensions (a broadcast
 * bias). Each method returns false, doing nothing, when the layout or dtype does not fit, and the
 * caller falls back to the general strided kernels, which give the same results.
 */
final class FastPaths {
  private FastPaths() {}

  /**
   * Returns the length of the contiguous run that {@code t} repeats, or -1: its trailing dimensions
   * must be contiguous (stride 1 for the last, and so on) and every leading dimension of size above
   * 1 must have stride 0. A contiguous tensor gives its element count, a broadcast scalar 1.
   */
  static int repeatedRun(Tensor t) {
    int[] strides = t.stridesView();
    Shape shape = t.shape();
    int expected = 1;
    int d = strides.length - 1;
    for (; d >= 0; d--) {
      int size = shape.size(d);
      if (size == 1) {
        continue;
      }
      if (strides[d] != expected) {
        break;
      }
      expected *= size;
    }
    for (; d >= 0; d--) {
      if (shape.size(d) != 1 && strides[d] != 0) {
        return -1;
      }
    }
    return expected;
  }

  /** Computes {@code out = op(a, b)} for a, b expanded to out's shape; out is fresh. */
  static boolean binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    int n = out.numel();
    DType dt = out.dtype();
    if (n == 0 || !dt.isFloatingPoint() || a.dtype() != dt || b.dtype() != dt) {
      return false;
    }
    int runA = repeatedRun(a);
    int runB = repeatedRun(b);
    if (runA != n && runB == n && op.commutative()) {
      return binary(op, b, a, out);
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

  /**
   * Copies {@code src}, already expanded to dst's shape and of dst's dtype, into contiguous {@code
   * dst} when src repeats one contiguous run (a contiguous tensor, a broadcast row or a broadcast
   * scalar): one array copy per repetition, or a fill. The storages must not overlap.
   */
  static boolean copy(Tensor src, Tensor dst) {
    int n = dst.numel();
    if (n == 0 || src.dtype() != dst.dtype() || repeatedRun(dst) != n) {
      return false;
    }
    int run = repeatedRun(src);
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

  /** Computes {@code out = relu(in)} for contiguous in; out is fresh. */
  static boolean relu(Tensor in, Tensor out) {
    int n = in.numel();
    if (n == 0 || !in.dtype().isFloatingPoint() || repeatedRun(in) != n) {
      return false;
    }
    if (in.dtype() == DType.FLOAT32) {
      Kernels.get().relu((float[]) in.data(), in.storageOffset(), (float[]) out.data(), 0, n);
    } else {
      Kernels.get().relu((double[]) in.data(), in.storageOffset(), (double[]) out.data(), 0, n);
    }
    return true;
  }

  /**
   * Computes {@code y = y + alpha * x} in place (in double precision, rounded to y's dtype) when y
   * and x are contiguous, of one floating dtype, and do not share storage.
   */
  static boolean axpy(Tensor y, double alpha, Tensor x) {
    int n = y.numel();
    if (n == 0
        || !y.dtype().isFloatingPoint()
        || x.dtype() != y.dtype()
        || y.sharesStorageWith(x)
        || repeatedRun(y) != n
        || repeatedRun(x) != n) {
      return false;
    }
    Kernels k = Kernels.get();
    int yo = y.storageOffset();
    int xo = x.storageOffset();
    if (y.dtype() == DType.FLOAT32) {
      float[] yd = (float[]) y.data();
      float[] xd = (float[]) x.data();
      split(n, (from, to) -> k.axpy(yd, yo + from, alpha, xd, xo + from, to - from));
    } else {
      double[] yd = (double[]) y.data();
      double[] xd = (double[]) x.data();
      split(n, (from, to) -> k.axpy(yd, yo + from, alpha, xd, xo + from, to - from));
    }
    return true;
  }

  /**
   * Computes {@code out = grad * (result > 0)} for contiguous grad and result of out's floating
   * dtype; out is fresh.
   */
  static boolean reluBackward(Tensor grad, Tensor result, Tensor out) {
    int n = out.numel();
    if (n == 0 || repeatedRun(grad) != n || repeatedRun(result) != n) {
      return false;
    }
    Kernels k = Kernels.get();
    int go = grad.storageOffset();
    int ro = result.storageOffset();
    if (out.dtype() == DType.FLOAT32) {
      k.reluBackward(
          (float[]) grad.data(), go, (float[]) result.data(), ro, (float[]) out.data(), 0, n);
    } else {
      k.reluBackward(
          (double[]) grad.data(), go, (double[]) result.data(), ro, (double[]) out.data(), 0, n);
    }
    return true;
  }

  /**
   * Computes {@code y = y + alpha * (x + decay * y)} in place, each operation rounded to y's dtype
   * (the last as a fused multiply-add for float), under the conditions of {@link #axpy}.
   */
  static boolean axpyDecay(Tensor y, double alpha, double decay, Tensor x) {
    int n = y.numel();
    if (n == 0
        || !y.dtype().isFloatingPoint()
        || x.dtype() != y.dtype()
        || y.sharesStorageWith(x)
        || repeatedRun(y) != n
        || repeatedRun(x) != n) {
      return false;
    }
    Kernels k = Kernels.get();
    int yo = y.storageOffset();
    int xo = x.storageOffset();
    if (y.dtype() == DType.FLOAT32) {
      float[] yd = (float[]) y.data();
      float[] xd = (float[]) x.data();
      split(n, (from, to) -> k.axpyDecay(yd, yo + from, alpha, decay, xd, xo + from, to - from));
    } else {
      double[] yd = (double[]) y.data();
      double[] xd = (double[]) x.data();
      split(n, (from, to) -> k.axpyDecay(yd, yo + from, alpha, decay, xd, xo + from, to - from));
    }
    return true;
  }

  /** In-place updates of at least this many elements are split across the kernel threads. */
  static final int PARALLEL_ELEMENTS = 1 << 15;

  /** A pass over the elements {@code [from, to)} of a contiguous run. */
  @FunctionalInterface
  interface Range {
    /** Processes elements {@code from} (inclusive) to {@code to} (exclusive). */
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over {@code [0, n)}, cut into one contiguous range per kernel thread (at
   * multiples of 16 elements) when n is at least {@link #PARALLEL_ELEMENTS}. Each element is
   * computed alone, so the result is the same for any cut; the cut matches the row split of a
   * matrix product that produced the data, so each thread updates what it wrote.
   */
  static void split(int n, Range body) {
    int parts = WorkerPool.threads();
    if (parts == 1 || n < PARALLEL_ELEMENTS) {
      body.run(0, n);
      return;
    }
    WorkerPool.run(parts, p -> body.run(cut(n, parts, p), cut(n, parts, p + 1)));
  }

  private static int cut(int n, int parts, int p) {
    return p >= parts ? n : (int) ((long) n * p / parts) & ~15;
  }

  /** Multiplies contiguous floating {@code y} in place by {@code s} (rounded to y's dtype). */
  static boolean scale(Tensor y, double s) {
    int n = y.numel();
    if (n == 0 || !y.dtype().isFloatingPoint() || repeatedRun(y) != n) {
      return false;
    }
    int off = y.storageOffset();
    if (y.dtype() == DType.FLOAT32) {
      float[] a = (float[]) y.data();
      Kernels.get().binaryScalar(BinaryOp.MUL, a, off, (float) s, a, off, n);
    } else {
      double[] a = (double[]) y.data();
      Kernels.get().binaryScalar(BinaryOp.MUL, a, off, s, a, off, n);
    }
    return true;
  }

  /**
   * Sums contiguous floating {@code in} over {@code reduced} dims when they are a leading prefix
   * (column sums) or a trailing suffix (row sums) of its dimensions, accumulating in double in
   * row-major order as the general reduction does; writes into fresh {@code out}.
   */
  static boolean sum(Tensor in, boolean[] reduced, Tensor out) {
    int n = in.numel();
    int rank = reduced.length;
    if (n == 0 || !in.dtype().isFloatingPoint() || repeatedRun(in) != n) {
      return false;
    }
    int prefix = 0;
    while (prefix < rank && reduced[prefix]) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < rank && reduced[rank - 1 - suffix]) {
      suffix++;
    }
    int count = 0;
    for (boolean r : reduced) {
      count += r ? 1 : 0;
    }
    Shape shape = in.shape();
    double[] acc;
    if (prefix == count) {
      int rows = 1;
      for (int d = 0; d < prefix; d++) {
        rows *= shape.size(d);
      }
      int cols = n / rows;
      acc = new double[cols];
      if (in.dtype() == DType.FLOAT32) {
        Kernels.get().sumRows((float[]) in.data(), in.storageOffset(), rows, cols, acc);
      } else {
        Kernels.get().sumRows((double[]) in.data(), in.storageOffset(), rows, cols, acc);
      }
    } else if (suffix == count) {
      int run = 1;
      for (int d = rank - suffix; d < rank; d++) {
        run *= shape.size(d);
      }
      acc = new double[n / run];
      Object data = in.data();
      int off = in.storageOffset();
      for (int r = 0; r < acc.length; r++) {
        acc[r] = sumRun(data, off + r * run, run);
      }
    } else {
      return false;
    }
    if (out.dtype() == DType.FLOAT32) {
      float[] o = (float[]) out.data();
      for (int i = 0; i < acc.length; i++) {
        o[i] = (float) acc[i];
      }
    } else {
      System.arraycopy(acc, 0, (double[]) out.data(), 0, acc.length);
    }
    return true;
  }

  private static double sumRun(Object data, int from, int length) {
    double s = 0;
    if (data instanceof float[] f) {
      for (int i = from; i < from + length; i++) {
        s += f[i];
      }
    } else {
      double[] d = (double[]) data;
      for (int i = from; i < from + length; i++) {
        s += d[i];
      }
    }
    return s;
  }
}
