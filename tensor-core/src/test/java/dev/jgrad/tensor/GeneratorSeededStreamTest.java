package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Generator#seeded(long, long)}: keyed streams derived from the SplitMix64 sequence. */
final class GeneratorSeededStreamTest {

  @Test
  void streamSeedsAreTheWordsThatSeedingExpandsTheSeedInto() {
    for (long seed : new long[] {0, 1, 42, -7, Long.MIN_VALUE, 1234567}) {
      long[] words = Generator.seeded(seed).state();
      for (int stream = 0; stream < 4; stream++) {
        assertArrayEquals(
            Generator.seeded(words[stream]).state(),
            Generator.seeded(seed, stream).state(),
            "seed " + seed + ", stream " + stream);
      }
    }
  }

  @Test
  void streamSeedsArePinned() {
    // mix(seed + (stream + 1) * 0x9E3779B97F4A7C15), the values DataLoader derived before
    // Generator.seeded(seed, stream) existed.
    assertArrayEquals(
        Generator.seeded(-5777550919950892545L).state(), Generator.seeded(123, 3).state());
    assertArrayEquals(
        Generator.seeded(-2152535657050944081L).state(), Generator.seeded(0, 0).state());
    assertArrayEquals(
        Generator.seeded(3635786437452810171L).state(), Generator.seeded(-7, 41).state());
  }

  @Test
  void nearbySeedsAndStreamsGiveUnrelatedGenerators() {
    assertFalse(Arrays.equals(Generator.seeded(1, 0).state(), Generator.seeded(0, 1).state()));
    assertFalse(Arrays.equals(Generator.seeded(0, 0).state(), Generator.seeded(0, 1).state()));
    assertFalse(Arrays.equals(Generator.seeded(0, 0).state(), Generator.seeded(0).state()));
  }
}
