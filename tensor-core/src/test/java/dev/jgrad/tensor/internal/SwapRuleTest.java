package dev.jgrad.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The swap decision on the products of a training step (784-128-64-32-10, batch 32). */
class SwapRuleTest {
  @Test
  void forwardThroughAWideWeightIsSwapped() {
    // x [32, 784] · Wᵀ with W [128, 784]: B's columns are W's rows, so B would be transposed.
    assertTrue(SwapRule.prefersSwap(32, 128, 784, 784, 784));
  }

  @Test
  void contiguousRowsOfBAreNeverSwapped() {
    assertFalse(SwapRule.prefersSwap(32, 784, 128, 128, 1));
    assertFalse(SwapRule.prefersSwap(1, 1000, 1000, 1000, 1));
  }

  @Test
  void swapNeedsToHalveTheTransposingWork() {
    // x [128, 784] · Wᵀ with W [100, 784]: A is the larger operand, so swapping would not pay.
    assertFalse(SwapRule.prefersSwap(128, 100, 784, 784, 784));
    // A transposed (read as Aᵀ with unit row stride) packs for free when swapped.
    assertTrue(SwapRule.prefersSwap(128, 100, 784, 1, 784));
  }

  @Test
  void largeOutputsAreNotBuffered() {
    assertFalse(SwapRule.prefersSwap(1100, 1000, 100_000, 100_000, 100_000));
  }
}
