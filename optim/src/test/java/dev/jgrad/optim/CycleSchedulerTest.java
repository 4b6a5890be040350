package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OneCycleLR, ReduceLROnPlateau, SequentialLR and ChainedScheduler: behaviour and errors. */
class CycleSchedulerTest {
  private static SGD sgd(double lr) {
    return new SGD(List.of(new Variable(Tensor.ones(1)).requiresGrad(true)), lr);
  }

  private static double lr(Optimizer opt) {
    return opt.paramGroups().get(0).lr();
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void oneCycleRisesToTheMaximumThenFallsToTheMinimum() {
    SGD opt = sgd(123);
    OneCycleLR s = OneCycleLR.builder(opt, 1.0).totalSteps(10).pctStart(0.5).build();
    assertEquals(0.04, lr(opt), 1e-15);
    assertEquals(0.95, opt.paramGroups().get(0).get(Optimizer.MOMENTUM), 1e-15);
    for (int i = 0; i < 4; i++) {
      s.step();
    }
    assertEquals(1.0, lr(opt), 1e-15);
    assertEquals(0.85, opt.paramGroups().get(0).get(Optimizer.MOMENTUM), 1e-15);
    for (int i = 4; i < 9; i++) {
      s.step();
    }
    assertEquals(0.04 / 1e4, lr(opt), 1e-18);
    s.step();
    IllegalStateException e = assertThrows(IllegalStateException.class, s::step);
    assertEquals(
        "OneCycleLR: tried to step 12 times; the specified number of total steps is 10",
        e.getMessage());
  }

  @Test
  void oneCycleRefusesBadArguments() {
    assertEquals(
        "OneCycleLR: You must define either total_steps OR (epochs AND steps_per_epoch)",
        message(() -> OneCycleLR.builder(sgd(0.1), 1.0).build()));
    assertEquals(
        "OneCycleLR: Expected positive integer total_steps, but got -3",
        message(() -> OneCycleLR.builder(sgd(0.1), 1.0).totalSteps(-3).build()));
    assertEquals(
        "OneCycleLR: Expected float between 0 and 1 pct_start, but got 1.5",
        message(() -> OneCycleLR.builder(sgd(0.1), 1.0).totalSteps(5).pctStart(1.5).build()));
    assertEquals(
        "OneCycleLR: expected 1 values of max_lr, got 2",
        message(() -> OneCycleLR.builder(sgd(0.1), 1.0, 2.0).totalSteps(5).build()));
    Adagrad adagrad = new Adagrad(List.of(new Variable(Tensor.ones(1)).requiresGrad(true)));
    assertEquals(
        "OneCycleLR: optimizer must support momentum with cycle_momentum enabled (it has neither"
            + " momentum nor betas)",
        message(() -> OneCycleLR.builder(adagrad, 1.0).totalSteps(5).build()));
  }

  @Test
  void plateauReducesAfterPatienceAndCoolsDown() {
    SGD opt = sgd(1.0);
    ReduceLROnPlateau p =
        ReduceLROnPlateau.builder(opt).factor(0.5).patience(1).cooldown(1).minLr(0.2).build();
    p.step(1.0);
    p.step(1.0);
    assertEquals(1.0, lr(opt));
    p.step(1.0);
    assertEquals(0.5, lr(opt));
    assertTrue(p.inCooldown());
    p.step(1.0);
    p.step(1.0);
    p.step(1.0);
    assertEquals(0.25, lr(opt));
    for (int i = 0; i < 6; i++) {
      p.step(Double.NaN);
    }
    assertEquals(0.2, lr(opt));
    assertEquals(1.0, p.best());
    assertFalse(p.lastLr().isEmpty());
  }

  @Test
  void plateauStateRoundTrips() {
    SGD opt = sgd(1.0);
    ReduceLROnPlateau p = ReduceLROnPlateau.builder(opt).patience(2).build();
    p.step(3);
    p.step(4);
    ReduceLROnPlateau q = ReduceLROnPlateau.builder(sgd(1.0)).patience(2).build();
    q.loadStateDict(p.stateDict());
    assertEquals(3, q.best());
    assertEquals(1, q.numBadEpochs());
    assertEquals(2, q.lastEpoch());
  }

  @Test
  void plateauRefusesBadArguments() {
    assertEquals(
        "ReduceLROnPlateau: factor should be < 1.0, got 1.0",
        message(() -> ReduceLROnPlateau.builder(sgd(0.1)).factor(1).build()));
    assertEquals(
        "ReduceLROnPlateau: expected 1 min_lrs, got 2",
        message(() -> ReduceLROnPlateau.builder(sgd(0.1)).minLr(0.1, 0.2).build()));
    assertEquals(
        "ReduceLROnPlateau: patience must be >= 0, got -1",
        message(() -> ReduceLROnPlateau.builder(sgd(0.1)).patience(-1).build()));
  }

  @Test
  void sequentialWarmUpThenCosineRestartsFromTheBaseRate() {
    SGD opt = sgd(1.0);
    LinearLR warmUp = new LinearLR(opt, 0.25, 1.0, 3);
    CosineAnnealingLR decay = new CosineAnnealingLR(opt, 4);
    SequentialLR s = new SequentialLR(opt, List.of(warmUp, decay), List.of(3));
    double[] expected = {0.25, 0.5, 0.75, 1.0, (1 + Math.cos(Math.PI / 4)) / 2};
    for (double e : expected) {
      assertEquals(e, lr(opt), 1e-15);
      s.step();
    }
  }

  @Test
  void sequentialStateRoundTrips() {
    SGD opt = sgd(1.0);
    SequentialLR s =
        new SequentialLR(
            opt, List.of(new LinearLR(opt, 0.5, 1.0, 2), new ExponentialLR(opt, 0.9)), List.of(2));
    for (int i = 0; i < 4; i++) {
      s.step();
    }
    SGD opt2 = sgd(1.0);
    SequentialLR s2 =
        new SequentialLR(
            opt2,
            List.of(new LinearLR(opt2, 0.5, 1.0, 2), new ExponentialLR(opt2, 0.9)),
            List.of(2));
    opt2.loadStateDict(opt.stateDict());
    s2.loadStateDict(s.stateDict());
    for (int i = 0; i < 4; i++) {
      s.step();
      s2.step();
      assertEquals(lr(opt), lr(opt2));
    }
    assertEquals(Math.pow(0.9, 6), lr(opt), 1e-15);
  }

  @Test
  void sequentialAndChainedRefuseMismatches() {
    SGD opt = sgd(1.0);
    SGD other = sgd(1.0);
    assertEquals(
        "SequentialLR: expects all schedulers to belong to the same optimizer, but got scheduler"
            + " at index 1 to be different than the optimizer passed in",
        message(
            () ->
                new SequentialLR(
                    opt, List.of(new StepLR(opt, 2), new StepLR(other, 2)), List.of(3))));
    assertEquals(
        "SequentialLR: expects number of schedulers provided to be one more than the number of"
            + " milestone points, but got number of schedulers 1 and the number of milestones 1",
        message(() -> new SequentialLR(opt, List.of(new StepLR(opt, 2)), List.of(3))));
    assertEquals(
        "ChainedScheduler: expects all schedulers to belong to the same optimizer, but got"
            + " schedulers at index 0 and 1 to be different",
        message(() -> new ChainedScheduler(List.of(new StepLR(opt, 2), new StepLR(other, 2)))));
    assertEquals(
        "ChainedScheduler: expected at least one scheduler",
        message(() -> new ChainedScheduler(List.of())));
  }
}
