package dev.jgrad.tensor.internal;

import java.util.Arrays;

/**
 * The plain-Java blocked matrix products behind {@link PlainKernels}: BLIS-style blocking in plain
 * Java, relying on the JIT's auto-vectorization.
 *
 * <p>The column range of C is cut into blocks of {@link #NC} columns, the k range into blocks of
 * {@link #KC}, the row range into blocks of {@link #MC}. For each (NC, KC) pair the KC×NC block of
 * B is packed into panels of {@link #NR} columns; for each MC block the MC×KC block of A is packed
 * into panels of {@link #MR} rows. The packing absorbs every stride, so the micro-kernel only sees
 * unit-stride data. The micro-kernel copies an MR×NR tile of C into accumulator rows, updates them
 * two rows at a time with a few k-steps per sweep over the NR columns (a loop the JIT
 * auto-vectorizes), and copies the tile back. Each element of C is one chain of multiply-adds in
 * increasing k, as {@link Gemm} documents. Sizes are positive; the caller checked the operands.
 */
final class PlainGemm {

  /** Rows of an A panel; the micro-kernel processes them in pairs. */
  static final int MR = 4;

  /** Columns of a B panel: the longest trip count of the micro-kernel's vectorized inner loop. */
  static final int NR = 256;

  /** Depth of a packed block: KC k-steps of an A panel and a B panel stay in cache together. */
  static final int KC = 256;

  /** Rows of a packed A block (a multiple of MR); the packed block stays in the L2 cache. */
  static final int MC = 128;

  /** Columns of a packed B block (a multiple of NR). */
  static final int NC = 1024;

  private static final ThreadLocal<WorkspaceF32> WORKSPACE_F32 =
      ThreadLocal.withInitial(WorkspaceF32::new);
  private static final ThreadLocal<WorkspaceF64> WORKSPACE_F64 =
      ThreadLocal.withInitial(WorkspaceF64::new);

  private PlainGemm() {}

