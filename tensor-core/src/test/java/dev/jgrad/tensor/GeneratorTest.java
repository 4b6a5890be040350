package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.NullPointerTester;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link Generator}.
 *
 * <p>The reference vectors and golden values are {@link GeneratorGoldens}: published SplitMix64 and
 * xoshiro256** vectors, and jgrad's own sequence as {@code generator_golden.py}, an independent
 * Python implementation (integers masked to 64 bits) committed in the test resources, prints it;
 * {@link GeneratorGoldenScriptTest} runs the script and checks its output against them.
 */
final class GeneratorTest {
  private static final int N = 100_000;

  // Published reference vectors.

  @Test
  void seedingMatchesPublishedSplitMix64Outputs() {
    // SplitMix64 from counter 1234567 yields 6457827717110365317, 3203168211198807973,
    // 9817491932198370423, 4593380528125082431 (unsigned); seeded() uses them as s0..s3.
    long[] state = Generator.seeded(1234567).state();
    long[] s = GeneratorGoldens.SPLITMIX64_SEED_1234567;
    assertArrayEquals(new long[] {s[0], s[1], s[2], s[3], 0, 0}, state);
  }

  @Test
  void stepMatchesReferenceXoshiro256StarStar() {
    Generator g = Generator.fromState(new long[] {0, 0, 0, 1, 0, 0});
    long[] expected = GeneratorGoldens.XOSHIRO_FROM_0001;
    assertArrayEquals(expected, nextLongs(g, expected.length));
    Generator h = Generator.fromState(new long[] {1, 2, 3, 4, 0, 0});
    assertEquals(GeneratorGoldens.XOSHIRO_FROM_1234[0], h.nextLong());
    assertEquals(GeneratorGoldens.XOSHIRO_FROM_1234[1], h.nextLong());
  }

  @Test
  void jumpMatchesReferenceXoshiro256StarStar() {
    Generator g = Generator.fromState(new long[] {0, 0, 0, 1, 0, 0});
    g.jump();
    long[] s = GeneratorGoldens.JUMP_STATE_FROM_0001;
    assertArrayEquals(new long[] {s[0], s[1], s[2], s[3], 0, 0}, g.state());
    assertArrayEquals(GeneratorGoldens.JUMP_NEXT_FROM_0001, nextLongs(g, 3));
  }

  // Golden values of jgrad's own sequence (independent Python implementation).

  @Test
  void goldenNextLongSeed42() {
    assertArrayEquals(GeneratorGoldens.NEXT_LONG_SEED_42, nextLongs(Generator.seeded(42), 5));
  }

  @Test
  void goldenNextLongSeed0() {
    assertArrayEquals(GeneratorGoldens.NEXT_LONG_SEED_0, nextLongs(Generator.seeded(0), 5));
  }

  @Test
  void goldenNextFloat() {
    Generator g = Generator.seeded(42);
    for (float e : GeneratorGoldens.NEXT_FLOAT_SEED_42) {
      assertEquals(e, g.nextFloat());
    }
  }

  @Test
  void goldenNextDouble() {
    Generator g = Generator.seeded(42);
    for (double e : GeneratorGoldens.NEXT_DOUBLE_SEED_42) {
      assertEquals(e, g.nextDouble());
    }
  }

  @Test
  void goldenNextGaussian() {
    Generator g = Generator.seeded(42);
    // Python's math library (glibc) and StrictMath (fdlibm) may differ in the last place: the
    // fourth value is one ulp apart. Anything more means the transform itself changed.
    for (double e : GeneratorGoldens.NEXT_GAUSSIAN_SEED_42) {
      assertEquals(e, g.nextGaussian(), 2 * Math.ulp(e));
    }
  }

