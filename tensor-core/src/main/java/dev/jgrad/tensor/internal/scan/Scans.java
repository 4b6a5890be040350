package dev.jgrad.tensor.internal.scan;

import dev.jgrad.tensor.internal.PrimitiveArrays;
import dev.jgrad.tensor.internal.StridedLoop;

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

  private static void line(
      boolean product, Object in, int x, int sx, Object out, int y, int sy, int length) {
    double acc = product ? 1 : 0;
    if (in instanceof double[] a && out instanceof double[] b) {
      for (int j = 0; j < length; j++, x += sx, y += sy) {
        acc = product ? acc * a[x] : acc + a[x];
        b[y] = acc;
      }
    } else if (in instanceof float[] a && out instanceof float[] b) {
      for (int j = 0; j < length; j++, x += sx, y += sy) {
        acc = product ? acc * a[x] : acc + a[x];
        b[y] = (float) acc;
      }
    } else {
      for (int j = 0; j < length; j++, x += sx, y += sy) {
        double v = PrimitiveArrays.get(in, x);
        acc = product ? acc * v : acc + v;
        PrimitiveArrays.set(out, y, acc);
      }
    }
  }
}
