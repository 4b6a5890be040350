package dev.jgrad.tensor.internal.scan;

import dev.jgrad.tensor.internal.PrimitiveArrays;
import dev.jgrad.tensor.internal.StridedLoop;
import java.util.Arrays;

/**
 * Running sums and products along one dimension: every line along that dimension is scanned in
 * index order, accumulating in double precision (as PyTorch's CPU kernels do for float32), so the
 * result does not depend on the layout or on the number of threads.
 */
public final class Scans {
  private Scans() {}

  /**
   * Writes the running sums (or products) of every line of {@code in} into {@code out}.
   *
   * @param product whether to multiply instead of add
   * @param in the input array (float[], double[] or int[])
   * @param inOffset the input's offset
   * @param outerShape the sizes of the other dimensions, in order
   * @param outerInStrides the input's strides along them
   * @param outerOutStrides the output's strides along them
   * @param length the size of the scanned dimension
   * @param inStride the input's stride along the scanned dimension
   * @param outStride the output's stride along the scanned dimension
   * @param out the output array, of the input's element type
   */
  public static void scan(
      boolean product,
      Object in,
      int inOffset,
      int[] outerShape,
      int[] outerInStrides,
      int[] outerOutStrides,
      int length,
      int inStride,
      int outStride,
      Object out) {
    StridedLoop outer = StridedLoop.plan(outerShape, outerInStrides, outerOutStrides);
    int n = outer.innerLength();
    int si = outer.innerStride(0);
    int so = outer.innerStride(1);
    outer.forEachRow(
        new int[] {inOffset, 0},
        r -> {
          for (int i = 0, x = r[0], y = r[1]; i < n; i++, x += si, y += so) {
            line(product, in, x, inStride, out, y, outStride, length);
          }
        });
  }

  /**
   * Writes the running sums (or products) of a contiguous input seen as {@code [outer, length,
   * inner]} along its middle dimension into the contiguous {@code out}: each row of {@code inner}
   * elements is added to the running row before it, so the inner loop reads memory in order. Every
   * line is still accumulated in index order in double precision, as {@link #scan} does.
   *
   * @param product whether to multiply instead of add
   * @param in the input array (float[] or double[])
   * @param inOffset the input's offset
   * @param outer the product of the sizes before the scanned dimension
   * @param length the size of the scanned dimension
   * @param inner the product of the sizes after it
   * @param out the output array, of the input's element type
   */
  public static void scanContiguous(
      boolean product, Object in, int inOffset, int outer, int length, int inner, Object out) {
    double[] acc = new double[inner];
    for (int o = 0; o < outer; o++) {
      Arrays.fill(acc, product ? 1 : 0);
      int base = o * length * inner;
      for (int i = 0; i < length; i++) {
        int row = base + i * inner;
        if (in instanceof double[] a && out instanceof double[] b) {
          rowStep(product, a, inOffset + row, b, row, acc);
        } else {
          rowStep(product, (float[]) in, inOffset + row, (float[]) out, row, acc);
        }
      }
    }
  }

  private static void rowStep(boolean product, double[] a, int x, double[] b, int y, double[] acc) {
    if (product) {
      for (int j = 0; j < acc.length; j++) {
        acc[j] *= a[x + j];
        b[y + j] = acc[j];
      }
    } else {
      for (int j = 0; j < acc.length; j++) {
        acc[j] += a[x + j];
        b[y + j] = acc[j];
      }
    }
  }

  private static void rowStep(boolean product, float[] a, int x, float[] b, int y, double[] acc) {
    if (product) {
      for (int j = 0; j < acc.length; j++) {
        acc[j] *= a[x + j];
        b[y + j] = (float) acc[j];
      }
    } else {
      for (int j = 0; j < acc.length; j++) {
        acc[j] += a[x + j];
        b[y + j] = (float) acc[j];
      }
    }
  }

  private static void line(
      boolean product, Object in, int x, int sx, Object out, int y, int sy, int length) {
    if (in instanceof double[] a && out instanceof double[] b) {
      lineOf(product, a, x, sx, b, y, sy, length);
    } else if (in instanceof float[] a && out instanceof float[] b) {
      double acc = product ? 1 : 0;
      for (int j = 0; j < length; j++, x += sx, y += sy) {
        acc = product ? acc * a[x] : acc + a[x];
        b[y] = (float) acc;
      }
    } else {
      double acc = product ? 1 : 0;
      for (int j = 0; j < length; j++, x += sx, y += sy) {
        double v = PrimitiveArrays.get(in, x);
        acc = product ? acc * v : acc + v;
        PrimitiveArrays.set(out, y, acc);
      }
    }
  }

  private static void lineOf(
      boolean product, double[] a, int x, int sx, double[] b, int y, int sy, int length) {
    double acc = product ? 1 : 0;
    if (product) {
      for (int j = 0; j < length; j++, x += sx, y += sy) {
        acc *= a[x];
        b[y] = acc;
      }
    } else {
      for (int j = 0; j < length; j++, x += sx, y += sy) {
        acc += a[x];
        b[y] = acc;
      }
    }
  }
}
