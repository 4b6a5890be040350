package dev.jgrad.tensor.internal.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.KernelInfo;
import dev.jgrad.tensor.Parallelism;
import dev.jgrad.tensor.testing.References;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convolution passes in both precisions against the summation orders that {@link
 * ConvolutionF32} documents, computed here by plain loops: bit for bit where the order is a single
 * chain (forward on every path, the TRANSPOSED input gradient, the WIDE weight gradient), bit for
 * bit against the GEMM path where the order is GEMM's (the WIDE and DENSE input gradients, the
 * CHANNELS weight gradient), and to a tight tolerance against a double-precision reference
 * elsewhere. The SIMD and plain kernels, and 1, 2 and 3 threads, give identical bits.
 */
class ConvolutionKernelsTest {
  private static final ConvKernels PLAIN = ConvKernelSelection.plain();
  private static final ConvKernels SIMD = simdUnderTest();

  private final int initialThreads = Parallelism.threads();

  @AfterEach
  void restoreThreads() {
    Parallelism.setThreads(initialThreads);
  }

  /** The SIMD kernels, or the plain ones outside CI when absent; in CI they must be present. */
  private static ConvKernels simdUnderTest() {
    if (References.inCi() && ConvKernelSelection.simd().isEmpty()) {
      assertTrue(
          "false".equalsIgnoreCase(System.getProperty("jgrad.simd")),
          "CI=true but the SIMD convolution kernels are absent: "
              + KernelInfo.current().summary()
              + ConvKernelSelection.simdFailure().map(f -> ", " + f).orElse(""));
    }
    return ConvKernelSelection.simd().orElse(PLAIN);
  }

  @Test
  void simdKernelsLoadWhenTheCoreSimdKernelsDo() {
    assertEquals(
        dev.jgrad.tensor.internal.Kernels.simd().isPresent(),
        ConvKernelSelection.simd().isPresent(),
        ConvKernelSelection.simdFailure().orElse(""));
  }

