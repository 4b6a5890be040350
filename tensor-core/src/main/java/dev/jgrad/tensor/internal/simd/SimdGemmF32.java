package dev.jgrad.tensor.internal.simd;

import dev.jgrad.tensor.internal.Matrix;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision blocked matrix product on the Vector API: BLIS-style blocking (NC → KC → MC), B
 * packed into panels of {@link #NR} columns (two vectors), A read in place, and a register
 * micro-kernel holding an MR×NR tile of C in sixteen vector accumulators across the k loop. The k
 * range is cut into equal blocks of at most {@link #KC} steps. Each accumulator lane runs one
 * element's chain of fused multiply-adds in increasing k, exactly as {@code Gemm} documents, so the
 * result equals the plain kernel's bit for bit. Partial panels are zero-padded; edge tiles of C go
 * through a small buffer, and a last panel of at most one vector's width runs a half-width kernel.
 * In the first k block of a product that does not accumulate, the chains start from zero in
 * registers, so C is neither cleared nor read.
 */
final class SimdGemmF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Rows of the register tile. */
  static final int MR = 8;

  /** Columns of a B panel and of the register tile: two vectors. */
  static final int NR = 2 * L;

  /** k-steps per block of the transposing pack. */
  private static final int TB = 16;

  /** The largest depth of a k block. */
  static final int KC = 256;

  /** Rows of A swept against one packed B block before the next panel (a multiple of MR). */
  static final int MC = 128;

  /** Columns of a packed B block (a multiple of NR, about 1024). */
  static final int NC = (1024 / NR) * NR;

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private SimdGemmF32() {}

  /**
   * Computes {@code C = A·B} (or {@code C += A·B}); sizes are positive, operands checked.
   *
   * @param left the m×k operand A
   * @param right the k×n operand B
   * @param out the m×n result C, with column stride 1
   * @param accumulate whether to add the product to C's values
   */
  static void gemm(
      Matrix<float[]> left, Matrix<float[]> right, Matrix<float[]> out, boolean accumulate) {
    int m = left.rows();
    int n = right.cols();
    int k = left.cols();
    float[] a = left.data();
    int aOff = left.offset();
    int aRowStride = left.rowStride();
    int aColStride = left.colStride();
    float[] b = right.data();
    int bOff = right.offset();
    int bRowStride = right.rowStride();
    int bColStride = right.colStride();
    float[] c = out.data();
    int cOff = out.offset();
    int cRowStride = out.rowStride();
    Workspace ws = WORKSPACE.get();
    int blocks = (k + KC - 1) / KC;
    int depth = (k + blocks - 1) / blocks;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += depth) {
        int kc = Math.min(depth, k - pc);
        packB(kc, nc, b, bOff + pc * bRowStride + jc * bColStride, bRowStride, bColStride, ws.b);
        boolean fromZero = pc == 0 && !accumulate;
        int aBlock = aOff + pc * aColStride;
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bo = (jr / NR) * kc * NR;
            for (int ir = ic; ir < ic + mc; ir += MR) {
              int mr = Math.min(MR, m - ir);
              int ct = cOff + ir * cRowStride + jc + jr;
              Tile t = ws.tile;
              t.rows(a, aBlock, ir, mr, aRowStride, aColStride);
              if (mr == MR && nr == NR) {
                kernel(kc, t, ws.b, bo, c, ct, cRowStride, fromZero);
              } else {
                edge(mr, nr, kc, t, ws.b, bo, c, ct, cRowStride, fromZero);
              }
            }
          }
        }
      }
    }
  }

  /**
   * Packs B's kc×nc block into NR-column panels: (p, jr + j) at {@code (jr/NR)*kc*NR + p*NR + j}.
   */
  private static void packB(
      int kc, int nc, float[] b, int off, int rowStride, int colStride, float[] packed) {
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int dst = (jr / NR) * kc * NR;
      int src = off + jr * colStride;
      if (colStride == 1) {
        for (int p = 0; p < kc; p++) {
          int d = dst + p * NR;
          System.arraycopy(b, src + p * rowStride, packed, d, nr);
          for (int j = nr; j < NR; j++) {
            packed[d + j] = 0f;
          }
        }
      } else if (rowStride == 1) {
        packTransposed(kc, nr, b, src, colStride, packed, dst);
      } else {
        for (int j = 0; j < NR; j++) {
          if (j < nr) {
            int s = src + j * colStride;
            for (int p = 0; p < kc; p++) {
              packed[dst + p * NR + j] = b[s + p * rowStride];
            }
          } else {
            for (int p = 0; p < kc; p++) {
              packed[dst + p * NR + j] = 0f;
            }
          }
        }
      }
    }
  }

  /**
   * Packs one panel from a B whose columns are contiguous (B = Wᵀ): column j of the panel is the
   * contiguous run at {@code src + j*colStride}. Works in blocks of {@link #TB} k-steps so that the
   * rows read and the panel rows written stay in the L1 cache.
   */
  private static void packTransposed(
      int kc, int nr, float[] b, int src, int colStride, float[] packed, int dst) {
    for (int p0 = 0; p0 < kc; p0 += TB) {
      int pe = Math.min(kc, p0 + TB);
      for (int j = 0; j < nr; j++) {
        int s = src + j * colStride;
        for (int p = p0; p < pe; p++) {
          packed[dst + p * NR + j] = b[s + p];
        }
      }
      for (int p = p0; p < pe; p++) {
        Arrays.fill(packed, dst + p * NR + nr, dst + (p + 1) * NR, 0f);
      }
    }
  }

  /**
   * Continues the chains of the full MR×NR tile of C at {@code ct} over kc k-steps, or starts them
   * from zero without reading C when {@code fromZero}. A's rows are read in place through the tile.
   */
  private static void kernel(
      int kc, Tile t, float[] pb, int bo, float[] c, int ct, int crs, boolean fromZero) {
    float[] a = t.a;
    int r0 = t.r0;
    int r1 = t.r1;
    int r2 = t.r2;
    int r3 = t.r3;
    int r4 = t.r4;
    int r5 = t.r5;
    int r6 = t.r6;
    int r7 = t.r7;
    int ps = t.step;
    FloatVector c00 = start(c, ct, fromZero);
    FloatVector c01 = start(c, ct + L, fromZero);
    FloatVector c10 = start(c, ct + crs, fromZero);
    FloatVector c11 = start(c, ct + crs + L, fromZero);
    FloatVector c20 = start(c, ct + 2 * crs, fromZero);
    FloatVector c21 = start(c, ct + 2 * crs + L, fromZero);
    FloatVector c30 = start(c, ct + 3 * crs, fromZero);
    FloatVector c31 = start(c, ct + 3 * crs + L, fromZero);
    FloatVector c40 = start(c, ct + 4 * crs, fromZero);
    FloatVector c41 = start(c, ct + 4 * crs + L, fromZero);
    FloatVector c50 = start(c, ct + 5 * crs, fromZero);
    FloatVector c51 = start(c, ct + 5 * crs + L, fromZero);
    FloatVector c60 = start(c, ct + 6 * crs, fromZero);
    FloatVector c61 = start(c, ct + 6 * crs + L, fromZero);
    FloatVector c70 = start(c, ct + 7 * crs, fromZero);
    FloatVector c71 = start(c, ct + 7 * crs + L, fromZero);
    for (int p = 0; p < kc; p++) {
      int bp = bo + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, pb, bp);
      FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
      int ap = p * ps;
      FloatVector a0 = FloatVector.broadcast(S, a[r0 + ap]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, a[r1 + ap]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, a[r2 + ap]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, a[r3 + ap]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, a[r4 + ap]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, a[r5 + ap]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
      FloatVector a6 = FloatVector.broadcast(S, a[r6 + ap]);
      c60 = a6.fma(b0, c60);
      c61 = a6.fma(b1, c61);
      FloatVector a7 = FloatVector.broadcast(S, a[r7 + ap]);
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
  private static FloatVector start(float[] c, int at, boolean fromZero) {
    return fromZero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, at);
  }

  /**
   * The half-width kernel: continues the chains of an MR×L tile (the first vector of each packed
   * panel row) held in {@code c} at {@code ct} with row stride {@code crs}.
   */
  private static void halfKernel(
      int kc, Tile t, float[] pb, int bo, float[] c, int ct, int crs, boolean fromZero) {
    float[] a = t.a;
    int r0 = t.r0;
    int r1 = t.r1;
    int r2 = t.r2;
    int r3 = t.r3;
    int r4 = t.r4;
    int r5 = t.r5;
    int r6 = t.r6;
    int r7 = t.r7;
    int ps = t.step;
    FloatVector c0 = start(c, ct, fromZero);
    FloatVector c1 = start(c, ct + crs, fromZero);
    FloatVector c2 = start(c, ct + 2 * crs, fromZero);
    FloatVector c3 = start(c, ct + 3 * crs, fromZero);
    FloatVector c4 = start(c, ct + 4 * crs, fromZero);
    FloatVector c5 = start(c, ct + 5 * crs, fromZero);
    FloatVector c6 = start(c, ct + 6 * crs, fromZero);
    FloatVector c7 = start(c, ct + 7 * crs, fromZero);
    for (int p = 0; p < kc; p++) {
      FloatVector b0 = FloatVector.fromArray(S, pb, bo + p * NR);
      int ap = p * ps;
      c0 = FloatVector.broadcast(S, a[r0 + ap]).fma(b0, c0);
      c1 = FloatVector.broadcast(S, a[r1 + ap]).fma(b0, c1);
      c2 = FloatVector.broadcast(S, a[r2 + ap]).fma(b0, c2);
      c3 = FloatVector.broadcast(S, a[r3 + ap]).fma(b0, c3);
      c4 = FloatVector.broadcast(S, a[r4 + ap]).fma(b0, c4);
      c5 = FloatVector.broadcast(S, a[r5 + ap]).fma(b0, c5);
      c6 = FloatVector.broadcast(S, a[r6 + ap]).fma(b0, c6);
      c7 = FloatVector.broadcast(S, a[r7 + ap]).fma(b0, c7);
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
   * Runs a kernel on a partial mr×nr tile through the tile's buffer: the half-width one when nr
   * fits in one vector. Rows past mr repeat the last row of A and are not written back.
   */
  private static void edge(
      int mr,
      int nr,
      int kc,
      Tile t,
      float[] pb,
      int bo,
      float[] c,
      int ct,
      int crs,
      boolean fromZero) {
    float[] buffer = t.buffer;
    if (!fromZero) {
      for (int r = 0; r < mr; r++) {
        System.arraycopy(c, ct + r * crs, buffer, r * NR, nr);
      }
    }
    if (nr <= L) {
      halfKernel(kc, t, pb, bo, buffer, 0, NR, fromZero);
    } else {
      kernel(kc, t, pb, bo, buffer, 0, NR, fromZero);
    }
    for (int r = 0; r < mr; r++) {
      System.arraycopy(buffer, r * NR, c, ct + r * crs, nr);
    }
  }

  /**
   * Where the micro-kernel reads the MR rows of A: the offsets of their first elements in the
   * current k block and the distance between consecutive k-steps, plus a buffer for edge tiles of
   * C.
   */
  private static final class Tile {
    final float[] buffer = new float[MR * NR];
    float[] a;
    int r0;
    int r1;
    int r2;
    int r3;
    int r4;
    int r5;
    int r6;
    int r7;
    int step;

    /** Points the tile at rows ir..ir+mr-1 of A (rows past mr repeat the last one). */
    void rows(float[] a, int block, int ir, int mr, int rowStride, int colStride) {
      this.a = a;
      this.step = colStride;
      int base = block + ir * rowStride;
      r0 = base;
      r1 = base + Math.min(1, mr - 1) * rowStride;
      r2 = base + Math.min(2, mr - 1) * rowStride;
      r3 = base + Math.min(3, mr - 1) * rowStride;
      r4 = base + Math.min(4, mr - 1) * rowStride;
      r5 = base + Math.min(5, mr - 1) * rowStride;
      r6 = base + Math.min(6, mr - 1) * rowStride;
      r7 = base + Math.min(7, mr - 1) * rowStride;
    }
  }

  /** Per-thread pack buffer for B and the micro-kernel's tile. */
  private static final class Workspace {
    final float[] b = new float[KC * NC];
    final Tile tile = new Tile();
  }
}
