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
    assertEquals(
        "LinearLR: Starting multiplicative factor expected to be greater than 0 and less or equal"
            + " to 1, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new LinearLR(sgd(0.1), 0, 1, 5))
            .getMessage());
    assertEquals(
        "LinearLR: Ending multiplicative factor expected to be between 0 and 1, got 1.5",
        assertThrows(IllegalArgumentException.class, () -> new LinearLR(sgd(0.1), 0.5, 1.5, 5))
            .getMessage());
    assertEquals(
        "LambdaLR: Expected 1 lr_lambdas, but got 2",
        assertThrows(
                IllegalArgumentException.class,
                () -> new LambdaLR(sgd(0.1), List.of(e -> 1.0, e -> 2.0)))
            .getMessage());
  }

  @Test
  void linearLrFollowsTheClosedFormAndThenHolds() {
    SGD opt = sgd(0.3);
    LinearLR s = new LinearLR(opt, 0.25, 0.75, 8);
    for (int e = 0; e <= 15; e++) {
      double closed = 0.3 * (0.25 + (0.75 - 0.25) * Math.min(e, 8) / 8.0);
      assertEquals(closed, opt.paramGroups().get(0).lr(), 1e-15, "epoch " + e);
      assertEquals(closed, s.lastLr().get(0), 1e-15);
      s.step();
    }
    SGD defaults = sgd(0.3);
    new LinearLR(defaults);
    assertEquals(0.1, defaults.paramGroups().get(0).lr(), 1e-15);
  }

  @Test
  void lambdaLrScalesEachGroupsBaseRateAndResumesFromItsState() {
    SGD opt =
        new SGD(
            List.of(
                ParamGroup.of(List.of(new Variable(Tensor.ones(1)).requiresGrad(true))),
                ParamGroup.of(List.of(new Variable(Tensor.ones(1)).requiresGrad(true))).setLr(0.5)),
            0.2);
    LambdaLR s = new LambdaLR(opt, List.of(e -> 1.0 / (1 + e), e -> e % 2 == 0 ? 1.0 : 0.1));
    s.step();
    s.step();
    s.step();
    assertEquals(List.of(0.2 / 4, 0.5 * 0.1), s.lastLr());
    assertEquals(List.of(0.2, 0.5), s.baseLrs());
    SGD opt2 = sgd(0.7);
    LambdaLR one = new LambdaLR(opt2, e -> Math.pow(0.5, e));
    assertEquals(0.7, opt2.paramGroups().get(0).lr());
    one.step();
    one.step();
    assertEquals(0.7 * 0.25, opt2.paramGroups().get(0).lr(), 1e-15);
    SGD opt3 = sgd(0.7);
    LambdaLR resumed = new LambdaLR(opt3, e -> Math.pow(0.5, e));
    resumed.loadStateDict(one.stateDict());
    assertEquals(
        List.of("last_epoch", "base_lrs", "last_lr"), List.copyOf(one.stateDict().keySet()));
    assertEquals(2, resumed.lastEpoch());
    resumed.step();
    assertEquals(0.7 * 0.125, opt3.paramGroups().get(0).lr(), 1e-15);
  }
}
