package dev.jgrad.optim;

import static dev.jgrad.optim.Optimizer.EPS;
import static dev.jgrad.optim.Optimizer.LR;
import static dev.jgrad.optim.Optimizer.MAXIMIZE;
import static dev.jgrad.optim.Optimizer.MOMENTUM;
import static dev.jgrad.optim.Optimizer.WEIGHT_DECAY;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.testing.Comparisons;
import dev.jgrad.tensor.testing.TorchJson;
import dev.jgrad.tensor.testing.TorchPython;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SGD, RMSprop, Adam, AdamW and Adagrad against {@code torch.optim} in float64 over a grid of
 * options. Each case optimizes two parameters of different shapes, the second in its own group with
 * other hyperparameters, for {@value #STEPS} steps with the same fixed gradients (the second
 * parameter has none on step {@value #SKIPPED_STEP}, so it is skipped there); the parameters must
 * agree with PyTorch's after every step to 1e-12 relative. All cases run in one Python process. The
 * test reports how many values it compared, and fails in CI when torch is missing ({@link
 * TorchPython}).
 */
class OptimizerParityTest {
  private static final double RTOL = 1e-12;
  private static final int STEPS = 24;
  private static final int SKIPPED_STEP = 3;
  private static final int[][] SHAPES = {{3, 4}, {5}};
  private static final double[] GRADIENT_SCALES = {1, 3, 0.2, 1.5, 0.05, 2};

  private static final Comparisons COMPARISONS = new Comparisons("OptimizerParityTest");

  private static JsonObject torch;
  private static final Map<String, Double> worst = new TreeMap<>();

  /** One hyperparameter value, typed by its key. */
  private record Setting<T>(Hyperparameter<T> key, T value) {
    void setDefault(Optimizer opt) {
      opt.setDefault(key, value);
    }

    void set(ParamGroup group) {
      group.set(key, value);
    }

    @Override
    public String toString() {
      return key.name() + "=" + (value instanceof Pair p ? List.of(p.first(), p.second()) : value);
    }

    /** Returns the value as PyTorch's keyword argument: a number, a boolean or a list. */
    JsonElement json() {
      if (value instanceof Pair p) {
        JsonArray pair = new JsonArray();
        pair.add(p.first());
        pair.add(p.second());
        return pair;
      }
      return value instanceof Boolean flag
          ? new JsonPrimitive(flag)
          : new JsonPrimitive((Double) value);
    }
  }

  private static <T> Setting<T> set(Hyperparameter<T> key, T value) {
    return new Setting<>(key, value);
  }

  /** One optimizer configuration: its defaults (with {@code lr}) and the second group's values. */
  private record Case(String optimizer, List<Setting<?>> defaults, List<Setting<?>> group1) {
    @Override
    public String toString() {
      return optimizer + " " + describe(defaults) + "; group 1: " + describe(group1);
    }

    private static String describe(List<Setting<?>> settings) {
      return settings.stream().map(Setting::toString).collect(Collectors.joining(" "));
    }

    private static JsonObject json(List<Setting<?>> settings) {
      JsonObject o = new JsonObject();
      settings.forEach(s -> o.add(s.key().name(), s.json()));
      return o;
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("SGD", List.of(set(LR, 0.1)), List.of(set(LR, 0.03))));
    cases.add(new Case("RMSprop", List.of(set(LR, 0.01)), List.of(set(LR, 0.003))));
    cases.add(new Case("Adam", List.of(set(LR, 0.01)), List.of(set(LR, 0.002))));
    cases.add(new Case("AdamW", List.of(set(LR, 0.01)), List.of(set(LR, 0.002))));
    cases.add(new Case("Adagrad", List.of(set(LR, 0.01)), List.of(set(LR, 0.003))));
    boolean[] flags = {false, true};
    for (double momentum : new double[] {0, 0.9}) {
      for (double[] dampeningNesterov : new double[][] {{0, 0}, {0.3, 0}, {0, 1}}) {
        if (dampeningNesterov[1] == 1 && momentum == 0) {
          continue;
        }
        for (double weightDecay : new double[] {0, 0.01}) {
          for (boolean maximize : flags) {
            cases.add(
                new Case(
                    "SGD",
                    List.of(
                        set(LR, 0.1),
                        set(MOMENTUM, momentum),
                        set(SGD.DAMPENING, dampeningNesterov[0]),
                        set(SGD.NESTEROV, dampeningNesterov[1] == 1),
                        set(WEIGHT_DECAY, weightDecay),
                        set(MAXIMIZE, maximize)),
                    List.of(set(LR, 0.03), set(MOMENTUM, 0.5), set(WEIGHT_DECAY, 0.2))));
          }
        }
      }
    }
    for (double[] alphaEps : new double[][] {{0.99, 1e-8}, {0.9, 1e-3}}) {
      for (double weightDecay : new double[] {0, 0.01}) {
        for (double momentum : new double[] {0, 0.9}) {
          for (boolean centered : flags) {
            for (boolean maximize : flags) {
              cases.add(
                  new Case(
                      "RMSprop",
                      List.of(
                          set(LR, 0.01),
                          set(RMSprop.ALPHA, alphaEps[0]),
                          set(EPS, alphaEps[1]),
                          set(WEIGHT_DECAY, weightDecay),
                          set(MOMENTUM, momentum),
                          set(RMSprop.CENTERED, centered),
                          set(MAXIMIZE, maximize)),
                      List.of(
                          set(LR, 0.003),
                          set(RMSprop.ALPHA, 0.8),
                          set(MOMENTUM, 0.3),
                          set(RMSprop.CENTERED, !centered))));
            }
          }
        }
      }
    }
    for (String adam : List.of("Adam", "AdamW")) {
      for (double[] betasEps : new double[][] {{0.9, 0.999, 1e-8}, {0.8, 0.9, 1e-4}}) {
        for (double weightDecay : new double[] {0, 0.05}) {
          for (boolean amsgrad : flags) {
            for (boolean maximize : flags) {
              cases.add(
                  new Case(
                      adam,
                      List.of(
                          set(LR, 0.01),
                          set(Adam.BETAS, new Pair(betasEps[0], betasEps[1])),
                          set(EPS, betasEps[2]),
                          set(WEIGHT_DECAY, weightDecay),
                          set(Adam.AMSGRAD, amsgrad),
                          set(MAXIMIZE, maximize)),
                      List.of(
                          set(LR, 0.002),
                          set(Adam.BETAS, new Pair(0.5, 0.6)),
                          set(WEIGHT_DECAY, 0.1),
                          set(Adam.AMSGRAD, !amsgrad))));
            }
          }
        }
      }
    }
    for (double lrDecay : new double[] {0, 0.1}) {
      for (double eps : new double[] {1e-10, 1e-3}) {
        for (double weightDecay : new double[] {0, 0.01}) {
          for (double initial : new double[] {0, 0.1}) {
            for (boolean maximize : flags) {
              cases.add(
                  new Case(
                      "Adagrad",
                      List.of(
                          set(LR, 0.05),
                          set(Adagrad.LR_DECAY, lrDecay),
                          set(EPS, eps),
                          set(WEIGHT_DECAY, weightDecay),
                          set(Adagrad.INITIAL_ACCUMULATOR_VALUE, initial),
                          set(MAXIMIZE, maximize)),
                      List.of(
                          set(LR, 0.02),
                          set(Adagrad.LR_DECAY, 0.05),
                          set(EPS, 1e-6),
                          set(WEIGHT_DECAY, 0.2))));
            }
          }
        }
      }
    }
    return cases;
  }

  static Stream<Case> optimizerCases() {
    return cases().stream();
  }

  private static Tensor uniform(SplittableRandom rnd, double scale, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = scale * rnd.nextDouble(-1, 1);
    }
    return Tensor.of(v, shape);
  }

  private static List<Tensor> initialParams() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<Tensor> params = new ArrayList<>();
    for (int[] shape : SHAPES) {
      params.add(uniform(rnd, 1, shape));
    }
    return params;
  }

  /** The gradients of each step, per parameter; null where the parameter has no gradient. */
  private static List<List<Tensor>> gradients() {
    SplittableRandom rnd = new SplittableRandom(11);
    List<List<Tensor>> steps = new ArrayList<>();
    for (int s = 0; s < STEPS; s++) {
      List<Tensor> grads = new ArrayList<>();
      for (int i = 0; i < SHAPES.length; i++) {
        Tensor g = uniform(rnd, GRADIENT_SCALES[s % GRADIENT_SCALES.length], SHAPES[i]);
        grads.add(i == 1 && s == SKIPPED_STEP ? null : g);
      }
      steps.add(grads);
    }
    return steps;
  }

  private static Optimizer create(Case c, List<Variable> params) {
    ParamGroup second = ParamGroup.of(List.of(params.get(1)));
    c.group1().forEach(s -> s.set(second));
    List<ParamGroup> groups = List.of(ParamGroup.of(List.of(params.get(0))), second);
    double lr =
        c.defaults().stream()
            .filter(s -> s.key() == LR)
            .mapToDouble(s -> (Double) s.value())
            .findFirst()
            .orElseThrow();
    Optimizer opt =
        switch (c.optimizer()) {
          case "SGD" -> new SGD(groups, lr);
          case "RMSprop" -> new RMSprop(groups, lr);
          case "Adam" -> new Adam(groups, lr);
          case "AdamW" -> new AdamW(groups, lr);
          case "Adagrad" -> new Adagrad(groups, lr);
          default -> throw new IllegalArgumentException(c.optimizer());
        };
    c.defaults().forEach(s -> s.setDefault(opt));
    return opt;
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException, InterruptedException {
    TorchPython.require();
    JsonArray params = new JsonArray();
    initialParams().forEach(p -> params.add(TorchJson.encode(p)));
    JsonArray grads = new JsonArray();
    for (List<Tensor> step : gradients()) {
      JsonArray perParam = new JsonArray();
      step.forEach(g -> perParam.add(g == null ? JsonNull.INSTANCE : TorchJson.encode(g)));
      grads.add(perParam);
    }
    JsonArray cases = new JsonArray();
    for (Case c : cases()) {
      JsonObject o = new JsonObject();
      o.addProperty("name", c.toString());
      o.addProperty("optimizer", c.optimizer());
      o.add("defaults", Case.json(c.defaults()));
      o.add("group1", Case.json(c.group1()));
      cases.add(o);
    }
    JsonObject spec = new JsonObject();
    spec.add("params", params);
    spec.add("grads", grads);
    spec.add("cases", cases);
    Path in = dir.resolve("optimizers.json");
    Path out = dir.resolve("optimizers.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        OptimizerParityTest.class, "optimizer_parity.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizerCases")
  void parametersMatchTorchAfterEveryStep(Case c) {
    List<Variable> params = new ArrayList<>();
    for (Tensor p : initialParams()) {
      params.add(new Variable(p).requiresGrad(true));
    }
    Optimizer opt = create(c, params);
    JsonArray expected = torch.getAsJsonArray(c.toString());
    List<List<Tensor>> grads = gradients();
    for (int s = 0; s < STEPS; s++) {
      for (int i = 0; i < params.size(); i++) {
        params.get(i).setGrad(grads.get(s).get(i));
      }
      opt.step();
      for (int i = 0; i < params.size(); i++) {
        double diff =
            COMPARISONS.assertClose(
                "step " + (s + 1) + ", parameter " + i + " " + Arrays.toString(SHAPES[i]),
                params.get(i).data().toDoubleArray(),
                TorchJson.decode(expected.get(s).getAsJsonArray().get(i)),
                RTOL);
        worst.merge(c.optimizer(), diff, Math::max);
      }
    }
  }

  @AfterAll
  static void report() {
    if (!worst.isEmpty()) {
      System.out.println("Optimizers vs torch.optim: max relative difference " + worst);
    }
    if (torch != null) {
      COMPARISONS.report("torch " + TorchPython.version());
    }
  }
}
