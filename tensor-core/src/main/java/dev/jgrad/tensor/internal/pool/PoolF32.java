package dev.jgrad.tensor.internal.pool;

/**
 * Single-precision pooling loops over the planes {@code [from, to)} of a dense {@code [planes, H,
 * W]} input, each plane in the scan order of PyTorch's CPU kernels (output rows, then columns, then
 * the window's rows and columns), so that ties, NaN and the accumulation order of overlapping
 * windows come out as in PyTorch. This class and its twin for the other precision are equal up to
 * renaming their types, which {@code PoolSourcesTest} checks.
 */
final class PoolF32 {
  private PoolF32() {}

  /**
   * Max pooling: each output is the window's first maximum in scan order, or its last NaN, and
   * {@code idx} its flat position in the input plane; a window lying wholly in the padding gives
   * -inf and index -1.
   */
  static void maxForward(PoolShape s, float[] in, float[] out, int[] idx, int from, int to) {
    if (s.h().isPairs() && s.w().isPairs()) {
      maxForwardPairs(s, in, false, out, idx, from, to);
    } else {
      maxForwardWindows(s, in, out, idx, from, to);
    }
  }

  /** {@link #maxForward} for any window. */
  static void maxForwardWindows(PoolShape s, float[] in, float[] out, int[] idx, int from, int to) {
    PoolAxis h = s.h();
    PoolAxis w = s.w();
    int inPlane = s.inPlane();
    int outPlane = s.outPlane();
    int width = w.in();
    for (int p = from; p < to; p++) {
      int base = p * inPlane;
      int o = p * outPlane;
      for (int oh = 0; oh < h.out(); oh++) {
        int h0 = firstInside(oh * h.stride() - h.padding(), h.dilation());
        int h1 =
            Math.min(oh * h.stride() - h.padding() + (h.kernel() - 1) * h.dilation() + 1, h.in());
        for (int ow = 0; ow < w.out(); ow++, o++) {
          int w0 = firstInside(ow * w.stride() - w.padding(), w.dilation());
          int w1 =
              Math.min(ow * w.stride() - w.padding() + (w.kernel() - 1) * w.dilation() + 1, width);
          float max = Float.NEGATIVE_INFINITY;
          int at = h0 < h1 && w0 < w1 ? h0 * width + w0 : -1;
          for (int ih = h0; ih < h1; ih += h.dilation()) {
            for (int iw = w0; iw < w1; iw += w.dilation()) {
              float v = in[base + ih * width + iw];
              if (v > max || v != v) {
                max = v;
                at = ih * width + iw;
              }
            }
          }
          out[o] = max;
          idx[o] = at;
        }
      }
    }
  }

  /**
   * {@link #maxForward} for 2x2 windows with stride 2 that tile the plane: the same comparisons;
   * with {@code relu}, the pooling of {@code relu(in)} (see {@link #maxPair}).
   */
  static void maxForwardPairs(
      PoolShape s, float[] in, boolean relu, float[] out, int[] idx, int from, int to) {
    int width = s.w().in();
    int outH = s.h().out();
    int outW = s.w().out();
    int inPlane = s.inPlane();
    for (int p = from; p < to; p++) {
      int o = p * outH * outW;
      for (int oh = 0; oh < outH; oh++) {
        for (int ow = 0; ow < outW; ow++, o++) {
          maxPair(in, p * inPlane, 2 * oh * width + 2 * ow, width, relu, out, idx, o);
        }
      }
    }
  }

