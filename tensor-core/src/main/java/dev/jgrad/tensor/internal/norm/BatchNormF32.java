package dev.jgrad.tensor.internal.norm;

/**
 * Single-precision batch-normalization loops over channels {@code [c0, c1)} of a dense {@code [N,
 * C, S]} array. Each per-channel sum runs over the samples in order, and within a sample's block
 * over four interleaved partial sums (element {@code s} into partial {@code s % 4}, a tail of fewer
 * than four into partial 0), combined as {@code (p0 + p1) + (p2 + p3)}: a fixed order that depends
 * on the shape only. {@link BatchNormF64} is the same code over double arrays. Sums and per-channel
 * terms are kept in double; elementwise results are computed in float from the per-channel terms
 * rounded to float.
 */
final class BatchNormF32 {
  private BatchNormF32() {}

  /** Writes each channel's mean and sum of squared deviations from it. */
  static void moments(
      float[] x, ChannelGeometry g, int c0, int c1, double[] mean, double[] squares) {
    int spatial = g.spatial();
    double count = g.perChannel();
    for (int c = c0; c < c1; c++) {
      double p0 = 0;
      double p1 = 0;
      double p2 = 0;
      double p3 = 0;
      for (int n = 0; n < g.batch(); n++) {
        int b = g.block(n, c);
        int s = 0;
        for (; s + 3 < spatial; s += 4) {
          p0 += x[b + s];
          p1 += x[b + s + 1];
          p2 += x[b + s + 2];
          p3 += x[b + s + 3];
        }
        for (; s < spatial; s++) {
          p0 += x[b + s];
        }
      }
      double mu = ((p0 + p1) + (p2 + p3)) / count;
      p0 = 0;
      p1 = 0;
      p2 = 0;
      p3 = 0;
      for (int n = 0; n < g.batch(); n++) {
        int b = g.block(n, c);
        int s = 0;
        for (; s + 3 < spatial; s += 4) {
          double d0 = x[b + s] - mu;
          double d1 = x[b + s + 1] - mu;
          double d2 = x[b + s + 2] - mu;
          double d3 = x[b + s + 3] - mu;
          p0 += d0 * d0;
          p1 += d1 * d1;
          p2 += d2 * d2;
          p3 += d3 * d3;
        }
        for (; s < spatial; s++) {
          double d = x[b + s] - mu;
          p0 += d * d;
        }
      }
      mean[c] = mu;
      squares[c] = (p0 + p1) + (p2 + p3);
    }
  }

  /** Writes {@code y = x * scale[c] + shift[c]}. */
  static void affine(
      float[] x, float[] y, ChannelGeometry g, int c0, int c1, double[] scale, double[] shift) {
    int spatial = g.spatial();
    for (int c = c0; c < c1; c++) {
      float a = (float) scale[c];
      float sh = (float) shift[c];
      for (int n = 0; n < g.batch(); n++) {
        int b = g.block(n, c);
        for (int s = b; s < b + spatial; s++) {
          y[s] = x[s] * a + sh;
        }
      }
    }
  }

  /** Writes each channel's {@code sum(dy)} and {@code sum(dy * (x - mean[c]))}. */
  static void gradSums(
      float[] dy,
      float[] x,
      ChannelGeometry g,
      int c0,
      int c1,
      double[] mean,
      double[] sumDy,
      double[] dot) {
    int spatial = g.spatial();
    for (int c = c0; c < c1; c++) {
      double mu = mean[c];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      double q0 = 0;
      double q1 = 0;
      double q2 = 0;
      double q3 = 0;
      for (int n = 0; n < g.batch(); n++) {
        int b = g.block(n, c);
        int s = 0;
        for (; s + 3 < spatial; s += 4) {
          double g0 = dy[b + s];
          double g1 = dy[b + s + 1];
          double g2 = dy[b + s + 2];
          double g3 = dy[b + s + 3];
          s0 += g0;
          s1 += g1;
          s2 += g2;
          s3 += g3;
          q0 += g0 * (x[b + s] - mu);
          q1 += g1 * (x[b + s + 1] - mu);
          q2 += g2 * (x[b + s + 2] - mu);
          q3 += g3 * (x[b + s + 3] - mu);
        }
        for (; s < spatial; s++) {
          double g0 = dy[b + s];
          s0 += g0;
          q0 += g0 * (x[b + s] - mu);
        }
      }
      sumDy[c] = (s0 + s1) + (s2 + s3);
      dot[c] = (q0 + q1) + (q2 + q3);
    }
  }

  /** Writes the training-mode input gradient {@code (dy - gradMean - (x - mean) * k) * scale}. */
  static void gradInputTraining(
      float[] dy,
      float[] x,
      float[] dx,
      ChannelGeometry g,
      int c0,
      int c1,
      double[] mean,
      double[] gradMean,
      double[] k,
      double[] scale) {
    int spatial = g.spatial();
    for (int c = c0; c < c1; c++) {
      float mu = (float) mean[c];
      float gm = (float) gradMean[c];
      float kc = (float) k[c];
      float a = (float) scale[c];
      for (int n = 0; n < g.batch(); n++) {
        int b = g.block(n, c);
        for (int s = b; s < b + spatial; s++) {
          dx[s] = (dy[s] - gm - (x[s] - mu) * kc) * a;
        }
      }
    }
  }

  /** Writes the evaluation-mode input gradient {@code dy * scale}. */
  static void gradInputEval(
      float[] dy, float[] dx, ChannelGeometry g, int c0, int c1, double[] scale) {
    int spatial = g.spatial();
    for (int c = c0; c < c1; c++) {
      float a = (float) scale[c];
      for (int n = 0; n < g.batch(); n++) {
        int b = g.block(n, c);
        for (int s = b; s < b + spatial; s++) {
          dx[s] = dy[s] * a;
        }
      }
    }
  }
}
