package dev.jgrad.tensor.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ReluGate} selects exactly as relu's backward, {@code result <= 0 ? 0 : gradient}. */
class ReluGateTest {
  private static final float[] SPECIAL = {
    0f,
    -0f,
    1f,
    -1f,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.MIN_NORMAL,
    Float.MAX_VALUE,
    -Float.MAX_VALUE,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    Float.NaN,
    Float.intBitsToFloat(0xffc00001),
    Float.intBitsToFloat(0x7f800001),
    Float.intBitsToFloat(0xff800001)
  };

  private static float[] values() {
    SplittableRandom rnd = new SplittableRandom(4);
    float[] v = new float[SPECIAL.length + 2000];
    System.arraycopy(SPECIAL, 0, v, 0, SPECIAL.length);
    for (int i = SPECIAL.length; i < v.length; i++) {
      v[i] = Float.intBitsToFloat(rnd.nextInt());
    }
    return v;
  }

  @Test
  void singlePrecisionSelectsAsReluBackward() {
    float[] v = values();
    for (float result : v) {
      for (int k = 0; k < SPECIAL.length; k++) {
        float gradient = v[(k * 131) % v.length];
        float expected = result <= 0 ? 0f : gradient;
        assertEquals(
            Float.floatToRawIntBits(expected),
            Float.floatToRawIntBits(ReluGate.gradient(gradient, result)),
            "result " + Float.floatToRawIntBits(result) + ", gradient " + gradient);
      }
    }
  }

  @Test
  void doublePrecisionSelectsAsReluBackward() {
    float[] v = values();
    double[] wide = {
      Double.longBitsToDouble(0x7ff0000000000001L),
      Double.longBitsToDouble(0xfff8000000000001L),
      Double.longBitsToDouble(0x8000000000000001L),
      Double.MIN_VALUE
    };
    double[] all = new double[v.length + wide.length];
    for (int i = 0; i < v.length; i++) {
      all[i] = v[i];
    }
    System.arraycopy(wide, 0, all, v.length, wide.length);
    for (double result : all) {
      for (int k = 0; k < SPECIAL.length; k++) {
        double gradient = all[(k * 131) % all.length];
        double expected = result <= 0 ? 0.0 : gradient;
        assertEquals(
            Double.doubleToRawLongBits(expected),
            Double.doubleToRawLongBits(ReluGate.gradient(gradient, result)),
            "result " + Double.doubleToRawLongBits(result) + ", gradient " + gradient);
      }
    }
  }
}
