package dev.jgrad.tensor.internal.conv.simd;

import dev.jgrad.tensor.internal.conv.ConvKernels;
import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision loops of the SIMD {@code ConvKernels}, register-tiled: the forward pass keeps a
 * tile of {@link #MR} output channels by {@link #NV} vectors of positions in registers across all
 * taps (one load per vector of positions and tap, one broadcast per channel and tap), and the
 * weight gradient a tile of {@link #MO} channels by {@link #MT} taps for one vector of lanes across
 * all rows. Each lane runs exactly the chain of fused multiply-adds that the plain loops run, so
 * the results are bit-identical. Partial tiles repeat their last channel or tap, computed but not
 * stored. This class and its twin for the other precision are equal up to renaming their types,
 * which {@code ConvSourcesTest} checks.
 */
final class SimdConvF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** The exact class of S's vectors: a cast to it keeps a loop's carried vectors typed for C2. */
  @SuppressWarnings("unchecked")
  private static final Class<FloatVector> EXACT =
      (Class<FloatVector>) FloatVector.zero(S).getClass();

  /** Output channels of a forward tile: one group of the grouped weights. */
  static final int MR = ConvKernels.GROUP;

  /** Vectors of positions of a forward tile. */
  static final int NV = 4;

  /**
   * Vectors of a forward tile of {@link #forwardRows}, each with its own base: fewer than NV, so
   * that the bases and accumulators stay in registers.
   */
  static final int RV = 3;

  /** Output channels of a weight-gradient tile. */
  static final int MO = 6;

  /** Taps of a weight-gradient tile. */
  static final int MT = 3;

  /** The channels of one panel of the channel-vectorized loops: one vector. */
  static final int PANEL = L;

  /** Output positions of a channel-vectorized forward tile, consecutive in one output row. */
  static final int NP = 10;

  /** Kernel rows of a channel-vectorized weight-gradient tile. */
  static final int TR = 5;

  /** Kernel columns of a channel-vectorized weight-gradient tile. */
  static final int TC = 5;

  private SimdConvF32() {}

  static void forward(
      float[] x,
      int xOff,
      int[] offsets,
      int taps,
      float[] w,
      int wOff,
      float[] bias,
      int biasOff,
      int channels,
      float[] y,
      int yOff,
      int yStride,
      int positions) {
    int covered = (positions + L - 1) / L * L;
    for (int oc0 = 0; oc0 < channels; oc0 += MR) {
      int mr = Math.min(MR, channels - oc0);
      Rows rows = new Rows(w, wOff + oc0 * taps, bias, biasOff + oc0, mr);
      int yRow = yOff + oc0 * yStride;
      int vectors = covered / L;
      int q = 0;
      while (vectors > 0) {
        int nv = vectors == 5 ? 3 : Math.min(NV, vectors);
        switch (nv) {
          case 4 -> tile(x, xOff + q, offsets, taps, rows, y, yRow + q, yStride);
          case 3 -> tile3(x, xOff + q, offsets, taps, rows, y, yRow + q, yStride);
          case 2 -> tile2(x, xOff + q, offsets, taps, rows, y, yRow + q, yStride);
          default -> column(x, xOff + q, offsets, taps, rows, y, yRow + q, yStride);
        }
        q += nv * L;
        vectors -= nv;
      }
    }
  }

  static void forwardRows(
      float[] x,
      int xOff,
      int[] offsets,
      int taps,
      float[] w,
      int wOff,
      float[] bias,
      int biasOff,
      int channels,
      int rows,
      int cols,
      int rowStride,
      float[] y,
      int yOff,
      int yStride) {
    int perRow = (cols + L - 1) / L;
    int vectors = rows * perRow;
    int[] at = new int[2 * RV];
    for (int oc0 = 0; oc0 < channels; oc0 += MR) {
      int mr = Math.min(MR, channels - oc0);
      Rows t = new Rows(w, wOff + oc0 * taps, bias, biasOff + oc0, mr);
      int yPlane = yOff + oc0 * yStride;
      for (int v0 = 0; v0 < vectors; v0 += RV) {
        for (int i = 0; i < RV; i++) {
          int v = Math.min(v0 + i, vectors - 1);
          int r = v / perRow;
          int c = Math.min(v % perRow * L, cols - L);
          at[i] = xOff + r * rowStride + c;
          at[RV + i] = yPlane + r * cols + c;
        }
        rowTile(x, offsets, taps, t, y, yStride, at);
      }
    }
  }

  /**
   * Computes MR channels by RV vectors of positions that need not be consecutive: vector i reads
   * the input from {@code x[at[i]]} on and is stored at {@code y[at[RV + i]]}, one plane of {@code
   * ys} per channel. Vectors past the last repeat it.
   */
  private static void rowTile(
      float[] x, int[] offsets, int taps, Rows t, float[] y, int ys, int[] at) {
    float[] w = t.w;
    int wg = t.wg;
    int b0 = at[0];
    int b1 = at[1];
    int b2 = at[2];
    FloatVector a00 = FloatVector.broadcast(S, t.s0);
    FloatVector a01 = a00;
    FloatVector a02 = a00;
    FloatVector a10 = FloatVector.broadcast(S, t.s1);
    FloatVector a11 = a10;
    FloatVector a12 = a10;
    FloatVector a20 = FloatVector.broadcast(S, t.s2);
    FloatVector a21 = a20;
    FloatVector a22 = a20;
    FloatVector a30 = FloatVector.broadcast(S, t.s3);
    FloatVector a31 = a30;
    FloatVector a32 = a30;
    FloatVector a40 = FloatVector.broadcast(S, t.s4);
    FloatVector a41 = a40;
    FloatVector a42 = a40;
    FloatVector a50 = FloatVector.broadcast(S, t.s5);
    FloatVector a51 = a50;
    FloatVector a52 = a50;
    for (int k = 0; k < taps; k++) {
      int wk = wg + k * MR;
      int o = offsets[k];
      FloatVector x0 = FloatVector.fromArray(S, x, b0 + o);
      FloatVector x1 = FloatVector.fromArray(S, x, b1 + o);
      FloatVector x2 = FloatVector.fromArray(S, x, b2 + o);

      FloatVector b = FloatVector.broadcast(S, w[wk]);
      a00 = b.fma(x0, a00);
      a01 = b.fma(x1, a01);
      a02 = b.fma(x2, a02);
      b = FloatVector.broadcast(S, w[wk + 1]);
      a10 = b.fma(x0, a10);
      a11 = b.fma(x1, a11);
      a12 = b.fma(x2, a12);
      b = FloatVector.broadcast(S, w[wk + 2]);
      a20 = b.fma(x0, a20);
      a21 = b.fma(x1, a21);
      a22 = b.fma(x2, a22);
      b = FloatVector.broadcast(S, w[wk + 3]);
      a30 = b.fma(x0, a30);
      a31 = b.fma(x1, a31);
      a32 = b.fma(x2, a32);
      b = FloatVector.broadcast(S, w[wk + 4]);
      a40 = b.fma(x0, a40);
      a41 = b.fma(x1, a41);
      a42 = b.fma(x2, a42);
      b = FloatVector.broadcast(S, w[wk + 5]);
      a50 = b.fma(x0, a50);
      a51 = b.fma(x1, a51);
      a52 = b.fma(x2, a52);
    }
    int mr = t.mr;
    int y0 = at[RV];
    int y1 = at[RV + 1];
    int y2 = at[RV + 2];
    a00.intoArray(y, y0);
    a01.intoArray(y, y1);
    a02.intoArray(y, y2);
    if (mr > 1) {
      a10.intoArray(y, y0 + ys);
      a11.intoArray(y, y1 + ys);
      a12.intoArray(y, y2 + ys);
    }
    if (mr > 2) {
      a20.intoArray(y, y0 + 2 * ys);
      a21.intoArray(y, y1 + 2 * ys);
      a22.intoArray(y, y2 + 2 * ys);
    }
    if (mr > 3) {
      a30.intoArray(y, y0 + 3 * ys);
      a31.intoArray(y, y1 + 3 * ys);
      a32.intoArray(y, y2 + 3 * ys);
    }
    if (mr > 4) {
      a40.intoArray(y, y0 + 4 * ys);
      a41.intoArray(y, y1 + 4 * ys);
      a42.intoArray(y, y2 + 4 * ys);
    }
    if (mr > 5) {
      a50.intoArray(y, y0 + 5 * ys);
      a51.intoArray(y, y1 + 5 * ys);
      a52.intoArray(y, y2 + 5 * ys);
    }
  }

  /**
   * The weights and starting values of one forward tile: its group of the grouped weights, which
   * starts at {@code w[wg]}, and the starting values, those of rows past mr repeating the last.
   */
  private record Rows(
      float[] w, int wg, float s0, float s1, float s2, float s3, float s4, float s5, int mr) {
    Rows(float[] w, int wg, float[] bias, int b, int mr) {
      this(
          w,
          wg,
          start(bias, b, 0, mr),
          start(bias, b, 1, mr),
          start(bias, b, 2, mr),
          start(bias, b, 3, mr),
          start(bias, b, 4, mr),
          start(bias, b, 5, mr),
          mr);
    }

    private static float start(float[] bias, int b, int r, int mr) {
      return bias == null ? 0f : bias[b + Math.min(r, mr - 1)];
    }
  }

  /** Computes MR channels by NV vectors of positions starting at x[base] and y[yt]. */
  private static void tile(
      float[] x, int base, int[] offsets, int taps, Rows t, float[] y, int yt, int ys) {
    float[] w = t.w;
    int wg = t.wg;
    FloatVector a00 = FloatVector.broadcast(S, t.s0);
    FloatVector a01 = a00;
    FloatVector a02 = a00;
    FloatVector a03 = a00;
    FloatVector a10 = FloatVector.broadcast(S, t.s1);
    FloatVector a11 = a10;
    FloatVector a12 = a10;
    FloatVector a13 = a10;
    FloatVector a20 = FloatVector.broadcast(S, t.s2);
    FloatVector a21 = a20;
    FloatVector a22 = a20;
    FloatVector a23 = a20;
    FloatVector a30 = FloatVector.broadcast(S, t.s3);
    FloatVector a31 = a30;
    FloatVector a32 = a30;
    FloatVector a33 = a30;
    FloatVector a40 = FloatVector.broadcast(S, t.s4);
    FloatVector a41 = a40;
    FloatVector a42 = a40;
    FloatVector a43 = a40;
    FloatVector a50 = FloatVector.broadcast(S, t.s5);
    FloatVector a51 = a50;
    FloatVector a52 = a50;
    FloatVector a53 = a50;
    for (int k = 0; k < taps; k++) {
      int wk = wg + k * MR;
      int o = base + offsets[k];
      FloatVector x0 = FloatVector.fromArray(S, x, o);
      FloatVector x1 = FloatVector.fromArray(S, x, o + L);
      FloatVector x2 = FloatVector.fromArray(S, x, o + 2 * L);
      FloatVector x3 = FloatVector.fromArray(S, x, o + 3 * L);
      FloatVector b = FloatVector.broadcast(S, w[wk]);
      a00 = b.fma(x0, a00);
      a01 = b.fma(x1, a01);
      a02 = b.fma(x2, a02);
      a03 = b.fma(x3, a03);
      b = FloatVector.broadcast(S, w[wk + 1]);
      a10 = b.fma(x0, a10);
      a11 = b.fma(x1, a11);
      a12 = b.fma(x2, a12);
      a13 = b.fma(x3, a13);
      b = FloatVector.broadcast(S, w[wk + 2]);
      a20 = b.fma(x0, a20);
      a21 = b.fma(x1, a21);
      a22 = b.fma(x2, a22);
      a23 = b.fma(x3, a23);
      b = FloatVector.broadcast(S, w[wk + 3]);
      a30 = b.fma(x0, a30);
      a31 = b.fma(x1, a31);
      a32 = b.fma(x2, a32);
      a33 = b.fma(x3, a33);
      b = FloatVector.broadcast(S, w[wk + 4]);
      a40 = b.fma(x0, a40);
      a41 = b.fma(x1, a41);
      a42 = b.fma(x2, a42);
      a43 = b.fma(x3, a43);
      b = FloatVector.broadcast(S, w[wk + 5]);
      a50 = b.fma(x0, a50);
      a51 = b.fma(x1, a51);
      a52 = b.fma(x2, a52);
      a53 = b.fma(x3, a53);
    }
    int mr = t.mr;
    a00.intoArray(y, yt);
    a01.intoArray(y, yt + L);
    a02.intoArray(y, yt + 2 * L);
    a03.intoArray(y, yt + 3 * L);
    if (mr > 1) {
      int at = yt + ys;
      a10.intoArray(y, at);
      a11.intoArray(y, at + L);
      a12.intoArray(y, at + 2 * L);
      a13.intoArray(y, at + 3 * L);
    }
    if (mr > 2) {
      int at = yt + 2 * ys;
      a20.intoArray(y, at);
      a21.intoArray(y, at + L);
      a22.intoArray(y, at + 2 * L);
      a23.intoArray(y, at + 3 * L);
    }
    if (mr > 3) {
      int at = yt + 3 * ys;
      a30.intoArray(y, at);
      a31.intoArray(y, at + L);
      a32.intoArray(y, at + 2 * L);
      a33.intoArray(y, at + 3 * L);
    }
    if (mr > 4) {
      int at = yt + 4 * ys;
      a40.intoArray(y, at);
      a41.intoArray(y, at + L);
      a42.intoArray(y, at + 2 * L);
      a43.intoArray(y, at + 3 * L);
    }
    if (mr > 5) {
      int at = yt + 5 * ys;
      a50.intoArray(y, at);
      a51.intoArray(y, at + L);
      a52.intoArray(y, at + 2 * L);
      a53.intoArray(y, at + 3 * L);
    }
  }

  /** Computes MR channels by 3 vectors of positions starting at x[base] and y[yt]. */
  private static void tile3(
      float[] x, int base, int[] offsets, int taps, Rows t, float[] y, int yt, int ys) {
    float[] w = t.w;
    int wg = t.wg;
    FloatVector a00 = FloatVector.broadcast(S, t.s0);
    FloatVector a01 = a00;
    FloatVector a02 = a00;
    FloatVector a10 = FloatVector.broadcast(S, t.s1);
    FloatVector a11 = a10;
    FloatVector a12 = a10;
    FloatVector a20 = FloatVector.broadcast(S, t.s2);
    FloatVector a21 = a20;
    FloatVector a22 = a20;
    FloatVector a30 = FloatVector.broadcast(S, t.s3);
    FloatVector a31 = a30;
    FloatVector a32 = a30;
    FloatVector a40 = FloatVector.broadcast(S, t.s4);
    FloatVector a41 = a40;
    FloatVector a42 = a40;
    FloatVector a50 = FloatVector.broadcast(S, t.s5);
    FloatVector a51 = a50;
    FloatVector a52 = a50;
    for (int k = 0; k < taps; k++) {
      int wk = wg + k * MR;
      int o = base + offsets[k];
      FloatVector x0 = FloatVector.fromArray(S, x, o);
      FloatVector x1 = FloatVector.fromArray(S, x, o + L);
      FloatVector x2 = FloatVector.fromArray(S, x, o + 2 * L);
      FloatVector b = FloatVector.broadcast(S, w[wk]);
      a00 = b.fma(x0, a00);
      a01 = b.fma(x1, a01);
      a02 = b.fma(x2, a02);
      b = FloatVector.broadcast(S, w[wk + 1]);
      a10 = b.fma(x0, a10);
      a11 = b.fma(x1, a11);
      a12 = b.fma(x2, a12);
      b = FloatVector.broadcast(S, w[wk + 2]);
      a20 = b.fma(x0, a20);
      a21 = b.fma(x1, a21);
      a22 = b.fma(x2, a22);
      b = FloatVector.broadcast(S, w[wk + 3]);
      a30 = b.fma(x0, a30);
      a31 = b.fma(x1, a31);
      a32 = b.fma(x2, a32);
      b = FloatVector.broadcast(S, w[wk + 4]);
      a40 = b.fma(x0, a40);
      a41 = b.fma(x1, a41);
      a42 = b.fma(x2, a42);
      b = FloatVector.broadcast(S, w[wk + 5]);
      a50 = b.fma(x0, a50);
      a51 = b.fma(x1, a51);
      a52 = b.fma(x2, a52);
    }
    int mr = t.mr;
    a00.intoArray(y, yt);
    a01.intoArray(y, yt + L);
    a02.intoArray(y, yt + 2 * L);
    if (mr > 1) {
      int at = yt + ys;
      a10.intoArray(y, at);
      a11.intoArray(y, at + L);
      a12.intoArray(y, at + 2 * L);
    }
    if (mr > 2) {
      int at = yt + 2 * ys;
      a20.intoArray(y, at);
      a21.intoArray(y, at + L);
      a22.intoArray(y, at + 2 * L);
    }
    if (mr > 3) {
      int at = yt + 3 * ys;
      a30.intoArray(y, at);
      a31.intoArray(y, at + L);
      a32.intoArray(y, at + 2 * L);
    }
    if (mr > 4) {
      int at = yt + 4 * ys;
      a40.intoArray(y, at);
      a41.intoArray(y, at + L);
      a42.intoArray(y, at + 2 * L);
    }
    if (mr > 5) {
      int at = yt + 5 * ys;
      a50.intoArray(y, at);
      a51.intoArray(y, at + L);
      a52.intoArray(y, at + 2 * L);
    }
  }

  /** Computes MR channels by 2 vectors of positions starting at x[base] and y[yt]. */
  private static void tile2(
      float[] x, int base, int[] offsets, int taps, Rows t, float[] y, int yt, int ys) {
    float[] w = t.w;
    int wg = t.wg;
    FloatVector a00 = FloatVector.broadcast(S, t.s0);
    FloatVector a01 = a00;
    FloatVector a10 = FloatVector.broadcast(S, t.s1);
    FloatVector a11 = a10;
    FloatVector a20 = FloatVector.broadcast(S, t.s2);
    FloatVector a21 = a20;
    FloatVector a30 = FloatVector.broadcast(S, t.s3);
    FloatVector a31 = a30;
    FloatVector a40 = FloatVector.broadcast(S, t.s4);
    FloatVector a41 = a40;
    FloatVector a50 = FloatVector.broadcast(S, t.s5);
    FloatVector a51 = a50;
    for (int k = 0; k < taps; k++) {
      int wk = wg + k * MR;
      int o = base + offsets[k];
      FloatVector x0 = FloatVector.fromArray(S, x, o);
      FloatVector x1 = FloatVector.fromArray(S, x, o + L);
      FloatVector b = FloatVector.broadcast(S, w[wk]);
      a00 = b.fma(x0, a00);
      a01 = b.fma(x1, a01);
      b = FloatVector.broadcast(S, w[wk + 1]);
      a10 = b.fma(x0, a10);
      a11 = b.fma(x1, a11);
      b = FloatVector.broadcast(S, w[wk + 2]);
      a20 = b.fma(x0, a20);
      a21 = b.fma(x1, a21);
      b = FloatVector.broadcast(S, w[wk + 3]);
      a30 = b.fma(x0, a30);
      a31 = b.fma(x1, a31);
      b = FloatVector.broadcast(S, w[wk + 4]);
      a40 = b.fma(x0, a40);
      a41 = b.fma(x1, a41);
      b = FloatVector.broadcast(S, w[wk + 5]);
      a50 = b.fma(x0, a50);
      a51 = b.fma(x1, a51);
    }
    int mr = t.mr;
    a00.intoArray(y, yt);
    a01.intoArray(y, yt + L);
    if (mr > 1) {
      int at = yt + ys;
      a10.intoArray(y, at);
      a11.intoArray(y, at + L);
    }
    if (mr > 2) {
      int at = yt + 2 * ys;
      a20.intoArray(y, at);
      a21.intoArray(y, at + L);
    }
    if (mr > 3) {
      int at = yt + 3 * ys;
      a30.intoArray(y, at);
      a31.intoArray(y, at + L);
    }
    if (mr > 4) {
      int at = yt + 4 * ys;
      a40.intoArray(y, at);
      a41.intoArray(y, at + L);
    }
    if (mr > 5) {
      int at = yt + 5 * ys;
      a50.intoArray(y, at);
      a51.intoArray(y, at + L);
    }
  }

  /** Computes MR channels by one vector of positions starting at x[base] and y[yt]. */
  private static void column(
      float[] x, int base, int[] offsets, int taps, Rows t, float[] y, int yt, int ys) {
    float[] w = t.w;
    int wg = t.wg;
    FloatVector a0 = FloatVector.broadcast(S, t.s0);
    FloatVector a1 = FloatVector.broadcast(S, t.s1);
    FloatVector a2 = FloatVector.broadcast(S, t.s2);
    FloatVector a3 = FloatVector.broadcast(S, t.s3);
    FloatVector a4 = FloatVector.broadcast(S, t.s4);
    FloatVector a5 = FloatVector.broadcast(S, t.s5);
    for (int k = 0; k < taps; k++) {
      int wk = wg + k * MR;
      FloatVector x0 = FloatVector.fromArray(S, x, base + offsets[k]);
      a0 = FloatVector.broadcast(S, w[wk]).fma(x0, a0);
      a1 = FloatVector.broadcast(S, w[wk + 1]).fma(x0, a1);
      a2 = FloatVector.broadcast(S, w[wk + 2]).fma(x0, a2);
      a3 = FloatVector.broadcast(S, w[wk + 3]).fma(x0, a3);
      a4 = FloatVector.broadcast(S, w[wk + 4]).fma(x0, a4);
      a5 = FloatVector.broadcast(S, w[wk + 5]).fma(x0, a5);
    }
    int mr = t.mr;
    a0.intoArray(y, yt);
    if (mr > 1) {
      a1.intoArray(y, yt + ys);
    }
    if (mr > 2) {
      a2.intoArray(y, yt + 2 * ys);
    }
    if (mr > 3) {
      a3.intoArray(y, yt + 3 * ys);
    }
    if (mr > 4) {
      a4.intoArray(y, yt + 4 * ys);
    }
    if (mr > 5) {
      a5.intoArray(y, yt + 5 * ys);
    }
  }

  static void weightGradient(
      float[] g,
      int gOff,
      int gImage,
      int gStride,
      int gRow,
      float[] x,
      int xOff,
      int xImage,
      int[] offsets,
      int taps,
      int rowStride,
      int rows,
      int images,
      float[] acc,
      int lanes,
      int channels,
      boolean accumulate) {
    if (!accumulate) {
      Arrays.fill(acc, 0, channels * taps * lanes, 0f);
    }
    int[] plan = plan(gStride, offsets, taps, lanes, channels);
    for (int n = 0; n < images; n++) {
      for (int p = 0; p < plan.length; p += PLAN) {
        gradientTile(
            g, x, acc, plan, p, gOff + n * gImage, xOff + n * xImage, gRow, rowStride, rows);
      }
    }
  }

  /** The ints that describe one weight-gradient tile in a {@link #plan}. */
  private static final int PLAN = MO + MT + MO * MT;

  /**
   * Returns the weight-gradient tiles, {@link #PLAN} ints each: the offsets of its MO channels in
   * the gradient and of its MT taps in the padded input, both plus its first lane, then the slots
   * of its MO·MT accumulators in {@code acc}, channel by channel; channels and taps past the last
   * repeat it.
   */
  private static int[] plan(int gStride, int[] offsets, int taps, int lanes, int channels) {
    int tiles = lanes / L * ((channels + MO - 1) / MO) * ((taps + MT - 1) / MT);
    int[] plan = new int[tiles * PLAN];
    int p = 0;
    for (int c = 0; c < lanes; c += L) {
      for (int oc0 = 0; oc0 < channels; oc0 += MO) {
        for (int k0 = 0; k0 < taps; k0 += MT) {
          for (int i = 0; i < MO; i++) {
            int oc = Math.min(oc0 + i, channels - 1);
            plan[p + i] = oc * gStride + c;
            for (int j = 0; j < MT; j++) {
              int k = Math.min(k0 + j, taps - 1);
              plan[p + MO + MT + i * MT + j] = (oc * taps + k) * lanes + c;
            }
          }
          for (int j = 0; j < MT; j++) {
            plan[p + MO + j] = offsets[Math.min(k0 + j, taps - 1)] + c;
          }
          p += PLAN;
        }
      }
    }
    return plan;
  }

  /**
   * Runs tile p of the plan over the rows of one image, its MO·MT chains in registers from {@code
   * acc}, and stores them back: the images of a chunk one after the other, so that each image's
   * gradient and input are read from the first-level cache by all the tiles. A repeated channel or
   * tap reads, computes and stores the same values as the last real one.
   */
  private static void gradientTile(
      float[] g,
      float[] x,
      float[] acc,
      int[] plan,
      int p,
      int gOff,
      int xOff,
      int gRow,
      int rowStride,
      int rows) {
    FloatVector c00 = FloatVector.fromArray(S, acc, plan[p + 9]);
    FloatVector c01 = FloatVector.fromArray(S, acc, plan[p + 10]);
    FloatVector c02 = FloatVector.fromArray(S, acc, plan[p + 11]);
    FloatVector c10 = FloatVector.fromArray(S, acc, plan[p + 12]);
    FloatVector c11 = FloatVector.fromArray(S, acc, plan[p + 13]);
    FloatVector c12 = FloatVector.fromArray(S, acc, plan[p + 14]);
    FloatVector c20 = FloatVector.fromArray(S, acc, plan[p + 15]);
    FloatVector c21 = FloatVector.fromArray(S, acc, plan[p + 16]);
    FloatVector c22 = FloatVector.fromArray(S, acc, plan[p + 17]);
    FloatVector c30 = FloatVector.fromArray(S, acc, plan[p + 18]);
    FloatVector c31 = FloatVector.fromArray(S, acc, plan[p + 19]);
    FloatVector c32 = FloatVector.fromArray(S, acc, plan[p + 20]);
    FloatVector c40 = FloatVector.fromArray(S, acc, plan[p + 21]);
    FloatVector c41 = FloatVector.fromArray(S, acc, plan[p + 22]);
    FloatVector c42 = FloatVector.fromArray(S, acc, plan[p + 23]);
    FloatVector c50 = FloatVector.fromArray(S, acc, plan[p + 24]);
    FloatVector c51 = FloatVector.fromArray(S, acc, plan[p + 25]);
    FloatVector c52 = FloatVector.fromArray(S, acc, plan[p + 26]);
    int g0 = gOff + plan[p + 0];
    int g1 = gOff + plan[p + 1];
    int g2 = gOff + plan[p + 2];
    int g3 = gOff + plan[p + 3];
    int g4 = gOff + plan[p + 4];
    int g5 = gOff + plan[p + 5];
    int x0 = xOff + plan[p + 6];
    int x1 = xOff + plan[p + 7];
    int x2 = xOff + plan[p + 8];
    int gr = 0;
    int xr = 0;
    for (int r = 0; r < rows; r++) {
      FloatVector d0 = FloatVector.fromArray(S, g, g0 + gr);
      FloatVector d1 = FloatVector.fromArray(S, g, g1 + gr);
      FloatVector d2 = FloatVector.fromArray(S, g, g2 + gr);
      FloatVector d3 = FloatVector.fromArray(S, g, g3 + gr);
      FloatVector d4 = FloatVector.fromArray(S, g, g4 + gr);
      FloatVector d5 = FloatVector.fromArray(S, g, g5 + gr);
      FloatVector v = FloatVector.fromArray(S, x, x0 + xr);
      c00 = d0.fma(v, c00);
      c10 = d1.fma(v, c10);
      c20 = d2.fma(v, c20);
      c30 = d3.fma(v, c30);
      c40 = d4.fma(v, c40);
      c50 = d5.fma(v, c50);
      v = FloatVector.fromArray(S, x, x1 + xr);
      c01 = d0.fma(v, c01);
      c11 = d1.fma(v, c11);
      c21 = d2.fma(v, c21);
      c31 = d3.fma(v, c31);
      c41 = d4.fma(v, c41);
      c51 = d5.fma(v, c51);
      v = FloatVector.fromArray(S, x, x2 + xr);
      c02 = d0.fma(v, c02);
      c12 = d1.fma(v, c12);
      c22 = d2.fma(v, c22);
      c32 = d3.fma(v, c32);
      c42 = d4.fma(v, c42);
      c52 = d5.fma(v, c52);
      gr += gRow;
      xr += rowStride;
    }
    c00.intoArray(acc, plan[p + 9]);
    c01.intoArray(acc, plan[p + 10]);
    c02.intoArray(acc, plan[p + 11]);
    c10.intoArray(acc, plan[p + 12]);
    c11.intoArray(acc, plan[p + 13]);
    c12.intoArray(acc, plan[p + 14]);
    c20.intoArray(acc, plan[p + 15]);
    c21.intoArray(acc, plan[p + 16]);
    c22.intoArray(acc, plan[p + 17]);
    c30.intoArray(acc, plan[p + 18]);
    c31.intoArray(acc, plan[p + 19]);
    c32.intoArray(acc, plan[p + 20]);
    c40.intoArray(acc, plan[p + 21]);
    c41.intoArray(acc, plan[p + 22]);
    c42.intoArray(acc, plan[p + 23]);
    c50.intoArray(acc, plan[p + 24]);
    c51.intoArray(acc, plan[p + 25]);
    c52.intoArray(acc, plan[p + 26]);
  }

  static void forwardByChannel(
      float[] x,
      int xOff,
      int[] offsets,
      int taps,
      float[] wt,
      int wtOff,
      float[] start,
      int startOff,
      int rows,
      int cols,
      int rowStride,
      float[] y) {
    int run = run(offsets, taps);
    for (int r = 0; r < rows; r++) {
      for (int c0 = 0; c0 < cols; c0 += NP) {
        int np = Math.min(NP, cols - c0);
        int at = xOff + r * rowStride + c0;
        int yt = (r * cols + c0) * L;
        switch (run % 5 == 0 ? 5 : run % 3 == 0 ? 3 : 1) {
          case 5 -> channelTile5(x, at, offsets, taps, wt, wtOff, start, startOff, y, yt, np);
          case 3 -> channelTile3(x, at, offsets, taps, wt, wtOff, start, startOff, y, yt, np);
          default -> channelTile(x, at, offsets, taps, wt, wtOff, start, startOff, y, yt, np);
        }
      }
    }
  }

  /**
   * Computes NP consecutive output positions of one row for one panel: one vector of channels per
   * position, a weight vector and NP broadcast input elements per tap. Positions past np are
   * computed on the elements that follow and not stored.
   */
  private static void channelTile(
      float[] x,
      int base,
      int[] offsets,
      int taps,
      float[] wt,
      int wtOff,
      float[] start,
      int startOff,
      float[] y,
      int yt,
      int np) {
    FloatVector s = FloatVector.fromArray(S, start, startOff);
    FloatVector a0 = s;
    FloatVector a1 = s;
    FloatVector a2 = s;
    FloatVector a3 = s;
    FloatVector a4 = s;
    FloatVector a5 = s;
    FloatVector a6 = s;
    FloatVector a7 = s;
    FloatVector a8 = s;
    FloatVector a9 = s;
    for (int k = 0; k < taps; k++) {
      int o = base + offsets[k];
      FloatVector w = FloatVector.fromArray(S, wt, wtOff + k * L);
      a0 = FloatVector.broadcast(S, x[o]).fma(w, a0);
      a1 = FloatVector.broadcast(S, x[o + 1]).fma(w, a1);
      a2 = FloatVector.broadcast(S, x[o + 2]).fma(w, a2);
      a3 = FloatVector.broadcast(S, x[o + 3]).fma(w, a3);
      a4 = FloatVector.broadcast(S, x[o + 4]).fma(w, a4);
      a5 = FloatVector.broadcast(S, x[o + 5]).fma(w, a5);
      a6 = FloatVector.broadcast(S, x[o + 6]).fma(w, a6);
      a7 = FloatVector.broadcast(S, x[o + 7]).fma(w, a7);
      a8 = FloatVector.broadcast(S, x[o + 8]).fma(w, a8);
      a9 = FloatVector.broadcast(S, x[o + 9]).fma(w, a9);
    }
    a0.intoArray(y, yt);
    if (np > 1) {
      a1.intoArray(y, yt + 1 * L);
    }
    if (np > 2) {
      a2.intoArray(y, yt + 2 * L);
    }
    if (np > 3) {
      a3.intoArray(y, yt + 3 * L);
    }
    if (np > 4) {
      a4.intoArray(y, yt + 4 * L);
    }
    if (np > 5) {
      a5.intoArray(y, yt + 5 * L);
    }
    if (np > 6) {
      a6.intoArray(y, yt + 6 * L);
    }
    if (np > 7) {
      a7.intoArray(y, yt + 7 * L);
    }
    if (np > 8) {
      a8.intoArray(y, yt + 8 * L);
    }
    if (np > 9) {
      a9.intoArray(y, yt + 9 * L);
    }
  }

  /**
   * Computes {@link #channelTile}'s positions for taps in runs of 5 that read consecutive input
   * elements (a kernel row): the run's 5 weight vectors and the NP + 4 input elements it reads,
   * each broadcast once and used by up to 5 taps, NP · 5 multiply-adds per run, in the same order.
   */
  private static void channelTile5(
      float[] x,
      int base,
      int[] offsets,
      int taps,
      float[] wt,
      int wtOff,
      float[] start,
      int startOff,
      float[] y,
      int yt,
      int np) {
    FloatVector s = FloatVector.fromArray(S, start, startOff);
    FloatVector a0 = s;
    FloatVector a1 = s;
    FloatVector a2 = s;
    FloatVector a3 = s;
    FloatVector a4 = s;
    FloatVector a5 = s;
    FloatVector a6 = s;
    FloatVector a7 = s;
    FloatVector a8 = s;
    FloatVector a9 = s;
    for (int k = 0; k < taps; k += 5) {
      a0 = EXACT.cast(a0);
      a1 = EXACT.cast(a1);
      a2 = EXACT.cast(a2);
      a3 = EXACT.cast(a3);
      a4 = EXACT.cast(a4);
      a5 = EXACT.cast(a5);
      a6 = EXACT.cast(a6);
      a7 = EXACT.cast(a7);
      a8 = EXACT.cast(a8);
      a9 = EXACT.cast(a9);
      int o = base + offsets[k];
      FloatVector w0 = FloatVector.fromArray(S, wt, wtOff + k * L);
      FloatVector w1 = FloatVector.fromArray(S, wt, wtOff + (k + 1) * L);
      FloatVector w2 = FloatVector.fromArray(S, wt, wtOff + (k + 2) * L);
      FloatVector w3 = FloatVector.fromArray(S, wt, wtOff + (k + 3) * L);
      FloatVector w4 = FloatVector.fromArray(S, wt, wtOff + (k + 4) * L);
      FloatVector e0 = FloatVector.broadcast(S, x[o]);
      FloatVector e1 = FloatVector.broadcast(S, x[o + 1]);
      FloatVector e2 = FloatVector.broadcast(S, x[o + 2]);
      FloatVector e3 = FloatVector.broadcast(S, x[o + 3]);
      FloatVector e4 = FloatVector.broadcast(S, x[o + 4]);
      FloatVector e5 = FloatVector.broadcast(S, x[o + 5]);
      FloatVector e6 = FloatVector.broadcast(S, x[o + 6]);
      FloatVector e7 = FloatVector.broadcast(S, x[o + 7]);
      FloatVector e8 = FloatVector.broadcast(S, x[o + 8]);
      FloatVector e9 = FloatVector.broadcast(S, x[o + 9]);
      FloatVector e10 = FloatVector.broadcast(S, x[o + 10]);
      FloatVector e11 = FloatVector.broadcast(S, x[o + 11]);
      FloatVector e12 = FloatVector.broadcast(S, x[o + 12]);
      FloatVector e13 = FloatVector.broadcast(S, x[o + 13]);
      a0 = e0.fma(w0, a0);
      a1 = e1.fma(w0, a1);
      a2 = e2.fma(w0, a2);
      a3 = e3.fma(w0, a3);
      a4 = e4.fma(w0, a4);
      a5 = e5.fma(w0, a5);
      a6 = e6.fma(w0, a6);
      a7 = e7.fma(w0, a7);
      a8 = e8.fma(w0, a8);
      a9 = e9.fma(w0, a9);
      a0 = e1.fma(w1, a0);
      a1 = e2.fma(w1, a1);
      a2 = e3.fma(w1, a2);
      a3 = e4.fma(w1, a3);
      a4 = e5.fma(w1, a4);
      a5 = e6.fma(w1, a5);
      a6 = e7.fma(w1, a6);
      a7 = e8.fma(w1, a7);
      a8 = e9.fma(w1, a8);
      a9 = e10.fma(w1, a9);
      a0 = e2.fma(w2, a0);
      a1 = e3.fma(w2, a1);
      a2 = e4.fma(w2, a2);
      a3 = e5.fma(w2, a3);
      a4 = e6.fma(w2, a4);
      a5 = e7.fma(w2, a5);
      a6 = e8.fma(w2, a6);
      a7 = e9.fma(w2, a7);
      a8 = e10.fma(w2, a8);
      a9 = e11.fma(w2, a9);
      a0 = e3.fma(w3, a0);
      a1 = e4.fma(w3, a1);
      a2 = e5.fma(w3, a2);
      a3 = e6.fma(w3, a3);
      a4 = e7.fma(w3, a4);
      a5 = e8.fma(w3, a5);
      a6 = e9.fma(w3, a6);
      a7 = e10.fma(w3, a7);
      a8 = e11.fma(w3, a8);
      a9 = e12.fma(w3, a9);
      a0 = e4.fma(w4, a0);
      a1 = e5.fma(w4, a1);
      a2 = e6.fma(w4, a2);
      a3 = e7.fma(w4, a3);
      a4 = e8.fma(w4, a4);
      a5 = e9.fma(w4, a5);
      a6 = e10.fma(w4, a6);
      a7 = e11.fma(w4, a7);
      a8 = e12.fma(w4, a8);
      a9 = e13.fma(w4, a9);
    }
    a0 = EXACT.cast(a0);
    a1 = EXACT.cast(a1);
    a2 = EXACT.cast(a2);
    a3 = EXACT.cast(a3);
    a4 = EXACT.cast(a4);
    a5 = EXACT.cast(a5);
    a6 = EXACT.cast(a6);
    a7 = EXACT.cast(a7);
    a8 = EXACT.cast(a8);
    a9 = EXACT.cast(a9);
    a0.intoArray(y, yt);
    if (np > 1) {
      a1.intoArray(y, yt + 1 * L);
    }
    if (np > 2) {
      a2.intoArray(y, yt + 2 * L);
    }
    if (np > 3) {
      a3.intoArray(y, yt + 3 * L);
    }
    if (np > 4) {
      a4.intoArray(y, yt + 4 * L);
    }
    if (np > 5) {
      a5.intoArray(y, yt + 5 * L);
    }
    if (np > 6) {
      a6.intoArray(y, yt + 6 * L);
    }
    if (np > 7) {
      a7.intoArray(y, yt + 7 * L);
    }
    if (np > 8) {
      a8.intoArray(y, yt + 8 * L);
    }
    if (np > 9) {
      a9.intoArray(y, yt + 9 * L);
    }
  }

  /**
   * Computes {@link #channelTile}'s positions for taps in runs of 3 that read consecutive input
   * elements (a kernel row): the run's 3 weight vectors and the NP + 2 input elements it reads,
   * each broadcast once and used by up to 3 taps, NP · 3 multiply-adds per run, in the same order.
   */
  private static void channelTile3(
      float[] x,
      int base,
      int[] offsets,
      int taps,
      float[] wt,
      int wtOff,
      float[] start,
      int startOff,
      float[] y,
      int yt,
      int np) {
    FloatVector s = FloatVector.fromArray(S, start, startOff);
    FloatVector a0 = s;
    FloatVector a1 = s;
    FloatVector a2 = s;
    FloatVector a3 = s;
    FloatVector a4 = s;
    FloatVector a5 = s;
    FloatVector a6 = s;
    FloatVector a7 = s;
    FloatVector a8 = s;
    FloatVector a9 = s;
    for (int k = 0; k < taps; k += 3) {
      int o = base + offsets[k];
      FloatVector w0 = FloatVector.fromArray(S, wt, wtOff + k * L);
      FloatVector w1 = FloatVector.fromArray(S, wt, wtOff + (k + 1) * L);
      FloatVector w2 = FloatVector.fromArray(S, wt, wtOff + (k + 2) * L);
      FloatVector e0 = FloatVector.broadcast(S, x[o]);
      FloatVector e1 = FloatVector.broadcast(S, x[o + 1]);
      FloatVector e2 = FloatVector.broadcast(S, x[o + 2]);
      FloatVector e3 = FloatVector.broadcast(S, x[o + 3]);
      FloatVector e4 = FloatVector.broadcast(S, x[o + 4]);
      FloatVector e5 = FloatVector.broadcast(S, x[o + 5]);
      FloatVector e6 = FloatVector.broadcast(S, x[o + 6]);
      FloatVector e7 = FloatVector.broadcast(S, x[o + 7]);
      FloatVector e8 = FloatVector.broadcast(S, x[o + 8]);
      FloatVector e9 = FloatVector.broadcast(S, x[o + 9]);
      FloatVector e10 = FloatVector.broadcast(S, x[o + 10]);
      FloatVector e11 = FloatVector.broadcast(S, x[o + 11]);
      a0 = e0.fma(w0, a0);
      a1 = e1.fma(w0, a1);
      a2 = e2.fma(w0, a2);
      a3 = e3.fma(w0, a3);
      a4 = e4.fma(w0, a4);
      a5 = e5.fma(w0, a5);
      a6 = e6.fma(w0, a6);
      a7 = e7.fma(w0, a7);
      a8 = e8.fma(w0, a8);
      a9 = e9.fma(w0, a9);
      a0 = e1.fma(w1, a0);
      a1 = e2.fma(w1, a1);
      a2 = e3.fma(w1, a2);
      a3 = e4.fma(w1, a3);
      a4 = e5.fma(w1, a4);
      a5 = e6.fma(w1, a5);
      a6 = e7.fma(w1, a6);
      a7 = e8.fma(w1, a7);
      a8 = e9.fma(w1, a8);
      a9 = e10.fma(w1, a9);
      a0 = e2.fma(w2, a0);
      a1 = e3.fma(w2, a1);
      a2 = e4.fma(w2, a2);
      a3 = e5.fma(w2, a3);
      a4 = e6.fma(w2, a4);
      a5 = e7.fma(w2, a5);
      a6 = e8.fma(w2, a6);
      a7 = e9.fma(w2, a7);
      a8 = e10.fma(w2, a8);
      a9 = e11.fma(w2, a9);
    }
    a0.intoArray(y, yt);
    if (np > 1) {
      a1.intoArray(y, yt + 1 * L);
    }
    if (np > 2) {
      a2.intoArray(y, yt + 2 * L);
    }
    if (np > 3) {
      a3.intoArray(y, yt + 3 * L);
    }
    if (np > 4) {
      a4.intoArray(y, yt + 4 * L);
    }
    if (np > 5) {
      a5.intoArray(y, yt + 5 * L);
    }
    if (np > 6) {
      a6.intoArray(y, yt + 6 * L);
    }
    if (np > 7) {
      a7.intoArray(y, yt + 7 * L);
    }
    if (np > 8) {
      a8.intoArray(y, yt + 8 * L);
    }
    if (np > 9) {
      a9.intoArray(y, yt + 9 * L);
    }
  }

  /**
   * Returns the length of the runs the taps come in, each reading consecutive input elements: the
   * first run's length if every run has it and the taps divide into them, otherwise 1.
   */
  private static int run(int[] offsets, int taps) {
    int run = 1;
    while (run < taps && offsets[run] == offsets[run - 1] + 1) {
      run++;
    }
    if (taps % run != 0) {
      return 1;
    }
    for (int k0 = run; k0 < taps; k0 += run) {
      for (int k = k0 + 1; k < k0 + run; k++) {
        if (offsets[k] != offsets[k - 1] + 1) {
          return 1;
        }
      }
    }
    return run;
  }

  static void weightGradientByChannel(
      float[] g,
      float[] x,
      int xOff,
      int xImage,
      int[] offsets,
      int kernelRows,
      int kernelCols,
      int rows,
      int cols,
      int rowStride,
      int images,
      float[] acc) {
    for (int r0 = 0; r0 < kernelRows; r0 += TR) {
      int tr = Math.min(TR, kernelRows - r0);
      for (int c0 = 0; c0 < kernelCols; c0 += TC) {
        int tc = Math.min(TC, kernelCols - c0);
        if (cols % 2 == 0) {
          channelGradientPairs(
              g,
              x,
              xOff,
              xImage,
              offsets,
              kernelCols,
              r0,
              tr,
              c0,
              tc,
              rows,
              cols,
              rowStride,
              images,
              acc);
          continue;
        }
        channelGradientTile(
            g,
            x,
            xOff,
            xImage,
            offsets,
            kernelCols,
            r0,
            tr,
            c0,
            tc,
            rows,
            cols,
            rowStride,
            images,
            acc);
      }
    }
  }

  /**
   * Runs TR kernel rows by TC kernel columns of taps for one panel over all images and positions in
   * one flat loop: per position one gradient vector and a broadcast input element per tap. Rows
   * past tr repeat the last; columns past tc read the elements that follow; neither is stored.
   */
  private static void channelGradientTile(
      float[] g,
      float[] x,
      int xOff,
      int xImage,
      int[] offsets,
      int kernelCols,
      int r0,
      int tr,
      int c0,
      int tc,
      int rows,
      int cols,
      int rowStride,
      int images,
      float[] acc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c02 = FloatVector.zero(S);
    FloatVector c03 = FloatVector.zero(S);
    FloatVector c04 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c12 = FloatVector.zero(S);
    FloatVector c13 = FloatVector.zero(S);
    FloatVector c14 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c22 = FloatVector.zero(S);
    FloatVector c23 = FloatVector.zero(S);
    FloatVector c24 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    FloatVector c32 = FloatVector.zero(S);
    FloatVector c33 = FloatVector.zero(S);
    FloatVector c34 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S);
    FloatVector c41 = FloatVector.zero(S);
    FloatVector c42 = FloatVector.zero(S);
    FloatVector c43 = FloatVector.zero(S);
    FloatVector c44 = FloatVector.zero(S);
    int b0 = xOff + offsets[(r0 + Math.min(0, tr - 1)) * kernelCols] + c0;
    int b1 = xOff + offsets[(r0 + Math.min(1, tr - 1)) * kernelCols] + c0;
    int b2 = xOff + offsets[(r0 + Math.min(2, tr - 1)) * kernelCols] + c0;
    int b3 = xOff + offsets[(r0 + Math.min(3, tr - 1)) * kernelCols] + c0;
    int b4 = xOff + offsets[(r0 + Math.min(4, tr - 1)) * kernelCols] + c0;
    int steps = images * rows * cols;
    int rowSkip = rowStride - cols;
    int imageSkip = xImage - rows * rowStride;
    int xp = 0;
    int gp = 0;
    int c = 0;
    int r = 0;
    for (int step = 0; step < steps; step++) {
      c00 = EXACT.cast(c00);
      c01 = EXACT.cast(c01);
      c02 = EXACT.cast(c02);
      c03 = EXACT.cast(c03);
      c04 = EXACT.cast(c04);
      c10 = EXACT.cast(c10);
      c11 = EXACT.cast(c11);
      c12 = EXACT.cast(c12);
      c13 = EXACT.cast(c13);
      c14 = EXACT.cast(c14);
      c20 = EXACT.cast(c20);
      c21 = EXACT.cast(c21);
      c22 = EXACT.cast(c22);
      c23 = EXACT.cast(c23);
      c24 = EXACT.cast(c24);
      c30 = EXACT.cast(c30);
      c31 = EXACT.cast(c31);
      c32 = EXACT.cast(c32);
      c33 = EXACT.cast(c33);
      c34 = EXACT.cast(c34);
      c40 = EXACT.cast(c40);
      c41 = EXACT.cast(c41);
      c42 = EXACT.cast(c42);
      c43 = EXACT.cast(c43);
      c44 = EXACT.cast(c44);
      FloatVector d = FloatVector.fromArray(S, g, gp);
      c00 = FloatVector.broadcast(S, x[b0 + xp]).fma(d, c00);
      c01 = FloatVector.broadcast(S, x[b0 + xp + 1]).fma(d, c01);
      c02 = FloatVector.broadcast(S, x[b0 + xp + 2]).fma(d, c02);
      c03 = FloatVector.broadcast(S, x[b0 + xp + 3]).fma(d, c03);
      c04 = FloatVector.broadcast(S, x[b0 + xp + 4]).fma(d, c04);
      c10 = FloatVector.broadcast(S, x[b1 + xp]).fma(d, c10);
      c11 = FloatVector.broadcast(S, x[b1 + xp + 1]).fma(d, c11);
      c12 = FloatVector.broadcast(S, x[b1 + xp + 2]).fma(d, c12);
      c13 = FloatVector.broadcast(S, x[b1 + xp + 3]).fma(d, c13);
      c14 = FloatVector.broadcast(S, x[b1 + xp + 4]).fma(d, c14);
      c20 = FloatVector.broadcast(S, x[b2 + xp]).fma(d, c20);
      c21 = FloatVector.broadcast(S, x[b2 + xp + 1]).fma(d, c21);
      c22 = FloatVector.broadcast(S, x[b2 + xp + 2]).fma(d, c22);
      c23 = FloatVector.broadcast(S, x[b2 + xp + 3]).fma(d, c23);
      c24 = FloatVector.broadcast(S, x[b2 + xp + 4]).fma(d, c24);
      c30 = FloatVector.broadcast(S, x[b3 + xp]).fma(d, c30);
      c31 = FloatVector.broadcast(S, x[b3 + xp + 1]).fma(d, c31);
      c32 = FloatVector.broadcast(S, x[b3 + xp + 2]).fma(d, c32);
      c33 = FloatVector.broadcast(S, x[b3 + xp + 3]).fma(d, c33);
      c34 = FloatVector.broadcast(S, x[b3 + xp + 4]).fma(d, c34);
      c40 = FloatVector.broadcast(S, x[b4 + xp]).fma(d, c40);
      c41 = FloatVector.broadcast(S, x[b4 + xp + 1]).fma(d, c41);
      c42 = FloatVector.broadcast(S, x[b4 + xp + 2]).fma(d, c42);
      c43 = FloatVector.broadcast(S, x[b4 + xp + 3]).fma(d, c43);
      c44 = FloatVector.broadcast(S, x[b4 + xp + 4]).fma(d, c44);
      gp += L;
      xp++;
      if (++c == cols) {
        c = 0;
        xp += rowSkip;
        if (++r == rows) {
          r = 0;
          xp += imageSkip;
        }
      }
    }
    c00 = EXACT.cast(c00);
    c01 = EXACT.cast(c01);
    c02 = EXACT.cast(c02);
    c03 = EXACT.cast(c03);
    c04 = EXACT.cast(c04);
    c10 = EXACT.cast(c10);
    c11 = EXACT.cast(c11);
    c12 = EXACT.cast(c12);
    c13 = EXACT.cast(c13);
    c14 = EXACT.cast(c14);
    c20 = EXACT.cast(c20);
    c21 = EXACT.cast(c21);
    c22 = EXACT.cast(c22);
    c23 = EXACT.cast(c23);
    c24 = EXACT.cast(c24);
    c30 = EXACT.cast(c30);
    c31 = EXACT.cast(c31);
    c32 = EXACT.cast(c32);
    c33 = EXACT.cast(c33);
    c34 = EXACT.cast(c34);
    c40 = EXACT.cast(c40);
    c41 = EXACT.cast(c41);
    c42 = EXACT.cast(c42);
    c43 = EXACT.cast(c43);
    c44 = EXACT.cast(c44);
    c00.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 0) * L);
    if (tc > 1) {
      c01.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 1) * L);
    }
    if (tc > 2) {
      c02.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 2) * L);
    }
    if (tc > 3) {
      c03.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 3) * L);
    }
    if (tc > 4) {
      c04.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 4) * L);
    }
    if (tr > 1) {
      c10.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 0) * L);
      if (tc > 1) {
        c11.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 1) * L);
      }
      if (tc > 2) {
        c12.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 2) * L);
      }
      if (tc > 3) {
        c13.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 3) * L);
      }
      if (tc > 4) {
        c14.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 4) * L);
      }
    }
    if (tr > 2) {
      c20.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 0) * L);
      if (tc > 1) {
        c21.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 1) * L);
      }
      if (tc > 2) {
        c22.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 2) * L);
      }
      if (tc > 3) {
        c23.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 3) * L);
      }
      if (tc > 4) {
        c24.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 4) * L);
      }
    }
    if (tr > 3) {
      c30.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 0) * L);
      if (tc > 1) {
        c31.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 1) * L);
      }
      if (tc > 2) {
        c32.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 2) * L);
      }
      if (tc > 3) {
        c33.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 3) * L);
      }
      if (tc > 4) {
        c34.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 4) * L);
      }
    }
    if (tr > 4) {
      c40.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 0) * L);
      if (tc > 1) {
        c41.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 1) * L);
      }
      if (tc > 2) {
        c42.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 2) * L);
      }
      if (tc > 3) {
        c43.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 3) * L);
      }
      if (tc > 4) {
        c44.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 4) * L);
      }
    }
  }

  /**
   * Runs TR kernel rows by TC kernel columns of taps for one panel over all images and positions in
   * one flat loop, for rows of even length: the positions two at a time, two gradient vectors and,
   * per kernel row, the six input elements that the two positions' five taps read, each broadcast
   * once and used by two taps. Every chain still takes its positions in increasing order. Rows past
   * tr repeat the last; columns past tc read the elements that follow; neither is stored.
   */
  private static void channelGradientPairs(
      float[] g,
      float[] x,
      int xOff,
      int xImage,
      int[] offsets,
      int kernelCols,
      int r0,
      int tr,
      int c0,
      int tc,
      int rows,
      int cols,
      int rowStride,
      int images,
      float[] acc) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c02 = FloatVector.zero(S);
    FloatVector c03 = FloatVector.zero(S);
    FloatVector c04 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c12 = FloatVector.zero(S);
    FloatVector c13 = FloatVector.zero(S);
    FloatVector c14 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c22 = FloatVector.zero(S);
    FloatVector c23 = FloatVector.zero(S);
    FloatVector c24 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    FloatVector c32 = FloatVector.zero(S);
    FloatVector c33 = FloatVector.zero(S);
    FloatVector c34 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S);
    FloatVector c41 = FloatVector.zero(S);
    FloatVector c42 = FloatVector.zero(S);
    FloatVector c43 = FloatVector.zero(S);
    FloatVector c44 = FloatVector.zero(S);
    int b0 = xOff + offsets[(r0 + Math.min(0, tr - 1)) * kernelCols] + c0;
    int b1 = xOff + offsets[(r0 + Math.min(1, tr - 1)) * kernelCols] + c0;
    int b2 = xOff + offsets[(r0 + Math.min(2, tr - 1)) * kernelCols] + c0;
    int b3 = xOff + offsets[(r0 + Math.min(3, tr - 1)) * kernelCols] + c0;
    int b4 = xOff + offsets[(r0 + Math.min(4, tr - 1)) * kernelCols] + c0;
    int steps = images * rows * cols / 2;
    int rowSkip = rowStride - cols;
    int imageSkip = xImage - rows * rowStride;
    int xp = 0;
    int gp = 0;
    int c = 0;
    int r = 0;
    for (int step = 0; step < steps; step++) {
      c00 = EXACT.cast(c00);
      c01 = EXACT.cast(c01);
      c02 = EXACT.cast(c02);
      c03 = EXACT.cast(c03);
      c04 = EXACT.cast(c04);
      c10 = EXACT.cast(c10);
      c11 = EXACT.cast(c11);
      c12 = EXACT.cast(c12);
      c13 = EXACT.cast(c13);
      c14 = EXACT.cast(c14);
      c20 = EXACT.cast(c20);
      c21 = EXACT.cast(c21);
      c22 = EXACT.cast(c22);
      c23 = EXACT.cast(c23);
      c24 = EXACT.cast(c24);
      c30 = EXACT.cast(c30);
      c31 = EXACT.cast(c31);
      c32 = EXACT.cast(c32);
      c33 = EXACT.cast(c33);
      c34 = EXACT.cast(c34);
      c40 = EXACT.cast(c40);
      c41 = EXACT.cast(c41);
      c42 = EXACT.cast(c42);
      c43 = EXACT.cast(c43);
      c44 = EXACT.cast(c44);
      FloatVector d = FloatVector.fromArray(S, g, gp);
      FloatVector e = FloatVector.fromArray(S, g, gp + L);
      FloatVector v = FloatVector.broadcast(S, x[b0 + xp]);
      c00 = v.fma(d, c00);
      v = FloatVector.broadcast(S, x[b0 + xp + 1]);
      c01 = v.fma(d, c01);
      c00 = v.fma(e, c00);
      v = FloatVector.broadcast(S, x[b0 + xp + 2]);
      c02 = v.fma(d, c02);
      c01 = v.fma(e, c01);
      v = FloatVector.broadcast(S, x[b0 + xp + 3]);
      c03 = v.fma(d, c03);
      c02 = v.fma(e, c02);
      v = FloatVector.broadcast(S, x[b0 + xp + 4]);
      c04 = v.fma(d, c04);
      c03 = v.fma(e, c03);
      v = FloatVector.broadcast(S, x[b0 + xp + 5]);
      c04 = v.fma(e, c04);
      v = FloatVector.broadcast(S, x[b1 + xp]);
      c10 = v.fma(d, c10);
      v = FloatVector.broadcast(S, x[b1 + xp + 1]);
      c11 = v.fma(d, c11);
      c10 = v.fma(e, c10);
      v = FloatVector.broadcast(S, x[b1 + xp + 2]);
      c12 = v.fma(d, c12);
      c11 = v.fma(e, c11);
      v = FloatVector.broadcast(S, x[b1 + xp + 3]);
      c13 = v.fma(d, c13);
      c12 = v.fma(e, c12);
      v = FloatVector.broadcast(S, x[b1 + xp + 4]);
      c14 = v.fma(d, c14);
      c13 = v.fma(e, c13);
      v = FloatVector.broadcast(S, x[b1 + xp + 5]);
      c14 = v.fma(e, c14);
      v = FloatVector.broadcast(S, x[b2 + xp]);
      c20 = v.fma(d, c20);
      v = FloatVector.broadcast(S, x[b2 + xp + 1]);
      c21 = v.fma(d, c21);
      c20 = v.fma(e, c20);
      v = FloatVector.broadcast(S, x[b2 + xp + 2]);
      c22 = v.fma(d, c22);
      c21 = v.fma(e, c21);
      v = FloatVector.broadcast(S, x[b2 + xp + 3]);
      c23 = v.fma(d, c23);
      c22 = v.fma(e, c22);
      v = FloatVector.broadcast(S, x[b2 + xp + 4]);
      c24 = v.fma(d, c24);
      c23 = v.fma(e, c23);
      v = FloatVector.broadcast(S, x[b2 + xp + 5]);
      c24 = v.fma(e, c24);
      v = FloatVector.broadcast(S, x[b3 + xp]);
      c30 = v.fma(d, c30);
      v = FloatVector.broadcast(S, x[b3 + xp + 1]);
      c31 = v.fma(d, c31);
      c30 = v.fma(e, c30);
      v = FloatVector.broadcast(S, x[b3 + xp + 2]);
      c32 = v.fma(d, c32);
      c31 = v.fma(e, c31);
      v = FloatVector.broadcast(S, x[b3 + xp + 3]);
      c33 = v.fma(d, c33);
      c32 = v.fma(e, c32);
      v = FloatVector.broadcast(S, x[b3 + xp + 4]);
      c34 = v.fma(d, c34);
      c33 = v.fma(e, c33);
      v = FloatVector.broadcast(S, x[b3 + xp + 5]);
      c34 = v.fma(e, c34);
      v = FloatVector.broadcast(S, x[b4 + xp]);
      c40 = v.fma(d, c40);
      v = FloatVector.broadcast(S, x[b4 + xp + 1]);
      c41 = v.fma(d, c41);
      c40 = v.fma(e, c40);
      v = FloatVector.broadcast(S, x[b4 + xp + 2]);
      c42 = v.fma(d, c42);
      c41 = v.fma(e, c41);
      v = FloatVector.broadcast(S, x[b4 + xp + 3]);
      c43 = v.fma(d, c43);
      c42 = v.fma(e, c42);
      v = FloatVector.broadcast(S, x[b4 + xp + 4]);
      c44 = v.fma(d, c44);
      c43 = v.fma(e, c43);
      v = FloatVector.broadcast(S, x[b4 + xp + 5]);
      c44 = v.fma(e, c44);
      gp += 2 * L;
      xp += 2;
      c += 2;
      if (c == cols) {
        c = 0;
        xp += rowSkip;
        if (++r == rows) {
          r = 0;
          xp += imageSkip;
        }
      }
    }
    c00 = EXACT.cast(c00);
    c01 = EXACT.cast(c01);
    c02 = EXACT.cast(c02);
    c03 = EXACT.cast(c03);
    c04 = EXACT.cast(c04);
    c10 = EXACT.cast(c10);
    c11 = EXACT.cast(c11);
    c12 = EXACT.cast(c12);
    c13 = EXACT.cast(c13);
    c14 = EXACT.cast(c14);
    c20 = EXACT.cast(c20);
    c21 = EXACT.cast(c21);
    c22 = EXACT.cast(c22);
    c23 = EXACT.cast(c23);
    c24 = EXACT.cast(c24);
    c30 = EXACT.cast(c30);
    c31 = EXACT.cast(c31);
    c32 = EXACT.cast(c32);
    c33 = EXACT.cast(c33);
    c34 = EXACT.cast(c34);
    c40 = EXACT.cast(c40);
    c41 = EXACT.cast(c41);
    c42 = EXACT.cast(c42);
    c43 = EXACT.cast(c43);
    c44 = EXACT.cast(c44);
    c00.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 0) * L);
    if (tc > 1) {
      c01.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 1) * L);
    }
    if (tc > 2) {
      c02.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 2) * L);
    }
    if (tc > 3) {
      c03.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 3) * L);
    }
    if (tc > 4) {
      c04.intoArray(acc, ((r0 + 0) * kernelCols + c0 + 4) * L);
    }
    if (tr > 1) {
      c10.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 0) * L);
      if (tc > 1) {
        c11.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 1) * L);
      }
      if (tc > 2) {
        c12.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 2) * L);
      }
      if (tc > 3) {
        c13.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 3) * L);
      }
      if (tc > 4) {
        c14.intoArray(acc, ((r0 + 1) * kernelCols + c0 + 4) * L);
      }
    }
    if (tr > 2) {
      c20.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 0) * L);
      if (tc > 1) {
        c21.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 1) * L);
      }
      if (tc > 2) {
        c22.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 2) * L);
      }
      if (tc > 3) {
        c23.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 3) * L);
      }
      if (tc > 4) {
        c24.intoArray(acc, ((r0 + 2) * kernelCols + c0 + 4) * L);
      }
    }
    if (tr > 3) {
      c30.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 0) * L);
      if (tc > 1) {
        c31.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 1) * L);
      }
      if (tc > 2) {
        c32.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 2) * L);
      }
      if (tc > 3) {
        c33.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 3) * L);
      }
      if (tc > 4) {
        c34.intoArray(acc, ((r0 + 3) * kernelCols + c0 + 4) * L);
      }
    }
    if (tr > 4) {
      c40.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 0) * L);
      if (tc > 1) {
        c41.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 1) * L);
      }
      if (tc > 2) {
        c42.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 2) * L);
      }
      if (tc > 3) {
        c43.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 3) * L);
      }
      if (tc > 4) {
        c44.intoArray(acc, ((r0 + 4) * kernelCols + c0 + 4) * L);
      }
    }
  }

  /**
   * Sums the shifted rows for eight vectors of positions at a time, in eight independent chains,
   * then for four, then for the vectors that remain one at a time.
   */
  static void gather(
      float[] columns,
      int colOff,
      int colStride,
      int[] shifts,
      int taps,
      float[] dst,
      int dstOff,
      int positions) {
    int i = 0;
    for (; i + 8 * L <= positions; i += 8 * L) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      FloatVector a4 = a0;
      FloatVector a5 = a0;
      FloatVector a6 = a0;
      FloatVector a7 = a0;
      int row = colOff + i;
      for (int t = 0; t < taps; t++) {
        int o = row - shifts[t];
        a0 = a0.add(FloatVector.fromArray(S, columns, o));
        a1 = a1.add(FloatVector.fromArray(S, columns, o + L));
        a2 = a2.add(FloatVector.fromArray(S, columns, o + 2 * L));
        a3 = a3.add(FloatVector.fromArray(S, columns, o + 3 * L));
        a4 = a4.add(FloatVector.fromArray(S, columns, o + 4 * L));
        a5 = a5.add(FloatVector.fromArray(S, columns, o + 5 * L));
        a6 = a6.add(FloatVector.fromArray(S, columns, o + 6 * L));
        a7 = a7.add(FloatVector.fromArray(S, columns, o + 7 * L));
        row += colStride;
      }
      a0.intoArray(dst, dstOff + i);
      a1.intoArray(dst, dstOff + i + L);
      a2.intoArray(dst, dstOff + i + 2 * L);
      a3.intoArray(dst, dstOff + i + 3 * L);
      a4.intoArray(dst, dstOff + i + 4 * L);
      a5.intoArray(dst, dstOff + i + 5 * L);
      a6.intoArray(dst, dstOff + i + 6 * L);
      a7.intoArray(dst, dstOff + i + 7 * L);
    }
    for (; i + 4 * L <= positions; i += 4 * L) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      int row = colOff + i;
      for (int t = 0; t < taps; t++) {
        int o = row - shifts[t];
        a0 = a0.add(FloatVector.fromArray(S, columns, o));
        a1 = a1.add(FloatVector.fromArray(S, columns, o + L));
        a2 = a2.add(FloatVector.fromArray(S, columns, o + 2 * L));
        a3 = a3.add(FloatVector.fromArray(S, columns, o + 3 * L));
        row += colStride;
      }
      a0.intoArray(dst, dstOff + i);
      a1.intoArray(dst, dstOff + i + L);
      a2.intoArray(dst, dstOff + i + 2 * L);
      a3.intoArray(dst, dstOff + i + 3 * L);
    }
    for (; i < positions; i += L) {
      FloatVector a = FloatVector.zero(S);
      int row = colOff + i;
      for (int t = 0; t < taps; t++) {
        a = a.add(FloatVector.fromArray(S, columns, row - shifts[t]));
        row += colStride;
      }
      a.intoArray(dst, dstOff + i);
    }
  }

  /**
   * Sums the rows by whole vectors of columns, the last one moved back to end at the row's end when
   * a row is longer than a vector (shorter rows are written a whole vector long, into the rows that
   * follow, which are written after them), for {@link #BLOCK} rows at a time in independent chains,
   * the last block moved back to end at the last row; fewer rows one at a time. A tap's terms from
   * rows outside the output are the caller's zeros; its lanes outside the output's columns are
   * cleared to +0 by a bitwise and with bytes read from a {@link #window} at the tap's shift.
   * Adding +0 to a sum that started from +0 leaves it unchanged.
   */
  static void gatherRows(
      float[] columns,
      int colOff,
      int colStride,
      int[] tops,
      int[] shifts,
      int taps,
      int outRows,
      int outCols,
      int rows,
      int cols,
      float[] dst,
      int dstOff) {
    byte[] window = window(outCols);
    int[] keep = new int[taps];
    int[] starts = new int[taps];
    int last = Math.max(0, cols - L);
    for (int x0 = 0; ; x0 = Math.min(x0 + L, last)) {
      for (int t = 0; t < taps; t++) {
        int shift = Math.max(-outCols, Math.min(L, shifts[t] - x0));
        keep[t] = (L - shift) * Float.BYTES;
        starts[t] = colOff + t * colStride - tops[t] * outCols - shifts[t] + x0;
      }
      Taps tap = new Taps(starts, window, keep, taps, outCols);
      if (rows < BLOCK) {
        for (int y = 0; y < rows; y++) {
          rowSums(columns, tap, y).intoArray(dst, dstOff + y * cols + x0);
        }
      } else {
        for (int y = 0; ; y = Math.min(y + BLOCK, rows - BLOCK)) {
          blockSums(columns, tap, y, dst, dstOff + y * cols + x0, cols);
          if (y == rows - BLOCK) {
            break;
          }
        }
      }
      if (x0 == last) {
        break;
      }
    }
  }

  /** Rows of a gather block: seven, so that 14 rows take two blocks. */
  static final int BLOCK = 7;

  /** The byte lanes of one vector of floats. */
  private static final VectorSpecies<Byte> BYTES = S.withLanes(byte.class);

  /** The exact class of BYTES's vectors, for the casts that keep them typed for C2. */
  @SuppressWarnings("unchecked")
  private static final Class<ByteVector> BYTE_EXACT =
      (Class<ByteVector>) ByteVector.zero(BYTES).getClass();

  /**
   * Returns a vector's bytes of zeros, {@code outCols} floats' bytes of ones, and a vector's bytes
   * of zeros: read from byte {@code (L - shift)·Float.BYTES} on, for {@code -outCols ≤ shift ≤ L},
   * it keeps the lanes i with {@code shift ≤ i < shift + outCols}.
   */
  private static byte[] window(int outCols) {
    int size = BYTES.length();
    byte[] window = new byte[2 * size + outCols * Float.BYTES];
    Arrays.fill(window, size, size + outCols * Float.BYTES, (byte) -1);
    return window;
  }

  /**
   * The taps of one vector of columns: where each tap's column is read for input row 0 ({@code
   * starts}) and where its lanes' bytes start in the window ({@code keep}).
   */
  private record Taps(int[] starts, byte[] window, int[] keep, int taps, int outCols) {}

  /** Returns the vector of input row y's sums. */
  private static FloatVector rowSums(float[] columns, Taps tap, int y) {
    FloatVector a = FloatVector.zero(S);
    for (int t = 0; t < tap.taps; t++) {
      a = EXACT.cast(a);
      ByteVector k = BYTE_EXACT.cast(ByteVector.fromArray(BYTES, tap.window, tap.keep[t]));
      a = a.add(kept(columns, tap.starts[t] + y * tap.outCols, k));
    }
    return EXACT.cast(a);
  }

  /**
   * Writes the vectors of the sums of BLOCK input rows from row y on to dst[at], rows cols apart.
   */
  private static void blockSums(float[] columns, Taps tap, int y, float[] dst, int at, int cols) {
    int outCols = tap.outCols;
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    for (int t = 0; t < tap.taps; t++) {
      a0 = EXACT.cast(a0);
      a1 = EXACT.cast(a1);
      a2 = EXACT.cast(a2);
      a3 = EXACT.cast(a3);
      a4 = EXACT.cast(a4);
      a5 = EXACT.cast(a5);
      a6 = EXACT.cast(a6);
      ByteVector k = BYTE_EXACT.cast(ByteVector.fromArray(BYTES, tap.window, tap.keep[t]));
      int o = tap.starts[t] + y * outCols;
      a0 = a0.add(kept(columns, o, k));
      a1 = a1.add(kept(columns, o + outCols, k));
      a2 = a2.add(kept(columns, o + 2 * outCols, k));
      a3 = a3.add(kept(columns, o + 3 * outCols, k));
      a4 = a4.add(kept(columns, o + 4 * outCols, k));
      a5 = a5.add(kept(columns, o + 5 * outCols, k));
      a6 = a6.add(kept(columns, o + 6 * outCols, k));
    }
    EXACT.cast(a0).intoArray(dst, at);
    EXACT.cast(a1).intoArray(dst, at + cols);
    EXACT.cast(a2).intoArray(dst, at + 2 * cols);
    EXACT.cast(a3).intoArray(dst, at + 3 * cols);
    EXACT.cast(a4).intoArray(dst, at + 4 * cols);
    EXACT.cast(a5).intoArray(dst, at + 5 * cols);
    EXACT.cast(a6).intoArray(dst, at + 6 * cols);
  }

  /** Returns the vector at columns[o] with the lanes that {@code keep} clears set to +0. */
  private static FloatVector kept(float[] columns, int o, ByteVector keep) {
    ByteVector bytes = BYTE_EXACT.cast(FloatVector.fromArray(S, columns, o).reinterpretAsBytes());
    return EXACT.cast(bytes.and(keep).reinterpretAsFloats());
  }

  /**
   * Gathers each row of the transposed matrix a vector at a time, the last elements one at a time.
   */
  static void transpose(
      float[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      float[] dst,
      int dstOff,
      int dstStride) {
    int[] map = new int[L];
    for (int i = 0; i < L; i++) {
      map[i] = i * srcStride;
    }
    for (int c = 0; c < cols; c++) {
      int r = 0;
      for (; r + L <= rows; r += L) {
        FloatVector.fromArray(S, src, srcOff + r * srcStride + c, map, 0)
            .intoArray(dst, dstOff + c * dstStride + r);
      }
      for (; r < rows; r++) {
        dst[dstOff + c * dstStride + r] = src[srcOff + r * srcStride + c];
      }
    }
  }

  /**
   * Copies each row of at least a vector by whole vectors, the last one ending at the row's end and
   * so overlapping the one before with the same values; shorter rows by {@link System#arraycopy}.
   */
  static void copyRows(
      float[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      float[] dst,
      int dstOff,
      int dstStride) {
    if (cols < L) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, srcOff + r * srcStride, dst, dstOff + r * dstStride, cols);
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int from = srcOff + r * srcStride;
      int to = dstOff + r * dstStride;
      for (int c = 0; c < cols - L; c += L) {
        FloatVector.fromArray(S, src, from + c).intoArray(dst, to + c);
      }
      FloatVector.fromArray(S, src, from + cols - L).intoArray(dst, to + cols - L);
    }
  }
}
