package dev.jgrad.optim;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import java.util.LinkedHashMap;
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
 * SGD, RMSprop, Adam and AdamW against {@code torch.optim} in float64 over a grid of options. Each
 * case optimizes two parameters of different shapes, the second in its own group with other
 * hyperparameters, for {@value #STEPS} steps with the same fixed gradients (the second parameter
 * has none on step {@value #SKIPPED_STEP}, so it is skipped there); the parameters must agree with
 * PyTorch's after every step to 1e-12 relative. All cases run in one Python process. The test
 * reports how many values it compared, and fails in CI when torch is missing ({@link TorchPython}).
 */
class OptimizerParityTest {
  private static final double RTOL = 1e-12;
  private static final int STEPS = 6;
  private static final int SKIPPED_STEP = 3;
  private static final int[][] SHAPES = {{3, 4}, {5}};
  private static final double[] GRADIENT_SCALES = {1, 3, 0.2, 1.5, 0.05, 2};

  private static final Comparisons COMPARISONS = new Comparisons("OptimizerParityTest");

  private static JsonObject torch;
  private static final Map<String, Double> worst = new TreeMap<>();

  /**
   * One optimizer configuration: its defaults (with {@code lr}) and the second group's overrides;
   * values are Double, Boolean or double[2].
   */
  private record Case(String optimizer, Map<String, Object> defaults, Map<String, Object> group1) {
    @Override
    public String toString() {
      return optimizer + " " + describe(defaults) + "; group 1: " + describe(group1);
    }

    private static String describe(Map<String, Object> options) {
      return options.entrySet().stream()
          .map(e -> e.getKey() + "=" + format(e.getValue()))
          .collect(Collectors.joining(" "));
    }

    private static String format(Object value) {
      return value instanceof double[] pair ? Arrays.toString(pair) : value.toString();
    }
  }

  private static Map<String, Object> options(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("SGD", options("lr", 0.1), options("lr", 0.03)));
    cases.add(new Case("RMSprop", options("lr", 0.01), options("lr", 0.003)));
    cases.add(new Case("Adam", options("lr", 0.01), options("lr", 0.002)));
    cases.add(new Case("AdamW", options("lr", 0.01), options("lr", 0.002)));
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
                    options(
                        "lr",
                        0.1,
                        "momentum",
                        momentum,
                        "dampening",
                        dampeningNesterov[0],
                        "nesterov",
                        dampeningNesterov[1] == 1,
                        "weight_decay",
                        weightDecay,
                        "maximize",
                        maximize),
                    options("lr", 0.03, "momentum", 0.5, "weight_decay", 0.2)));
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
                      options(
                          "lr", 0.01,
                          "alpha", alphaEps[0],
                          "eps", alphaEps[1],
                          "weight_decay", weightDecay,
                          "momentum", momentum,
                          "centered", centered,
                          "maximize", maximize),
                      options("lr", 0.003, "alpha", 0.8, "momentum", 0.3, "centered", !centered)));
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
                      options(
                          "lr",
                          0.01,
                          "betas",
                          new double[] {betasEps[0], betasEps[1]},
                          "eps",
                          betasEps[2],
                          "weight_decay",
                          weightDecay,
                          "amsgrad",
                          amsgrad,
                          "maximize",
                          maximize),
                      options(
                          "lr",
                          0.002,
                          "betas",
                          new double[] {0.5, 0.6},
                          "weight_decay",
                          0.1,
                          "amsgrad",
                          !amsgrad)));
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
        Tensor g = uniform(rnd, GRADIENT_SCALES[s], SHAPES[i]);
        grads.add(i == 1 && s == SKIPPED_STEP ? null : g);
      }
      steps.add(grads);
    }
    return steps;
  }

  private static Optimizer create(Case c, List<Variable> params) {
    ParamGroup second = ParamGroup.of(List.of(params.get(1)));
    c.group1()
        .forEach(
            (key, value) -> {
              if (value instanceof double[] pair) {
                second.set(key, pair[0], pair[1]);
              } else if (value instanceof Boolean flag) {
                second.set(key, flag);
              } else {
                second.set(key, (Double) value);
              }
            });
    List<ParamGroup> groups = List.of(ParamGroup.of(List.of(params.get(0))), second);
    double lr = (Double) c.defaults().get("lr");
    Optimizer opt =
        switch (c.optimizer()) {
          case "SGD" -> new SGD(groups, lr);
          case "RMSprop" -> new RMSprop(groups, lr);
          case "Adam" -> new Adam(groups, lr);
          case "AdamW" -> new AdamW(groups, lr);
          default -> throw new IllegalArgumentException(c.optimizer());
        };
    c.defaults().forEach(opt::setDefault);
    return opt;
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException, InterruptedException {
    TorchPython.require();
    Gson gson = new Gson();
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
      o.add("defaults", gson.toJsonTree(c.defaults()));
      o.add("group1", gson.toJsonTree(c.group1()));
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
      params.add(new Variable(p, true));
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
