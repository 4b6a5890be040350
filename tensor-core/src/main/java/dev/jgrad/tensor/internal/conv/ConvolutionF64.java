package dev.jgrad.tensor.internal.conv;

import dev.jgrad.tensor.internal.Gemm;
import dev.jgrad.tensor.internal.Matrix;
import dev.jgrad.tensor.internal.WorkerPool;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Double-precision convolution passes over dense NCHW arrays: forward, input gradient, weight
 * gradient and bias gradient, each on the path {@link ConvPath} chooses for the shape. This class
 * and its twin for the other precision are equal up to renaming their types, which {@code
 * ConvSourcesTest} checks.
 *
 * <p><b>Summation order.</b> Forward: every output element is one chain of fused multiply-adds over
 * its taps {@code k = (ic, kh, kw)} in increasing order, starting from its channel's bias (or +0),
 * with zero padding read as zeros; the GEMM path ({@code W · im2col(x)}, {@link Gemm}'s order) and
 * both direct paths ({@link ConvKernels#forward}, {@link ConvKernels#forwardByChannel}) compute
 * that same chain, so they agree bit for bit. Input gradient: on the TRANSPOSED path, the forward
 * pass of {@link ConvShape#inputGradient()} (one chain over the output channels and the flipped
 * taps); on the GEMM, WIDE and DENSE paths {@code col2im(Wᵀ · grad)}, each column a chain over the
 * output channels, added into the input positions in increasing tap order. Weight gradient: the
 * batch is cut into chunks of {@link #CHUNK} images, whose partial sums are added in increasing
 * chunk order; within a chunk the GEMM and CHANNELS paths run one chain per weight over the images
 * and positions in increasing order, and the WIDE path one chain per weight and output column over
 * the images and output rows, the columns then added in increasing order. Bias gradient: {@link
 * #biasGradient}'s eight chains in double precision, rounded once. {@link ConvPath} chooses the
 * paths from the shape alone.
 *
 * <p><b>Threads.</b> The forward and input-gradient passes split the batch into contiguous ranges
 * of images, the weight gradient its chunks; each result element (or chunk's partial sum) is
 * computed by one thread in the order above, so the results are bit-identical for any thread count.
 *
 * <p><b>Memory.</b> Padded inputs, patch matrices and partial sums live in per-thread buffers that
 * grow to the largest shape seen and are reused.
 */
public final class ConvolutionF64 {
  /** Images per chunk of the weight gradient's reduction over the batch. */
  static final int CHUNK = 16;

  /**
   * The WIDE forward pass writes outputs at least this wide straight into the output ({@link
   * ConvKernels#forwardRows}), narrower ones on the wide grid and then copies their rows.
   */
  static final int ROW_VECTORS = 16;

  /** Passes of fewer doubleing-point operations stay on the calling thread. */
  static final long PARALLEL_FLOPS = 200_000;

  /** Bias gradients of fewer output-gradient elements stay on the calling thread. */
  static final long PARALLEL_BIAS_ELEMENTS = 1 << 15;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private ConvolutionF64() {}

  /**
   * Computes the forward pass on the path chosen for the shape and the kernels in use.
   *
   * @param s the shape
   * @param x the input, {@code [N, C, H, W]}
   * @param w the weight, {@code [OC, C/groups, kh, kw]}
   * @param bias the bias, {@code [OC]}, or null
   * @param y the output, {@code [N, OC, OH, OW]}, overwritten
   */
  public static void forward(ConvShape s, double[] x, double[] w, double[] bias, double[] y) {
    ConvKernels kernels = ConvKernelSelection.active();
    forward(s, x, w, bias, y, ConvPath.forward(s, kernels), kernels);
  }

  /**
   * Computes the forward pass and hands each image to {@code afterImage} as soon as its output is
   * complete, on the thread that computed it, so that a consumer reads it while it is in cache.
   *
   * @param s the shape
   * @param x the input, {@code [N, C, H, W]}
   * @param w the weight, {@code [OC, C/groups, kh, kw]}
   * @param bias the bias, {@code [OC]}, or null
   * @param y the output, {@code [N, OC, OH, OW]}, overwritten
   * @param afterImage called with each image's index once its output is written
   */
  public static void forward(
      ConvShape s, double[] x, double[] w, double[] bias, double[] y, IntConsumer afterImage) {
    ConvKernels kernels = ConvKernelSelection.active();
    forward(s, x, w, bias, y, ConvPath.forward(s, kernels), kernels, afterImage);
  }

  /**
   * Computes the forward pass on a given path with given kernels.
   *
   * @param s the shape
   * @param x the input
   * @param w the weight
   * @param bias the bias, or null
   * @param y the output, overwritten
   * @param path GEMM, or WIDE or CHANNELS for unit strides only
   * @param kernels the direct path's kernels
   */
  static void forward(
      ConvShape s,
      double[] x,
      double[] w,
      double[] bias,
      double[] y,
      ConvPath path,
      ConvKernels kernels) {
    forward(s, x, w, bias, y, path, kernels, n -> {});
  }

  private static void forward(
      ConvShape s,
      double[] x,
      double[] w,
      double[] bias,
      double[] y,
      ConvPath path,
      ConvKernels kernels,
      IntConsumer afterImage) {
    int[] offsets = path == ConvPath.GEMM ? null : offsets(s);
    Panels panels =
        path == ConvPath.CHANNELS ? new Panels(s, w, bias, kernels.doublePanel()) : null;
    double[] grouped =
        path == ConvPath.WIDE ? grouped(w, s.groups(), s.groupOutChannels(), s.patch()) : null;
    overImages(
        s,
        n -> {
          Scratch sc = SCRATCH.get();
          for (int g = 0; g < s.groups(); g++) {
            switch (path) {
              case WIDE -> wideForward(s, x, grouped, bias, y, n, g, offsets, kernels, sc);
              case CHANNELS -> channelForward(s, x, panels, y, n, g, offsets, kernels, sc);
              case GEMM -> gemmForward(s, x, w, bias, y, n, g, sc);
            }
          }
          afterImage.accept(n);
        });
  }

  private static void wideForward(
      ConvShape s,
      double[] x,
      double[] w,
      double[] bias,
      double[] y,
      int n,
      int g,
      int[] offsets,
      ConvKernels kernels,
      Scratch sc) {
    int ocg = s.groupOutChannels();
    int wp = s.paddedWidth();
    int oh = s.outHeight();
    int ow = s.outWidth();
    int positions = oh * wp;
    int stride = positions + ConvKernels.OVERRUN;
    Source src = source(s, x, n, n + 1, g, sc);
    int out = n * s.outputImage() + g * ocg * s.positions();
    if (ow >= ROW_VECTORS) {
      kernels.forwardRows(
          src.data(),
          src.offset(),
          offsets,
          s.patch(),
          w,
          g * groupRows(ocg) * s.patch(),
          bias,
          g * ocg,
          ocg,
          oh,
          ow,
          wp,
          y,
          out,
          oh * ow);
      return;
    }
    double[] wide = sc.wide(ocg * stride);
    kernels.forward(
        src.data(),
        src.offset(),
        offsets,
        s.patch(),
        w,
        g * groupRows(ocg) * s.patch(),
        bias,
        g * ocg,
        ocg,
        wide,
        0,
        stride,
        positions);
    for (int oc = 0; oc < ocg; oc++) {
      kernels.copyRows(wide, oc * stride, wp, oh, ow, y, out + oc * oh * ow, ow);
    }
  }

  private static void channelForward(
      ConvShape s,
      double[] x,
      Panels panels,
      double[] y,
      int n,
      int g,
      int[] offsets,
      ConvKernels kernels,
      Scratch sc) {
    int ocg = s.groupOutChannels();
    int p = s.positions();
    int width = panels.width;
    Source src = source(s, x, n, n + 1, g, sc);
    double[] out = sc.wide(p * width);
    for (int panel = 0; panel < panels.count; panel++) {
      int first = panel * width;
      kernels.forwardByChannel(
          src.data(),
          src.offset(),
          offsets,
          s.patch(),
          panels.weights,
          panels.weightsAt(g, panel),
          panels.starts,
          panels.startsAt(g, panel),
          s.outHeight(),
          s.outWidth(),
          s.paddedWidth(),
          out);
      int dst = n * s.outputImage() + (g * ocg + first) * p;
      kernels.transpose(out, 0, width, p, Math.min(width, ocg - first), y, dst, p);
    }
  }

  /**
   * The weights and starting values of the channel-vectorized forward pass, in panels of {@code
   * width} output channels per group: {@code weights[((g·count + panel)·K + k)·width + j]} is the
   * weight of tap k of channel {@code g·ocg + panel·width + j}, zero past the group's channels.
   */
  private static final class Panels {
    final int width;
    final int count;
    final int taps;
    final double[] weights;
    final double[] starts;

    Panels(ConvShape s, double[] w, double[] bias, int width) {
      int ocg = s.groupOutChannels();
      this.width = width;
      this.count = (ocg + width - 1) / width;
      this.taps = s.patch();
      this.weights = new double[s.groups() * count * taps * width];
      this.starts = new double[s.groups() * count * width];
      for (int g = 0; g < s.groups(); g++) {
        for (int oc = 0; oc < ocg; oc++) {
          int panel = oc / width;
          int j = oc % width;
          int src = (g * ocg + oc) * taps;
          int dst = weightsAt(g, panel) + j;
          for (int k = 0; k < taps; k++) {
            weights[dst + k * width] = w[src + k];
          }
          starts[startsAt(g, panel) + j] = bias == null ? 0d : bias[g * ocg + oc];
        }
      }
    }

    int weightsAt(int g, int panel) {
      return (g * count + panel) * taps * width;
    }

    int startsAt(int g, int panel) {
      return (g * count + panel) * width;
    }
  }

  private static void gemmForward(
      ConvShape s, double[] x, double[] w, double[] bias, double[] y, int n, int g, Scratch sc) {
    int ocg = s.groupOutChannels();
    int k = s.patch();
    int p = s.positions();
    double[] cols = sc.cols(k * p);
    im2col(s, x, n, g, cols);
    int out = n * s.outputImage() + g * ocg * p;
    if (bias != null) {
      for (int oc = 0; oc < ocg; oc++) {
        Arrays.fill(y, out + oc * p, out + (oc + 1) * p, bias[g * ocg + oc]);
      }
    }
    Gemm.multiply(
        new Matrix<>(w, g * ocg * k, ocg, k, k, 1),
        new Matrix<>(cols, 0, k, p, p, 1),
        new Matrix<>(y, out, ocg, p, p, 1),
        bias != null);
  }

  /**
   * Computes the gradient with respect to the input on the path chosen for the shape.
   *
   * @param s the shape
   * @param grad the output gradient, {@code [N, OC, OH, OW]}
   * @param w the weight
   * @param dx the input gradient, {@code [N, C, H, W]}, overwritten
   */
  public static void inputGradient(ConvShape s, double[] grad, double[] w, double[] dx) {
    inputGradient(s, grad, w, dx, ConvPath.inputGradient(s), ConvKernelSelection.active());
  }

  /**
   * Computes the gradient with respect to the input on a given path with given kernels.
   *
   * @param s the shape
   * @param grad the output gradient
   * @param w the weight
   * @param dx the input gradient, overwritten
   * @param path GEMM, or WIDE, DENSE or TRANSPOSED for unit strides only
   * @param kernels the direct paths' kernels
   */
  static void inputGradient(
      ConvShape s, double[] grad, double[] w, double[] dx, ConvPath path, ConvKernels kernels) {
    if (path == ConvPath.TRANSPOSED) {
      ConvShape t = s.inputGradient();
      forward(t, grad, flipped(s, w), null, dx, ConvPath.forward(t, kernels), kernels);
      return;
    }
    if (path == ConvPath.DENSE) {
      double[] weights = grouped(transposed(s, w), s.groups(), s.patch(), s.groupOutChannels());
      Columns layout = Columns.of(s);
      overImages(s, n -> denseInputGradient(s, grad, weights, layout, dx, n, kernels));
      return;
    }
    if (path == ConvPath.WIDE) {
      double[] columns = grouped(transposed(s, w), s.groups(), s.patch(), s.groupOutChannels());
      int[] rows = new int[s.groupOutChannels()];
      for (int oc = 0; oc < rows.length; oc++) {
        rows[oc] = oc * (s.outHeight() * s.paddedWidth() + ConvKernels.OVERRUN);
      }
      int[] shifts = Arrays.copyOf(offsets(s), s.kernelHeight() * s.kernelWidth());
      overImages(s, n -> wideInputGradient(s, grad, columns, dx, n, rows, shifts, kernels));
      return;
    }
    overImages(
        s,
        n -> {
          Scratch sc = SCRATCH.get();
          int ocg = s.groupOutChannels();
          int k = s.patch();
          int p = s.positions();
          double[] cols = sc.cols(k * p);
          for (int g = 0; g < s.groups(); g++) {
            Gemm.multiply(
                new Matrix<>(w, g * ocg * k, k, ocg, 1, k),
                new Matrix<>(grad, n * s.outputImage() + g * ocg * p, ocg, p, p, 1),
                new Matrix<>(cols, 0, k, p, p, 1),
                false);
            col2im(s, cols, dx, n, g);
          }
        });
  }

  /**
   * The WIDE input gradient of image n: per group, the output gradient laid out on the wide grid
   * (zeros past the output's width, and a gap of zeros after each channel; only the rows are
   * written, the zeros stay from the buffer's first use), and its columns {@code Wᵀ · grad} by the
   * forward kernel (the output channels as taps), each column row between zeros; then per input
   * channel {@link ConvKernels#gather} sums the rows of its taps, each shifted to where its tap
   * reads, in increasing tap order into the channel's padded plane, whose interior is the input
   * gradient. The columns are zero past the output's width and in the rounding of their length to
   * whole vectors, for finite weights, so the result is {@code col2im}'s, bit for bit.
   */
  private static void wideInputGradient(
      ConvShape s,
      double[] grad,
      double[] columns,
      double[] dx,
      int n,
      int[] rows,
      int[] shifts,
      ConvKernels kernels) {
    Scratch sc = SCRATCH.get();
    int ocg = s.groupOutChannels();
    int cg = s.groupInChannels();
    int k = s.patch();
    int kk = shifts.length;
    int oh = s.outHeight();
    int ow = s.outWidth();
    int h = s.height();
    int w = s.width();
    int wp = s.paddedWidth();
    int q = oh * wp;
    int plane = q + ConvKernels.OVERRUN;
    int length = (q + 15) / 16 * 16;
    int area = (s.paddedHeight() * wp + 15) / 16 * 16;
    int reach = shifts[kk - 1];
    int colStride = reach + Math.max(length, area) + ConvKernels.OVERRUN;
    double[] wide = sc.wideGrad.zeroed(ocg * plane, ow, wp, oh, plane);
    double[] cols = sc.columns.zeroed(k * colStride, reach, length, colStride);
    double[] padded = sc.plane(area);
    boolean rowsAlign = s.padLeft() == 0 && s.padRight() == 0;
    for (int g = 0; g < s.groups(); g++) {
      int src = n * s.outputImage() + g * ocg * s.positions();
      for (int oc = 0; oc < ocg; oc++) {
        for (int r = 0; r < oh; r++) {
          System.arraycopy(grad, src + (oc * oh + r) * ow, wide, oc * plane + r * wp, ow);
        }
      }
      kernels.forward(
          wide,
          0,
          rows,
          ocg,
          columns,
          g * groupRows(k) * ocg,
          null,
          0,
          k,
          cols,
          reach,
          colStride,
          length);
      int dst = n * s.inputImage() + g * cg * h * w;
      for (int c = 0; c < cg; c++) {
        kernels.gather(cols, c * kk * colStride + reach, colStride, shifts, kk, padded, 0, area);
        if (rowsAlign) {
          System.arraycopy(padded, s.padTop() * wp, dx, dst + c * h * w, h * w);
          continue;
        }
        for (int ih = 0; ih < h; ih++) {
          int from = (ih + s.padTop()) * wp + s.padLeft();
          System.arraycopy(padded, from, dx, dst + (c * h + ih) * w, w);
        }
      }
    }
  }

  /**
   * The layout of the DENSE input gradient's columns: column row k (tap k of a group's patch) from
   * {@code before + k·stride} on, over the output's positions rounded up to whole vectors, {@code
   * length}; between the rows are the zeros that {@link ConvKernels#gatherRows} reads for rows
   * outside the output, shared by neighbouring rows. {@code tops} and {@code shifts} are {@link
   * ConvKernels#gatherRows}'s, for the taps of one input channel, and {@code size} the buffer's
   * length.
   */
  private record Columns(int[] tops, int[] shifts, int length, int before, int stride, int size) {

    /** Returns the layout of a shape's columns. */
    static Columns of(ConvShape s) {
      int kw = s.kernelWidth();
      int ow = s.outWidth();
      int[] tops = new int[s.kernelHeight() * kw];
      int[] shifts = new int[tops.length];
      int zerosBefore = 0;
      int before = 0;
      int zerosTo = 0;
      int after = 0;
      for (int t = 0; t < tops.length; t++) {
        tops[t] = t / kw * s.dilationHeight() - s.padTop();
        shifts[t] = t % kw * s.dilationWidth() - s.padLeft();
        zerosBefore = Math.max(zerosBefore, tops[t] * ow);
        before = Math.max(before, tops[t] * ow + shifts[t]);
        zerosTo = Math.max(zerosTo, (s.height() - tops[t]) * ow);
        after = Math.max(after, (s.height() - 1 - tops[t]) * ow - shifts[t] + s.width());
      }
      before = Math.max(before, zerosBefore);
      int length = (s.positions() + 15) / 16 * 16;
      int stride = Math.max(length + zerosBefore, zerosTo);
      int size = before + (s.patch() - 1) * stride + Math.max(stride, after) + ConvKernels.OVERRUN;
      return new Columns(tops, shifts, length, before, stride, size);
    }
  }

  /**
   * The DENSE input gradient of image n: per group, the output gradient's channels copied one after
   * the other with zeros after each (only the channels are written, the zeros stay from the
   * buffer's first use); their columns {@code Wᵀ · grad} on the output's own grid by the forward
   * kernel (the output channels as taps), between zeros (which also stay); then per input channel
   * {@link ConvKernels#gatherRows}, which sums for each input element the column elements of the
   * channel's taps that reach it, in increasing tap order, into the input gradient (through the
   * thread's plane when the kernel's writes past the channel would leave the image). The columns
   * are zero in the rounding of their length to whole vectors, for finite weights, so the result is
   * {@code col2im}'s, bit for bit.
   */
  private static void denseInputGradient(
      ConvShape s,
      double[] grad,
      double[] weights,
      Columns layout,
      double[] dx,
      int n,
      ConvKernels kernels) {
    Scratch sc = SCRATCH.get();
    int ocg = s.groupOutChannels();
    int cg = s.groupInChannels();
    int k = s.patch();
    int kk = layout.shifts().length;
    int p = s.positions();
    int h = s.height();
    int w = s.width();
    int before = layout.before();
    int stride = layout.stride();
    int plane = p + ConvKernels.OVERRUN;
    int[] rows = new int[ocg];
    for (int oc = 0; oc < ocg; oc++) {
      rows[oc] = oc * plane;
    }
    double[] wide = sc.denseGrad.zeroed(ocg * plane, ocg, p);
    double[] cols = sc.denseColumns.zeroed(layout.size(), before, layout.length(), stride);
    double[] out = sc.plane(h * w + ConvKernels.OVERRUN);
    for (int g = 0; g < s.groups(); g++) {
      kernels.copyRows(grad, n * s.outputImage() + g * ocg * p, p, ocg, p, wide, 0, plane);
      kernels.forward(
          wide,
          0,
          rows,
          ocg,
          weights,
          g * groupRows(k) * ocg,
          null,
          0,
          k,
          cols,
          before,
          stride,
          layout.length());
      int dst = n * s.inputImage() + g * cg * h * w;
      for (int c = 0; c < cg; c++) {
        int at = dst + c * h * w;
        boolean direct = at + h * w + ConvKernels.OVERRUN <= (n + 1) * s.inputImage();
        kernels.gatherRows(
            cols,
            before + c * kk * stride,
            stride,
            layout.tops(),
            layout.shifts(),
            kk,
            s.outHeight(),
            s.outWidth(),
            h,
            w,
            direct ? dx : out,
            direct ? at : 0);
        if (!direct) {
          System.arraycopy(out, 0, dx, at, h * w);
        }
      }
    }
  }

  /**
   * Returns the weight transposed within each group, {@code [groups][K][OC/groups]}: element {@code
   * (g, k, oc)} is {@code w[g·ocg + oc, k]}.
   */
  private static double[] transposed(ConvShape s, double[] w) {
    int ocg = s.groupOutChannels();
    int k = s.patch();
    double[] t = new double[w.length];
    for (int g = 0; g < s.groups(); g++) {
      for (int oc = 0; oc < ocg; oc++) {
        for (int i = 0; i < k; i++) {
          t[(g * k + i) * ocg + oc] = w[(g * ocg + oc) * k + i];
        }
      }
    }
    return t;
  }

  /**
   * Returns rows grouped for {@link ConvKernels#forward}: {@code blocks} blocks of {@code count}
   * rows of {@code length}, each block's rows cut into groups of {@link ConvKernels#GROUP}, stored
   * element by element, {@code GROUP} rows per element; a block's last group is padded with zeros.
   */
  private static double[] grouped(double[] rows, int blocks, int count, int length) {
    int gr = ConvKernels.GROUP;
    int padded = groupRows(count);
    double[] t = new double[blocks * padded * length];
    for (int b = 0; b < blocks; b++) {
      for (int r = 0; r < count; r++) {
        int src = (b * count + r) * length;
        int dst = (b * padded + r / gr * gr) * length + r % gr;
        for (int i = 0; i < length; i++) {
          t[dst + i * gr] = rows[src + i];
        }
      }
    }
    return t;
  }

  /** Returns {@code count} rounded up to whole groups of {@link ConvKernels#GROUP}. */
  private static int groupRows(int count) {
    return (count + ConvKernels.GROUP - 1) / ConvKernels.GROUP * ConvKernels.GROUP;
  }

  /**
   * Returns the weight of {@link ConvShape#inputGradient()}: {@code [C, OC/groups, kh, kw]},
   * element {@code (g·cg + ic, oc, kh, kw)} being {@code w[g·ocg + oc, ic, kh-1-kh, kw-1-kw]}.
   */
  private static double[] flipped(ConvShape s, double[] w) {
    int cg = s.groupInChannels();
    int ocg = s.groupOutChannels();
    int kh = s.kernelHeight();
    int kw = s.kernelWidth();
    double[] t = new double[w.length];
    for (int g = 0; g < s.groups(); g++) {
      for (int oc = 0; oc < ocg; oc++) {
        for (int ic = 0; ic < cg; ic++) {
          int src = ((g * ocg + oc) * cg + ic) * kh * kw;
          int dst = ((g * cg + ic) * ocg + oc) * kh * kw;
          for (int i = 0; i < kh * kw; i++) {
            t[dst + i] = w[src + kh * kw - 1 - i];
          }
        }
      }
    }
    return t;
  }

  /**
   * Computes the gradient with respect to the weight on the path chosen for the shape and the
   * kernels in use.
   *
   * @param s the shape
   * @param grad the output gradient, {@code [N, OC, OH, OW]}
   * @param x the input, {@code [N, C, H, W]}
   * @param dw the weight gradient, {@code [OC, C/groups, kh, kw]}, overwritten
   */
  public static void weightGradient(ConvShape s, double[] grad, double[] x, double[] dw) {
    ConvKernels kernels = ConvKernelSelection.active();
    weightGradient(s, grad, x, dw, ConvPath.weightGradient(s, kernels), kernels);
  }

  /**
   * Computes the gradient with respect to the weight on a given path with given kernels.
   *
   * @param s the shape
   * @param grad the output gradient
   * @param x the input
   * @param dw the weight gradient, overwritten
   * @param path GEMM, or WIDE or CHANNELS for unit strides only
   * @param kernels the direct path's kernels
   */
  static void weightGradient(
      ConvShape s, double[] grad, double[] x, double[] dw, ConvPath path, ConvKernels kernels) {
    int size = dw.length;
    int chunks = (s.batch() + CHUNK - 1) / CHUNK;
    if (chunks == 0) {
      Arrays.fill(dw, 0d);
      return;
    }
    double[] partials = chunks == 1 ? dw : new double[(chunks - 1) * size];
    int[] offsets = path == ConvPath.GEMM ? null : offsets(s);
    int parts = parts(s, chunks);
    WorkerPool.run(
        parts,
        part -> {
          Scratch sc = SCRATCH.get();
          for (int c = chunks * part / parts; c < chunks * (part + 1) / parts; c++) {
            double[] out = c == 0 ? dw : partials;
            int off = c == 0 ? 0 : (c - 1) * size;
            int from = c * CHUNK;
            int to = Math.min(s.batch(), from + CHUNK);
            for (int g = 0; g < s.groups(); g++) {
              switch (path) {
                case WIDE ->
                    wideWeightGradient(s, grad, x, out, off, from, to, g, offsets, kernels, sc);
                case CHANNELS ->
                    channelWeightGradient(s, grad, x, out, off, from, to, g, offsets, kernels, sc);
                case GEMM -> gemmWeightGradient(s, grad, x, out, off, from, to, g, sc);
              }
            }
          }
        });
    for (int c = 1; c < chunks; c++) {
      int off = (c - 1) * size;
      for (int i = 0; i < size; i++) {
        dw[i] += partials[off + i];
      }
    }
  }

  private static void gemmWeightGradient(
      ConvShape s,
      double[] grad,
      double[] x,
      double[] out,
      int off,
      int from,
      int to,
      int g,
      Scratch sc) {
    int ocg = s.groupOutChannels();
    int k = s.patch();
    int p = s.positions();
    double[] rows = sc.cols(p * k);
    for (int n = from; n < to; n++) {
      im2row(s, x, n, g, rows);
      Gemm.multiply(
          new Matrix<>(grad, n * s.outputImage() + g * ocg * p, ocg, p, p, 1),
          new Matrix<>(rows, 0, p, k, k, 1),
          new Matrix<>(out, off + g * ocg * k, ocg, k, k, 1),
          n > from);
    }
  }

  /**
   * The WIDE weight gradient of images {@code from .. to-1} and group g: the kernel reads the
   * output gradient in place, its lanes past the output's width reading the rows that follow (lanes
   * it does not use), except for the images at the end of the batch where that would read past the
   * array's end: their gradients are copied one at a time, with zeros after them, and their terms
   * continue the chains.
   */
  private static void wideWeightGradient(
      ConvShape s,
      double[] grad,
      double[] x,
      double[] out,
      int off,
      int from,
      int to,
      int g,
      int[] offsets,
      ConvKernels kernels,
      Scratch sc) {
    int ocg = s.groupOutChannels();
    int k = s.patch();
    int oh = s.outHeight();
    int ow = s.outWidth();
    int p = s.positions();
    int wp = s.paddedWidth();
    int lanes = (ow + 15) / 16 * 16;
    Source src = source(s, x, from, to, g, sc);
    double[] acc = sc.acc(ocg * k * lanes);
    int group = g * ocg * p;
    int reach = (ocg - 1) * p + (oh - 1) * ow + lanes;
    int inPlace = from;
    while (inPlace < to && (long) inPlace * s.outputImage() + group + reach <= grad.length) {
      inPlace++;
    }
    if (inPlace > from) {
      kernels.weightGradient(
          grad,
          from * s.outputImage() + group,
          s.outputImage(),
          p,
          ow,
          src.data(),
          src.offset(),
          src.image(),
          offsets,
          k,
          wp,
          oh,
          inPlace - from,
          acc,
          lanes,
          ocg,
          false);
    }
    for (int n = inPlace; n < to; n++) {
      double[] copy = sc.gradRows(ocg * p + lanes);
      System.arraycopy(grad, n * s.outputImage() + group, copy, 0, ocg * p);
      Arrays.fill(copy, ocg * p, ocg * p + lanes, 0d);
      kernels.weightGradient(
          copy,
          0,
          0,
          p,
          ow,
          src.data(),
          src.offset() + (n - from) * src.image(),
          src.image(),
          offsets,
          k,
          wp,
          oh,
          1,
          acc,
          lanes,
          ocg,
          n > from);
    }
    for (int oc = 0; oc < ocg; oc++) {
      for (int t = 0; t < k; t++) {
        int a = (oc * k + t) * lanes;
        double sum = 0d;
        for (int j = 0; j < ow; j++) {
          sum += acc[a + j];
        }
        out[off + (g * ocg + oc) * k + t] = sum;
      }
    }
  }

  private static void channelWeightGradient(
      ConvShape s,
      double[] grad,
      double[] x,
      double[] out,
      int off,
      int from,
      int to,
      int g,
      int[] offsets,
      ConvKernels kernels,
      Scratch sc) {
    int ocg = s.groupOutChannels();
    int k = s.patch();
    int p = s.positions();
    int width = kernels.doublePanel();
    int images = to - from;
    Source src = source(s, x, from, to, g, sc);
    double[] rows = sc.gradRows(images * p * width);
    double[] acc = sc.acc(k * width);
    for (int first = 0; first < ocg; first += width) {
      int channels = Math.min(width, ocg - first);
      for (int n = from; n < to; n++) {
        int at = n * s.outputImage() + (g * ocg + first) * p;
        int dst = (n - from) * p * width;
        if (channels < width) {
          Arrays.fill(rows, dst, dst + p * width, 0d);
        }
        kernels.transpose(grad, at, p, channels, p, rows, dst, width);
      }
      kernels.weightGradientByChannel(
          rows,
          src.data(),
          src.offset(),
          src.image(),
          offsets,
          s.groupInChannels() * s.kernelHeight(),
          s.kernelWidth(),
          s.outHeight(),
          s.outWidth(),
          s.paddedWidth(),
          images,
          acc);
      for (int j = 0; j < channels; j++) {
        int dw = off + (g * ocg + first + j) * k;
        for (int t = 0; t < k; t++) {
          out[dw + t] = acc[t * width + j];
        }
      }
    }
  }

  /**
   * Computes the gradient with respect to the bias: {@code db[oc]}, the sum of the output gradient
   * over the images and positions of channel oc, in double precision in eight chains (element i of
   * each image's row to chain {@code i mod 8}, the images in increasing order), which are then
   * added in increasing order and rounded once. The chains are independent, so the additions
   * overlap. Threads split the channels, each channel summed by one thread.
   *
   * @param grad the output gradient, {@code [batch, channels, positions]}
   * @param batch the number of images
   * @param channels the output channels
   * @param positions the output positions per image and channel
   * @param db the bias gradient, {@code [channels]}, overwritten
   */
  public static void biasGradient(
      double[] grad, int batch, int channels, int positions, double[] db) {
    int parts = Math.min(WorkerPool.threads(), channels);
    if (parts <= 1 || (long) batch * channels * positions < PARALLEL_BIAS_ELEMENTS) {
      biasGradient(grad, batch, channels, positions, db, 0, channels);
      return;
    }
    WorkerPool.run(
        parts,
        part ->
            biasGradient(
                grad,
                batch,
                channels,
                positions,
                db,
                channels * part / parts,
                channels * (part + 1) / parts));
  }

  /** Computes {@link #biasGradient}'s sums for the channels {@code [from, to)}. */
  private static void biasGradient(
      double[] grad, int batch, int channels, int positions, double[] db, int from, int to) {
    for (int oc = from; oc < to; oc++) {
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double a3 = 0;
      double a4 = 0;
      double a5 = 0;
      double a6 = 0;
      double a7 = 0;
      for (int n = 0; n < batch; n++) {
        int row = (n * channels + oc) * positions;
        int i = 0;
        for (; i + 8 <= positions; i += 8) {
          a0 += grad[row + i];
          a1 += grad[row + i + 1];
          a2 += grad[row + i + 2];
          a3 += grad[row + i + 3];
          a4 += grad[row + i + 4];
          a5 += grad[row + i + 5];
          a6 += grad[row + i + 6];
          a7 += grad[row + i + 7];
        }
        if (i < positions) {
          a0 += grad[row + i++];
        }
        if (i < positions) {
          a1 += grad[row + i++];
        }
        if (i < positions) {
          a2 += grad[row + i++];
        }
        if (i < positions) {
          a3 += grad[row + i++];
        }
        if (i < positions) {
          a4 += grad[row + i++];
        }
        if (i < positions) {
          a5 += grad[row + i++];
        }
        if (i < positions) {
          a6 += grad[row + i++];
        }
      }
      db[oc] = Double.valueOf(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7).doubleValue();
    }
  }

  /** Runs {@code image} for every image, split into contiguous ranges across threads. */
  private static void overImages(ConvShape s, IntConsumer image) {
    int parts = parts(s, s.batch());
    WorkerPool.run(
        parts,
        part -> {
          for (int n = s.batch() * part / parts; n < s.batch() * (part + 1) / parts; n++) {
            image.accept(n);
          }
        });
  }

  /** Returns how many parts a pass over {@code units} images or chunks is split into. */
  private static int parts(ConvShape s, int units) {
    if (WorkerPool.threads() == 1 || 2 * s.multiplyAdds() < PARALLEL_FLOPS) {
      return Math.min(1, units);
    }
    return Math.min(WorkerPool.threads(), units);
  }

  /** Returns the offset of each tap in the padded input of one group. */
  private static int[] offsets(ConvShape s) {
    int kh = s.kernelHeight();
    int kw = s.kernelWidth();
    int hp = s.paddedHeight();
    int wp = s.paddedWidth();
    int[] offsets = new int[s.patch()];
    for (int ic = 0; ic < s.groupInChannels(); ic++) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          offsets[(ic * kh + i) * kw + j] =
              (ic * hp + i * s.dilationHeight()) * wp + j * s.dilationWidth();
        }
      }
    }
    return offsets;
  }

  /** Returns the zeros the kernels may read past the end of a padded input. */
  private static int slack(ConvShape s) {
    return s.dilationWidth() * (s.kernelWidth() - 1) + ConvKernels.OVERRUN;
  }

  /**
   * Copies group g of images {@code from .. to-1} into the thread's padded buffer, one padded image
   * after the other, followed by zeros the kernels may read past the end.
   */
  private static double[] padChunk(ConvShape s, double[] x, int from, int to, int g, Scratch sc) {
    int xImage = s.groupInChannels() * s.paddedHeight() * s.paddedWidth();
    int size = (to - from) * xImage;
    double[] padded =
        sc.paddedInput.zeroed(
            size + slack(s),
            s.groupInChannels(),
            s.height(),
            s.width(),
            s.padTop(),
            s.padBottom(),
            s.padLeft(),
            s.padRight());
    for (int n = from; n < to; n++) {
      pad(s, x, n, g, padded, (n - from) * xImage);
    }
    Arrays.fill(padded, size, size + slack(s), 0d);
    return padded;
  }

  /**
   * Where the kernels read group g of a run of images, padded: the input itself when the shape has
   * no padding and the kernels' reads past the last image stay inside the array, otherwise a padded
   * copy ({@link #padChunk}).
   *
   * @param data the array
   * @param offset where the first image's group starts
   * @param image the distance between images
   */
  private record Source(double[] data, int offset, int image) {}

  /** Returns where the kernels read group g of images {@code from .. to-1}, padded. */
  private static Source source(ConvShape s, double[] x, int from, int to, int g, Scratch sc) {
    int area = s.groupInChannels() * s.height() * s.width();
    boolean unpadded =
        s.padTop() == 0 && s.padBottom() == 0 && s.padLeft() == 0 && s.padRight() == 0;
    long end = (long) (to - 1) * s.inputImage() + (g + 1L) * area + slack(s);
    if (unpadded && end <= x.length) {
      return new Source(x, from * s.inputImage() + g * area, s.inputImage());
    }
    int padded = s.groupInChannels() * s.paddedHeight() * s.paddedWidth();
    return new Source(padChunk(s, x, from, to, g, sc), 0, padded);
  }

  /**
   * Writes group g of image n, zero-padded as {@code [cg][Hp][Wp]}, into {@code padded} at dst,
   * whose padding already holds zeros: only the rows of the input are copied.
   */
  private static void pad(ConvShape s, double[] x, int n, int g, double[] padded, int dst) {
    int cg = s.groupInChannels();
    int h = s.height();
    int w = s.width();
    int hp = s.paddedHeight();
    int wp = s.paddedWidth();
    int lo = Math.max(0, s.padLeft());
    int hi = Math.min(wp, s.padLeft() + w);
    int top = Math.max(0, s.padTop());
    int bottom = Math.min(hp, s.padTop() + h);
    if (hi <= lo || bottom <= top) {
      return;
    }
    int src = n * s.inputImage() + g * cg * h * w + lo - s.padLeft();
    ConvKernels kernels = ConvKernelSelection.active();
    for (int c = 0; c < cg; c++) {
      kernels.copyRows(
          x,
          src + (c * h + top - s.padTop()) * w,
          w,
          bottom - top,
          hi - lo,
          padded,
          dst + (c * hp + top) * wp + lo,
          wp);
    }
  }

  /**
   * Writes group g of image n as patch columns: {@code cols[k·P + p]} is the input under tap {@code
   * k = (ic, kh, kw)} at output position p, or 0 in the padding.
   */
  private static void im2col(ConvShape s, double[] x, int n, int g, double[] cols) {
    int h = s.height();
    int w = s.width();
    int oh = s.outHeight();
    int ow = s.outWidth();
    int p = oh * ow;
    int sw = s.strideWidth();
    int src = n * s.inputImage() + g * s.groupInChannels() * h * w;
    int k = 0;
    for (int ic = 0; ic < s.groupInChannels(); ic++) {
      for (int i = 0; i < s.kernelHeight(); i++) {
        for (int j = 0; j < s.kernelWidth(); j++, k++) {
          int shift = j * s.dilationWidth() - s.padLeft();
          int lo = columnsFrom(shift, sw, ow);
          int hi = columnsTo(shift, sw, ow, w);
          for (int r = 0; r < oh; r++) {
            int dst = k * p + r * ow;
            int ih = r * s.strideHeight() - s.padTop() + i * s.dilationHeight();
            if (ih < 0 || ih >= h || hi <= lo) {
              Arrays.fill(cols, dst, dst + ow, 0d);
              continue;
            }
            int row = src + (ic * h + ih) * w + shift;
            Arrays.fill(cols, dst, dst + lo, 0d);
            if (sw == 1) {
              System.arraycopy(x, row + lo, cols, dst + lo, hi - lo);
            } else {
              for (int c = lo; c < hi; c++) {
                cols[dst + c] = x[row + c * sw];
              }
            }
            Arrays.fill(cols, dst + hi, dst + ow, 0d);
          }
        }
      }
    }
  }

  /**
   * Writes group g of image n as patch rows: {@code rows[p·K + k]}, the transpose of {@link
   * #im2col}.
   */
  private static void im2row(ConvShape s, double[] x, int n, int g, double[] rows) {
    int h = s.height();
    int w = s.width();
    int kh = s.kernelHeight();
    int kw = s.kernelWidth();
    int k = s.patch();
    int src = n * s.inputImage() + g * s.groupInChannels() * h * w;
    int dst = 0;
    for (int r = 0; r < s.outHeight(); r++) {
      for (int c = 0; c < s.outWidth(); c++) {
        int top = r * s.strideHeight() - s.padTop();
        int left = c * s.strideWidth() - s.padLeft();
        for (int ic = 0; ic < s.groupInChannels(); ic++) {
          for (int i = 0; i < kh; i++) {
            int ih = top + i * s.dilationHeight();
            if (ih < 0 || ih >= h) {
              Arrays.fill(rows, dst, dst + kw, 0d);
              dst += kw;
              continue;
            }
            int row = src + (ic * h + ih) * w;
            for (int j = 0; j < kw; j++) {
              int iw = left + j * s.dilationWidth();
              rows[dst++] = iw >= 0 && iw < w ? x[row + iw] : 0d;
            }
          }
        }
      }
    }
    assert dst == s.positions() * k;
  }

  /**
   * Adds patch columns back into group g of image n of {@code dx}, cleared first: each column's
   * value at the input position its tap reads, in increasing tap and position order.
   */
  private static void col2im(ConvShape s, double[] cols, double[] dx, int n, int g) {
    int h = s.height();
    int w = s.width();
    int oh = s.outHeight();
    int ow = s.outWidth();
    int p = oh * ow;
    int sw = s.strideWidth();
    int dst = n * s.inputImage() + g * s.groupInChannels() * h * w;
    Arrays.fill(dx, dst, dst + s.groupInChannels() * h * w, 0d);
    int k = 0;
    for (int ic = 0; ic < s.groupInChannels(); ic++) {
      for (int i = 0; i < s.kernelHeight(); i++) {
        for (int j = 0; j < s.kernelWidth(); j++, k++) {
          int shift = j * s.dilationWidth() - s.padLeft();
          int lo = columnsFrom(shift, sw, ow);
          int hi = columnsTo(shift, sw, ow, w);
          for (int r = 0; r < oh; r++) {
            int ih = r * s.strideHeight() - s.padTop() + i * s.dilationHeight();
            if (ih < 0 || ih >= h) {
              continue;
            }
            int row = dst + (ic * h + ih) * w + shift;
            int col = k * p + r * ow;
            for (int c = lo; c < hi; c++) {
              dx[row + c * sw] += cols[col + c];
            }
          }
        }
      }
    }
  }

  /**
   * Returns the first output column whose input column {@code c·stride + shift} is not negative.
   */
  private static int columnsFrom(int shift, int stride, int outWidth) {
    return shift >= 0 ? 0 : Math.min(outWidth, (-shift + stride - 1) / stride);
  }

  /** Returns one past the last output column whose input column is below {@code width}. */
  private static int columnsTo(int shift, int stride, int outWidth, int width) {
    return width - shift <= 0 ? 0 : Math.min(outWidth, (width - shift - 1) / stride + 1);
  }

  /**
   * A buffer whose elements outside the places its user writes are zero: its user writes the same
   * places for the same layout, so the zeros are written again only when the layout changes or the
   * buffer grows.
   */
  private static final class Zeroed {
    private double[] data = new double[0];
    private int[] layout = new int[0];

    /** Returns the buffer for {@code size} elements of a layout described by some ints. */
    double[] zeroed(int size, int... layout) {
      if (data.length < size) {
        data = new double[size];
      } else if (!Arrays.equals(layout, this.layout)) {
        Arrays.fill(data, 0d);
      }
      this.layout = layout;
      return data;
    }
  }

  /** The buffers of one thread, grown on demand. */
  private static final class Scratch {
    private double[] plane = new double[0];
    private double[] cols = new double[0];
    private double[] wide = new double[0];
    private double[] acc = new double[0];
    private double[] gradRows = new double[0];
    private final Zeroed columns = new Zeroed();
    private final Zeroed wideGrad = new Zeroed();
    private final Zeroed denseColumns = new Zeroed();
    private final Zeroed denseGrad = new Zeroed();
    private final Zeroed paddedInput = new Zeroed();

    double[] plane(int size) {
      if (plane.length < size) {
        plane = new double[size];
      }
      return plane;
    }

    double[] cols(int size) {
      if (cols.length < size) {
        cols = new double[size];
      }
      return cols;
    }

    double[] wide(int size) {
      if (wide.length < size) {
        wide = new double[size];
      }
      return wide;
    }

    double[] acc(int size) {
      if (acc.length < size) {
        acc = new double[size];
      }
      return acc;
    }

    double[] gradRows(int size) {
      if (gradRows.length < size) {
        gradRows = new double[size];
      }
      return gradRows;
    }
  }
}
