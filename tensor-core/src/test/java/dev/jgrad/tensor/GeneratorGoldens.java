package dev.jgrad.tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference and golden values of {@link Generator}, written once: {@link GeneratorTest} checks
 * jgrad's generator against them, and {@link GeneratorGoldenScriptTest} checks that the committed
 * script {@code generator_golden.py} (beside this class's package in the test resources), an
 * independent Python implementation of the algorithm {@link Generator} documents, prints exactly
 * these values, so that the two cannot drift apart.
 *
 * <p>The first five constants are published reference vectors: SplitMix64's outputs for seed
 * 1234567, and the C reference xoshiro256**'s outputs (with and without {@code jump()}) from the
 * states (0, 0, 0, 1) and (1, 2, 3, 4). The others are jgrad's own sequence.
 */
final class GeneratorGoldens {
  /** SplitMix64's first four outputs from counter 1234567: {@code seeded(1234567)}'s s0..s3. */
  static final long[] SPLITMIX64_SEED_1234567 = {
    6457827717110365317L,
    3203168211198807973L,
    Long.parseUnsignedLong("9817491932198370423"),
    4593380528125082431L
  };

  /** The reference xoshiro256**'s first ten outputs from the state (0, 0, 0, 1). */
  static final long[] XOSHIRO_FROM_0001 = {
    0x0L,
    0x0L,
    0x1680L,
    0x02d0000000001680L,
    0x02d0005a2d001680L,
    0x0000005a2d0b4120L,
    0x68b45a5a2d0b57a0L,
    0x68b48716ad000120L,
    0x1cb48716b2a00288L,
    0x11b10070bdeb59bcL
  };

  /** The reference xoshiro256**'s first two outputs from the state (1, 2, 3, 4). */
  static final long[] XOSHIRO_FROM_1234 = {11520L, 0L};

  /** The state after the reference {@code jump()} from the state (0, 0, 0, 1). */
  static final long[] JUMP_STATE_FROM_0001 = {
    0x934d05e8b2076310L, 0xeabdd0bf76a1be51L, 0x75dd6a992accb1e8L, 0xc660c602a7330187L
  };

  /** The first three outputs after that jump. */
  static final long[] JUMP_NEXT_FROM_0001 = {
    0xaed8d3ed373a211aL, 0x055baff45a8cdb8eL, 0x4f99e3c7b7aa48f2L
  };

  /** {@code seeded(42)}'s first five {@code nextLong()}. */
  static final long[] NEXT_LONG_SEED_42 = {
    1546998764402558742L,
    6990951692964543102L,
    -5902157311460992607L,
    -1389169964527427423L,
    -151191095644234140L
  };

  /** {@code seeded(0)}'s first five {@code nextLong()}. */
  static final long[] NEXT_LONG_SEED_0 = {
    -7355399402456485196L,
    -4652746763540216534L,
    1900383378846508768L,
    7684712102626143532L,
    -4925340083591827879L
  };

  /** {@code seeded(42)}'s first five {@code nextFloat()}. */
  static final float[] NEXT_FLOAT_SEED_42 = {
    0.08386296033859253f,
    0.37898021936416626f,
    0.6800433993339539f,
    0.9246929287910461f,
    0.9918038845062256f
  };

  /** {@code seeded(42)}'s first five {@code nextDouble()}. */
  static final double[] NEXT_DOUBLE_SEED_42 = {
    0.08386297105988216,
    0.3789802506626686,
    0.6800434110281394,
    0.9246929453253876,
    0.9918039142821028
  };

  /**
   * {@code seeded(42)}'s first six {@code nextGaussian()}, as Python's math library (glibc)
   * computes them; jgrad's {@link StrictMath} (fdlibm) may differ in the last place.
   */
  static final double[] NEXT_GAUSSIAN_SEED_42 = {
    -0.303263064678738,
    0.28846173882942383,
    1.3438117634372806,
    -0.6879751798977497,
    0.3834617912676943,
    -3.0758989311988945
  };

  /** {@code seeded(42)}'s first twenty {@code nextInt(10)}. */
  static final int[] NEXT_INT_10_SEED_42 = {
    0, 3, 6, 9, 9, 7, 7, 8, 7, 5, 6, 2, 8, 3, 7, 8, 6, 8, 7, 7
  };

  /** {@code seeded(42)}'s first ten {@code nextInt(-5, 5)}. */
  static final int[] NEXT_INT_MINUS_5_TO_5_SEED_42 = {-5, -2, 1, 4, 4, 2, 2, 3, 2, 0};

  /** {@code seeded(42)}'s first three {@code nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE)}. */
  static final int[] NEXT_INT_FULL_RANGE_SEED_42 = {-1787294931, -519775867, 773280561};

  /** {@code seeded(42).permutation(10)}. */
  static final int[] PERMUTATION_10_SEED_42 = {9, 1, 4, 2, 8, 7, 6, 5, 3, 0};

  /** The first three {@code nextLong()} of {@code seeded(42).split()}. */
  static final long[] SPLIT_CHILD_SEED_42 = {
    3749934125740026012L, 1691560196300402516L, -8309741722073246383L
  };

  /** The first {@code nextLong()} of each of {@code seeded(42).streams(3)}. */
  static final long[] STREAMS_FIRST_SEED_42 = {
    3749934125740026012L, -7229592607785883641L, 7867388021502009149L
  };

  private GeneratorGoldens() {}

  /**
   * Returns every constant above by its name, in declaration order: the names the script prints.
   */
  static Map<String, Object> byName() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("SPLITMIX64_SEED_1234567", SPLITMIX64_SEED_1234567);
    all.put("XOSHIRO_FROM_0001", XOSHIRO_FROM_0001);
    all.put("XOSHIRO_FROM_1234", XOSHIRO_FROM_1234);
    all.put("JUMP_STATE_FROM_0001", JUMP_STATE_FROM_0001);
    all.put("JUMP_NEXT_FROM_0001", JUMP_NEXT_FROM_0001);
    all.put("NEXT_LONG_SEED_42", NEXT_LONG_SEED_42);
    all.put("NEXT_LONG_SEED_0", NEXT_LONG_SEED_0);
    all.put("NEXT_FLOAT_SEED_42", NEXT_FLOAT_SEED_42);
    all.put("NEXT_DOUBLE_SEED_42", NEXT_DOUBLE_SEED_42);
    all.put("NEXT_GAUSSIAN_SEED_42", NEXT_GAUSSIAN_SEED_42);
    all.put("NEXT_INT_10_SEED_42", NEXT_INT_10_SEED_42);
    all.put("NEXT_INT_MINUS_5_TO_5_SEED_42", NEXT_INT_MINUS_5_TO_5_SEED_42);
    all.put("NEXT_INT_FULL_RANGE_SEED_42", NEXT_INT_FULL_RANGE_SEED_42);
    all.put("PERMUTATION_10_SEED_42", PERMUTATION_10_SEED_42);
    all.put("SPLIT_CHILD_SEED_42", SPLIT_CHILD_SEED_42);
    all.put("STREAMS_FIRST_SEED_42", STREAMS_FIRST_SEED_42);
    return all;
  }
}
