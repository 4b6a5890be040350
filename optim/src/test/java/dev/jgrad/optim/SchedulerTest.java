package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static SGD sgd(double lr) {
    return new SGD(List.of(new Variable(Tensor.ones(1)).requiresGrad(true)), lr);
  }

  @Test
  void stepLrDecaysEveryStepSizeEpochs() {
    SGD opt = sgd(0.1);
    StepLR s = new StepLR(opt, 3, 0.5);
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
    for (int e = 0; e < expected.length; e++) {
      assertEquals(e, s.lastEpoch());
      assertEquals(expected[e], opt.paramGroups().get(0).lr(), 1e-15);
      s.step();
    }
  }

  @Test
  void exponentialLr() {
    SGD opt = sgd(1.0);
    ExponentialLR s = new ExponentialLR(opt, 0.9);
    for (int e = 0; e < 10; e++) {
      assertEquals(Math.pow(0.9, e), opt.paramGroups().get(0).lr(), 1e-15);
      s.step();
    }
  }

  @Test
  void cosineAnnealingFollowsTheClosedFormOverTwoPeriods() {
    SGD opt = sgd(0.2);
    CosineAnnealingLR s = new CosineAnnealingLR(opt, 5, 0.01);
    for (int e = 0; e <= 20; e++) {
      double closed = 0.01 + (0.2 - 0.01) * (1 + Math.cos(Math.PI * e / 5)) / 2;
      assertEquals(closed, opt.paramGroups().get(0).lr(), 1e-12, "epoch " + e);
      assertEquals(closed, s.lastLr().get(0), 1e-12);
      s.step();
    }
  }

  @Test
  void schedulerStateRoundTrips() {
    SGD opt = sgd(0.2);
    StepLR s = new StepLR(opt, 2);
    s.step();
    s.step();
    SGD opt2 = sgd(0.2);
    StepLR s2 = new StepLR(opt2, 2);
    opt2.loadStateDict(opt.stateDict());
    s2.loadStateDict(s.stateDict());
    for (int i = 0; i < 5; i++) {
      s.step();
      s2.step();
      assertEquals(opt.paramGroups().get(0).lr(), opt2.paramGroups().get(0).lr());
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new StepLR(sgd(0.1), 0));
    assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(sgd(0.1), 0));
    assertThrows(IllegalArgumentException.class, () -> new ExponentialLR(sgd(0.1), Double.NaN));
  }
}
