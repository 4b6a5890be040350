package dev.jgrad.tensor.internal.fused;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;

/**
 * Cross-entropy with class indices in one pass over the logits {@code [N, C]}, for autograd's
 * {@code cross_entropy} op: the log-softmax of each row and the negative log-likelihood of its
 * class, and the gradient with respect to the logits.
 *
 * <p>Every value is rounded as the composite of tensor ops rounds it, so the fused op and {@code
 * x.logSoftmax(1).gather(1, y).neg()} agree bit for bit, special values included: with {@code m}
 * the row maximum (NaN if the row holds one), {@code s = x − m}, {@code logp = s − log(Σ exp(s))}
 * with the sum accumulated in double from the first class on, each step rounded to the logits'
 * dtype; the gradient is {@code onehot · a − exp(logp) · a} with {@code a = 0 + (−grad_n)}, as
 * {@code log_softmax}'s backward {@code g − exp(logp) · Σ g} computes it from the scattered
 * gradient {@code g = onehot · a}. The loops are plain Java over one row at a time, so the results
 * do not depend on SIMD or the thread count.
 *
 * <p><b>This class is not API</b>, like {@link FusedOps}: a door opened only to jgrad's own
 * modules.
 */
public final class CrossEntropyKernels {
  private CrossEntropyKernels() {}

  /**
   * Returns the log-softmax of each row of {@code logits} and each row's negative log-likelihood
   * {@code −logp[n, labels[n]]}.
   *
   * @param logits FLOAT32 or FLOAT64 scores {@code [N, C]}, any layout
   * @param labels the class of each row, each in {@code [0, C)}
   * @return {@code {logp [N, C], nll [N]}}, new dense tensors of the logits' dtype
   * @throws IllegalArgumentException if the logits are not floating and 2-D, or the labels do not
   *     fit them
   */
  public static Tensor[] forward(Tensor logits, int[] labels) {
    check(logits, labels);
    int n = logits.size(0);
    int c = logits.size(1);
    Tensor x = DenseArrays.dense(logits);
    if (x.dtype() == DType.FLOAT32) {
      float[] logp = new float[n * c];
      float[] nll = new float[n];
      forward(DenseArrays.floats(x), labels, c, logp, nll);
      return new Tensor[] {DenseArrays.wrap(logp, n, c), DenseArrays.wrap(nll, n)};
    }
    double[] logp = new double[n * c];
    double[] nll = new double[n];
    forward(DenseArrays.doubles(x), labels, c, logp, nll);
    return new Tensor[] {DenseArrays.wrap(logp, n, c), DenseArrays.wrap(nll, n)};
  }

  /**
   * Returns the gradient with respect to the logits, given the log-softmax {@link #forward}
   * returned and the gradient with respect to each row's negative log-likelihood.
   *
   * @param logp the log-softmax {@code [N, C]} returned by {@link #forward}
   * @param labels the labels passed to {@link #forward}
   * @param grad the gradient with respect to the negative log-likelihoods {@code [N]}, of the
   *     log-softmax's dtype, any layout
   * @return a new dense tensor {@code [N, C]} of the log-softmax's dtype
   * @throws IllegalArgumentException if the shapes, dtypes or labels do not fit
   */
  public static Tensor backward(Tensor logp, int[] labels, Tensor grad) {
    check(logp, labels);
    int n = logp.size(0);
    int c = logp.size(1);
    checkArgument(
        grad.dtype() == logp.dtype() && grad.dim() == 1 && grad.size(0) == n,
        "CrossEntropyKernels.backward: gradient %s %s does not fit log-probabilities %s %s",
        grad.dtype(),
        grad.shape(),
        logp.dtype(),
        logp.shape());
    Tensor p = DenseArrays.dense(logp);
    Tensor g = DenseArrays.dense(grad);
    if (p.dtype() == DType.FLOAT32) {
      float[] dx = new float[n * c];
      backward(DenseArrays.floats(p), labels, DenseArrays.floats(g), c, dx);
      return DenseArrays.wrap(dx, n, c);
    }
    double[] dx = new double[n * c];
    backward(DenseArrays.doubles(p), labels, DenseArrays.doubles(g), c, dx);
    return DenseArrays.wrap(dx, n, c);
  }

  private static void forward(float[] x, int[] labels, int c, float[] logp, float[] nll) {
    for (int row = 0, o = 0; row < labels.length; row++, o += c) {
      float m = x[o];
      for (int j = 1; j < c && m == m; j++) {
        float v = x[o + j];
        if (v > m || v != v) {
          m = v;
        }
      }
      double sum = 0;
      for (int j = 0; j < c; j++) {
        float s = x[o + j] - m;
        logp[o + j] = s;
        sum += (float) Math.exp(s);
      }
      float log = (float) Math.log((float) sum);
      for (int j = 0; j < c; j++) {
        logp[o + j] -= log;
      }
      nll[row] = -logp[o + labels[row]];
    }
  }

  private static void forward(double[] x, int[] labels, int c, double[] logp, double[] nll) {
    for (int row = 0, o = 0; row < labels.length; row++, o += c) {
      double m = x[o];
      for (int j = 1; j < c && m == m; j++) {
        double v = x[o + j];
        if (v > m || v != v) {
          m = v;
        }
      }
      double sum = 0;
      for (int j = 0; j < c; j++) {
        double s = x[o + j] - m;
        logp[o + j] = s;
        sum += Math.exp(s);
      }
      double log = Math.log(sum);
      for (int j = 0; j < c; j++) {
        logp[o + j] -= log;
      }
      nll[row] = -logp[o + labels[row]];
    }
  }

  private static void backward(float[] logp, int[] labels, float[] g, int c, float[] dx) {
    for (int row = 0, o = 0; row < labels.length; row++, o += c) {
      float a = 0f + -g[row];
      for (int j = 0; j < c; j++) {
        dx[o + j] = 0f - (float) Math.exp(logp[o + j]) * a;
      }
      int t = o + labels[row];
      dx[t] = a - (float) Math.exp(logp[t]) * a;
    }
  }

  private static void backward(double[] logp, int[] labels, double[] g, int c, double[] dx) {
    for (int row = 0, o = 0; row < labels.length; row++, o += c) {
      double a = 0.0 + -g[row];
      for (int j = 0; j < c; j++) {
        dx[o + j] = 0.0 - Math.exp(logp[o + j]) * a;
      }
      int t = o + labels[row];
      dx[t] = a - Math.exp(logp[t]) * a;
    }
  }

  private static void check(Tensor scores, int[] labels) {
    checkArgument(
        scores.dim() == 2 && scores.dtype().isFloatingPoint(),
        "CrossEntropyKernels: expected floating scores [N, C], got %s %s",
        scores.dtype(),
        scores.shape());
    int c = scores.size(1);
    checkArgument(
        labels.length == scores.size(0),
        "CrossEntropyKernels: %s labels for %s rows",
        labels.length,
        scores.size(0));
    for (int i = 0; i < labels.length; i++) {
      checkArgument(
          labels[i] >= 0 && labels[i] < c,
          "CrossEntropyKernels: label %s at index %s is out of bounds for %s classes",
          labels[i],
          i,
          c);
    }
  }
}
