package dev.jgrad.tensor.internal.norm;

import dev.jgrad.tensor.internal.WorkerPool;

/**
 * Batch normalization's kernels over dense {@code [N, C, S]} arrays, float32 and float64, each call
 * split across {@link WorkerPool#threads()} threads by ranges of whole channels. A channel's sums
 * and elements are computed by one thread in the order {@link BatchNormF64} describes, so results
 * are bit-identical for any thread count. Per-channel inputs and outputs ({@code mean}, {@code
 * scale}, ...) are double arrays of length C.
 *
 * <p><b>This class is not API</b>; it is public for the door {@link
 * dev.jgrad.tensor.internal.fused.Normalization}.
 */
public final class BatchNormKernels {
  /** The fewest elements a thread is given: below it a hand-off costs more than it saves. */
  static final int MIN_ELEMENTS_PER_PART = 1 << 14;

  private BatchNormKernels() {}

  /** The body of a kernel over the channels {@code [c0, c1)}. */
  @FunctionalInterface
  private interface ChannelRange {
    void run(int c0, int c1);
  }

  /**
   * Returns how many parts a call over {@code g} is split into: one per thread, at most one per
   * channel, and each of at least {@link #MIN_ELEMENTS_PER_PART} elements.
   *
   * @param g the operand's geometry
   * @return the number of channel ranges, at least 1
   */
  static int parts(ChannelGeometry g) {
    long elements = g.perChannel() * g.channels();
    long bySize = Math.max(1, elements / MIN_ELEMENTS_PER_PART);
    return (int) Math.max(1, Math.min(Math.min(WorkerPool.threads(), g.channels()), bySize));
  }

  private static void forChannels(ChannelGeometry g, ChannelRange body) {
    int parts = parts(g);
    int channels = g.channels();
    if (parts == 1) {
      body.run(0, channels);
      return;
    }
    WorkerPool.run(
        parts,
        p ->
            body.run(
                (int) ((long) p * channels / parts), (int) ((long) (p + 1) * channels / parts)));
  }

  /**
   * Writes each channel's mean and sum of squared deviations from that mean.
   *
   * @param x the dense input
   * @param g its geometry, with at least one value per channel
   * @param mean receives the means, length C
   * @param squares receives the sums of squared deviations, length C
   */
  public static void moments(float[] x, ChannelGeometry g, double[] mean, double[] squares) {
    forChannels(g, (c0, c1) -> BatchNormF32.moments(x, g, c0, c1, mean, squares));
  }

  /**
   * Float64 twin of {@link #moments(float[], ChannelGeometry, double[], double[])}.
   *
   * @param x the dense input
   * @param g its geometry, with at least one value per channel
   * @param mean receives the means, length C
   * @param squares receives the sums of squared deviations, length C
   */
  public static void moments(double[] x, ChannelGeometry g, double[] mean, double[] squares) {
    forChannels(g, (c0, c1) -> BatchNormF64.moments(x, g, c0, c1, mean, squares));
  }

  /**
   * Writes {@code y = x * scale[c] + shift[c]}, in float from the terms rounded to float.
   *
   * @param x the dense input
   * @param y the output, of x's length
   * @param g their geometry
   * @param scale the per-channel factor
   * @param shift the per-channel offset
   */
  public static void affine(
      float[] x, float[] y, ChannelGeometry g, double[] scale, double[] shift) {
    forChannels(g, (c0, c1) -> BatchNormF32.affine(x, y, g, c0, c1, scale, shift));
  }

  /**
   * Float64 twin of {@link #affine(float[], float[], ChannelGeometry, double[], double[])}.
   *
   * @param x the dense input
   * @param y the output, of x's length
   * @param g their geometry
   * @param scale the per-channel factor
   * @param shift the per-channel offset
   */
  public static void affine(
      double[] x, double[] y, ChannelGeometry g, double[] scale, double[] shift) {
    forChannels(g, (c0, c1) -> BatchNormF64.affine(x, y, g, c0, c1, scale, shift));
  }

