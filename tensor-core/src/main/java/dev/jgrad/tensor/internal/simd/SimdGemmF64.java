package dev.jgrad.tensor.internal.simd;

import dev.jgrad.tensor.internal.Matrix;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double-precision blocked matrix product on the Vector API: BLIS-style blocking (NC → KC → MC) and
 * a register micro-kernel holding an MR×NR tile of C in sixteen vector accumulators across the k
 * loop. The k range is cut into equal blocks of at most {@link #KC} steps. Each accumulator lane
 * runs one element's chain of fused multiply-adds in increasing k, exactly as {@code Gemm}
 * documents, so the result equals the plain kernel's bit for bit.
 *
 * <p><b>Operands.</b> Each MC×kc block of A is copied into a buffer whose rows lie {@link #KC}
 * apart, so that the kernel reads the MR rows of its tile at constant distances from one index
 * (read in place, A's rows needed one offset each, more registers than the kernel has, and the
 * kernel ran about 15 % slower). B is read in place when its rows are contiguous: the kernel loads
 * two vectors from each of the panel's rows, and only a last, partial panel is copied, zero-padded.
 * A B with contiguous columns (B = Wᵀ for a weight stored [out, in]) is transposed into panels of
 * {@link #NR} columns, eight columns at a time (the Vector API's gathers packed a little faster
 * once compiled, but ran so slowly before the JIT compiled them that a small MLP's first epoch lost
 * more than later epochs gained); other strides are packed element by element.
 *
 * <p><b>Edges.</b> Partial tiles of C go through a small buffer (their rows past the edge compute
 * from stale rows of A's buffer and are not written back), and a last panel of at most one vector's
 * width runs a half-width kernel. In the first k block of a product that does not accumulate, the
 * chains start from zero in registers, so C is neither cleared nor read.
 */
final class SimdGemmF64 {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Rows of the register tile. */
  static final int MR = 8;

  /** Columns of a B panel and of the register tile: two vectors. */
  static final int NR = 2 * L;

  /** The largest depth of a k block, and the distance between rows in A's buffer. */
  static final int KC = 256;

  /** Rows of A swept against one B block before the next panel (a multiple of MR). */
  static final int MC = 128;

  /** Columns of a packed B block (a multiple of NR, about 1024). */
  static final int NC = (1024 / NR) * NR;

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private SimdGemmF64() {}

  /**
   * Computes {@code C = A·B} (or {@code C += A·B}); sizes are positive, operands checked.
   *
   * @param left the m×k operand A
   * @param right the k×n operand B
   * @param out the m×n result C, with column stride 1
   * @param accumulate whether to add the product to C's values
   */
  static void gemm(
      Matrix<double[]> left, Matrix<double[]> right, Matrix<double[]> out, boolean accumulate) {
    int m = left.rows();
    int n = right.cols();
    int k = left.cols();
    double[] a = left.data();
    int aOff = left.offset();
    int aRowStride = left.rowStride();
    int aColStride = left.colStride();
    double[] b = right.data();
    int bOff = right.offset();
    int bRowStride = right.rowStride();
    int bColStride = right.colStride();
    double[] c = out.data();
    int cOff = out.offset();
    int cRowStride = out.rowStride();
    Workspace ws = WORKSPACE.get();
    boolean inPlace = bColStride == 1;
    int blocks = (k + KC - 1) / KC;
    int depth = (k + blocks - 1) / blocks;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      int packedFrom = inPlace ? nc - nc % NR : 0;
      for (int pc = 0; pc < k; pc += depth) {
        int kc = Math.min(depth, k - pc);
        int bBlock = bOff + pc * bRowStride + jc * bColStride;
        packB(kc, packedFrom, nc, b, bBlock, bRowStride, bColStride, ws);
        boolean fromZero = pc == 0 && !accumulate;
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          packA(mc, kc, a, aOff + ic * aRowStride + pc * aColStride, aRowStride, aColStride, ws.a);
          for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            boolean packed = jr >= packedFrom;
            double[] pb = packed ? ws.b : b;
            int bo = packed ? (jr / NR) * kc * NR : bBlock + jr;
            int brs = packed ? NR : bRowStride;
            for (int ir = 0; ir < mc; ir += MR) {
              int mr = Math.min(MR, mc - ir);
              int ct = cOff + (ic + ir) * cRowStride + jc + jr;
              if (mr == MR && nr == NR) {
                kernel(kc, ws.a, ir * KC, pb, bo, brs, c, ct, cRowStride, fromZero);
              } else {
                edge(mr, nr, kc, ws, ir * KC, pb, bo, brs, c, ct, cRowStride, fromZero);
              }
            }
          }
        }
      }
    }
  }

  /**
   * Copies A's mc×kc block at {@code off} into {@code packed}, row i of the block at {@code i*KC}:
   * whole rows when A's rows are contiguous, eight-element columns of a tile when its columns are.
   */
  private static void packA(
      int mc, int kc, double[] a, int off, int rowStride, int colStride, double[] packed) {
    if (colStride == 1) {
      for (int i = 0; i < mc; i++) {
        System.arraycopy(a, off + i * rowStride, packed, i * KC, kc);
      }
    } else if (rowStride == 1) {
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = Math.min(MR, mc - ir);
        for (int p = 0; p < kc; p++) {
          int src = off + ir + p * colStride;
          int dst = ir * KC + p;
          for (int r = 0; r < mr; r++) {
            packed[dst + r * KC] = a[src + r];
          }
        }
      }
    } else {
      for (int i = 0; i < mc; i++) {
        int src = off + i * rowStride;
        for (int p = 0; p < kc; p++) {
          packed[i * KC + p] = a[src + p * colStride];
        }
      }
    }
  }

  /**
   * Packs the panels of B's kc×nc block from column {@code from} on into NR-column panels: (p, jr +
   * j) at {@code (jr/NR)*kc*NR + p*NR + j}, zero-padded past nc.
   */
  private static void packB(
      int kc, int from, int nc, double[] b, int off, int rowStride, int colStride, Workspace ws) {
    double[] packed = ws.b;
    for (int jr = from; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int dst = (jr / NR) * kc * NR;
      int src = off + jr * colStride;
      if (colStride == 1) {
        for (int p = 0; p < kc; p++) {
          int d = dst + p * NR;
          System.arraycopy(b, src + p * rowStride, packed, d, nr);
          for (int j = nr; j < NR; j++) {
            packed[d + j] = 0d;
          }
        }
      } else if (rowStride == 1) {
        packColumns(kc, nr, b, src, colStride, packed, dst);
      } else {
        for (int j = 0; j < NR; j++) {
          int s = src + Math.min(j, nr - 1) * colStride;
          for (int p = 0; p < kc; p++) {
            packed[dst + p * NR + j] = j < nr ? b[s + p * rowStride] : 0d;
          }
        }
      }
    }
  }

  /**
   * Packs one panel of a B whose columns are contiguous (B = Wᵀ): eight columns at a time, each
   * panel row's eight elements read from the eight columns at {@code src + j*colStride} and written
   * together. Columns past nr repeat the last one; the kernel's lanes for them are never written
   * back.
   */
  private static void packColumns(
      int kc, int nr, double[] b, int src, int colStride, double[] packed, int dst) {
    for (int j = 0; j < NR; j += 8) {
      int s0 = src + Math.min(j, nr - 1) * colStride;
      int s1 = src + Math.min(j + 1, nr - 1) * colStride;
      int s2 = src + Math.min(j + 2, nr - 1) * colStride;
      int s3 = src + Math.min(j + 3, nr - 1) * colStride;
      int s4 = src + Math.min(j + 4, nr - 1) * colStride;
      int s5 = src + Math.min(j + 5, nr - 1) * colStride;
      int s6 = src + Math.min(j + 6, nr - 1) * colStride;
      int s7 = src + Math.min(j + 7, nr - 1) * colStride;
      for (int p = 0; p < kc; p++) {
        int d = dst + p * NR + j;
        packed[d] = b[s0 + p];
        packed[d + 1] = b[s1 + p];
        packed[d + 2] = b[s2 + p];
        packed[d + 3] = b[s3 + p];
        packed[d + 4] = b[s4 + p];
        packed[d + 5] = b[s5 + p];
        packed[d + 6] = b[s6 + p];
        packed[d + 7] = b[s7 + p];
      }
    }
  }

  /**
   * Continues the chains of the full MR×NR tile of C at {@code ct} over kc k-steps, or starts them
   * from zero without reading C when {@code fromZero}. The tile's rows of A are at {@code pa[ao +
   * r*KC + p]}, its row p of B the two vectors at {@code pb[bo + p*brs]}.
   */
  private static void kernel(
      int kc,
      double[] pa,
      int ao,
      double[] pb,
      int bo,
      int brs,
      double[] c,
      int ct,
      int crs,
      boolean fromZero) {
    DoubleVector c00 = start(c, ct, fromZero);
    DoubleVector c01 = start(c, ct + L, fromZero);
    DoubleVector c10 = start(c, ct + crs, fromZero);
    DoubleVector c11 = start(c, ct + crs + L, fromZero);
    DoubleVector c20 = start(c, ct + 2 * crs, fromZero);
    DoubleVector c21 = start(c, ct + 2 * crs + L, fromZero);
    DoubleVector c30 = start(c, ct + 3 * crs, fromZero);
    DoubleVector c31 = start(c, ct + 3 * crs + L, fromZero);
    DoubleVector c40 = start(c, ct + 4 * crs, fromZero);
    DoubleVector c41 = start(c, ct + 4 * crs + L, fromZero);
    DoubleVector c50 = start(c, ct + 5 * crs, fromZero);
    DoubleVector c51 = start(c, ct + 5 * crs + L, fromZero);
    DoubleVector c60 = start(c, ct + 6 * crs, fromZero);
    DoubleVector c61 = start(c, ct + 6 * crs + L, fromZero);
    DoubleVector c70 = start(c, ct + 7 * crs, fromZero);
    DoubleVector c71 = start(c, ct + 7 * crs + L, fromZero);
    for (int p = 0; p < kc; p++) {
      int bp = bo + p * brs;
      DoubleVector b0 = DoubleVector.fromArray(S, pb, bp);
      DoubleVector b1 = DoubleVector.fromArray(S, pb, bp + L);
      int ap = ao + p;
      DoubleVector a0 = DoubleVector.broadcast(S, pa[ap]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      DoubleVector a1 = DoubleVector.broadcast(S, pa[ap + KC]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      DoubleVector a2 = DoubleVector.broadcast(S, pa[ap + 2 * KC]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      DoubleVector a3 = DoubleVector.broadcast(S, pa[ap + 3 * KC]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      DoubleVector a4 = DoubleVector.broadcast(S, pa[ap + 4 * KC]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      DoubleVector a5 = DoubleVector.broadcast(S, pa[ap + 5 * KC]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
      DoubleVector a6 = DoubleVector.broadcast(S, pa[ap + 6 * KC]);
      c60 = a6.fma(b0, c60);
      c61 = a6.fma(b1, c61);
      DoubleVector a7 = DoubleVector.broadcast(S, pa[ap + 7 * KC]);
      c70 = a7.fma(b0, c70);
      c71 = a7.fma(b1, c71);
    }
    c00.intoArray(c, ct);
    c01.intoArray(c, ct + L);
    c10.intoArray(c, ct + crs);
    c11.intoArray(c, ct + crs + L);
    c20.intoArray(c, ct + 2 * crs);
    c21.intoArray(c, ct + 2 * crs + L);
    c30.intoArray(c, ct + 3 * crs);
    c31.intoArray(c, ct + 3 * crs + L);
    c40.intoArray(c, ct + 4 * crs);
    c41.intoArray(c, ct + 4 * crs + L);
    c50.intoArray(c, ct + 5 * crs);
    c51.intoArray(c, ct + 5 * crs + L);
    c60.intoArray(c, ct + 6 * crs);
    c61.intoArray(c, ct + 6 * crs + L);
    c70.intoArray(c, ct + 7 * crs);
    c71.intoArray(c, ct + 7 * crs + L);
  }

  /** Returns the vector of C at {@code at}, or zero when the chains start from zero. */
  private static DoubleVector start(double[] c, int at, boolean fromZero) {
    return fromZero ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, at);
  }

  /**
   * The half-width kernel: continues the chains of an MR×L tile (the first vector of each panel
   * row) held in {@code c} at {@code ct} with row stride {@code crs}.
   */
  private static void halfKernel(
      int kc,
      double[] pa,
      int ao,
      double[] pb,
      int bo,
      int brs,
      double[] c,
      int ct,
      int crs,
      boolean fromZero) {
    DoubleVector c0 = start(c, ct, fromZero);
    DoubleVector c1 = start(c, ct + crs, fromZero);
    DoubleVector c2 = start(c, ct + 2 * crs, fromZero);
    DoubleVector c3 = start(c, ct + 3 * crs, fromZero);
    DoubleVector c4 = start(c, ct + 4 * crs, fromZero);
    DoubleVector c5 = start(c, ct + 5 * crs, fromZero);
    DoubleVector c6 = start(c, ct + 6 * crs, fromZero);
    DoubleVector c7 = start(c, ct + 7 * crs, fromZero);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, pb, bo + p * brs);
      int ap = ao + p;
      c0 = DoubleVector.broadcast(S, pa[ap]).fma(b0, c0);
      c1 = DoubleVector.broadcast(S, pa[ap + KC]).fma(b0, c1);
      c2 = DoubleVector.broadcast(S, pa[ap + 2 * KC]).fma(b0, c2);
      c3 = DoubleVector.broadcast(S, pa[ap + 3 * KC]).fma(b0, c3);
      c4 = DoubleVector.broadcast(S, pa[ap + 4 * KC]).fma(b0, c4);
      c5 = DoubleVector.broadcast(S, pa[ap + 5 * KC]).fma(b0, c5);
      c6 = DoubleVector.broadcast(S, pa[ap + 6 * KC]).fma(b0, c6);
      c7 = DoubleVector.broadcast(S, pa[ap + 7 * KC]).fma(b0, c7);
    }
    c0.intoArray(c, ct);
    c1.intoArray(c, ct + crs);
    c2.intoArray(c, ct + 2 * crs);
    c3.intoArray(c, ct + 3 * crs);
    c4.intoArray(c, ct + 4 * crs);
    c5.intoArray(c, ct + 5 * crs);
    c6.intoArray(c, ct + 6 * crs);
    c7.intoArray(c, ct + 7 * crs);
  }

  /**
   * Runs a kernel on a partial mr×nr tile through the workspace's tile buffer: the half-width one
   * when nr fits in one vector.
   */
  private static void edge(
      int mr,
      int nr,
      int kc,
      Workspace ws,
      int ao,
      double[] pb,
      int bo,
      int brs,
      double[] c,
      int ct,
      int crs,
      boolean fromZero) {
    double[] tile = ws.tile;
    if (!fromZero) {
      for (int r = 0; r < mr; r++) {
        System.arraycopy(c, ct + r * crs, tile, r * NR, nr);
      }
    }
    if (nr <= L) {
      halfKernel(kc, ws.a, ao, pb, bo, brs, tile, 0, NR, fromZero);
    } else {
      kernel(kc, ws.a, ao, pb, bo, brs, tile, 0, NR, fromZero);
    }
    for (int r = 0; r < mr; r++) {
      System.arraycopy(tile, r * NR, c, ct + r * crs, nr);
    }
  }

  /** Per-thread buffers: A's block, B's packed panels and a partial tile of C. */
  private static final class Workspace {
    final double[] a = new double[MC * KC];
    final double[] b = new double[KC * NC];
    final double[] tile = new double[MR * NR];
  }
}
