package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OptimizerTest {
  private static Variable param(double... values) {
    return new Variable(Tensor.of(values)).requiresGrad(true);
  }

  private static void setGrad(Variable p, double... g) {
    p.setGrad(Tensor.of(g));
  }

  @Test
  void groupsUseTheirOwnHyperparametersAndMatchTheRules() {
    Variable w = param(1, -2);
    Variable b = param(0.5);
    SGD opt =
        new SGD(
                List.of(
                    ParamGroup.of(List.of(w)).set(SGD.WEIGHT_DECAY, 0.1),
                    ParamGroup.of(List.of(b))),
                0.1)
            .momentum(0.9);
    Variable rw = param(1, -2);
    Variable rb = param(0.5);
    SGD weightsAlone = new SGD(List.of(rw), 0.1).momentum(0.9).weightDecay(0.1);
    SGD biasesAlone = new SGD(List.of(rb), 0.1).momentum(0.9);
    for (int t = 0; t < 3; t++) {
      setGrad(w, 0.3 * t, -1);
      setGrad(b, 2);
      opt.step();
      setGrad(rw, 0.3 * t, -1);
      setGrad(rb, 2);
      weightsAlone.step();
      biasesAlone.step();
    }
    assertArrayEquals(rw.data().toDoubleArray(), w.data().toDoubleArray(), 0);
    assertArrayEquals(rb.data().toDoubleArray(), b.data().toDoubleArray(), 0);
    assertEquals(0.0, opt.paramGroups().get(1).get(SGD.WEIGHT_DECAY));
  }

  @Test
  void parametersWithoutGradientsAreSkippedAndZeroGradClears() {
    Variable a = param(1);
    Variable b = param(2);
    Adam opt = new Adam(List.of(a, b), 0.1);
    setGrad(a, 1);
    opt.step();
    assertEquals(2.0, b.data().item());
    assertTrue(opt.state(b).isEmpty());
    assertEquals(1.0, opt.state(a).get("step").item());
    opt.zeroGrad();
    assertNull(a.grad());
  }

  @Test
  void everyOptimizerValidatesItsHyperparameters() {
    List<Variable> ps = List.of(param(1));
    assertMessage("SGD: Invalid learning rate: -0.1", () -> new SGD(ps, -0.1));
    assertMessage("SGD: Invalid learning rate: NaN", () -> new SGD(ps, Double.NaN));
    assertMessage("SGD: Invalid momentum value: -0.5", () -> new SGD(ps, 0.1).momentum(-0.5));
    assertMessage(
        "SGD: Nesterov momentum requires a momentum and zero dampening",
        () -> new SGD(ps, 0.1).nesterov(true));
    assertMessage("SGD: Invalid weight_decay value: -1.0", () -> new SGD(ps, 0.1).weightDecay(-1));
    assertMessage("Adam: Invalid beta parameter at index 1: 1.0", () -> new Adam(ps).betas(0.9, 1));
    assertMessage("AdamW: Invalid epsilon value: -1.0E-8", () -> new AdamW(ps).eps(-1e-8));
    assertMessage(
        "Adam: Invalid epsilon value: -1.0", () -> new Adam(ps).setDefault(Adam.EPS, -1.0));
    assertMessage("RMSprop: Invalid alpha value: NaN", () -> new RMSprop(ps).alpha(Double.NaN));
    assertMessage("RMSprop: Invalid momentum value: -1.0", () -> new RMSprop(ps).momentum(-1));
    assertMessage(
        "SGD: unknown hyperparameter 'betas' (known: lr, momentum, dampening, weight_decay,"
            + " nesterov, maximize)",
        () -> new SGD(List.of(ParamGroup.of(ps).set(Adam.BETAS, new Pair(0.9, 0.99))), 0.1));
    assertMessage(
        "SGD: some parameters appear in more than one parameter group",
        () -> new SGD(List.of(ParamGroup.of(ps), ParamGroup.of(ps)), 0.1));
    SGD ok = new SGD(ps, 0.1);
    assertMessage("SGD: Invalid learning rate: -1.0", () -> ok.paramGroups().get(0).setLr(-1));
    assertEquals(0.1, ok.paramGroups().get(0).lr());
    assertMessage(
        "ParamGroup: parameter 0 (shape [1]) is not a leaf that requires grad",
        () -> ParamGroup.of(List.of(new Variable(Tensor.ones(1)))));
  }

  @Test
  void hyperparametersAreTypedKeysWithDefaultsPerOptimizer() {
    List<Variable> ps = List.of(param(1));
    Adam adamW = new AdamW(ps);
    assertEquals(1e-2, adamW.getDefault(Adam.WEIGHT_DECAY));
    assertEquals(0.0, new Adam(ps).getDefault(Adam.WEIGHT_DECAY));
    assertEquals(new Pair(0.9, 0.999), adamW.paramGroups().get(0).get(Adam.BETAS));
    ParamGroup group = adamW.paramGroups().get(0).set(Adam.AMSGRAD, true);
    assertTrue(group.get(Adam.AMSGRAD));
    assertTrue(group.hasOverride(Adam.AMSGRAD));
    assertEquals(
        List.of("lr", "betas", "eps", "weight_decay", "amsgrad", "maximize"),
        adamW.hyperparameters().stream().map(Hyperparameter::name).toList());
    assertMessage(
        "RMSprop: unknown hyperparameter 'nesterov' (known: lr, alpha, eps, weight_decay,"
            + " momentum, centered, maximize)",
        () -> new RMSprop(ps).getDefault(SGD.NESTEROV));
  }

  @Test
  void anEmptyParameterListIsRefusedNamingTheOptimizer() {
    List<Variable> none = List.of();
    assertMessage("SGD: optimizer got an empty parameter list", () -> new SGD(none, 0.1));
    assertMessage(
        "SGD: optimizer got an empty parameter list", () -> new SGD(List.<ParamGroup>of(), 0.1));
    assertMessage(
        "SGD: optimizer got an empty parameter list",
        () -> new SGD(List.of(ParamGroup.of(none)), 0.1));
    assertMessage("Adam: optimizer got an empty parameter list", () -> new Adam(none));
    assertMessage("AdamW: optimizer got an empty parameter list", () -> new AdamW(none));
    assertMessage("RMSprop: optimizer got an empty parameter list", () -> new RMSprop(none));
  }

  @Test
  void aGroupWithoutParametersIsRefusedNamingTheOptimizerAndTheGroup() {
    assertMessage(
        "SGD: parameter group 1 has no parameters; every group needs at least one",
        () -> new SGD(List.of(ParamGroup.of(List.of(param(1))), ParamGroup.of(List.of())), 0.1));
    Adam opt = new Adam(List.of(param(1)));
    assertMessage(
        "Adam: parameter group 1 has no parameters; every group needs at least one",
        () -> opt.addParamGroup(ParamGroup.of(List.of())));
    assertEquals(1, opt.paramGroups().size());
  }

  @Test
  void aRejectedGroupIsNotAdded() {
    SGD opt = new SGD(List.of(param(1)), 0.1);
    ParamGroup group = ParamGroup.of(List.of(param(2))).set(SGD.MOMENTUM, -1.0);
    assertMessage("SGD: Invalid momentum value: -1.0", () -> opt.addParamGroup(group));
    assertEquals(1, opt.paramGroups().size());
    opt.addParamGroup(group.set(SGD.MOMENTUM, 0.5));
    assertEquals(0.5, opt.paramGroups().get(1).get(SGD.MOMENTUM));
  }

  @Test
  void stateDictKeepsPyTorchsFlatFormat() {
    Variable a = param(1, 2);
    Optimizer opt = new AdamW(List.of(a), 0.01).amsgrad(true);
    setGrad(a, 1, 1);
    opt.step();
    Map<String, Tensor> dict = opt.stateDict();
    assertEquals(
        List.of(
            "state.0.exp_avg",
            "state.0.exp_avg_sq",
            "state.0.max_exp_avg_sq",
            "state.0.step",
            "param_groups.0.lr",
            "param_groups.0.betas",
            "param_groups.0.eps",
            "param_groups.0.weight_decay",
            "param_groups.0.amsgrad",
            "param_groups.0.maximize",
            "param_groups.0.params"),
        List.copyOf(dict.keySet()));
    for (String key : List.of("lr", "eps", "weight_decay", "amsgrad", "maximize")) {
      assertEquals(Shape.scalar(), dict.get("param_groups.0." + key).shape(), key);
      assertEquals(DType.FLOAT64, dict.get("param_groups.0." + key).dtype(), key);
    }
    assertEquals(1.0, dict.get("param_groups.0.amsgrad").item());
    assertEquals(0.0, dict.get("param_groups.0.maximize").item());
    assertEquals(1e-2, dict.get("param_groups.0.weight_decay").item());
    Tensor betas = dict.get("param_groups.0.betas");
    assertEquals(DType.FLOAT64, betas.dtype());
    assertArrayEquals(new double[] {0.9, 0.999}, betas.toDoubleArray());
    assertEquals(Shape.of(2), betas.shape());
    assertEquals(DType.INT32, dict.get("param_groups.0.params").dtype());
    dict.put("param_groups.0.betas", Tensor.scalar(0.9, DType.FLOAT64));
    assertMessage(
        "AdamW: param_groups.0.betas should hold 2 values, has shape []",
        () -> opt.loadStateDict(dict));
  }

  private static void assertMessage(String expected, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(expected, e.getMessage());
  }

  @Test
  void stateDictRoundTripResumesBitIdentically() {
    List<Function<List<Variable>, Optimizer>> makers =
        List.of(
            ps -> new SGD(ps, 0.1).momentum(0.9).nesterov(true).weightDecay(0.01),
            ps -> new RMSprop(ps, 0.01).momentum(0.5).centered(true),
            ps -> new Adam(ps, 0.01).amsgrad(true).weightDecay(0.1),
            ps -> new AdamW(ps, 0.01).betas(0.8, 0.95));
    for (Function<List<Variable>, Optimizer> make : makers) {
      Variable a = param(1, 2, 3);
      Optimizer straight = make.apply(List.of(a));
      Variable b = param(1, 2, 3);
      Optimizer first = make.apply(List.of(b));
      for (int t = 0; t < 6; t++) {
        double[] g = {Math.sin(t), Math.cos(t), t * 0.1};
        setGrad(a, g);
        straight.step();
        setGrad(b, g);
        first.step();
        if (t == 2) {
          Map<String, Tensor> saved = first.stateDict();
          Variable c = new Variable(b.data().copy()).requiresGrad(true);
          Optimizer resumed = make.apply(List.of(c));
          resumed.paramGroups().get(0).setLr(0.5);
          resumed.loadStateDict(saved);
          assertEquals(first.paramGroups().get(0).lr(), resumed.paramGroups().get(0).lr());
          b = c;
          first = resumed;
        }
      }
      assertArrayEquals(a.data().toDoubleArray(), b.data().toDoubleArray(), 0, straight.name());
    }
  }

  @Test
  void loadingAMismatchedStateDictChangesNothing() {
    Variable a = param(1, 2);
    SGD opt = new SGD(List.of(a), 0.1).momentum(0.9);
    setGrad(a, 1, 1);
    opt.step();
    Map<String, Tensor> dict = opt.stateDict();
    dict.put("state.0.momentum_buffer", Tensor.zeros(3));
    dict.put("param_groups.0.lr", Tensor.of(new double[] {0.7}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(dict));
    assertEquals("SGD: state state.0.momentum_buffer has shape [3], expected [2]", e.getMessage());
    assertEquals(0.1, opt.paramGroups().get(0).lr());
  }

  @Test
  void adagradDecaysItsRateAndKeepsPyTorchsStateAndMessages() {
    Variable a = param(1, -1);
    Adagrad opt = new Adagrad(List.of(a), 0.1).lrDecay(0.5).initialAccumulatorValue(0.1);
    assertEquals(1e-10, opt.getDefault(Optimizer.EPS));
    assertEquals(
        List.of("lr", "lr_decay", "eps", "weight_decay", "initial_accumulator_value", "maximize"),
        opt.hyperparameters().stream().map(Hyperparameter::name).toList());
    setGrad(a, 2, -3);
    opt.step();
    setGrad(a, 1, 0);
    opt.step();
    double first = 1 - 0.1 * 2 / (Math.sqrt(4.1) + 1e-10);
    double second = first - 0.1 / 1.5 * 1 / (Math.sqrt(5.1) + 1e-10);
    double other = -1 + 0.1 * 3 / (Math.sqrt(9.1) + 1e-10);
    assertArrayEquals(new double[] {second, other}, a.data().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {5.1, 9.1}, opt.state(a).get("sum").toDoubleArray(), 1e-15);
    Map<String, Tensor> dict = opt.stateDict();
    assertEquals(
        List.of(
            "state.0.step",
            "state.0.sum",
            "param_groups.0.lr",
            "param_groups.0.lr_decay",
            "param_groups.0.eps",
            "param_groups.0.weight_decay",
            "param_groups.0.initial_accumulator_value",
            "param_groups.0.maximize",
            "param_groups.0.params"),
        List.copyOf(dict.keySet()));
    assertEquals(2.0, dict.get("state.0.step").item());
    assertEquals(0.5, dict.get("param_groups.0.lr_decay").item());
    List<Variable> ps = List.of(param(1));
    assertMessage("Adagrad: Invalid learning rate: -0.1", () -> new Adagrad(ps, -0.1));
    assertMessage("Adagrad: Invalid lr_decay value: -1.0", () -> new Adagrad(ps).lrDecay(-1));
    assertMessage(
        "Adagrad: Invalid weight_decay value: -1.0", () -> new Adagrad(ps).weightDecay(-1));
    assertMessage(
        "Adagrad: Invalid initial_accumulator_value value: -0.5",
        () -> new Adagrad(ps).initialAccumulatorValue(-0.5));
    assertMessage("Adagrad: Invalid epsilon value: -1.0E-10", () -> new Adagrad(ps).eps(-1e-10));
  }
}