  /**
   * Writes each channel's {@code sum(dy)} and {@code sum(dy * (x - mean[c]))}.
   *
   * @param dy the dense gradient of the output
   * @param x the dense input, of dy's geometry
   * @param g their geometry
   * @param mean the per-channel mean subtracted from x
   * @param sumDy receives the sums of dy, length C
   * @param dot receives the sums of {@code dy * (x - mean)}, length C
   */
  public static void gradSums(
      float[] dy, float[] x, ChannelGeometry g, double[] mean, double[] sumDy, double[] dot) {
    forChannels(g, (c0, c1) -> BatchNormF32.gradSums(dy, x, g, c0, c1, mean, sumDy, dot));
  }

  /**
   * Float64 twin of {@link #gradSums(float[], float[], ChannelGeometry, double[], double[],
   * double[])}.
   *
   * @param dy the dense gradient of the output
   * @param x the dense input, of dy's geometry
   * @param g their geometry
   * @param mean the per-channel mean subtracted from x
   * @param sumDy receives the sums of dy, length C
   * @param dot receives the sums of {@code dy * (x - mean)}, length C
   */
  public static void gradSums(
      double[] dy, double[] x, ChannelGeometry g, double[] mean, double[] sumDy, double[] dot) {
    forChannels(g, (c0, c1) -> BatchNormF64.gradSums(dy, x, g, c0, c1, mean, sumDy, dot));
  }

  /**
   * Writes the training-mode input gradient {@code dx = (dy - gradMean[c] - (x - mean[c]) * k[c]) *
   * scale[c]}, in float from the terms rounded to float.
   *
   * @param dy the dense gradient of the output
   * @param x the dense input
   * @param dx receives the input gradient
   * @param g their geometry
   * @param mean the batch means
   * @param gradMean the per-channel {@code sum(dy) / count}
   * @param k the per-channel {@code sum(dy * (x - mean)) * invstd² / count}
   * @param scale the per-channel {@code invstd * weight}
   */
  public static void gradInputTraining(
      float[] dy,
      float[] x,
      float[] dx,
      ChannelGeometry g,
      double[] mean,
      double[] gradMean,
      double[] k,
      double[] scale) {
    forChannels(
        g,
        (c0, c1) -> BatchNormF32.gradInputTraining(dy, x, dx, g, c0, c1, mean, gradMean, k, scale));
  }

  /**
   * Float64 twin of {@link #gradInputTraining(float[], float[], float[], ChannelGeometry, double[],
   * double[], double[], double[])}.
   *
   * @param dy the dense gradient of the output
   * @param x the dense input
   * @param dx receives the input gradient
   * @param g their geometry
   * @param mean the batch means
   * @param gradMean the per-channel {@code sum(dy) / count}
   * @param k the per-channel {@code sum(dy * (x - mean)) * invstd² / count}
   * @param scale the per-channel {@code invstd * weight}
   */
  public static void gradInputTraining(
      double[] dy,
      double[] x,
      double[] dx,
      ChannelGeometry g,
      double[] mean,
      double[] gradMean,
      double[] k,
      double[] scale) {
    forChannels(
        g,
        (c0, c1) -> BatchNormF64.gradInputTraining(dy, x, dx, g, c0, c1, mean, gradMean, k, scale));
  }

  /**
   * Writes the evaluation-mode input gradient {@code dx = dy * scale[c]}, in float.
   *
   * @param dy the dense gradient of the output
   * @param dx receives the input gradient
   * @param g their geometry
   * @param scale the per-channel {@code invstd * weight}
   */
  public static void gradInputEval(float[] dy, float[] dx, ChannelGeometry g, double[] scale) {
    forChannels(g, (c0, c1) -> BatchNormF32.gradInputEval(dy, dx, g, c0, c1, scale));
  }

  /**
   * Float64 twin of {@link #gradInputEval(float[], float[], ChannelGeometry, double[])}.
   *
   * @param dy the dense gradient of the output
   * @param dx receives the input gradient
   * @param g their geometry
   * @param scale the per-channel {@code invstd * weight}
   */
  public static void gradInputEval(double[] dy, double[] dx, ChannelGeometry g, double[] scale) {
    forChannels(g, (c0, c1) -> BatchNormF64.gradInputEval(dy, dx, g, c0, c1, scale));
  }
}
