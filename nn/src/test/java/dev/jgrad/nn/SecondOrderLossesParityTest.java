package dev.jgrad.nn;

import dev.jgrad.autograd.Autograd;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Second derivatives of the losses and layers built on issue 15's new ops against {@code
 * torch.autograd.grad(..., create_graph=True)} in float64, to 1e-10 relative: each case is the
 * gradient penalty {@code Σ sum(g * g)} over the gradients {@code g} of a loss with respect to its
 * differentiated inputs, so its value checks the first derivatives taken with a graph and its
 * gradients the second derivatives. l1, smooth_l1 and huber (of {@code tanh(input)}, so that the
 * second derivative is not zero), kl_div of log-softmax inputs (plain and log targets, targets
 * holding zeros, batchmean), cross-entropy with class weights, ignored index and label smoothing
 * (class-index and probability targets), nll_loss with weights, layer_norm with affine parameters,
 * and embedding with a padding row; the reprs of those two modules. The l1 cases (and smooth_l1
 * with beta 0, which is l1) differentiate the input only: their gradient in the target is a
 * constant sign, with no second derivative to compare.
 */
class SecondOrderLossesParityTest extends TorchParityTest {
  private static final double RTOL = 1e-10;
  private static final int N = 5;
  private static final int C = 4;
  private static final boolean[] FIRST = {true, false, false};
  private static final boolean[] BOTH = {true, true};
  private static final boolean[] INPUT = {true, false};
  private static final Reduction[] REDUCED = {Reduction.MEAN, Reduction.SUM};

  SecondOrderLossesParityTest() {
    super("Second-order losses", RTOL, cases());
  }

  /** Returns Σ sum(g * g) over the gradients of {@code loss} in the inputs that require grad. */
  private static Variable penalty(Variable loss, Variable... inputs) {
    List<Variable> wrt = new ArrayList<>();
    for (Variable x : inputs) {
      if (x.requiresGrad()) {
        wrt.add(x);
      }
    }
    Variable total = null;
    for (Variable g : Autograd.grad(loss, wrt.toArray(new Variable[0]), true)) {
      Variable s = g.mul(g).sum();
      total = total == null ? s : total.add(s);
    }
    return total;
  }

  /** The torch side of {@link #penalty}: {@code expression}'s gradients in {@code inputs}. */
  private static String torchPenalty(String expression, String inputs) {
    return "(lambda gs: sum((g * g).sum() for g in gs))(torch.autograd.grad("
        + expression
        + ", ("
        + inputs
        + ",), create_graph=True))";
  }

  private static String red(Reduction r) {
    return "reduction='" + r.name().toLowerCase() + "'";
  }

  private static TorchCases cases() {
    SplittableRandom rnd = new SplittableRandom(1515);
    TorchCases c = new TorchCases("SecondOrderLossesParityTest");
    regression(c, rnd);
    klDiv(c, rnd);
    classification(c, rnd);
    layers(c, rnd);
    return c;
  }

  private static void regression(TorchCases c, SplittableRandom rnd) {
    Tensor input = TorchCases.uniform(rnd, -2, 2, N, C);
    Tensor target = TorchCases.uniform(rnd, -1, 1, N, C);
    for (Reduction r : REDUCED) {
      c.add(
          "l1, " + r,
          INPUT,
          a -> penalty(Losses.l1Loss(a[0].tanh(), a[1], r), a),
          torchPenalty("F.l1_loss(torch.tanh(a0), a1, " + red(r) + ")", "a0"),
          input,
          target);
      for (double beta : new double[] {1, 0.5, 0}) {
        c.add(
            "smooth_l1, " + r + ", beta " + beta,
            beta == 0 ? INPUT : BOTH,
            a -> penalty(Losses.smoothL1Loss(a[0].tanh(), a[1], r, beta), a),
            torchPenalty(
                "F.smooth_l1_loss(torch.tanh(a0), a1, " + red(r) + ", beta=" + beta + ")",
                beta == 0 ? "a0" : "a0, a1"),
            input,
            target);
      }
      for (double delta : new double[] {1, 0.7}) {
        c.add(
            "huber, " + r + ", delta " + delta,
            BOTH,
            a -> penalty(Losses.huberLoss(a[0].tanh(), a[1], r, delta), a),
            torchPenalty(
                "F.huber_loss(torch.tanh(a0), a1, " + red(r) + ", delta=" + delta + ")", "a0, a1"),
            input,
            target);
      }
    }
  }

