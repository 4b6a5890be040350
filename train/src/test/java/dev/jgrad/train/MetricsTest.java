package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  /** Four samples of three classes; see each test for the hand-worked counts. */
  private static final Tensor SCORES =
      Tensor.of(
          new float[] {
            0.1f, 0.7f, 0.2f, //
            0.5f, 0.3f, 0.2f, //
            0.2f, 0.2f, 0.6f, //
            0.3f, 0.4f, 0.3f
          },
          4,
          3);

  private static final Tensor LABELS = Tensor.of(new int[] {1, 2, 0, 2});

  @Test
  void accuracyCountsTheArgmaxHitsOverBatches() {
    Accuracy accuracy = new Accuracy();
    assertTrue(Double.isNaN(accuracy.values().get("accuracy")));

    accuracy.update(SCORES.narrow(0, 0, 2), LABELS.narrow(0, 0, 2));
    accuracy.update(SCORES.narrow(0, 2, 2), LABELS.narrow(0, 2, 2));
    assertEquals(Map.of("accuracy", 0.25), accuracy.values());

    accuracy.reset();
    accuracy.update(SCORES, LABELS.oneHot(3));
    assertEquals(0.25, accuracy.values().get("accuracy"));
  }

  @Test
  void topKRanksTiesByIndexSoTopOneIsAccuracy() {
    TopKAccuracy top1 = new TopKAccuracy(1);
    TopKAccuracy top2 = new TopKAccuracy(2);
    TopKAccuracy top3 = new TopKAccuracy(3);
    for (TopKAccuracy m : new TopKAccuracy[] {top1, top2, top3}) {
      m.update(SCORES, LABELS);
    }
    assertEquals(Map.of("top1_accuracy", 0.25), top1.values());
    // Row 2: 0.6 first, then the tie 0.2/0.2 goes to class 0 (the label) first: a hit.
    // Row 3: 0.4 first, then the tie 0.3/0.3 goes to class 0 before the label 2: a miss.
    assertEquals(Map.of("top2_accuracy", 0.5), top2.values());
    assertEquals(Map.of("top3_accuracy", 1.0), top3.values());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TopKAccuracy(0));
    assertEquals("TopKAccuracy: k is 0, expected >= 1", e.getMessage());
  }

  @Test
  void confusionMatrixGivesPerClassPrecisionRecallAndF1() {
    ConfusionMatrix cm = new ConfusionMatrix(3);
    cm.update(SCORES.narrow(0, 0, 1), LABELS.narrow(0, 0, 1));
    cm.update(SCORES.narrow(0, 1, 3), LABELS.narrow(0, 1, 3));

    assertArrayEquals(
        new long[][] {{0, 0, 1}, {0, 1, 0}, {1, 1, 0}}, cm.matrix(), "[true][predicted]");
    assertEquals(0.0, cm.precision(0));
    assertEquals(0.5, cm.precision(1));
    assertEquals(1.0, cm.recall(1));
    assertEquals(2.0 / 3, cm.f1(1), 1e-15);
    assertEquals(0.0, cm.recall(2));
    assertEquals(2, cm.support(2));
    Map<String, Double> macro = cm.values();
    assertEquals(0.5 / 3, macro.get("precision_macro"), 1e-15);
    assertEquals(1.0 / 3, macro.get("recall_macro"), 1e-15);
    assertEquals(2.0 / 9, macro.get("f1_macro"), 1e-15);
    String report = cm.toString();
    assertTrue(
        report.startsWith("true\\pred      0      1      2\n        0      0      0      1\n"),
        report);
    assertTrue(report.contains("     1    0.5000    1.0000    0.6667         1"), report);
    assertTrue(report.contains(" macro "), report);

    cm.reset();
    assertEquals(0, cm.support(2));
    assertTrue(Double.isNaN(cm.values().get("f1_macro")));
  }

  @Test
  void aClassNeverPredictedOrSeenScoresZero() {
    ConfusionMatrix cm = new ConfusionMatrix(4);
    cm.update(Tensor.of(new float[] {1, 0, 0, 0, 0, 1, 0, 0}, 2, 4), Tensor.of(new int[] {0, 1}));
    assertEquals(0.0, cm.precision(3));
    assertEquals(0.0, cm.recall(3));
    assertEquals(0.0, cm.f1(3));
    assertEquals(1.0, cm.f1(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cm.recall(4));
    assertEquals("ConfusionMatrix: no class 4 of 4", e.getMessage());
  }

  @Test
  void badShapesAndLabelsAreNamed() {
    Accuracy accuracy = new Accuracy();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> accuracy.update(SCORES, Tensor.of(new int[] {0, 1, 2})));
    assertEquals(
        "accuracy: output [4, 3] and targets [3] have different batch sizes", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> accuracy.update(SCORES, Tensor.of(new int[] {0, 1, 3, 0})));
    assertEquals("accuracy: target class 3 is out of range for 3 classes", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> accuracy.update(SCORES, Tensor.zeros(4, 2)));
    assertEquals(
        "accuracy: expected targets [4] of class indices or [4, 3] of class scores for output"
            + " [4, 3], got FLOAT32 [4, 2]",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new ConfusionMatrix(2).update(SCORES, LABELS));
    assertEquals(
        "confusion_matrix: expected output [B, 2] for 2 classes, got [4, 3]", e.getMessage());
  }

  @Test
  void meanWeighsValuesByCount() {
    Mean mean = new Mean();
    assertTrue(Double.isNaN(mean.value()));
    mean.add(2.0, 1);
    mean.add(4.0, 3);
    assertEquals(3.5, mean.value());
    mean.reset();
    assertTrue(Double.isNaN(mean.value()));
  }

  @Test
  void modeDecidesImprovementWithMinDelta() {
    assertTrue(Mode.MIN.improves(0.5, Double.NaN, 0));
    assertTrue(Mode.MIN.improves(0.5, 0.7, 0.1));
    assertTrue(!Mode.MIN.improves(0.65, 0.7, 0.1));
    assertTrue(Mode.MAX.improves(0.9, 0.7, 0.1));
    assertTrue(!Mode.MAX.improves(0.75, 0.7, 0.1));
    assertTrue(!Mode.MAX.improves(Double.NaN, 0.7, 0));
  }
}
