package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The losses with options against {@code torch.nn.functional} in float64, values and gradients to
 * 1e-10 relative: cross-entropy with every combination of class weights, ignored index (none, the
 * default -100, another, all samples ignored) and label smoothing, for class-index and probability
 * targets; nll_loss with weights and ignored index; l1, smooth_l1 (beta 1, 0.5, 0) and huber (delta
 * 1, 0.7) on random values, equal values, differences of exactly beta/delta and infinite ones, with
 * both input and target differentiated; kl_div with every reduction, batchmean and log targets,
 * targets holding zeros. Every reduction of each; the loss modules' reprs.
 */
class LossOptionsParityTest extends TorchParityTest {
  private static final double RTOL = 1e-10;
  private static final int N = 6;
  private static final int C = 4;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final boolean[] FIRST = {true, false, false};

  LossOptionsParityTest() {
    super("Losses with options", RTOL, cases());
  }

  private static String red(Reduction r) {
    return "reduction='" + r.name().toLowerCase() + "'";
  }

  private static Tensor softTargets(SplittableRandom rnd, boolean zeros) {
    double[] v = new double[N * C];
    for (int n = 0; n < N; n++) {
      double sum = 0;
      for (int c = 0; c < C; c++) {
        v[n * C + c] = zeros && (n + c) % 3 == 0 ? 0 : rnd.nextDouble(0.05, 1);
        sum += v[n * C + c];
      }
      for (int c = 0; c < C; c++) {
        v[n * C + c] /= sum;
      }
    }
    return Tensor.of(v, N, C);
  }

  private static TorchCases cases() {
    SplittableRandom rnd = new SplittableRandom(715);
    Tensor logits = TorchCases.uniform(rnd, -3, 3, N, C);
    Tensor weight = Tensor.of(new double[] {0.5, 2, 1.5, 0.25});
    Tensor noWeight = Tensor.of(new double[] {1, 1, 1, 1});
    Tensor[] labels = {
      Tensor.of(new int[] {3, 0, 1, 0, 3, 2}),
      Tensor.of(new int[] {3, -100, 1, 0, -100, 2}),
      Tensor.of(new int[] {1, 0, 2, 1, 3, 1}),
      Tensor.of(new int[] {-100, -100, -100, -100, -100, -100}),
    };
    int[] ignore = {-100, -100, 1, -100};
    String[] ignoreNames = {"no ignored", "-100 ignored", "ignore_index 1", "all ignored"};
    Tensor soft = softTargets(rnd, false);
    TorchCases c = new TorchCases("LossOptionsParityTest");
    for (Reduction r : Reduction.values()) {
      for (int k = 0; k < labels.length; k++) {
        int ii = ignore[k];
        for (boolean weighted : new boolean[] {false, true}) {
          Tensor w = weighted ? weight : null;
          String wt = weighted ? "a2" : "None";
          for (double eps : new double[] {0, 0.2}) {
            c.add(
                String.format(
                    "cross_entropy, %s, %s, weight %s, ε %s", r, ignoreNames[k], weighted, eps),
                FIRST,
                a -> Losses.crossEntropy(a[0], a[1].data(), w, ii, r, eps),
                String.format(
                    "F.cross_entropy(a0, a1, weight=%s, ignore_index=%d, %s,"
                        + " label_smoothing=%s)",
                    wt, ii, red(r), eps),
                logits,
                labels[k],
                weighted ? weight : noWeight);
          }
          c.add(
              String.format("nll_loss, %s, %s, weight %s", r, ignoreNames[k], weighted),
              FIRST,
              a -> Losses.nllLoss(a[0], a[1].data(), w, ii, r),
              String.format("F.nll_loss(a0, a1, weight=%s, ignore_index=%d, %s)", wt, ii, red(r)),
              logits,
              labels[k],
              weighted ? weight : noWeight);
        }
      }
      for (boolean weighted : new boolean[] {false, true}) {
        Tensor w = weighted ? weight : null;
        for (double eps : new double[] {0, 0.3}) {
          c.add(
              String.format("cross_entropy, probabilities, %s, weight %s, ε %s", r, weighted, eps),
              FIRST,
              a -> Losses.crossEntropy(a[0], a[1].data(), w, -100, r, eps),
              String.format(
                  "F.cross_entropy(a0, a1, weight=%s, %s, label_smoothing=%s)",
                  weighted ? "a2" : "None", red(r), eps),
              logits,
              soft,
              weighted ? weight : noWeight);
        }
      }
    }
    regression(c, rnd);
    klDiv(c, rnd);
    return c.repr(new L1Loss(), "nn.L1Loss()")
        .repr(new SmoothL1Loss(Reduction.SUM, 0.5), "nn.SmoothL1Loss(reduction='sum', beta=0.5)")
        .repr(new HuberLoss(), "nn.HuberLoss()")
        .repr(KLDivLoss.batchmean(true), "nn.KLDivLoss(reduction='batchmean', log_target=True)")
        .repr(new CrossEntropyLoss(), "nn.CrossEntropyLoss()")
        .repr(new NLLLoss(weight, 1, Reduction.SUM), "nn.NLLLoss(weight=torch.ones(4))");
  }