  @Test
  void goldenNextInt() {
    Generator g = Generator.seeded(42);
    for (int e : GeneratorGoldens.NEXT_INT_10_SEED_42) {
      assertEquals(e, g.nextInt(10));
    }
    Generator h = Generator.seeded(42);
    for (int e : GeneratorGoldens.NEXT_INT_MINUS_5_TO_5_SEED_42) {
      assertEquals(e, h.nextInt(-5, 5));
    }
    Generator k = Generator.seeded(42);
    for (int e : GeneratorGoldens.NEXT_INT_FULL_RANGE_SEED_42) {
      assertEquals(e, k.nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
  }

  @Test
  void goldenPermutation() {
    assertArrayEquals(
        GeneratorGoldens.PERMUTATION_10_SEED_42, Generator.seeded(42).permutation(10));
  }

  @Test
  void goldenSplitAndStreams() {
    long fifthLong = GeneratorGoldens.NEXT_LONG_SEED_42[4];
    Generator parent = Generator.seeded(42);
    Generator child = parent.split();
    assertArrayEquals(GeneratorGoldens.SPLIT_CHILD_SEED_42, nextLongs(child, 3));
    assertEquals(fifthLong, parent.nextLong(), "split advances the parent by 4 steps");

    Generator parent2 = Generator.seeded(42);
    Generator[] streams = parent2.streams(3);
    long[] firsts = GeneratorGoldens.STREAMS_FIRST_SEED_42;
    assertEquals(firsts[0], streams[0].nextLong());
    assertEquals(firsts[1], streams[1].nextLong());
    assertEquals(firsts[2], streams[2].nextLong());
    assertEquals(fifthLong, parent2.nextLong(), "streams advances the parent by 4");
  }

  // Statistics.

  @Test
  void uniformDoublesHaveMeanHalfAndVarianceOneTwelfth() {
    Generator g = Generator.seeded(1);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = g.nextDouble();
      assertTrue(x[i] >= 0.0 && x[i] < 1.0);
    }
    assertEquals(0.5, mean(x), 0.005);
    assertEquals(1.0 / 12, variance(x), 0.0015);
  }

  @Test
  void uniformFloatsHaveMeanHalfAndVarianceOneTwelfth() {
    Generator g = Generator.seeded(2);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      float f = g.nextFloat();
      assertTrue(f >= 0.0f && f < 1.0f);
      x[i] = f;
    }
    assertEquals(0.5, mean(x), 0.005);
    assertEquals(1.0 / 12, variance(x), 0.0015);
  }

  @Test
  void gaussiansHaveMeanZeroVarianceOneAndNormalTails() {
    Generator g = Generator.seeded(3);
    double[] x = new double[N];
    int withinOneSigma = 0;
    for (int i = 0; i < N; i++) {
      x[i] = g.nextGaussian();
      assertTrue(Double.isFinite(x[i]));
      if (Math.abs(x[i]) < 1) {
        withinOneSigma++;
      }
    }
    assertEquals(0.0, mean(x), 0.016);
    assertEquals(1.0, variance(x), 0.025);
    assertEquals(0.6827, withinOneSigma / (double) N, 0.0075);
  }

  @Test
  void nextIntHistogramPassesChiSquare() {
    Generator g = Generator.seeded(4);
    int bound = 10;
    long[] counts = new long[bound];
    for (int i = 0; i < N; i++) {
      counts[g.nextInt(bound)]++;
    }
    // 9 degrees of freedom: the 99.9th percentile is 27.9.
    assertTrue(chiSquare(counts, N / (double) bound) < 27.9, Arrays.toString(counts));
  }

  @Test
  void nextIntOverAHugeRangeIsUniformAcrossThirds() {
    Generator g = Generator.seeded(5);
    int low = Integer.MIN_VALUE;
    int high = 1 << 30; // range 3 * 2^30
    long[] counts = new long[3];
    for (int i = 0; i < N; i++) {
      int v = g.nextInt(low, high);
      assertTrue(v >= low && v < high);
      counts[(int) (((long) v - low) >> 30)]++;
    }
    // 2 degrees of freedom: the 99.9th percentile is 13.8.
    assertTrue(chiSquare(counts, N / 3.0) < 13.8, Arrays.toString(counts));
  }

  @Test
  void nextIntStaysInRangeForEdgeBounds() {
    Generator g = Generator.seeded(6);
    for (int i = 0; i < 1000; i++) {
      assertEquals(0, g.nextInt(1));
      assertEquals(-7, g.nextInt(-7, -6));
      int v = g.nextInt(Integer.MAX_VALUE);
      assertTrue(v >= 0);
      int w = g.nextInt(Integer.MAX_VALUE - 2, Integer.MAX_VALUE);
      assertTrue(w == Integer.MAX_VALUE - 2 || w == Integer.MAX_VALUE - 1);
    }
  }

