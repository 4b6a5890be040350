package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The options of the losses: hand-computed values, and bad arguments refused with their values. */
class LossOptionsTest {
  private static final Variable LOGITS =
      new Variable(Tensor.of(new double[] {0, Math.log(3), 1, 1}, 2, 2));

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @Test
  void weightedMeanDividesByTheWeightsOfTheSamplesNotIgnored() {
    // sample 0: -log(1/4) with weight 3; sample 1 ignored
    Tensor weight = Tensor.of(new double[] {1, 3});
    Variable loss =
        Losses.crossEntropy(LOGITS, Tensor.of(new int[] {1, 0}), weight, 0, Reduction.MEAN, 0);
    assertEquals(-Math.log(0.75), loss.item(), 1e-15);
    loss = Losses.crossEntropy(LOGITS, Tensor.of(new int[] {1, 0}), weight, 0, Reduction.SUM, 0);
    assertEquals(-3 * Math.log(0.75), loss.item(), 1e-15);
  }

  @Test
  void everySampleIgnoredGivesNaNForTheMeanAndZeroForTheSum() {
    Tensor ignored = Tensor.of(new int[] {-100, -100});
    assertTrue(Double.isNaN(Losses.nllLoss(LOGITS, ignored, null, -100, Reduction.MEAN).item()));
    assertEquals(0, Losses.nllLoss(LOGITS, ignored, null, -100, Reduction.SUM).item());
  }

  @Test
  void labelSmoothingMixesTheUniformTarget() {
    Tensor target = Tensor.of(new int[] {1, 0});
    double smoothed = Losses.crossEntropy(LOGITS, target, null, -100, Reduction.MEAN, 0.5).item();
    double uniform =
        Losses.crossEntropy(LOGITS, Tensor.of(new double[] {0.5, 0.5, 0.5, 0.5}, 2, 2)).item();
    double plain = Losses.crossEntropy(LOGITS, target).item();
    assertEquals(0.5 * plain + 0.5 * uniform, smoothed, 1e-15);
  }

  @Test
  void huberAndSmoothL1AreLinearBeyondTheirKink() {
    Variable x = new Variable(Tensor.of(new double[] {0.5, 3}));
    Variable y = new Variable(Tensor.of(new double[] {0, 0}));
    assertEquals(0.125 + 2.5, Losses.huberLoss(x, y, Reduction.SUM, 1).item(), 1e-15);
    assertEquals(0.25 + 2.75, Losses.smoothL1Loss(x, y, Reduction.SUM, 0.5).item(), 1e-15);
    assertEquals(0.125 + 4, Losses.huberLoss(x, y, Reduction.SUM, 2).item(), 1e-15);
  }

  @Test
  void badOptionsAreRefusedWithTheirValues() {
    Tensor labels = Tensor.of(new int[] {0, 1});
    assertMessage(
        "cross_entropy: label_smoothing must be between 0.0 and 1.0, got 1.5",
        () -> Losses.crossEntropy(LOGITS, labels, null, -100, Reduction.MEAN, 1.5));
    assertMessage(
        "cross_entropy: ignore_index is not supported for probability targets, got 0",
        () -> Losses.crossEntropy(LOGITS, Tensor.ones(2, 2), null, 0, Reduction.MEAN, 0));
    assertMessage(
        "nll_loss: weight of shape [3], expected [2] (one per class)",
        () -> Losses.nllLoss(LOGITS, labels, Tensor.ones(3), -100, Reduction.MEAN));
    assertMessage(
        "nll_loss: target 5 at index 1 is out of bounds for 2 classes",
        () -> Losses.nllLoss(LOGITS, Tensor.of(new int[] {-1, 5}), null, -1, Reduction.MEAN));
    assertMessage(
        "smooth_l1_loss: beta must be >= 0, got -1.0",
        () -> Losses.smoothL1Loss(LOGITS, LOGITS, Reduction.MEAN, -1));
    assertMessage(
        "huber_loss: delta must be > 0, got 0.0",
        () -> Losses.huberLoss(LOGITS, LOGITS, Reduction.MEAN, 0));
    assertMessage(
        "kl_div: target of shape [2] does not match input of shape [2, 2]",
        () -> Losses.klDiv(LOGITS, Tensor.ones(2)));
    assertMessage(
        "CrossEntropyLoss: label_smoothing must be between 0.0 and 1.0, got -0.1",
        () -> new CrossEntropyLoss(null, -100, Reduction.MEAN, -0.1));
  }
}
