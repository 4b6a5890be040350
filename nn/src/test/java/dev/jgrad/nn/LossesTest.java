package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Each loss against a float64 computation written out here, and its gradient where it matters. */
class LossesTest {
  private static final double[] LOGITS = {1.0, -2.0, 0.5, 3.0, 0.0, -1.0};
  private static final int[] LABELS = {2, 0};

  private static Variable logits() {
    return new Variable(Tensor.of(LOGITS.clone(), 2, 3)).requiresGrad(true);
  }

  private static double[] softmaxRow(int row) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < 3; c++) {
      max = Math.max(max, LOGITS[row * 3 + c]);
    }
    double sum = 0;
    double[] e = new double[3];
    for (int c = 0; c < 3; c++) {
      e[c] = Math.exp(LOGITS[row * 3 + c] - max);
      sum += e[c];
    }
    for (int c = 0; c < 3; c++) {
      e[c] /= sum;
    }
    return e;
  }

  @Test
  void crossEntropyWithIndicesIsMeanNegLogSoftmaxAndGradientIsSoftmaxMinusOneHot() {
    Variable x = logits();
    Variable loss = Losses.crossEntropy(x, Tensor.of(LABELS));
    double expected = 0;
    double[] grad = new double[6];
    for (int n = 0; n < 2; n++) {
      double[] p = softmaxRow(n);
      expected -= Math.log(p[LABELS[n]]) / 2;
      for (int c = 0; c < 3; c++) {
        grad[n * 3 + c] = (p[c] - (c == LABELS[n] ? 1 : 0)) / 2;
      }
    }
    assertEquals(expected, loss.item(), 1e-14);
    loss.backward();
    assertArrayEquals(grad, x.grad().toDoubleArray(), 1e-14);
    assertEquals(
        2 * expected,
        Losses.crossEntropy(logits(), Tensor.of(LABELS), Reduction.SUM).item(),
        1e-14);
    assertArrayEquals(
        new double[] {-Math.log(softmaxRow(0)[2]), -Math.log(softmaxRow(1)[0])},
        Losses.crossEntropy(logits(), Tensor.of(LABELS), Reduction.NONE).data().toDoubleArray(),
        1e-14);
  }

  @Test
  void probabilityTargetsAgreeWithIndicesForOneHot() {
    Tensor oneHot = Tensor.of(LABELS).oneHot(3, DType.FLOAT64);
    assertEquals(
        Losses.crossEntropy(logits(), Tensor.of(LABELS)).item(),
        Losses.crossEntropy(logits(), oneHot, Reduction.MEAN).item(),
        1e-14);
    Variable probs = logits().softmax(1);
    double seeds = Losses.crossEntropyOnProbabilities(probs, oneHot, 1e-12, Reduction.MEAN).item();
    double expected =
        -(Math.log(softmaxRow(0)[2] + 1e-12) + Math.log(softmaxRow(1)[0] + 1e-12)) / 2;
    assertEquals(expected, seeds, 1e-14);
    assertEquals(seeds, Losses.crossEntropyOnProbabilities(probs, oneHot, 1e-12).item(), 0);
  }

  @Test
  void nllMseAndBinaryLosses() {
    Variable logp = logits().logSoftmax(1);
    assertEquals(
        Losses.crossEntropy(logits(), Tensor.of(LABELS)).item(),
        Losses.nllLoss(logp, Tensor.of(LABELS)).item(),
        1e-15);
    Variable a = new Variable(Tensor.of(new double[] {1, 2, 3}));
    Variable b = new Variable(Tensor.of(new double[] {1.5, 2, 1}));
    assertEquals((0.25 + 0 + 4) / 3, Losses.mseLoss(a, b).item(), 1e-15);
    assertEquals(4.25, Losses.mseLoss(a, b, Reduction.SUM).item(), 1e-15);

    double[] z = {-3, 0, 2.5, 40};
    double[] y = {0, 1, 1, 0};
    double expected = 0;
    double expectedProb = 0;
    for (int i = 0; i < z.length; i++) {
      double p = 1 / (1 + Math.exp(-z[i]));
      expected += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
      expectedProb -=
          y[i] * Math.max(Math.log(p), -100) + (1 - y[i]) * Math.max(Math.log(1 - p), -100);
    }
    Variable zv = new Variable(Tensor.of(z));
    assertEquals(expected / 4, Losses.binaryCrossEntropyWithLogits(zv, Tensor.of(y)).item(), 1e-14);
    assertEquals(
        expectedProb / 4, Losses.binaryCrossEntropy(zv.sigmoid(), Tensor.of(y)).item(), 1e-12);
  }

  @Test
  void binaryCrossEntropyWithLogitsHasGradientSigmoidMinusTargetAtZero() {
    Variable z = new Variable(Tensor.of(new double[] {0, 0, 2})).requiresGrad(true);
    Losses.binaryCrossEntropyWithLogits(z, Tensor.of(new double[] {1, 0, 0.25}), Reduction.SUM)
        .backward();
    double sigmoid2 = 1 / (1 + Math.exp(-2));
    assertArrayEquals(new double[] {-0.5, 0.5, sigmoid2 - 0.25}, z.grad().toDoubleArray(), 1e-15);
  }

  @Test
  void binaryCrossEntropyGradientStaysFiniteAtProbabilitiesZeroAndOne() {
    // PyTorch clamps the denominator with the float 1e-12, widened to double.
    Variable p = new Variable(Tensor.of(new double[] {0, 1, 0, 1, 0.5})).requiresGrad(true);
    Variable loss =
        Losses.binaryCrossEntropy(p, Tensor.of(new double[] {0, 1, 1, 0, 1}), Reduction.NONE);
    loss.sum().backward();
    assertArrayEquals(
        new double[] {0, 0, 100, 100, Math.log(2)}, loss.data().toDoubleArray(), 1e-15);
    double eps = 1e-12f;
    assertArrayEquals(new double[] {0, 0, -1 / eps, 1 / eps, -2}, p.grad().toDoubleArray(), 1e-3);
  }

  @Test
  void l2PenaltyHasWeightDecayGradient() {
    Variable w = new Variable(Tensor.of(new double[] {1, -2, 3})).requiresGrad(true);
    Variable penalty = Losses.l2Penalty(java.util.List.of(w), 0.1);
    assertEquals(0.05 * 14, penalty.item(), 1e-15);
    penalty.backward();
    assertArrayEquals(new double[] {0.1, -0.2, 0.3}, w.grad().toDoubleArray(), 1e-15);
  }

  @Test
  void badInputsNameTheLossAndShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.crossEntropy(logits(), Tensor.of(new int[] {0, 3})));
    assertEquals("nll_loss: target 3 at index 1 is out of bounds for 3 classes", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.crossEntropy(logits(), Tensor.of(new int[] {0, 1, 2})));
    assertEquals(
        "nll_loss: expected an INT32 target of shape [2] for input of shape [2, 3], got INT32 [3]",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.crossEntropy(new Variable(Tensor.zeros(3)), Tensor.of(LABELS)));
    assertEquals(
        "cross_entropy: expected input of shape [N, C] (batch, classes), got [3]", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.crossEntropy(logits(), Tensor.of(new double[] {0, 1})));
    assertEquals(
        "cross_entropy: probability target of shape [2] does not match input of shape [2, 3]"
            + " (class indices are INT32 of shape [2])",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.mseLoss(new Variable(Tensor.zeros(3)), new Variable(Tensor.zeros(2))));
    assertEquals("mse_loss: target of shape [2] does not match input of shape [3]", e.getMessage());
  }
}