  @Test
  void permutationIsAPermutation() {
    Generator g = Generator.seeded(7);
    for (int n : new int[] {0, 1, 2, 3, 1000}) {
      int[] p = g.permutation(n);
      int[] sorted = p.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        assertEquals(i, sorted[i]);
      }
    }
  }

  @Test
  void permutationsOfFiveAreUniform() {
    Generator g = Generator.seeded(8);
    int trials = 60_000;
    long[] byPermutation = new long[120];
    long[][] byPosition = new long[5][5];
    for (int t = 0; t < trials; t++) {
      int[] p = g.permutation(5);
      byPermutation[rank(p)]++;
      for (int pos = 0; pos < 5; pos++) {
        byPosition[pos][p[pos]]++;
      }
    }
    // 119 degrees of freedom: the 99.9th percentile is about 172.
    assertTrue(chiSquare(byPermutation, trials / 120.0) < 172, Arrays.toString(byPermutation));
    for (int pos = 0; pos < 5; pos++) {
      // 4 degrees of freedom: the 99.9th percentile is 18.5.
      assertTrue(
          chiSquare(byPosition[pos], trials / 5.0) < 18.5,
          "position " + pos + ": " + Arrays.toString(byPosition[pos]));
    }
  }

  // Determinism, copies and checkpoints.

  @Test
  void sameSeedGivesSameSequenceAndDifferentSeedsDiffer() {
    assertArrayEquals(nextLongs(Generator.seeded(9), 100), nextLongs(Generator.seeded(9), 100));
    assertNotEquals(Generator.seeded(9).nextLong(), Generator.seeded(10).nextLong());
  }

  @Test
  void copyContinuesIdenticallyAndIndependently() {
    Generator g = Generator.seeded(11);
    g.nextLong();
    g.nextGaussian(); // leaves a cached value
    Generator c = g.copy();
    assertEquals(g.nextGaussian(), c.nextGaussian());
    assertArrayEquals(nextLongs(g, 50), nextLongs(c, 50));
    c.nextLong();
    assertNotEquals(g.nextLong(), c.nextLong());
  }

  @Test
  void stateRoundTripResumesBitIdenticallyWithCachedGaussian() {
    Generator g = Generator.seeded(12);
    nextLongs(g, 17);
    g.nextGaussian();
    long[] saved = g.state();
    assertEquals(1L, saved[4], "a Gaussian is cached");
    Generator resumed = Generator.fromState(saved);
    for (int i = 0; i < 101; i++) {
      assertEquals(
          Double.doubleToRawLongBits(g.nextGaussian()),
          Double.doubleToRawLongBits(resumed.nextGaussian()));
    }
    assertArrayEquals(g.state(), resumed.state());
    assertEquals(g.nextDouble(), resumed.nextDouble());
  }

  @Test
  void stateWithoutCacheRoundTrips() {
    Generator g = Generator.seeded(13);
    nextLongs(g, 3);
    long[] saved = g.state();
    assertEquals(Generator.STATE_LENGTH, saved.length);
    assertEquals(0L, saved[4]);
    assertEquals(0L, saved[5]);
    assertArrayEquals(nextLongs(g, 20), nextLongs(Generator.fromState(saved), 20));
  }

  @Test
  void stateIsASnapshotNotAView() {
    Generator g = Generator.seeded(14);
    long[] saved = g.state();
    saved[0] ^= 1;
    assertArrayEquals(nextLongs(Generator.seeded(14), 5), nextLongs(g, 5));
    long[] input = Generator.seeded(14).state();
    Generator restored = Generator.fromState(input);
    input[1] ^= 1;
    assertArrayEquals(nextLongs(Generator.seeded(14), 5), nextLongs(restored, 5));
  }

  // Streams and split.

  @Test
  void streamsAreReproducibleAndDistinct() {
    Generator[] a = Generator.seeded(15).streams(8);
    Generator[] b = Generator.seeded(15).streams(8);
    Set<Long> firsts = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      long[] seqA = nextLongs(a[i], 10);
      assertArrayEquals(seqA, nextLongs(b[i], 10));
      firsts.add(seqA[0]);
    }
    assertEquals(8, firsts.size());
    assertEquals(0, Generator.seeded(15).streams(0).length);
  }

  @Test
  void streamIsThePreviousStreamJumped() {
    Generator[] s = Generator.seeded(16).streams(3);
    Generator expected = s[0].copy();
    expected.jump();
    assertArrayEquals(expected.state(), s[1].state());
    expected.jump();
    assertArrayEquals(expected.state(), s[2].state());
  }

  @Test
  void successiveStreamCallsDiffer() {
    Generator g = Generator.seeded(17);
    long first = g.streams(2)[0].nextLong();
    long second = g.streams(2)[0].nextLong();
    assertNotEquals(first, second);
  }

  @Test
  void splitAdvancesTheParentAndChildrenDiffer() {
    Generator g = Generator.seeded(18);
    Generator reference = Generator.seeded(18);
    Generator child1 = g.split();
    nextLongs(reference, 4);
    assertArrayEquals(reference.state(), g.state());
    Generator child2 = g.split();
    long[] c1 = nextLongs(child1, 10);
    long[] c2 = nextLongs(child2, 10);
    long[] parent = nextLongs(g, 10);
    assertNotEquals(c1[0], c2[0]);
    assertNotEquals(c1[0], parent[0]);
    assertNotEquals(c2[0], parent[0]);
  }

  // Bad arguments.

  @Test
  void badArgumentsThrowWithClearMessages() {
    Generator g = Generator.seeded(19);
    assertMessage("nextInt: bound 0 must be > 0", () -> g.nextInt(0));
    assertMessage("nextInt: bound -3 must be > 0", () -> g.nextInt(-3));
    assertMessage("nextInt: low 5 must be < high 3", () -> g.nextInt(5, 3));
    assertMessage("nextInt: low 4 must be < high 4", () -> g.nextInt(4, 4));
    assertMessage("permutation: n -1 must be >= 0", () -> g.permutation(-1));
    assertMessage("streams: n -2 must be >= 0", () -> g.streams(-2));
  }

  @Test
  void fromStateRejectsInvalidStates() {
    assertMessage(
        "Generator.fromState: state has 4 words, expected 6",
        () -> Generator.fromState(new long[] {1, 2, 3, 4}));
    assertMessage(
        "Generator.fromState: the xoshiro256** words (state[0..3]) are all zero, which is not a"
            + " valid state",
        () -> Generator.fromState(new long[6]));
    assertMessage(
        "Generator.fromState: cache flag state[4] is 2, expected 0 or 1",
        () -> Generator.fromState(new long[] {1, 0, 0, 0, 2, 0}));
    assertMessage(
        "Generator.fromState: cached Gaussian bits state[5] = 7 are invalid for cache flag 0",
        () -> Generator.fromState(new long[] {1, 0, 0, 0, 0, 7}));
    long nanBits = Double.doubleToRawLongBits(Double.NaN);
    assertThrows(
        IllegalArgumentException.class,
        () -> Generator.fromState(new long[] {1, 0, 0, 0, 1, nanBits}));
  }

  @Test
  void nullArgumentsAreRejected() {
    new NullPointerTester().testAllPublicStaticMethods(Generator.class);
  }

  private static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(expected, e.getMessage());
  }

  private static long[] nextLongs(Generator g, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = g.nextLong();
    }
    return out;
  }

  private static double mean(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum / x.length;
  }

  private static double variance(double[] x) {
    double m = mean(x);
    double sum = 0;
    for (double v : x) {
      sum += (v - m) * (v - m);
    }
    return sum / (x.length - 1);
  }

  private static double chiSquare(long[] counts, double expected) {
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    return chi;
  }

  /** Returns the lexicographic rank of a permutation of 0..4, in [0, 120). */
  private static int rank(int[] p) {
    int r = 0;
    for (int i = 0; i < p.length; i++) {
      int smaller = 0;
      for (int j = i + 1; j < p.length; j++) {
        if (p[j] < p[i]) {
          smaller++;
        }
      }
      r = r * (p.length - i) + smaller;
    }
    return r;
  }
}