  /**
   * Computes {@code C = A·B} (or {@code C += A·B}) in single precision; sizes are positive.
   *
   * @param left the m×k operand A
   * @param right the k×n operand B
   * @param out the m×n result C, with column stride 1
   * @param accumulate whether to add the product to C's values
   */
  static void sgemm(
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
    WorkspaceF32 ws = WORKSPACE_F32.get();
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packBF32(
            kc,
            nc,
            b,
            bOff + pc * bRowStride + jc * bColStride,
            bRowStride,
            bColStride,
            ws.packedB);
        boolean fromZero = pc == 0 && !accumulate;
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          packAF32(
              mc,
              kc,
              a,
              aOff + ic * aRowStride + pc * aColStride,
              aRowStride,
              aColStride,
              ws.packedA);
          int cBlock = cOff + ic * cRowStride + jc;
          for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
              int mr = Math.min(MR, mc - ir);
              kernelF32(
                  mr,
                  nr,
                  kc,
                  ws.packedA,
                  ir * kc,
                  ws.packedB[jr / NR],
                  ws.acc,
                  c,
                  cBlock + ir * cRowStride + jr,
                  cRowStride,
                  fromZero);
            }
          }
        }
      }
    }
  }

  /**
   * Computes {@code C = A·B} (or {@code C += A·B}) in double precision; sizes are positive.
   *
   * @param left the m×k operand A
   * @param right the k×n operand B
   * @param out the m×n result C, with column stride 1
   * @param accumulate whether to add the product to C's values
   */
  static void dgemm(
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
    WorkspaceF64 ws = WORKSPACE_F64.get();
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        packBF64(
            kc,
            nc,
            b,
            bOff + pc * bRowStride + jc * bColStride,
            bRowStride,
            bColStride,
            ws.packedB);
        boolean fromZero = pc == 0 && !accumulate;
        for (int ic = 0; ic < m; ic += MC) {
          int mc = Math.min(MC, m - ic);
          packAF64(
              mc,
              kc,
              a,
              aOff + ic * aRowStride + pc * aColStride,
              aRowStride,
              aColStride,
              ws.packedA);
          int cBlock = cOff + ic * cRowStride + jc;
          for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
              int mr = Math.min(MR, mc - ir);
              kernelF64(
                  mr,
                  nr,
                  kc,
                  ws.packedA,
                  ir * kc,
                  ws.packedB[jr / NR],
                  ws.acc,
                  c,
                  cBlock + ir * cRowStride + jr,
                  cRowStride,
                  fromZero);
            }
          }
        }
      }
    }
  }

  /**
   * Packs the mc×kc block of A at {@code off} into panels of MR rows: the panel of rows {@code ir
   * .. ir+MR-1} starts at {@code ir * kc} and holds element (ir + r, p) at {@code p * MR + r}. Rows
   * past mc in the last panel keep stale values; the micro-kernel never reads them.
   */
  private static void packAF32(
      int mc, int kc, float[] a, int off, int rowStride, int colStride, float[] packed) {
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      for (int r = 0; r < mr; r++) {
        int src = off + (ir + r) * rowStride;
        int dst = ir * kc + r;
        for (int p = 0; p < kc; p++) {
          packed[dst + p * MR] = a[src + p * colStride];
        }
      }
    }
  }

  /**
   * Packs the kc×nc block of B at {@code off} into panels of NR columns: {@code packed[jr / NR][p]}
   * holds row p of columns {@code jr .. jr+NR-1}. Each row is its own array so that the
   * micro-kernel's loads carry no loop-invariant offset, which JDK 17's auto-vectorizer requires.
   */
  private static void packBF32(
      int kc, int nc, float[] b, int off, int rowStride, int colStride, float[][][] packed) {
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      float[][] panel = packed[jr / NR];
      int src = off + jr * colStride;
      for (int p = 0; p < kc; p++) {
        float[] row = panel[p];
        int s = src + p * rowStride;
        if (colStride == 1) {
          System.arraycopy(b, s, row, 0, nr);
        } else {
          for (int j = 0; j < nr; j++) {
            row[j] = b[s + j * colStride];
          }
        }
      }
    }
  }

  /**
   * Continues the summation chains of the mr×nr tile of C at {@code ct} over kc k-steps, starting
   * from zero instead of C's values when {@code fromZero}. The tile is copied into the accumulator
   * rows {@code acc}, updated there two rows and two k-steps per sweep over the nr columns (a loop
   * body small enough for JDK 17 to vectorize with 16 float lanes), and copied back.
   */
  private static void kernelF32(
      int mr,
      int nr,
      int kc,
      float[] pa,
      int ao,
      float[][] pb,
      float[][] acc,
      float[] c,
      int ct,
      int crs,
      boolean fromZero) {
    for (int r = 0; r < mr; r++) {
      if (fromZero) {
        Arrays.fill(acc[r], 0, nr, 0f);
      } else {
        System.arraycopy(c, ct + r * crs, acc[r], 0, nr);
      }
    }
    int r = 0;
    for (; r + 1 < mr; r += 2) {
      float[] t0 = acc[r];
      float[] t1 = acc[r + 1];
      int p = 0;
      for (; p + 1 < kc; p += 2) {
        int ap = ao + p * MR + r;
        float a00 = pa[ap];
        float a10 = pa[ap + 1];
        float a01 = pa[ap + MR];
        float a11 = pa[ap + MR + 1];
        float[] b0 = pb[p];
        float[] b1 = pb[p + 1];
        for (int j = 0; j < nr; j++) {
          float x0 = b0[j];
          float x1 = b1[j];
          t0[j] = Math.fma(a01, x1, Math.fma(a00, x0, t0[j]));
          t1[j] = Math.fma(a11, x1, Math.fma(a10, x0, t1[j]));
        }
      }
      for (; p < kc; p++) {
        int ap = ao + p * MR + r;
        float a0 = pa[ap];
        float a1 = pa[ap + 1];
        float[] b0 = pb[p];
        for (int j = 0; j < nr; j++) {
          float x0 = b0[j];
          t0[j] = Math.fma(a0, x0, t0[j]);
          t1[j] = Math.fma(a1, x0, t1[j]);
        }
      }
    }
    if (r < mr) {
      float[] t0 = acc[r];
      for (int p = 0; p < kc; p++) {
        float a0 = pa[ao + p * MR + r];
        float[] b0 = pb[p];
        for (int j = 0; j < nr; j++) {
          t0[j] = Math.fma(a0, b0[j], t0[j]);
        }
      }
    }
    for (r = 0; r < mr; r++) {
      System.arraycopy(acc[r], 0, c, ct + r * crs, nr);
    }
  }

  /**
   * Packs the mc×kc block of A at {@code off} into panels of MR rows: the panel of rows {@code ir
   * .. ir+MR-1} starts at {@code ir * kc} and holds element (ir + r, p) at {@code p * MR + r}. Rows
   * past mc in the last panel keep stale values; the micro-kernel never reads them.
   */
  private static void packAF64(
      int mc, int kc, double[] a, int off, int rowStride, int colStride, double[] packed) {
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      for (int r = 0; r < mr; r++) {
        int src = off + (ir + r) * rowStride;
        int dst = ir * kc + r;
        for (int p = 0; p < kc; p++) {
          packed[dst + p * MR] = a[src + p * colStride];
        }
      }
    }
  }

  /**
   * Packs the kc×nc block of B at {@code off} into panels of NR columns: {@code packed[jr / NR][p]}
   * holds row p of columns {@code jr .. jr+NR-1}. Each row is its own array so that the
   * micro-kernel's loads carry no loop-invariant offset, which JDK 17's auto-vectorizer requires.
   */
  private static void packBF64(
      int kc, int nc, double[] b, int off, int rowStride, int colStride, double[][][] packed) {
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      double[][] panel = packed[jr / NR];
      int src = off + jr * colStride;
      for (int p = 0; p < kc; p++) {
        double[] row = panel[p];
        int s = src + p * rowStride;
        if (colStride == 1) {
          System.arraycopy(b, s, row, 0, nr);
        } else {
          for (int j = 0; j < nr; j++) {
            row[j] = b[s + j * colStride];
          }
        }
      }
    }
  }

  /**
   * Continues the summation chains of the mr×nr tile of C at {@code ct} over kc k-steps, starting
   * from zero instead of C's values when {@code fromZero}. The tile is copied into the accumulator
   * rows {@code acc}, updated there two rows and four k-steps per sweep over the nr columns, and
   * copied back.
   */
  private static void kernelF64(
      int mr,
      int nr,
      int kc,
      double[] pa,
      int ao,
      double[][] pb,
      double[][] acc,
      double[] c,
      int ct,
      int crs,
      boolean fromZero) {
    for (int r = 0; r < mr; r++) {
      if (fromZero) {
        Arrays.fill(acc[r], 0, nr, 0d);
      } else {
        System.arraycopy(c, ct + r * crs, acc[r], 0, nr);
      }
    }
    int r = 0;
    for (; r + 1 < mr; r += 2) {
      double[] t0 = acc[r];
      double[] t1 = acc[r + 1];
      int p = 0;
      for (; p + 3 < kc; p += 4) {
        int ap = ao + p * MR + r;
        double a00 = pa[ap];
        double a10 = pa[ap + 1];
        double a01 = pa[ap + MR];
        double a11 = pa[ap + MR + 1];
        double a02 = pa[ap + 2 * MR];
        double a12 = pa[ap + 2 * MR + 1];
        double a03 = pa[ap + 3 * MR];
        double a13 = pa[ap + 3 * MR + 1];
        double[] b0 = pb[p];
        double[] b1 = pb[p + 1];
        double[] b2 = pb[p + 2];
        double[] b3 = pb[p + 3];
        rank4(nr, t0, t1, b0, b1, b2, b3, a00, a01, a02, a03, a10, a11, a12, a13);
      }
      for (; p < kc; p++) {
        int ap = ao + p * MR + r;
        double a0 = pa[ap];
        double a1 = pa[ap + 1];
        double[] b0 = pb[p];
        for (int j = 0; j < nr; j++) {
          double x0 = b0[j];
          t0[j] = Math.fma(a0, x0, t0[j]);
          t1[j] = Math.fma(a1, x0, t1[j]);
        }
      }
    }
    if (r < mr) {
      double[] t0 = acc[r];
      for (int p = 0; p < kc; p++) {
        double a0 = pa[ao + p * MR + r];
        double[] b0 = pb[p];
        for (int j = 0; j < nr; j++) {
          t0[j] = Math.fma(a0, b0[j], t0[j]);
        }
      }
    }
    for (r = 0; r < mr; r++) {
      System.arraycopy(acc[r], 0, c, ct + r * crs, nr);
    }
  }

  /** Per-thread pack buffers and accumulator rows for single precision. */
  private static final class WorkspaceF32 {
    final float[] packedA = new float[MC * KC];
    final float[][][] packedB = new float[NC / NR][KC][NR];
    final float[][] acc = new float[MR][NR];
  }

  /**
   * Adds four k-steps to two accumulator rows with fused multiply-adds: {@code t0[j] = t0[j] +
   * a00*b0[j] + a01*b1[j] + a02*b2[j] + a03*b3[j]}, left to right, and likewise for {@code t1} with
   * {@code a1x}.
   */
  private static void rank4(
      int nr,
      double[] t0,
      double[] t1,
      double[] b0,
      double[] b1,
      double[] b2,
      double[] b3,
      double a00,
      double a01,
      double a02,
      double a03,
      double a10,
      double a11,
      double a12,
      double a13) {
    for (int j = 0; j < nr; j++) {
      double x0 = b0[j];
      double x1 = b1[j];
      double x2 = b2[j];
      double x3 = b3[j];
      t0[j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, t0[j]))));
      t1[j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, t1[j]))));
    }
  }

  /** Per-thread pack buffers and accumulator rows for double precision. */
  private static final class WorkspaceF64 {
    final double[] packedA = new double[MC * KC];
    final double[][][] packedB = new double[NC / NR][KC][NR];
    final double[][] acc = new double[MR][NR];
  }
}
