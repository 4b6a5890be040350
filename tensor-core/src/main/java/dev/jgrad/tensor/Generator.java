package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A seeded, reproducible pseudo-random number generator: jgrad's only source of randomness
 * (parameter initialization, dropout masks, shuffling).
 *
 * <p>The same seed gives the same sequence on every JVM and platform. The algorithm is specified
 * below precisely enough for another implementation to reproduce every value.
 *
 * <p><b>Core generator.</b> xoshiro256** (Blackman and Vigna, 2018) with a state of four 64-bit
 * words {@code s0..s3}, never all zero, and a period of 2<sup>256</sup> &minus; 1. One step returns
 * {@code rotl(s1 * 5, 7) * 9} (arithmetic modulo 2<sup>64</sup>) computed from the state before the
 * update, then sets {@code t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 =
 * rotl(s3, 45)}. {@link #nextLong()} is one step.
 *
 * <p><b>Seeding.</b> {@link #seeded(long)} expands the 64-bit seed with SplitMix64: a counter
 * {@code x} starts at the seed; each output adds {@code 0x9E3779B97F4A7C15} to {@code x} and
 * returns {@code mix(x)}, where {@code mix(z)} is {@code z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9;
 * z = (z ^ (z >>> 27)) * 0x94D049BB133111EB; return z ^ (z >>> 31)}. The first four outputs become
 * {@code s0, s1, s2, s3} in that order. {@code mix} is a bijection, so four distinct counters never
 * give the all-zero state.
 *
 * <p><b>Derived values</b>, each from fresh {@code nextLong()} outputs {@code r}, taken in order:
 *
 * <ul>
 *   <li>{@link #nextFloat()}: {@code (r >>> 40) * 2^-24}, the top 24 bits, in [0, 1).
 *   <li>{@link #nextDouble()}: {@code (r >>> 11) * 2^-53}, the top 53 bits, in [0, 1).
 *   <li>{@link #nextInt(int)} with bound {@code n}: Lemire's nearly-divisionless method on the top
 *       32 bits. Let {@code x = r >>> 32} and {@code m = x * n} (an exact product below
 *       2<sup>64</sup>), {@code l = m mod 2^32}. If {@code l < n}, let {@code t = (2^32 - n) mod n}
 *       and, while {@code l < t}, draw a new {@code r} and recompute {@code x, m, l}. The result is
 *       {@code m >>> 32}, exactly uniform on [0, n).
 *   <li>{@link #nextInt(int, int)}: {@code low} plus the method above with {@code n = high - low}
 *       computed exactly (up to 2<sup>32</sup> &minus; 1).
 *   <li>{@link #nextGaussian()}: the Box&ndash;Muller transform. With {@code u1 = 1 - nextDouble()}
 *       (in (0, 1]) drawn first and {@code u2 = nextDouble()} second, {@code rad = sqrt(-2 ln u1)}
 *       and {@code theta = 2 pi u2}; the call returns {@code rad * cos(theta)} and caches {@code
 *       rad * sin(theta)}, which the next call returns without drawing. The cache is part of the
 *       state. {@code ln}, {@code sin}, {@code cos} and {@code sqrt} are {@link StrictMath}'s, so
 *       results are bit-identical on every JVM; an implementation using another math library agrees
 *       to within a few ulps.
 *   <li>{@link #permutation(int)}: Fisher&ndash;Yates (Durstenfeld) from the top down: start with
 *       {@code a = [0, 1, ..., n-1]}; for {@code i = n-1} down to {@code 1}, swap {@code a[i]} with
 *       {@code a[nextInt(i + 1)]}.
 * </ul>
 *
 * <p><b>Independent streams.</b> For parallel work, give each task its own generator, made by
 * {@link #split()} or {@link #streams(int)}; never share one generator between threads.
 *
 * <p><b>Not thread-safe.</b> A generator is mutable state without synchronization; use one per
 * thread.
 *
 * <p><b>The default generator.</b> As PyTorch's {@code torch.manual_seed}, jgrad has one
 * process-wide generator, {@link #defaultGenerator()}, that the overloads without a generator
 * parameter draw from ({@code Tensor.rand(32, 784)}, {@code new Linear(784, 128)}, {@code new
 * Dropout(0.2)}, the {@code Init} schemes). It starts from the fixed seed {@link #DEFAULT_SEED}, so
 * a program that never seeds it still repeats exactly from run to run (PyTorch's default generator
 * also starts from a fixed seed, this same number, though its algorithm gives other values); {@link
 * #manualSeed(long)} re-seeds it in place. Those overloads hold the default generator's monitor
 * while they draw, so threads that use it at the same time never corrupt its state; but which
 * thread draws first, and so which values each gets, is not deterministic. Draw from it on one
 * thread (or pass explicit generators) where results must repeat, and wrap direct draws from it in
 * {@code synchronized (Generator.defaultGenerator()) { ... }} where other threads use it too.
 *
 * <pre>{@code
 * Generator gen = Generator.seeded(42);
 * double w = gen.nextGaussian();
 * int[] order = gen.permutation(60_000);
 * long[] saved = gen.state();              // checkpoint
 * Generator resumed = Generator.fromState(saved);
 * }</pre>
 */
public final class Generator {
  /** The number of words in {@link #state()}. */
  public static final int STATE_LENGTH = 6;

  /**
   * The seed {@link #defaultGenerator()} starts from, PyTorch's {@code default_rng_seed_val}: a
   * large number with a good mix of zero and one bits.
   */
  public static final long DEFAULT_SEED = 67_280_421_310_721L;

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final long[] JUMP = {
    0x180EC6D33CFD0ABAL, 0xD5A61266F0C9392CL, 0xA9582618E03FC9AAL, 0x39ABDC4529B1661CL
  };
  private static final float FLOAT_UNIT = 0x1.0p-24f;
  private static final double DOUBLE_UNIT = 0x1.0p-53;
  private static final long LOW_32_BITS = 0xFFFF_FFFFL;
  private static final long TWO_TO_32 = 1L << 32;

  private static final Generator DEFAULT = seeded(DEFAULT_SEED);

  private long s0;
  private long s1;
  private long s2;
  private long s3;
  private boolean hasCachedGaussian;
  private double cachedGaussian;

  private Generator(long s0, long s1, long s2, long s3) {
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /**
   * Returns the process-wide generator that jgrad's overloads without a generator parameter draw
   * from; always the same object (see the class notes on threads).
   *
   * @return the default generator, seeded with {@link #DEFAULT_SEED} until {@link
   *     #manualSeed(long)} re-seeds it
   */
  public static Generator defaultGenerator() {
    return DEFAULT;
  }

  /**
   * Re-seeds the default generator in place, as {@code torch.manual_seed}: it then continues as
   * {@link #seeded(long) seeded(seed)} would, and a module or layer holding it (such as a {@code
   * Dropout} made without a generator) draws the new sequence.
   *
   * @param seed any 64-bit value
   * @return the default generator
   */
  public static Generator manualSeed(long seed) {
    synchronized (DEFAULT) {
      DEFAULT.s0 = splitMix64(seed, 0);
      DEFAULT.s1 = splitMix64(seed, 1);
      DEFAULT.s2 = splitMix64(seed, 2);
      DEFAULT.s3 = splitMix64(seed, 3);
      DEFAULT.hasCachedGaussian = false;
      DEFAULT.cachedGaussian = 0.0;
    }
    return DEFAULT;
  }

  /**
   * Returns a generator whose state is the seed expanded by SplitMix64 (see the class notes).
   *
   * @param seed any 64-bit value
   * @return a generator at the start of the sequence of {@code seed}
   */
  public static Generator seeded(long seed) {
    return new Generator(
        splitMix64(seed, 0), splitMix64(seed, 1), splitMix64(seed, 2), splitMix64(seed, 3));
  }

  /**
   * Returns the generator of stream {@code stream} of {@code seed}: {@code seeded(splitMix64(seed,
   * stream))}, where {@code splitMix64(seed, i)} is output {@code i} (counting from 0) of the
   * SplitMix64 sequence of the class notes, {@code mix(seed + (i + 1) * 0x9E3779B97F4A7C15)}.
   *
   * <p>Use it to give each numbered piece of work (an epoch's shuffle, a worker) its own generator
   * that depends only on the seed and the number, never on how much was drawn before: nearby seeds
   * and stream numbers give unrelated sequences ({@code seeded(1, 0)} and {@code seeded(0, 1)}
   * differ). Stream {@code i}'s derived seed is word {@code s_i} of {@code seeded(seed)} for {@code
   * i} in 0..3. These keyed streams are unrelated to {@link #streams(int)}, which splits one
   * generator's period.
   *
   * @param seed the base seed
   * @param stream the number of the stream, any 64-bit value
   * @return a new generator for that stream
   */
  public static Generator seeded(long seed, long stream) {
    return seeded(splitMix64(seed, stream));
  }

  /**
   * Returns a generator restored from a {@link #state()} snapshot; it continues the sequence
   * bit-identically, including a cached Gaussian.
   *
   * @param state a snapshot taken with {@link #state()}, for example one read back from a
   *     checkpoint; it is not modified
   * @return a new generator that continues where the snapshot was taken
   * @throws IllegalArgumentException if the array does not have {@link #STATE_LENGTH} words, the
   *     four xoshiro words are all zero, the cache flag is not 0 or 1, or the cached value is not a
   *     finite number (or not zero when the flag is 0)
   */
  public static Generator fromState(long[] state) {
    checkNotNull(state, "Generator.fromState: state is null");
    checkArgument(
        state.length == STATE_LENGTH,
        "Generator.fromState: state has %s words, expected %s",
        state.length,
        STATE_LENGTH);
    checkArgument(
        (state[0] | state[1] | state[2] | state[3]) != 0,
        "Generator.fromState: the xoshiro256** words (state[0..3]) are all zero, which is not a"
            + " valid state");
    checkArgument(
        state[4] == 0 || state[4] == 1,
        "Generator.fromState: cache flag state[4] is %s, expected 0 or 1",
        state[4]);
    double cached = Double.longBitsToDouble(state[5]);
    checkArgument(
        state[4] == 1 ? Double.isFinite(cached) : state[5] == 0,
        "Generator.fromState: cached Gaussian bits state[5] = %s are invalid for cache flag %s",
        state[5],
        state[4]);
    Generator g = new Generator(state[0], state[1], state[2], state[3]);
    g.hasCachedGaussian = state[4] == 1;
    g.cachedGaussian = g.hasCachedGaussian ? cached : 0.0;
    return g;
  }

  /**
   * Returns a snapshot of the complete state, {@link #STATE_LENGTH} words: the xoshiro256** words
   * {@code s0..s3}, then 1 if a Gaussian is cached (0 otherwise), then the cached Gaussian's bits
   * ({@link Double#doubleToRawLongBits}, 0 when none is cached).
   *
   * @return a new array of {@link #STATE_LENGTH} words, owned by the caller
   */
  public long[] state() {
    return new long[] {
      s0,
      s1,
      s2,
      s3,
      hasCachedGaussian ? 1 : 0,
      hasCachedGaussian ? Double.doubleToRawLongBits(cachedGaussian) : 0
    };
  }

  /**
   * Returns an independent generator in the same state; both then produce the same sequence.
   *
   * @return a new generator; drawing from it leaves this one unchanged
   */
  public Generator copy() {
    Generator g = new Generator(s0, s1, s2, s3);
    g.hasCachedGaussian = hasCachedGaussian;
    g.cachedGaussian = cachedGaussian;
    return g;
  }

  /**
   * Returns the next 64 uniformly distributed bits: one xoshiro256** step.
   *
   * @return any {@code long}, each of the 2<sup>64</sup> values equally likely
   */
  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /**
   * Returns an int uniformly distributed in {@code [0, bound)}, without modulo bias.
   *
   * @param bound the exclusive upper bound, at least 1
   * @return a value in {@code [0, bound)}
   * @throws IllegalArgumentException if {@code bound <= 0}
   */
  public int nextInt(int bound) {
    checkArgument(bound > 0, "nextInt: bound %s must be > 0", bound);
    return (int) bounded(bound);
  }

  /**
   * Returns an int uniformly distributed in {@code [low, high)}, without modulo bias.
   *
   * @param low the inclusive lower bound
   * @param high the exclusive upper bound, greater than {@code low}; the range may span up to
   *     2<sup>32</sup> &minus; 1 values
   * @return a value in {@code [low, high)}
   * @throws IllegalArgumentException if {@code low >= high}
   */
  public int nextInt(int low, int high) {
    checkArgument(low < high, "nextInt: low %s must be < high %s", low, high);
    return (int) (low + bounded((long) high - low));
  }

  /**
   * Returns a float uniformly distributed in [0, 1): the top 24 bits of {@link #nextLong()}.
   *
   * @return a multiple of 2<sup>-24</sup> in {@code [0, 1)}
   */
  public float nextFloat() {
    return (nextLong() >>> 40) * FLOAT_UNIT;
  }

  /**
   * Returns a double uniformly distributed in [0, 1): the top 53 bits of {@link #nextLong()}.
   *
   * @return a multiple of 2<sup>-53</sup> in {@code [0, 1)}
   */
  public double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  /**
   * Returns a standard normal sample (mean 0, variance 1) by the Box&ndash;Muller transform; every
   * second call returns the cached partner of the previous pair (see the class notes).
   *
   * @return a finite sample of the standard normal distribution
   */
  public double nextGaussian() {
    if (hasCachedGaussian) {
      hasCachedGaussian = false;
      double value = cachedGaussian;
      cachedGaussian = 0.0;
      return value;
    }
    double u1 = 1.0 - nextDouble();
    double u2 = nextDouble();
    double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    double theta = 2.0 * StrictMath.PI * u2;
    cachedGaussian = radius * StrictMath.sin(theta);
    hasCachedGaussian = true;
    return radius * StrictMath.cos(theta);
  }

  /**
   * Returns a uniformly random permutation of {@code 0..n-1}, by a top-down Fisher&ndash;Yates
   * shuffle.
   *
   * @param n the number of elements to permute, at least 0
   * @return a new array holding each of {@code 0..n-1} exactly once
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public int[] permutation(int n) {
    checkArgument(n >= 0, "permutation: n %s must be >= 0", n);
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }

  /**
   * Returns a new generator for independent work and advances this one by four steps.
   *
   * <p>The child's state is {@code mix(r0), mix(r1), mix(r2), mix(r3)} for the next four outputs
   * {@code r0..r3} of this generator (drawing four more if all four words are zero), a
   * pseudo-random point of the 2<sup>256</sup> &minus; 1 period. Its sequence therefore overlaps
   * this generator's or another child's only with negligible probability: for {@code k} sequences
   * of length {@code L}, about {@code k^2 L / 2^256}. Children can split in turn.
   *
   * @return a new generator whose sequence is independent of this one's
   */
  public Generator split() {
    while (true) {
      long a = mix(nextLong());
      long b = mix(nextLong());
      long c = mix(nextLong());
      long d = mix(nextLong());
      if ((a | b | c | d) != 0) {
        return new Generator(a, b, c, d);
      }
    }
  }

  /**
   * Returns {@code n} independent generators, deterministically, and advances this one as one
   * {@link #split()} does.
   *
   * <p>Stream 0 is {@code split()}; stream {@code i} is stream 0 advanced by {@code i} jumps of
   * 2<sup>128</sup> steps (the xoshiro256** jump polynomial). So the streams of one call are
   * provably disjoint segments of the period as long as each draws fewer than 2<sup>128</sup>
   * values, and they are independent of this generator and of other calls' streams as {@link
   * #split()} children are. A stream may itself call {@code streams} or {@code split}.
   *
   * @param n the number of generators to make, at least 0
   * @return a new array of {@code n} generators (empty for 0)
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public Generator[] streams(int n) {
    checkArgument(n >= 0, "streams: n %s must be >= 0", n);
    Generator[] result = new Generator[n];
    if (n == 0) {
      return result;
    }
    Generator base = split();
    for (int i = 0; i < n; i++) {
      result[i] = base.copy();
      if (i < n - 1) {
        base.jump();
      }
    }
    return result;
  }

  /**
   * Advances this generator by 2<sup>128</sup> steps, as the reference {@code jump()} of
   * xoshiro256** does; the Gaussian cache is kept.
   */
  void jump() {
    long a = 0;
    long b = 0;
    long c = 0;
    long d = 0;
    for (long word : JUMP) {
      for (int bit = 0; bit < 64; bit++) {
        if ((word & (1L << bit)) != 0) {
          a ^= s0;
          b ^= s1;
          c ^= s2;
          d ^= s3;
        }
        nextLong();
      }
    }
    s0 = a;
    s1 = b;
    s2 = c;
    s3 = d;
  }

  /** Draws from [0, n) for n in [1, 2^32] by Lemire's method (see the class notes). */
  private long bounded(long n) {
    long m = (nextLong() >>> 32) * n;
    long low = m & LOW_32_BITS;
    if (low < n) {
      long threshold = (TWO_TO_32 - n) % n;
      while (low < threshold) {
        m = (nextLong() >>> 32) * n;
        low = m & LOW_32_BITS;
      }
    }
    return m >>> 32;
  }

  /** Output {@code index} (from 0) of SplitMix64 started at {@code seed}. */
  private static long splitMix64(long seed, long index) {
    return mix(seed + (index + 1) * GOLDEN_GAMMA);
  }

  /** The SplitMix64 output function. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