  @Test
  void lenetShapesTakeTheMeasuredPaths() {
    ConvShape conv1 = shape(64, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1);
    ConvShape conv2 = shape(64, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1);
    assertEquals(ConvPath.WIDE, ConvPath.forward(conv1));
    assertEquals(ConvPath.WIDE, ConvPath.inputGradient(conv1));
    assertEquals(ConvPath.WIDE, ConvPath.weightGradient(conv1));
    assertEquals(ConvPath.CHANNELS, ConvPath.forward(conv2));
    assertEquals(ConvPath.DENSE, ConvPath.inputGradient(conv2));
    assertEquals(ConvPath.CHANNELS, ConvPath.weightGradient(conv2));
    ConvShape strided = shape(2, 3, 9, 8, 5, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1);
    assertEquals(ConvPath.GEMM, ConvPath.forward(strided));
    assertEquals(ConvPath.GEMM, ConvPath.inputGradient(strided));
    assertEquals(ConvPath.GEMM, ConvPath.weightGradient(strided));
    ConvShape wideImage = shape(2, 16, 32, 32, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    assertEquals(ConvPath.TRANSPOSED, ConvPath.inputGradient(wideImage));
  }

  @Test
  void thePlainKernelsTakeOnlyPathsThatGiveTheSameBits() {
    for (ConvShape s : shapes()) {
      assertEquals(ConvPath.GEMM, ConvPath.forward(s, PLAIN), s.toString());
      ConvPath w = ConvPath.weightGradient(s);
      assertEquals(
          w == ConvPath.CHANNELS ? ConvPath.GEMM : w,
          ConvPath.weightGradient(s, PLAIN),
          s.toString());
      if (SIMD != PLAIN) {
        assertEquals(ConvPath.forward(s), ConvPath.forward(s, SIMD), s.toString());
        assertEquals(w, ConvPath.weightGradient(s, SIMD), s.toString());
      }
    }
  }

  /** A shape by its sizes: N, C, H, W, OC, kh, kw, strides, paddings (t, b, l, r), dilations, g. */
  private static ConvShape shape(int... v) {
    return new ConvShape(
        v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
        v[14], v[15]);
  }

  static List<ConvShape> shapes() {
    return List.of(
        // LeNet-5's conv1 and conv2 with a small batch
        shape(3, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1),
        shape(3, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1),
        // odd sizes, asymmetric padding, dilation, groups, partial tiles of channels and taps
        shape(2, 4, 7, 9, 6, 3, 2, 1, 1, 1, 0, 2, 1, 2, 1, 2),
        shape(2, 3, 5, 41, 13, 2, 3, 1, 1, 0, 1, 1, 1, 1, 3, 1),
        shape(1, 2, 6, 6, 7, 1, 1, 1, 1, 2, 1, 0, 3, 1, 1, 1),
        // depthwise, with a channel multiplier of 2
        shape(2, 4, 8, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4),
        // strided
        shape(2, 3, 9, 8, 5, 3, 3, 2, 3, 1, 1, 1, 0, 1, 1, 1),
        shape(2, 4, 11, 10, 4, 3, 2, 2, 1, 2, 0, 1, 1, 2, 2, 2),
        // panels of 16 channels and a partial one, a kernel wider than a channel tile
        shape(2, 3, 6, 23, 20, 3, 7, 1, 1, 1, 1, 3, 3, 1, 1, 1),
        shape(1, 4, 5, 5, 32, 2, 2, 1, 1, 0, 1, 1, 0, 2, 1, 2),
        // no padding, grouped: the input is read in place but for the last image
        shape(4, 4, 6, 7, 4, 3, 2, 1, 1, 0, 0, 0, 0, 1, 1, 2),
        // images whose gradient is shorter than a vector, as conv1d makes them
        shape(5, 2, 1, 5, 2, 1, 2, 1, 1, 0, 0, 0, 0, 1, 1, 1),
        shape(3, 4, 1, 3, 6, 1, 3, 1, 1, 0, 0, 1, 1, 1, 1, 2),
        // one image, and none
        shape(1, 3, 5, 5, 2, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1),
        shape(0, 3, 5, 5, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1));
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (ConvShape s : shapes()) {
      for (Precision p : Precision.values()) {
        cases.add(Arguments.of(p, s));
      }
    }
    return cases.stream();
  }

  /** Random operands of a shape, values in ±1 with exact float representations. */
  private record Data(double[] x, double[] w, double[] bias, double[] grad) {
    static Data of(ConvShape s, long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      return new Data(
          random(rnd, s.batch() * s.inputImage()),
          random(rnd, s.outChannels() * s.patch()),
          random(rnd, s.outChannels()),
          random(rnd, s.batch() * s.outputImage()));
    }

    private static double[] random(SplittableRandom rnd, int n) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) (rnd.nextDouble() * 2 - 1);
      }
      return v;
    }
  }

  /** One precision's driver and arithmetic, on doubles holding that precision's values. */
  enum Precision {
    F32 {
      @Override
      double fma(double a, double b, double c) {
        return Math.fma((float) a, (float) b, (float) c);
      }

      @Override
      double add(double a, double b) {
        return (float) a + (float) b;
      }

      @Override
      double[] forward(
          ConvShape s, double[] x, double[] w, double[] b, ConvPath path, ConvKernels k) {
        float[] y = new float[s.batch() * s.outputImage()];
        ConvolutionF32.forward(s, floats(x), floats(w), b == null ? null : floats(b), y, path, k);
        return doubles(y);
      }

      @Override
      double[] inputGradient(ConvShape s, double[] g, double[] w, ConvPath path, ConvKernels k) {
        float[] dx = new float[s.batch() * s.inputImage()];
        ConvolutionF32.inputGradient(s, floats(g), floats(w), dx, path, k);
        return doubles(dx);
      }

      @Override
      double[] weightGradient(ConvShape s, double[] g, double[] x, ConvPath path, ConvKernels k) {
        float[] dw = new float[s.outChannels() * s.patch()];
        ConvolutionF32.weightGradient(s, floats(g), floats(x), dw, path, k);
        return doubles(dw);
      }

      @Override
      double[] biasGradient(ConvShape s, double[] g) {
        float[] db = new float[s.outChannels()];
        ConvolutionF32.biasGradient(floats(g), s.batch(), s.outChannels(), s.positions(), db);
        return doubles(db);
      }
    },
    F64 {
      @Override
      double fma(double a, double b, double c) {
        return Math.fma(a, b, c);
      }

      @Override
      double add(double a, double b) {
        return a + b;
      }

      @Override
      double[] forward(
          ConvShape s, double[] x, double[] w, double[] b, ConvPath path, ConvKernels k) {
        double[] y = new double[s.batch() * s.outputImage()];
        ConvolutionF64.forward(s, x, w, b, y, path, k);
        return y;
      }

      @Override
      double[] inputGradient(ConvShape s, double[] g, double[] w, ConvPath path, ConvKernels k) {
        double[] dx = new double[s.batch() * s.inputImage()];
        ConvolutionF64.inputGradient(s, g, w, dx, path, k);
        return dx;
      }

      @Override
      double[] weightGradient(ConvShape s, double[] g, double[] x, ConvPath path, ConvKernels k) {
        double[] dw = new double[s.outChannels() * s.patch()];
        ConvolutionF64.weightGradient(s, g, x, dw, path, k);
        return dw;
      }

      @Override
      double[] biasGradient(ConvShape s, double[] g) {
        double[] db = new double[s.outChannels()];
        ConvolutionF64.biasGradient(g, s.batch(), s.outChannels(), s.positions(), db);
        return db;
      }
    };

    abstract double fma(double a, double b, double c);

    abstract double add(double a, double b);

    abstract double[] forward(
        ConvShape s, double[] x, double[] w, double[] b, ConvPath path, ConvKernels k);

    abstract double[] inputGradient(
        ConvShape s, double[] g, double[] w, ConvPath path, ConvKernels k);

    abstract double[] weightGradient(
        ConvShape s, double[] g, double[] x, ConvPath path, ConvKernels k);

    abstract double[] biasGradient(ConvShape s, double[] g);

    /** The tolerance of a comparison with the double-precision reference, relative to 1. */
    double tolerance() {
      return this == F32 ? 2e-5 : 1e-13;
    }

    static float[] floats(double[] v) {
      float[] f = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        f[i] = (float) v[i];
      }
      return f;
    }

    static double[] doubles(float[] v) {
      double[] d = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        d[i] = v[i];
      }
      return d;
    }
  }

  /** The input element under tap (kh, kw) of output (oh, ow), or 0 in the padding. */
  private static double input(ConvShape s, double[] x, int n, int c, int oh, int ow, int i, int j) {
    int ih = oh * s.strideHeight() - s.padTop() + i * s.dilationHeight();
    int iw = ow * s.strideWidth() - s.padLeft() + j * s.dilationWidth();
    if (ih < 0 || ih >= s.height() || iw < 0 || iw >= s.width()) {
      return 0;
    }
    return x[((n * s.inChannels() + c) * s.height() + ih) * s.width() + iw];
  }

  private static double weight(ConvShape s, double[] w, int oc, int ic, int i, int j) {
    return w[((oc * s.groupInChannels() + ic) * s.kernelHeight() + i) * s.kernelWidth() + j];
  }

  private static int out(ConvShape s, int n, int oc, int oh, int ow) {
    return ((n * s.outChannels() + oc) * s.outHeight() + oh) * s.outWidth() + ow;
  }

  /** The forward pass as documented: one chain per output over its taps, from the bias. */
  private static double[] forwardChain(Precision p, ConvShape s, Data d, boolean bias) {
    double[] y = new double[s.batch() * s.outputImage()];
    int cg = s.groupInChannels();
    for (int n = 0; n < s.batch(); n++) {
      for (int oc = 0; oc < s.outChannels(); oc++) {
        int g = oc / s.groupOutChannels();
        for (int oh = 0; oh < s.outHeight(); oh++) {
          for (int ow = 0; ow < s.outWidth(); ow++) {
            double t = bias ? d.bias()[oc] : 0;
            for (int ic = 0; ic < cg; ic++) {
              for (int i = 0; i < s.kernelHeight(); i++) {
                for (int j = 0; j < s.kernelWidth(); j++) {
                  double xv = input(s, d.x(), n, g * cg + ic, oh, ow, i, j);
                  t = p.fma(weight(s, d.w(), oc, ic, i, j), xv, t);
                }
              }
            }
            y[out(s, n, oc, oh, ow)] = t;
          }
        }
      }
    }
    return y;
  }

  /**
   * The unit-stride input gradient as documented: one chain per input element over the output
   * channels of its group and the flipped taps, reading the gradient as 0 outside the output.
   */
  private static double[] inputGradientChain(Precision p, ConvShape s, Data d) {
    double[] dx = new double[s.batch() * s.inputImage()];
    int cg = s.groupInChannels();
    int ocg = s.groupOutChannels();
    int kh = s.kernelHeight();
    int kw = s.kernelWidth();
    for (int n = 0; n < s.batch(); n++) {
      for (int c = 0; c < s.inChannels(); c++) {
        int g = c / cg;
        for (int ih = 0; ih < s.height(); ih++) {
          for (int iw = 0; iw < s.width(); iw++) {
            double t = 0;
            for (int o = 0; o < ocg; o++) {
              int oc = g * ocg + o;
              for (int fi = 0; fi < kh; fi++) {
                for (int fj = 0; fj < kw; fj++) {
                  int i = kh - 1 - fi;
                  int j = kw - 1 - fj;
                  int oh = ih + s.padTop() - i * s.dilationHeight();
                  int ow = iw + s.padLeft() - j * s.dilationWidth();
                  boolean inside = oh >= 0 && oh < s.outHeight() && ow >= 0 && ow < s.outWidth();
                  double gv = inside ? d.grad()[out(s, n, oc, oh, ow)] : 0;
                  t = p.fma(weight(s, d.w(), oc, c - g * cg, i, j), gv, t);
                }
              }
            }
            dx[((n * s.inChannels() + c) * s.height() + ih) * s.width() + iw] = t;
          }
        }
      }
    }
    return dx;
  }

  /**
   * The WIDE weight gradient as documented: per chunk of images, one chain per weight and output
   * column over the chunk's images and output rows; the columns added in order, then the chunks.
   */
  private static double[] weightGradientChain(Precision p, ConvShape s, Data d) {
    int cg = s.groupInChannels();
    double[] dw = new double[s.outChannels() * s.patch()];
    for (int oc = 0; oc < s.outChannels(); oc++) {
      int g = oc / s.groupOutChannels();
      for (int ic = 0; ic < cg; ic++) {
        for (int i = 0; i < s.kernelHeight(); i++) {
          for (int j = 0; j < s.kernelWidth(); j++) {
            double total = 0;
            for (int from = 0; from < s.batch(); from += ConvolutionF32.CHUNK) {
              int to = Math.min(s.batch(), from + ConvolutionF32.CHUNK);
              double chunk = 0;
              for (int ow = 0; ow < s.outWidth(); ow++) {
                double t = 0;
                for (int n = from; n < to; n++) {
                  for (int oh = 0; oh < s.outHeight(); oh++) {
                    double xv = input(s, d.x(), n, g * cg + ic, oh, ow, i, j);
                    t = p.fma(d.grad()[out(s, n, oc, oh, ow)], xv, t);
                  }
                }
                chunk = p.add(chunk, t);
              }
              total = from == 0 ? chunk : p.add(total, chunk);
            }
            dw[((oc * cg + ic) * s.kernelHeight() + i) * s.kernelWidth() + j] = total;
          }
        }
      }
    }
    return dw;
  }

  /** The input gradient in double precision, by scattering each output's gradient. */
  private static double[] inputGradientReference(ConvShape s, Data d) {
    double[] dx = new double[s.batch() * s.inputImage()];
    int cg = s.groupInChannels();
    for (int n = 0; n < s.batch(); n++) {
      for (int oc = 0; oc < s.outChannels(); oc++) {
        int g = oc / s.groupOutChannels();
        for (int oh = 0; oh < s.outHeight(); oh++) {
          for (int ow = 0; ow < s.outWidth(); ow++) {
            double gv = d.grad()[out(s, n, oc, oh, ow)];
            for (int ic = 0; ic < cg; ic++) {
              for (int i = 0; i < s.kernelHeight(); i++) {
                for (int j = 0; j < s.kernelWidth(); j++) {
                  int ih = oh * s.strideHeight() - s.padTop() + i * s.dilationHeight();
                  int iw = ow * s.strideWidth() - s.padLeft() + j * s.dilationWidth();
                  if (ih >= 0 && ih < s.height() && iw >= 0 && iw < s.width()) {
                    int c = g * cg + ic;
                    dx[((n * s.inChannels() + c) * s.height() + ih) * s.width() + iw] +=
                        gv * weight(s, d.w(), oc, ic, i, j);
                  }
                }
              }
            }
          }
        }
      }
    }
    return dx;
  }

  /** The weight gradient in double precision. */
  private static double[] weightGradientReference(ConvShape s, Data d) {
    int cg = s.groupInChannels();
    double[] dw = new double[s.outChannels() * s.patch()];
    for (int oc = 0; oc < s.outChannels(); oc++) {
      int g = oc / s.groupOutChannels();
      for (int ic = 0; ic < cg; ic++) {
        for (int i = 0; i < s.kernelHeight(); i++) {
          for (int j = 0; j < s.kernelWidth(); j++) {
            double sum = 0;
            for (int n = 0; n < s.batch(); n++) {
              for (int oh = 0; oh < s.outHeight(); oh++) {
                for (int ow = 0; ow < s.outWidth(); ow++) {
                  sum +=
                      d.grad()[out(s, n, oc, oh, ow)]
                          * input(s, d.x(), n, g * cg + ic, oh, ow, i, j);
                }
              }
            }
            dw[((oc * cg + ic) * s.kernelHeight() + i) * s.kernelWidth() + j] = sum;
          }
        }
      }
    }
    return dw;
  }

  private static void assertClose(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(1, Math.abs(expected[i]));
      assertTrue(
          Math.abs(expected[i] - actual[i]) <= tol * scale,
          what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void forwardIsTheDocumentedChainOnEveryPathAndKernel(Precision p, ConvShape s) {
    Data d = Data.of(s, 1);
    for (boolean bias : new boolean[] {true, false}) {
      double[] b = bias ? d.bias() : null;
      double[] expected = forwardChain(p, s, d, bias);
      String what = "forward, bias " + bias;
      assertArrayEquals(expected, p.forward(s, d.x(), d.w(), b, ConvPath.GEMM, PLAIN), what);
      if (s.unitStride()) {
        for (ConvPath path : List.of(ConvPath.WIDE, ConvPath.CHANNELS)) {
          for (ConvKernels k : List.of(PLAIN, SIMD)) {
            assertArrayEquals(expected, p.forward(s, d.x(), d.w(), b, path, k), what + " " + path);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void inputGradientIsTheDocumentedChainOrCloseToTheReference(Precision p, ConvShape s) {
    Data d = Data.of(s, 2);
    double[] gemm = p.inputGradient(s, d.grad(), d.w(), ConvPath.GEMM, PLAIN);
    assertClose(inputGradientReference(s, d), gemm, p.tolerance() * s.patch(), "input gradient");
    if (s.unitStride()) {
      double[] chain = inputGradientChain(p, s, d);
      for (ConvKernels k : List.of(PLAIN, SIMD)) {
        assertArrayEquals(
            chain, p.inputGradient(s, d.grad(), d.w(), ConvPath.TRANSPOSED, k), "transposed");
        assertArrayEquals(
            gemm, p.inputGradient(s, d.grad(), d.w(), ConvPath.WIDE, k), "wide versus GEMM");
        assertArrayEquals(
            gemm, p.inputGradient(s, d.grad(), d.w(), ConvPath.DENSE, k), "dense versus GEMM");
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void weightGradientIsTheDocumentedChainOrCloseToTheReference(Precision p, ConvShape s) {
    Data d = Data.of(s, 3);
    double[] reference = weightGradientReference(s, d);
    double tol = p.tolerance() * s.batch() * s.positions();
    double[] gemm = p.weightGradient(s, d.grad(), d.x(), ConvPath.GEMM, PLAIN);
    assertClose(reference, gemm, tol, "GEMM weight gradient");
    if (s.unitStride()) {
      double[] wide = p.weightGradient(s, d.grad(), d.x(), ConvPath.WIDE, PLAIN);
      assertArrayEquals(weightGradientChain(p, s, d), wide, "wide weight gradient chain");
      assertArrayEquals(
          wide, p.weightGradient(s, d.grad(), d.x(), ConvPath.WIDE, SIMD), "SIMD vs plain");
      assertClose(reference, wide, tol, "wide weight gradient");
    }
    if (s.unitStride() && s.dilationWidth() == 1) {
      for (ConvKernels k : List.of(PLAIN, SIMD)) {
        assertArrayEquals(
            gemm,
            p.weightGradient(s, d.grad(), d.x(), ConvPath.CHANNELS, k),
            "channel-vectorized weight gradient versus GEMM");
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void biasGradientSumsEachChannel(Precision p, ConvShape s) {
    Data d = Data.of(s, 4);
    double[] expected = new double[s.outChannels()];
    for (int n = 0; n < s.batch(); n++) {
      for (int oc = 0; oc < s.outChannels(); oc++) {
        for (int i = 0; i < s.positions(); i++) {
          expected[oc] += d.grad()[(n * s.outChannels() + oc) * s.positions() + i];
        }
      }
    }
    assertClose(expected, p.biasGradient(s, d.grad()), p.tolerance(), "bias gradient");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("threadCases")
  void everyPassGivesTheSameBitsOnOneTwoAndThreeThreads(Precision p, ConvShape s) {
    Data d = Data.of(s, 5);
    List<double[]> results = new ArrayList<>();
    for (int threads = 1; threads <= 3; threads++) {
      Parallelism.setThreads(threads);
      List<double[]> r = new ArrayList<>();
      r.add(p.forward(s, d.x(), d.w(), d.bias(), ConvPath.forward(s), SIMD));
      r.add(p.inputGradient(s, d.grad(), d.w(), ConvPath.inputGradient(s), SIMD));
      r.add(p.inputGradient(s, d.grad(), d.w(), ConvPath.TRANSPOSED, SIMD));
      r.add(p.inputGradient(s, d.grad(), d.w(), ConvPath.DENSE, SIMD));
      r.add(p.weightGradient(s, d.grad(), d.x(), ConvPath.weightGradient(s), SIMD));
      r.add(p.weightGradient(s, d.grad(), d.x(), ConvPath.GEMM, SIMD));
      r.add(p.weightGradient(s, d.grad(), d.x(), ConvPath.WIDE, SIMD));
      r.add(p.biasGradient(s, d.grad()));
      if (threads == 1) {
        results.addAll(r);
      } else {
        for (int i = 0; i < r.size(); i++) {
          assertArrayEquals(results.get(i), r.get(i), "pass " + i + ", " + threads + " threads");
        }
      }
    }
  }

  /** Shapes large enough to be split across threads, with a batch of several chunks. */
  static Stream<Arguments> threadCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Precision p : Precision.values()) {
      cases.add(Arguments.of(p, shape(37, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 2, 2, 1, 1, 1)));
      cases.add(Arguments.of(p, shape(35, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 0, 0, 1, 1, 1)));
      cases.add(Arguments.of(p, shape(33, 4, 12, 11, 6, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 2)));
    }
    return cases.stream();
  }
}