  /**
   * Writes output {@code o} of a 2x2 window whose top-left element is {@code j} in the plane
   * starting at {@code base}: its first maximum in scan order, or its last NaN, and where it was.
   * With {@code relu}, of the window's relu ({@code v < 0 ? 0 : v}) as if it had been applied
   * first: the same where the maximum is above 0 or NaN, and otherwise, the relu'd window holding
   * only zeros of either sign, its first element relu'd, at the top-left.
   */
  static void maxPair(
      float[] in, int base, int j, int width, boolean relu, float[] out, int[] idx, int o) {
    int i = base + j;
    float max = in[i];
    int at = j;
    float v = in[i + 1];
    if (v > max || v != v) {
      max = v;
      at = j + 1;
    }
    v = in[i + width];
    if (v > max || v != v) {
      max = v;
      at = j + width;
    }
    v = in[i + width + 1];
    if (v > max || v != v) {
      max = v;
      at = j + width + 1;
    }
    if (relu && max <= 0) {
      max = in[i] < 0 ? 0 : in[i];
      at = j;
    }
    out[o] = max;
    idx[o] = at;
  }

  /** Max pooling's backward pass: adds each output's gradient at its index, in output order. */
  static void maxBackward(
      PoolShape s, float[] gradOut, int[] idx, float[] gradIn, int from, int to) {
    int inPlane = s.inPlane();
    int outPlane = s.outPlane();
    for (int p = from; p < to; p++) {
      int base = p * inPlane;
      for (int o = p * outPlane, end = o + outPlane; o < end; o++) {
        int at = idx[o];
        if (at >= 0) {
          gradIn[base + at] += gradOut[o];
        }
      }
    }
  }

  /**
   * Max pooling backward through a relu applied before the pooling, for the outputs {@code [from,
   * to)} of one plane whose input gradient starts at {@code base}: adds each output gradient at its
   * index where relu lets it through, that is where the pooled result is not {@code <= 0} (NaN
   * passes), and +0 elsewhere, as relu's backward selects and max pooling's backward adds. The
   * selection has no branch ({@link ReluGate}); adding +0 leaves a gradient unchanged, since one
   * accumulated from +0 is never -0.
   */
  static void maxBackwardThroughRelu(
      float[] gradOut, float[] result, int[] idx, float[] gradIn, int base, int from, int to) {
    for (int o = from; o < to; o++) {
      int at = idx[o];
      if (at >= 0) {
        gradIn[base + at] += ReluGate.gradient(gradOut[o], result[o]);
      }
    }
  }

  /**
   * Average pooling: each output is the sum of its window's input elements, from 0 in scan order,
   * divided by {@code divisor} when it is not 0, else by the window's size within the padded input
   * (count_include_pad) or within the input.
   */
  static void avgForward(
      PoolShape s,
      boolean countIncludePad,
      int divisor,
      float[] in,
      float[] out,
      int from,
      int to) {
    PoolAxis h = s.h();
    PoolAxis w = s.w();
    int inPlane = s.inPlane();
    int outPlane = s.outPlane();
    int width = w.in();
    for (int p = from; p < to; p++) {
      int base = p * inPlane;
      int o = p * outPlane;
      for (int oh = 0; oh < h.out(); oh++) {
        int h0 = oh * h.stride() - h.padding();
        int h1 = Math.min(h0 + h.kernel(), h.in() + h.padding());
        int padH = h1 - h0;
        h0 = Math.max(h0, 0);
        h1 = Math.min(h1, h.in());
        for (int ow = 0; ow < w.out(); ow++, o++) {
          int w0 = ow * w.stride() - w.padding();
          int w1 = Math.min(w0 + w.kernel(), width + w.padding());
          int padW = w1 - w0;
          w0 = Math.max(w0, 0);
          w1 = Math.min(w1, width);
          float sum = 0;
          for (int ih = h0; ih < h1; ih++) {
            for (int iw = w0; iw < w1; iw++) {
              sum += in[base + ih * width + iw];
            }
          }
          int count =
              divisor != 0 ? divisor : countIncludePad ? padH * padW : (h1 - h0) * (w1 - w0);
          out[o] = h0 < h1 && w0 < w1 ? 0 + sum / count : 0;
        }
      }
    }
  }