  private static void klDiv(TorchCases c, SplittableRandom rnd) {
    Tensor logits = TorchCases.uniform(rnd, -2, 2, N, C);
    double[] p = new double[N * C];
    for (int n = 0; n < N; n++) {
      double sum = 0;
      for (int k = 0; k < C; k++) {
        p[n * C + k] = (n + k) % 3 == 0 ? 0 : rnd.nextDouble(0.05, 1);
        sum += p[n * C + k];
      }
      for (int k = 0; k < C; k++) {
        p[n * C + k] /= sum;
      }
    }
    Tensor probabilities = Tensor.of(p, N, C);
    Tensor logTargets = TorchCases.uniform(rnd, -3, 0, N, C);
    boolean[] first = {true, false};
    for (Reduction r : REDUCED) {
      c.add(
          "kl_div, " + r,
          first,
          a -> penalty(Losses.klDiv(a[0].logSoftmax(1), a[1].data(), r, false), a),
          torchPenalty("F.kl_div(torch.log_softmax(a0, 1), a1, " + red(r) + ")", "a0"),
          logits,
          probabilities);
      c.add(
          "kl_div, " + r + ", log target",
          first,
          a -> penalty(Losses.klDiv(a[0].logSoftmax(1), a[1].data(), r, true), a),
          torchPenalty(
              "F.kl_div(torch.log_softmax(a0, 1), a1, " + red(r) + ", log_target=True)", "a0"),
          logits,
          logTargets);
    }
    c.add(
        "kl_div, batchmean",
        first,
        a -> penalty(Losses.klDivBatchmean(a[0].logSoftmax(1), a[1].data(), false), a),
        torchPenalty("F.kl_div(torch.log_softmax(a0, 1), a1, reduction='batchmean')", "a0"),
        logits,
        probabilities);
  }

  private static void classification(TorchCases c, SplittableRandom rnd) {
    Tensor logits = TorchCases.uniform(rnd, -3, 3, N, C);
    Tensor weight = Tensor.of(new double[] {0.5, 2, 1.5, 0.25});
    Tensor labels = Tensor.of(new int[] {3, -100, 1, 0, 2});
    Tensor inRange = Tensor.of(new int[] {3, 0, 1, 0, 1});
    Tensor soft = TorchCases.uniform(rnd, 0.05, 1, N, C);
    soft = soft.div(soft.sum(1, true));
    for (Reduction r : REDUCED) {
      for (double eps : new double[] {0, 0.2}) {
        c.add(
            "cross_entropy, weights, ignored -100, " + r + ", ε " + eps,
            FIRST,
            a -> penalty(Losses.crossEntropy(a[0], a[1].data(), a[2].data(), -100, r, eps), a[0]),
            torchPenalty(
                "F.cross_entropy(a0, a1, weight=a2, ignore_index=-100, "
                    + red(r)
                    + ", label_smoothing="
                    + eps
                    + ")",
                "a0"),
            logits,
            labels,
            weight);
        c.add(
            "cross_entropy, probabilities, weights, " + r + ", ε " + eps,
            FIRST,
            a -> penalty(Losses.crossEntropy(a[0], a[1].data(), a[2].data(), -100, r, eps), a[0]),
            torchPenalty(
                "F.cross_entropy(a0, a1, weight=a2, " + red(r) + ", label_smoothing=" + eps + ")",
                "a0"),
            logits,
            soft,
            weight);
      }
      c.add(
          "nll_loss, weights, ignore_index 1, " + r,
          FIRST,
          a -> penalty(Losses.nllLoss(a[0].logSoftmax(1), a[1].data(), a[2].data(), 1, r), a[0]),
          torchPenalty(
              "F.nll_loss(torch.log_softmax(a0, 1), a1, weight=a2, ignore_index=1, " + red(r) + ")",
              "a0"),
          logits,
          inRange,
          weight);
    }
  }

  private static void layers(TorchCases c, SplittableRandom rnd) {
    Tensor x = TorchCases.uniform(rnd, -2, 2, 2, 3, C);
    Tensor w = TorchCases.uniform(rnd, 0.5, 1.5, C);
    Tensor b = TorchCases.uniform(rnd, -0.5, 0.5, C);
    c.add(
        "layer_norm, affine",
        a -> penalty(Functional.layerNorm(a[0], new int[] {C}, a[1], a[2], 1e-5).tanh().sum(), a),
        torchPenalty(
            "torch.tanh(F.layer_norm(a0, (" + C + ",), a1, a2, 1e-5)).sum()", "a0, a1, a2"),
        x,
        w,
        b);
    Tensor w2 = TorchCases.uniform(rnd, 0.5, 1.5, 3, C);
    c.add(
        "layer_norm over two dims",
        new boolean[] {true, true},
        a ->
            penalty(Functional.layerNorm(a[0], new int[] {3, C}, a[1], null, 1e-5).tanh().sum(), a),
        torchPenalty(
            "torch.tanh(F.layer_norm(a0, (3, " + C + "), a1, None, 1e-5)).sum()", "a0, a1"),
        x,
        w2);
    c.repr(new LayerNorm(3, C), "nn.LayerNorm((3, " + C + "))")
        .repr(new Embedding(6, 3, 1), "nn.Embedding(6, 3, padding_idx=1)");
    Tensor table = TorchCases.uniform(rnd, -2, 2, 6, 3);
    Tensor indices = Tensor.of(new int[] {1, 4, 0, 4, 5, 2, 1, 1}, 2, 4);
    for (Integer pad : new Integer[] {null, 1}) {
      c.add(
          "embedding, padding_idx " + pad,
          new boolean[] {false, true},
          a -> penalty(Functional.embedding(a[0].data(), a[1], pad).tanh().sum(), a),
          torchPenalty(
              "torch.tanh(F.embedding(a0, a1, padding_idx="
                  + (pad == null ? "None" : pad)
                  + ")).sum()",
              "a1"),
          indices,
          table);
    }
  }
}
