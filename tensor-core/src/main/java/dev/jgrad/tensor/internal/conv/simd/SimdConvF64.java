package dev.jgrad.tensor.internal.conv.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double-precision loops of the SIMD {@code ConvKernels}, register-tiled: the forward pass keeps a
 * tile of {@link #MR} output channels by {@link #NV} vectors of positions in registers across all
 * taps (one load per vector of positions and tap, one broadcast per channel and tap), and the
 * weight gradient a tile of {@link #MO} channels by {@link #MT} taps for one vector of lanes across
 * all rows. Each lane runs exactly the chain of fused multiply-adds that the plain loops run, so
 * the results are bit-identical. Partial tiles repeat their last channel or tap, computed but not
 * stored. This class and its twin for the other precision are equal up to renaming their types,
 * which {@code ConvSourcesTest} checks.
 */
final class SimdConvF64 {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Output channels of a forward tile. */
  static final int MR = 6;

  /** Vectors of positions of a forward tile. */
  static final int NV = 4;

  /** Output channels of a weight-gradient tile. */
  static final int MO = 4;

  /** Taps of a weight-gradient tile. */
  static final int MT = 6;

  private SimdConvF64() {}

  static void forward(
      double[] x,
      int xOff,
      int[] offsets,
      int taps,
      double[] w,
      int wOff,
      double[] bias,
      int biasOff,
      int channels,
      double[] y,
      int yOff,
      int yStride,
      int positions) {
    int covered = (positions + L - 1) / L * L;
    for (int oc0 = 0; oc0 < channels; oc0 += MR) {
      int mr = Math.min(MR, channels - oc0);
      Rows rows = new Rows(w, wOff + oc0 * taps, taps, bias, biasOff + oc0, mr);
      int yRow = yOff + oc0 * yStride;
      int q = 0;
      for (; q + NV * L <= covered; q += NV * L) {
        tile(x, xOff + q, offsets, taps, rows, y, yRow + q, yStride);
      }
      for (; q < covered; q += L) {
        column(x, xOff + q, offsets, taps, rows, y, yRow + q, yStride);
      }
    }
  }

  /** The weight rows and starting values of one forward tile; rows past mr repeat the last. */
  private record Rows(
      double[] w,
      int w0,
      int w1,
      int w2,
      int w3,
      int w4,
      int w5,
      double s0,
      double s1,
      double s2,
      double s3,
      double s4,
      double s5,
      int mr) {
    Rows(double[] w, int first, int taps, double[] bias, int b, int mr) {
      this(
          w,
          first,
          first + Math.min(1, mr - 1) * taps,
          first + Math.min(2, mr - 1) * taps,
          first + Math.min(3, mr - 1) * taps,
          first + Math.min(4, mr - 1) * taps,
          first + Math.min(5, mr - 1) * taps,
          start(bias, b, 0, mr),
          start(bias, b, 1, mr),
          start(bias, b, 2, mr),
          start(bias, b, 3, mr),
          start(bias, b, 4, mr),
          start(bias, b, 5, mr),
          mr);
    }

    private static double start(double[] bias, int b, int r, int mr) {
      return bias == null ? 0d : bias[b + Math.min(r, mr - 1)];
    }
  }

  /** Computes MR channels by NV vectors of positions starting at x[base] and y[yt]. */
  private static void tile(
      double[] x, int base, int[] offsets, int taps, Rows t, double[] y, int yt, int ys) {
    double[] w = t.w;
    int w0 = t.w0;
    int w1 = t.w1;
    int w2 = t.w2;
    int w3 = t.w3;
    int w4 = t.w4;
    int w5 = t.w5;
    DoubleVector a00 = DoubleVector.broadcast(S, t.s0);
    DoubleVector a01 = a00;
    DoubleVector a02 = a00;
    DoubleVector a03 = a00;
    DoubleVector a10 = DoubleVector.broadcast(S, t.s1);
    DoubleVector a11 = a10;
    DoubleVector a12 = a10;
    DoubleVector a13 = a10;
    DoubleVector a20 = DoubleVector.broadcast(S, t.s2);
    DoubleVector a21 = a20;
    DoubleVector a22 = a20;
    DoubleVector a23 = a20;
    DoubleVector a30 = DoubleVector.broadcast(S, t.s3);
    DoubleVector a31 = a30;
    DoubleVector a32 = a30;
    DoubleVector a33 = a30;
    DoubleVector a40 = DoubleVector.broadcast(S, t.s4);
    DoubleVector a41 = a40;
    DoubleVector a42 = a40;
    DoubleVector a43 = a40;
    DoubleVector a50 = DoubleVector.broadcast(S, t.s5);
    DoubleVector a51 = a50;
    DoubleVector a52 = a50;
    DoubleVector a53 = a50;
    for (int k = 0; k < taps; k++) {
      int o = base + offsets[k];
      DoubleVector x0 = DoubleVector.fromArray(S, x, o);
      DoubleVector x1 = DoubleVector.fromArray(S, x, o + L);
      DoubleVector x2 = DoubleVector.fromArray(S, x, o + 2 * L);
      DoubleVector x3 = DoubleVector.fromArray(S, x, o + 3 * L);
      DoubleVector b = DoubleVector.broadcast(S, w[w0 + k]);
      a00 = b.fma(x0, a00);
      a01 = b.fma(x1, a01);
      a02 = b.fma(x2, a02);
      a03 = b.fma(x3, a03);
      b = DoubleVector.broadcast(S, w[w1 + k]);
      a10 = b.fma(x0, a10);
      a11 = b.fma(x1, a11);
      a12 = b.fma(x2, a12);
      a13 = b.fma(x3, a13);
      b = DoubleVector.broadcast(S, w[w2 + k]);
      a20 = b.fma(x0, a20);
      a21 = b.fma(x1, a21);
      a22 = b.fma(x2, a22);
      a23 = b.fma(x3, a23);
      b = DoubleVector.broadcast(S, w[w3 + k]);
      a30 = b.fma(x0, a30);
      a31 = b.fma(x1, a31);
      a32 = b.fma(x2, a32);
      a33 = b.fma(x3, a33);
      b = DoubleVector.broadcast(S, w[w4 + k]);
      a40 = b.fma(x0, a40);
      a41 = b.fma(x1, a41);
      a42 = b.fma(x2, a42);
      a43 = b.fma(x3, a43);
      b = DoubleVector.broadcast(S, w[w5 + k]);
      a50 = b.fma(x0, a50);
      a51 = b.fma(x1, a51);
      a52 = b.fma(x2, a52);
      a53 = b.fma(x3, a53);
    }
    int mr = t.mr;
    store(a00, a01, a02, a03, y, yt);
    if (mr > 1) {
      store(a10, a11, a12, a13, y, yt + ys);
    }
    if (mr > 2) {
      store(a20, a21, a22, a23, y, yt + 2 * ys);
    }
    if (mr > 3) {
      store(a30, a31, a32, a33, y, yt + 3 * ys);
    }
    if (mr > 4) {
      store(a40, a41, a42, a43, y, yt + 4 * ys);
    }
    if (mr > 5) {
      store(a50, a51, a52, a53, y, yt + 5 * ys);
    }
  }

  private static void store(
      DoubleVector v0, DoubleVector v1, DoubleVector v2, DoubleVector v3, double[] y, int at) {
    v0.intoArray(y, at);
    v1.intoArray(y, at + L);
    v2.intoArray(y, at + 2 * L);
    v3.intoArray(y, at + 3 * L);
  }

  /** Computes MR channels by one vector of positions starting at x[base] and y[yt]. */
  private static void column(
      double[] x, int base, int[] offsets, int taps, Rows t, double[] y, int yt, int ys) {
    double[] w = t.w;
    int w0 = t.w0;
    int w1 = t.w1;
    int w2 = t.w2;
    int w3 = t.w3;
    int w4 = t.w4;
    int w5 = t.w5;
    DoubleVector a0 = DoubleVector.broadcast(S, t.s0);
    DoubleVector a1 = DoubleVector.broadcast(S, t.s1);
    DoubleVector a2 = DoubleVector.broadcast(S, t.s2);
    DoubleVector a3 = DoubleVector.broadcast(S, t.s3);
    DoubleVector a4 = DoubleVector.broadcast(S, t.s4);
    DoubleVector a5 = DoubleVector.broadcast(S, t.s5);
    for (int k = 0; k < taps; k++) {
      DoubleVector x0 = DoubleVector.fromArray(S, x, base + offsets[k]);
      a0 = DoubleVector.broadcast(S, w[w0 + k]).fma(x0, a0);
      a1 = DoubleVector.broadcast(S, w[w1 + k]).fma(x0, a1);
      a2 = DoubleVector.broadcast(S, w[w2 + k]).fma(x0, a2);
      a3 = DoubleVector.broadcast(S, w[w3 + k]).fma(x0, a3);
      a4 = DoubleVector.broadcast(S, w[w4 + k]).fma(x0, a4);
      a5 = DoubleVector.broadcast(S, w[w5 + k]).fma(x0, a5);
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
      double[] g,
      int gStride,
      double[] x,
      int xOff,
      int[] offsets,
      int taps,
      int rowStride,
      int rows,
      double[] acc,
      int lanes,
      int channels) {
    for (int c = 0; c < lanes; c += L) {
      for (int oc0 = 0; oc0 < channels; oc0 += MO) {
        int mo = Math.min(MO, channels - oc0);
        for (int k0 = 0; k0 < taps; k0 += MT) {
          int mt = Math.min(MT, taps - k0);
          Tile t = new Tile(oc0, mo, k0, mt, taps, lanes, c);
          gradientTile(g, gStride, x, xOff + c, offsets, rows, rowStride, acc, t);
        }
      }
    }
  }

  /**
   * One weight-gradient tile: channels {@code oc0 .. oc0+mo-1}, taps {@code k0 .. k0+mt-1} and the
   * lanes from {@code c}; channels past mo and taps past mt repeat the last.
   */
  private record Tile(int oc0, int mo, int k0, int mt, int taps, int lanes, int c) {
    int channel(int i) {
      return oc0 + Math.min(i, mo - 1);
    }

    int tap(int j) {
      return k0 + Math.min(j, mt - 1);
    }

    /** Returns where the accumulators of channel i and tap j of the tile start. */
    int slot(int i, int j) {
      return (channel(i) * taps + tap(j)) * lanes + c;
    }
  }

  /** Runs one weight-gradient tile over all rows. */
  private static void gradientTile(
      double[] g,
      int gStride,
      double[] x,
      int xBase,
      int[] offsets,
      int rows,
      int rowStride,
      double[] acc,
      Tile t) {
    int lanes = t.lanes;
    DoubleVector c00 = DoubleVector.fromArray(S, acc, t.slot(0, 0));
    DoubleVector c01 = DoubleVector.fromArray(S, acc, t.slot(0, 1));
    DoubleVector c02 = DoubleVector.fromArray(S, acc, t.slot(0, 2));
    DoubleVector c03 = DoubleVector.fromArray(S, acc, t.slot(0, 3));
    DoubleVector c04 = DoubleVector.fromArray(S, acc, t.slot(0, 4));
    DoubleVector c05 = DoubleVector.fromArray(S, acc, t.slot(0, 5));
    DoubleVector c10 = DoubleVector.fromArray(S, acc, t.slot(1, 0));
    DoubleVector c11 = DoubleVector.fromArray(S, acc, t.slot(1, 1));
    DoubleVector c12 = DoubleVector.fromArray(S, acc, t.slot(1, 2));
    DoubleVector c13 = DoubleVector.fromArray(S, acc, t.slot(1, 3));
    DoubleVector c14 = DoubleVector.fromArray(S, acc, t.slot(1, 4));
    DoubleVector c15 = DoubleVector.fromArray(S, acc, t.slot(1, 5));
    DoubleVector c20 = DoubleVector.fromArray(S, acc, t.slot(2, 0));
    DoubleVector c21 = DoubleVector.fromArray(S, acc, t.slot(2, 1));
    DoubleVector c22 = DoubleVector.fromArray(S, acc, t.slot(2, 2));
    DoubleVector c23 = DoubleVector.fromArray(S, acc, t.slot(2, 3));
    DoubleVector c24 = DoubleVector.fromArray(S, acc, t.slot(2, 4));
    DoubleVector c25 = DoubleVector.fromArray(S, acc, t.slot(2, 5));
    DoubleVector c30 = DoubleVector.fromArray(S, acc, t.slot(3, 0));
    DoubleVector c31 = DoubleVector.fromArray(S, acc, t.slot(3, 1));
    DoubleVector c32 = DoubleVector.fromArray(S, acc, t.slot(3, 2));
    DoubleVector c33 = DoubleVector.fromArray(S, acc, t.slot(3, 3));
    DoubleVector c34 = DoubleVector.fromArray(S, acc, t.slot(3, 4));
    DoubleVector c35 = DoubleVector.fromArray(S, acc, t.slot(3, 5));
    int g0 = t.channel(0) * gStride + t.c;
    int g1 = t.channel(1) * gStride + t.c;
    int g2 = t.channel(2) * gStride + t.c;
    int g3 = t.channel(3) * gStride + t.c;
    int x0 = xBase + offsets[t.tap(0)];
    int x1 = xBase + offsets[t.tap(1)];
    int x2 = xBase + offsets[t.tap(2)];
    int x3 = xBase + offsets[t.tap(3)];
    int x4 = xBase + offsets[t.tap(4)];
    int x5 = xBase + offsets[t.tap(5)];
    for (int r = 0; r < rows; r++) {
      int gr = r * lanes;
      int xr = r * rowStride;
      DoubleVector d0 = DoubleVector.fromArray(S, g, g0 + gr);
      DoubleVector d1 = DoubleVector.fromArray(S, g, g1 + gr);
      DoubleVector d2 = DoubleVector.fromArray(S, g, g2 + gr);
      DoubleVector d3 = DoubleVector.fromArray(S, g, g3 + gr);
      DoubleVector v = DoubleVector.fromArray(S, x, x0 + xr);
      c00 = d0.fma(v, c00);
      c10 = d1.fma(v, c10);
      c20 = d2.fma(v, c20);
      c30 = d3.fma(v, c30);
      v = DoubleVector.fromArray(S, x, x1 + xr);
      c01 = d0.fma(v, c01);
      c11 = d1.fma(v, c11);
      c21 = d2.fma(v, c21);
      c31 = d3.fma(v, c31);
      v = DoubleVector.fromArray(S, x, x2 + xr);
      c02 = d0.fma(v, c02);
      c12 = d1.fma(v, c12);
      c22 = d2.fma(v, c22);
      c32 = d3.fma(v, c32);
      v = DoubleVector.fromArray(S, x, x3 + xr);
      c03 = d0.fma(v, c03);
      c13 = d1.fma(v, c13);
      c23 = d2.fma(v, c23);
      c33 = d3.fma(v, c33);
      v = DoubleVector.fromArray(S, x, x4 + xr);
      c04 = d0.fma(v, c04);
      c14 = d1.fma(v, c14);
      c24 = d2.fma(v, c24);
      c34 = d3.fma(v, c34);
      v = DoubleVector.fromArray(S, x, x5 + xr);
      c05 = d0.fma(v, c05);
      c15 = d1.fma(v, c15);
      c25 = d2.fma(v, c25);
      c35 = d3.fma(v, c35);
    }
    storeRow(c00, c01, c02, c03, c04, c05, acc, t, 0);
    if (t.mo > 1) {
      storeRow(c10, c11, c12, c13, c14, c15, acc, t, 1);
    }
    if (t.mo > 2) {
      storeRow(c20, c21, c22, c23, c24, c25, acc, t, 2);
    }
    if (t.mo > 3) {
      storeRow(c30, c31, c32, c33, c34, c35, acc, t, 3);
    }
  }

  /** Stores the first mt accumulators of channel i of a weight-gradient tile. */
  private static void storeRow(
      DoubleVector v0,
      DoubleVector v1,
      DoubleVector v2,
      DoubleVector v3,
      DoubleVector v4,
      DoubleVector v5,
      double[] acc,
      Tile t,
      int i) {
    int mt = t.mt;
    v0.intoArray(acc, t.slot(i, 0));
    if (mt > 1) {
      v1.intoArray(acc, t.slot(i, 1));
    }
    if (mt > 2) {
      v2.intoArray(acc, t.slot(i, 2));
    }
    if (mt > 3) {
      v3.intoArray(acc, t.slot(i, 3));
    }
    if (mt > 4) {
      v4.intoArray(acc, t.slot(i, 4));
    }
    if (mt > 5) {
      v5.intoArray(acc, t.slot(i, 5));
    }
  }
}
