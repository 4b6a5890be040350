package dev.jgrad.tensor.internal.pool;

/**
 * Relu's backward selection, {@code result <= 0 ? 0 : gradient}, computed on the bits without a
 * branch, for the pooling loops that take a gradient back through a relu. On LeNet-5's real
 * activations about four pooled results in ten are zero, in no pattern a branch predictor learns,
 * and a branch on them cost more than the rest of the backward loop.
 */
final class ReluGate {
  private ReluGate() {}

  /**
   * Returns {@code gradient} where relu lets it through, that is where {@code result} is greater
   * than 0 or NaN, and {@code +0} elsewhere, as relu's backward selects.
   *
   * @param gradient the gradient with respect to relu's result
   * @param result relu's result
   * @return the gradient with respect to relu's input
   */
  static float gradient(float gradient, float result) {
    int bits = Float.floatToRawIntBits(result);
    // sign bit of the mask: bits > 0 (-bits and ~bits both negative), or a magnitude above
    // infinity's (NaN)
    int passes = ((-bits & ~bits) | (0x7f800000 - (bits & 0x7fffffff))) >> 31;
    return Float.intBitsToFloat(Float.floatToRawIntBits(gradient) & passes);
  }

  /**
   * Returns {@code gradient} where relu lets it through, in double precision; see {@link
   * #gradient(float, float)}.
   *
   * @param gradient the gradient with respect to relu's result
   * @param result relu's result
   * @return the gradient with respect to relu's input
   */
  static double gradient(double gradient, double result) {
    long bits = Double.doubleToRawLongBits(result);
    long passes = ((-bits & ~bits) | (0x7ff0000000000000L - (bits & 0x7fffffffffffffffL))) >> 63;
    return Double.longBitsToDouble(Double.doubleToRawLongBits(gradient) & passes);
  }
}
