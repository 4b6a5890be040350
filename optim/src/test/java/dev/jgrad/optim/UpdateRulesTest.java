package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's update rule, over several steps and every combination of options, against a
 * plain float64 reference of PyTorch's documented algorithm written here element by element.
 */
class UpdateRulesTest {
  private static final int STEPS = 6;
  private static final double TOL = 1e-12;
  private static final double[] THETA0 = {0.5, -1.25, 2.0, 0.0, -0.3, 3.7};

  /** A gradient that depends on the parameter and the step, so histories differ between runs. */
  static double[] grad(double[] theta, int step) {
    double[] g = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      g[i] = 2 * theta[i] - 1 + Math.sin(1.7 * i + step) * 0.5;
    }
    return g;
  }

  /** Creates the optimizer under test over one parameter. */
  interface Rule {
    Optimizer create(List<Variable> params);
  }

  interface Reference {
    void apply(double[] theta, double[] g, int t);
  }

  private static void check(String what, Rule rule, Reference reference) {
    Variable param = new Variable(Tensor.of(THETA0.clone())).requiresGrad(true);
    Optimizer opt = rule.create(List.of(param));
    double[] theta = THETA0.clone();
    for (int t = 1; t <= STEPS; t++) {
      param.setGrad(Tensor.of(grad(param.data().toDoubleArray(), t)));
      opt.step();
      reference.apply(theta, grad(theta, t), t);
      assertArrayEquals(theta, param.data().toDoubleArray(), TOL, what + " at step " + t);
    }
    assertEquals(STEPS, opt.state(param).get("step").item(), what);
  }

  @Test
  void sgdMatchesReference() {
    for (double momentum : new double[] {0, 0.9}) {
      for (double dampening : new double[] {0, 0.3}) {
        for (double wd : new double[] {0, 1e-2}) {
          for (boolean nesterov : new boolean[] {false, true}) {
            for (boolean maximize : new boolean[] {false, true}) {
              if (nesterov && (momentum == 0 || dampening != 0)) {
                continue;
              }
              double lr = 0.05;
              double[] buf = new double[THETA0.length];
              String what =
                  "sgd m=" + momentum + " d=" + dampening + " wd=" + wd + " n=" + nesterov + " max="
                      + maximize;
              check(
                  what,
                  ps ->
                      new SGD(ps, lr)
                          .momentum(momentum)
                          .dampening(dampening)
                          .weightDecay(wd)
                          .nesterov(nesterov)
                          .maximize(maximize),
                  (theta, g, t) -> {
                    for (int i = 0; i < theta.length; i++) {
                      double gi = maximize ? -g[i] : g[i];
                      gi += wd * theta[i];
                      if (momentum != 0) {
                        buf[i] = t == 1 ? gi : momentum * buf[i] + (1 - dampening) * gi;
                        gi = nesterov ? gi + momentum * buf[i] : buf[i];
                      }
                      theta[i] -= lr * gi;
                    }
                  });
            }
          }
        }
      }
    }
  }

  @Test
  void rmspropMatchesReference() {
    for (double momentum : new double[] {0, 0.8}) {
      for (double wd : new double[] {0, 1e-2}) {
        for (boolean centered : new boolean[] {false, true}) {
          for (boolean maximize : new boolean[] {false, true}) {
            double lr = 0.01;
            double alpha = 0.9;
            double eps = 1e-8;
            double[] v = new double[THETA0.length];
            double[] gAvg = new double[THETA0.length];
            double[] b = new double[THETA0.length];
            String what =
                "rmsprop m=" + momentum + " wd=" + wd + " c=" + centered + " max=" + maximize;
            check(
                what,
                ps ->
                    new RMSprop(ps, lr)
                        .alpha(alpha)
                        .eps(eps)
                        .weightDecay(wd)
                        .momentum(momentum)
                        .centered(centered)
                        .maximize(maximize),
                (theta, g, t) -> {
                  for (int i = 0; i < theta.length; i++) {
                    double gi = maximize ? -g[i] : g[i];
                    gi += wd * theta[i];
                    v[i] = alpha * v[i] + (1 - alpha) * gi * gi;
                    double vt = v[i];
                    if (centered) {
                      gAvg[i] = gAvg[i] * alpha + (1 - alpha) * gi;
                      vt -= gAvg[i] * gAvg[i];
                    }
                    if (momentum > 0) {
                      b[i] = momentum * b[i] + gi / (Math.sqrt(vt) + eps);
                      theta[i] -= lr * b[i];
                    } else {
                      theta[i] -= lr * gi / (Math.sqrt(vt) + eps);
                    }
                  }
                });
          }
        }
      }
    }
  }

  @Test
  void adamAndAdamWMatchReference() {
    for (boolean decoupled : new boolean[] {false, true}) {
      for (double wd : new double[] {0, 1e-2}) {
        for (boolean amsgrad : new boolean[] {false, true}) {
          for (boolean maximize : new boolean[] {false, true}) {
            double lr = 0.02;
            double beta1 = 0.85;
            double beta2 = 0.99;
            double eps = 1e-8;
            double[] m = new double[THETA0.length];
            double[] v = new double[THETA0.length];
            double[] vMax = new double[THETA0.length];
            String what =
                (decoupled ? "adamw" : "adam")
                    + " wd="
                    + wd
                    + " ams="
                    + amsgrad
                    + " max="
                    + maximize;
            check(
                what,
                ps ->
                    (decoupled ? new AdamW(ps, lr) : new Adam(ps, lr))
                        .betas(beta1, beta2)
                        .eps(eps)
                        .weightDecay(wd)
                        .amsgrad(amsgrad)
                        .maximize(maximize),
                (theta, g, t) -> {
                  for (int i = 0; i < theta.length; i++) {
                    double gi = maximize ? -g[i] : g[i];
                    if (decoupled) {
                      theta[i] -= lr * wd * theta[i];
                    } else {
                      gi += wd * theta[i];
                    }
                    m[i] = beta1 * m[i] + (1 - beta1) * gi;
                    v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                    double mHat = m[i] / (1 - Math.pow(beta1, t));
                    double vHat;
                    if (amsgrad) {
                      vMax[i] = Math.max(vMax[i], v[i]);
                      vHat = vMax[i] / (1 - Math.pow(beta2, t));
                    } else {
                      vHat = v[i] / (1 - Math.pow(beta2, t));
                    }
                    theta[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                  }
                });
          }
        }
      }
    }
  }

  @Test
  void rulesNeverModifyTheGradient() {
    Tensor g = Tensor.of(new double[] {1, -2, 3});
    List<Rule> rules =
        List.of(
            ps ->
                new Adam(ps, 0.1)
                    .betas(0.9, 0.999)
                    .eps(1e-8)
                    .weightDecay(0.1)
                    .amsgrad(true)
                    .maximize(true),
            ps -> new SGD(ps, 0.1).momentum(0.9).weightDecay(0.1).nesterov(true).maximize(true),
            ps ->
                new RMSprop(ps, 0.1)
                    .alpha(0.9)
                    .eps(1e-8)
                    .weightDecay(0.1)
                    .momentum(0.9)
                    .centered(true)
                    .maximize(true));
    for (Rule rule : rules) {
      Variable p = new Variable(Tensor.of(new double[] {1, 1, 1})).requiresGrad(true);
      Optimizer opt = rule.create(List.of(p));
      p.setGrad(g);
      opt.step();
    }
    assertArrayEquals(new double[] {1, -2, 3}, g.toDoubleArray());
  }
}