  private static void regression(TorchCases c, SplittableRandom rnd) {
    Tensor x = TorchCases.uniform(rnd, -3, 3, 3, 5);
    Tensor y = TorchCases.uniform(rnd, -3, 3, 3, 5);
    Tensor xs = Tensor.of(new double[] {0.5, 1.25, -0.75, 0.75, INF, 1e10, 2, -INF, 0.3, 4}, 2, 5);
    Tensor ys = Tensor.of(new double[] {0.5, 0.25, 0.25, 0.25, 1, -1e10, 2.7, 0, 0.3, -1}, 2, 5);
    for (Reduction r : Reduction.values()) {
      for (Tensor[] p : new Tensor[][] {{x, y}, {xs, ys}}) {
        String which = p[0] == x ? "random" : "special";
        c.add(
            "l1_loss, " + which + ", " + r,
            a -> Losses.l1Loss(a[0], a[1], r),
            "F.l1_loss(a0, a1, " + red(r) + ")",
            p);
        for (double beta : p[0] == x ? new double[] {1, 0.5, 0} : new double[] {1, 0.5}) {
          c.add(
              "smooth_l1_loss(" + beta + "), " + which + ", " + r,
              a -> Losses.smoothL1Loss(a[0], a[1], r, beta),
              "F.smooth_l1_loss(a0, a1, " + red(r) + ", beta=" + beta + ")",
              p);
        }
        for (double delta : new double[] {1, 0.7}) {
          c.add(
              "huber_loss(" + delta + "), " + which + ", " + r,
              a -> Losses.huberLoss(a[0], a[1], r, delta),
              "F.huber_loss(a0, a1, " + red(r) + ", delta=" + delta + ")",
              p);
        }
      }
      Tensor xm = x.mul(1);
      c.add(
          "l1 module, " + r,
          a -> new L1Loss(r).forward(a[0], a[1]),
          "nn.L1Loss(" + red(r) + ")(a0, a1)",
          xm,
          y);
      c.add(
          "smooth_l1 module, " + r,
          a -> new SmoothL1Loss(r, 2).forward(a[0], a[1]),
          "nn.SmoothL1Loss(" + red(r) + ", beta=2.0)(a0, a1)",
          xm,
          y);
      c.add(
          "huber module, " + r,
          a -> new HuberLoss(r, 2).forward(a[0], a[1]),
          "nn.HuberLoss(" + red(r) + ", delta=2.0)(a0, a1)",
          xm,
          y);
    }
  }

  private static void klDiv(TorchCases c, SplittableRandom rnd) {
    Tensor logp = new Variable(TorchCases.uniform(rnd, -3, 3, N, C)).logSoftmax(1).data();
    Tensor p = softTargets(rnd, true);
    Tensor logq = softTargets(rnd, false).log();
    for (boolean logTarget : new boolean[] {false, true}) {
      Tensor t = logTarget ? logq : p;
      String lt = logTarget ? "True" : "False";
      for (Reduction r : Reduction.values()) {
        c.add(
            "kl_div, " + r + ", log_target " + logTarget,
            FIRST,
            a -> Losses.klDiv(a[0], a[1].data(), r, logTarget),
            "F.kl_div(a0, a1, " + red(r) + ", log_target=" + lt + ")",
            logp,
            t);
        c.add(
            "KLDivLoss module, " + r + ", log_target " + logTarget,
            FIRST,
            a -> new KLDivLoss(r, logTarget).forward(a[0], a[1].data()),
            "nn.KLDivLoss(" + red(r) + ", log_target=" + lt + ")(a0, a1)",
            logp,
            t);
      }
      c.add(
          "kl_div, batchmean, log_target " + logTarget,
          FIRST,
          a -> Losses.klDivBatchmean(a[0], a[1].data(), logTarget),
          "F.kl_div(a0, a1, reduction='batchmean', log_target=" + lt + ")",
          logp,
          t);
      c.add(
          "KLDivLoss.batchmean module, log_target " + logTarget,
          FIRST,
          a -> KLDivLoss.batchmean(logTarget).forward(a[0], a[1].data()),
          "nn.KLDivLoss(reduction='batchmean', log_target=" + lt + ")(a0, a1)",
          logp,
          t);
    }
  }
}