  /**
   * Average pooling's backward pass: adds each output's gradient divided by its divisor to its
   * window's input elements, in output order.
   */
  static void avgBackward(
      PoolShape s,
      boolean countIncludePad,
      int divisor,
      float[] gradOut,
      float[] gradIn,
      int from,
      int to) {
    PoolAxis h = s.h();
    PoolAxis w = s.w();
    int inPlane = s.inPlane();
    int outPlane = s.outPlane();
    int width = w.in();
    for (int p = from; p < to; p++) {
      int base = p * inPlane;
      int o = p * outPlane;
      for (int oh = 0; oh < h.out(); oh++) {
        int h0 = oh * h.stride() - h.padding();
        int h1 = Math.min(h0 + h.kernel(), h.in() + h.padding());
        int padH = h1 - h0;
        h0 = Math.max(h0, 0);
        h1 = Math.min(h1, h.in());
        for (int ow = 0; ow < w.out(); ow++, o++) {
          int w0 = ow * w.stride() - w.padding();
          int w1 = Math.min(w0 + w.kernel(), width + w.padding());
          int padW = w1 - w0;
          w0 = Math.max(w0, 0);
          w1 = Math.min(w1, width);
          int count =
              divisor != 0 ? divisor : countIncludePad ? padH * padW : (h1 - h0) * (w1 - w0);
          float g = gradOut[o] / count;
          for (int ih = h0; ih < h1; ih++) {
            for (int iw = w0; iw < w1; iw++) {
              gradIn[base + ih * width + iw] += g;
            }
          }
        }
      }
    }
  }

  /**
   * Adaptive average pooling: each output is the sum of its window, from 0 in scan order, divided
   * by the window's height and then by its width.
   */
  static void adaptiveForward(PoolShape s, float[] in, float[] out, int from, int to) {
    PoolAxis h = s.h();
    PoolAxis w = s.w();
    int inPlane = s.inPlane();
    int outPlane = s.outPlane();
    int width = w.in();
    for (int p = from; p < to; p++) {
      int base = p * inPlane;
      int o = p * outPlane;
      for (int oh = 0; oh < h.out(); oh++) {
        int h0 = h.adaptiveStart(oh);
        int h1 = h.adaptiveEnd(oh);
        for (int ow = 0; ow < w.out(); ow++, o++) {
          int w0 = w.adaptiveStart(ow);
          int w1 = w.adaptiveEnd(ow);
          float sum = 0;
          for (int ih = h0; ih < h1; ih++) {
            for (int iw = w0; iw < w1; iw++) {
              sum += in[base + ih * width + iw];
            }
          }
          out[o] = sum / (h1 - h0) / (w1 - w0);
        }
      }
    }
  }

  /**
   * Adaptive average pooling's backward pass: adds each output's gradient, divided by its window's
   * height and then by its width, to the window's input elements, in output order.
   */
  static void adaptiveBackward(PoolShape s, float[] gradOut, float[] gradIn, int from, int to) {
    PoolAxis h = s.h();
    PoolAxis w = s.w();
    int inPlane = s.inPlane();
    int outPlane = s.outPlane();
    int width = w.in();
    for (int p = from; p < to; p++) {
      int base = p * inPlane;
      int o = p * outPlane;
      for (int oh = 0; oh < h.out(); oh++) {
        int h0 = h.adaptiveStart(oh);
        int h1 = h.adaptiveEnd(oh);
        for (int ow = 0; ow < w.out(); ow++, o++) {
          int w0 = w.adaptiveStart(ow);
          int w1 = w.adaptiveEnd(ow);
          float g = gradOut[o] / (h1 - h0) / (w1 - w0);
          for (int ih = h0; ih < h1; ih++) {
            for (int iw = w0; iw < w1; iw++) {
              gradIn[base + ih * width + iw] += g;
            }
          }
        }
      }
    }
  }

  /** Returns the first position of {@code start + k * step} (k ≥ 0) that is not negative. */
  private static int firstInside(int start, int step) {
    return start >= 0 ? start : start + (-start + step - 1) / step * step;
  }
}
