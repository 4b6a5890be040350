package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.train.Accuracy;
import org.junit.jupiter.api.Test;

/** The seeds' formulas, and the train module's accuracy on the same probabilities. */
class SeedMathTest {
  private static final Tensor P = Tensor.of(new double[] {0.9, 0.1, 0.2, 0.8, 0.6, 0.4}, 3, 2);
  private static final Tensor LABELS = Tensor.of(new int[] {0, 0, 1}, 3);

  @Test
  void accuracyCountsRowsWhoseArgmaxIsTheLabel() {
    Accuracy accuracy = new Accuracy();
    accuracy.update(P, LABELS);
    assertEquals(1 / 3.0, accuracy.values().get("accuracy"));
  }

  @Test
  void crossEntropyIsTheMeanNegativeLogOfTheLabelsProbability() {
    double expected = -(Math.log(0.9 + 1e-12) + Math.log(0.2 + 1e-12) + Math.log(0.4 + 1e-12)) / 3;
    assertEquals(expected, SeedMath.crossEntropy(P, LABELS.oneHot(2, P.dtype()), 1e-12), 1e-15);
  }

  @Test
  void seed002LossIsTheConfidenceOfEachPredictionNotItsError() {
    double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3;
    assertEquals(expected, FullBatchMlp.seedLoss(P), 1e-15);
  }

  @Test
  void softmaxRowsSumToOneEvenForHugeLogits() {
    Tensor p = SeedMath.softmax(Tensor.of(new double[] {1000, 0, -1000, 5}, 2, 2));
    assertEquals(1.0, p.get(0, 0), 0);
    assertEquals(1.0, p.sum(1, false).get(1), 1e-15);
  }

  @Test
  void mismatchedShapesAreNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Accuracy().update(P, Tensor.of(new int[] {0}, 1)));
    assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[1]"), e.getMessage());
    IllegalArgumentException shapes =
        assertThrows(
            IllegalArgumentException.class,
            () -> SeedMath.crossEntropy(P, Tensor.of(new double[] {1, 0}, 1, 2), 1e-12));
    assertTrue(shapes.getMessage().contains("[3, 2]"), shapes.getMessage());
  }
}
