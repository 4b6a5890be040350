package dev.jgrad.tensor.internal.norm;

/**
 * Single-precision batch-normalization loops over channels {@code [c0, c1)} of a dense {@code [N,
 * C, S]} array. Each per-channel sum runs over the samples in order, and within a sample's block
 * over eight interleaved partial sums (element {@code s} into partial {@code s % 8}, a tail of
 * fewer than eight into partial 0), combined as {@code ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 +
 * p7))}: a fixed order that depends on the shape only. Eight independent chains of additions keep
 * the adder busy where four would wait on its latency (1.7 times faster on the moments of {@code
 * [64, 32, 14, 14]}). The twin of the other precision is this code with its types renamed, which
 * {@code BatchNormSourcesTest} checks; sums and per-channel terms are 64-bit in both, and the
 * 32-bit twin computes elementwise results in its own precision from per-channel terms rounded to
 * it.
 */
final class BatchNormF32 {
  private BatchNormF32() {}

  /** Writes each channel's mean and sum of squared deviations from it. */
  static void moments(
      float[] x, ChannelGeometry g, int c0, int c1, double[] mean, double[] squares) {
    double count = g.perChannel();
    for (int c = c0; c < c1; c++) {
      double mu = sum(x, g, c) / count;
      mean[c] = mu;
      squares[c] = squaredDeviations(x, g, c, mu);
    }
  }

  /** Returns the sum of channel {@code c}. */
  private static double sum(float[] x, ChannelGeometry g, int c) {
    int spatial = g.spatial();
    double p0 = 0;
    double p1 = 0;
    double p2 = 0;
    double p3 = 0;
    double p4 = 0;
    double p5 = 0;
    double p6 = 0;
    double p7 = 0;
    for (int n = 0; n < g.batch(); n++) {
      int b = g.block(n, c);
      int s = 0;
      for (; s + 7 < spatial; s += 8) {
        p0 += x[b + s];
        p1 += x[b + s + 1];
        p2 += x[b + s + 2];
        p3 += x[b + s + 3];
        p4 += x[b + s + 4];
        p5 += x[b + s + 5];
        p6 += x[b + s + 6];
        p7 += x[b + s + 7];
      }
      for (; s < spatial; s++) {
        p0 += x[b + s];
      }
    }
    return ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
  }

  /** Returns the sum of {@code (x - mu)²} over channel {@code c}. */
  private static double squaredDeviations(float[] x, ChannelGeometry g, int c, double mu) {
    int spatial = g.spatial();
    double p0 = 0;
    double p1 = 0;
    double p2 = 0;
    double p3 = 0;
    double p4 = 0;
    double p5 = 0;
    double p6 = 0;
    double p7 = 0;
    for (int n = 0; n < g.batch(); n++) {
      int b = g.block(n, c);
      int s = 0;
      for (; s + 7 < spatial; s += 8) {
        double d0 = x[b + s] - mu;
        double d1 = x[b + s + 1] - mu;
        double d2 = x[b + s + 2] - mu;
        double d3 = x[b + s + 3] - mu;
        double d4 = x[b + s + 4] - mu;
        double d5 = x[b + s + 5] - mu;
        double d6 = x[b + s + 6] - mu;
        double d7 = x[b + s + 7] - mu;
        p0 += d0 * d0;
        p1 += d1 * d1;
        p2 += d2 * d2;
        p3 += d3 * d3;
        p4 += d4 * d4;
        p5 += d5 * d5;
        p6 += d6 * d6;
        p7 += d7 * d7;
      }
      for (; s < spatial; s++) {
        double d = x[b + s] - mu;
        p0 += d * d;
      }
    }
    return ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
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
      double s4 = 0;
      double s5 = 0;
      double s6 = 0;
      double s7 = 0;
      double q0 = 0;
      double q1 = 0;
      double q2 = 0;
      double q3 = 0;
      double q4 = 0;
      double q5 = 0;
      double q6 = 0;
      double q7 = 0;
      for (int n = 0; n < g.batch(); n++) {
        int b = g.block(n, c);
        int s = 0;
        for (; s + 7 < spatial; s += 8) {
          double g0 = dy[b + s];
          double g1 = dy[b + s + 1];
          double g2 = dy[b + s + 2];
          double g3 = dy[b + s + 3];
          double g4 = dy[b + s + 4];
          double g5 = dy[b + s + 5];
          double g6 = dy[b + s + 6];
          double g7 = dy[b + s + 7];
          s0 += g0;
          s1 += g1;
          s2 += g2;
          s3 += g3;
          s4 += g4;
          s5 += g5;
          s6 += g6;
          s7 += g7;
          q0 += g0 * (x[b + s] - mu);
          q1 += g1 * (x[b + s + 1] - mu);
          q2 += g2 * (x[b + s + 2] - mu);
          q3 += g3 * (x[b + s + 3] - mu);
          q4 += g4 * (x[b + s + 4] - mu);
          q5 += g5 * (x[b + s + 5] - mu);
          q6 += g6 * (x[b + s + 6] - mu);
          q7 += g7 * (x[b + s + 7] - mu);
        }
        for (; s < spatial; s++) {
          double g0 = dy[b + s];
          s0 += g0;
          q0 += g0 * (x[b + s] - mu);
        }
      }
      sumDy[c] = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
      dot[c] = ((q0 + q1) + (q2 + q3)) + ((q4 + q5) + (q6 + q7));
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
