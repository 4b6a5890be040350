package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The PyTorch side of the nn parity tests of the activations, the losses and the transformer
 * layers: cases of float64 inputs, a jgrad computation and a torch expression in {@code a0, a1,
 * ...}, all evaluated by {@code torch_cases.py} in one Python process. A case's value and the
 * gradients of its differentiated inputs must agree to a relative {@code rtol}, where equal values
 * (the same infinity, or both NaN) agree at any tolerance; module reprs must agree exactly.
 */
final class TorchCases {
  /**
   * One case: its inputs (INT32 tensors are index inputs), which are differentiated, the jgrad
   * computation and the torch expression.
   */
  record Case(
      String name,
      List<Tensor> inputs,
      boolean[] differentiated,
      Function<Variable[], Variable> jgrad,
      String torch) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final Comparisons comparisons;
  private final List<Case> cases = new ArrayList<>();
  private final Map<String, String> reprs = new LinkedHashMap<>();
  private final Map<String, String> jgradReprs = new LinkedHashMap<>();
  private JsonObject torch;
  private double worst;
  private String worstWhere = "";

  /**
   * Starts an empty list of cases for the test named {@code test}.
   *
   * @param test the test's name, as its report prints it
   */
  TorchCases(String test) {
    this.comparisons = new Comparisons(test);
  }

  /** Adds a case whose floating inputs are all differentiated. */
  TorchCases add(String name, Function<Variable[], Variable> jgrad, String torch, Tensor... in) {
    boolean[] d = new boolean[in.length];
    for (int i = 0; i < in.length; i++) {
      d[i] = in[i].dtype().isFloatingPoint();
    }
    return add(name, d, jgrad, torch, in);
  }

  /** Adds a case, saying which inputs are differentiated. */
  TorchCases add(
      String name,
      boolean[] differentiated,
      Function<Variable[], Variable> jgrad,
      String torch,
      Tensor... in) {
    cases.add(new Case(name, List.of(in), differentiated, jgrad, torch));
    return this;
  }

  /** Adds a module whose {@code toString} must equal the repr of the torch expression. */
  TorchCases repr(Object module, String torchExpression) {
    String name = module.toString() + " vs " + torchExpression;
    reprs.put(name, torchExpression);
    jgradReprs.put(name, module.toString());
    return this;
  }

  /** Returns the cases added. */
  List<Case> cases() {
    return cases;
  }

  /** Returns the names of the repr checks added. */
  List<String> reprNames() {
    return new ArrayList<>(reprs.keySet());
  }

  /** Evaluates every case and repr with torch, in {@code dir}. */
  void runTorch(Class<?> anchor, Path dir) throws IOException {
    TorchPython.require();
    JsonArray spec = new JsonArray();
    for (Case c : cases) {
      JsonObject o = new JsonObject();
      o.addProperty("name", c.name());
      JsonArray inputs = new JsonArray();
      JsonArray diff = new JsonArray();
      for (int i = 0; i < c.inputs().size(); i++) {
        inputs.add(TorchJson.encode(c.inputs().get(i)));
        diff.add(c.differentiated()[i]);
      }
      o.add("inputs", inputs);
      o.add("differentiated", diff);
      o.addProperty("torch", c.torch());
      Variable out = c.jgrad().apply(variables(c));
      o.add("grad_output", TorchJson.encode(gradOutput(out.shape().toArray())));
      spec.add(o);
    }
    JsonObject all = new JsonObject();
    all.add("cases", spec);
    all.add("reprs", new Gson().toJsonTree(reprs));
    Path in = dir.resolve("cases.json");
    Path out = dir.resolve("cases.out.json");
    Files.writeString(in, all.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(anchor, "torch_cases.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  /** Runs case {@code c} in jgrad and compares its value and gradients with torch's. */
  void check(Case c, double rtol) {
    Variable[] v = variables(c);
    Variable out = c.jgrad().apply(v);
    JsonObject expected = torch.getAsJsonObject("cases").getAsJsonObject(c.name());
    assertEquals(
        expected.get("shape"), new Gson().toJsonTree(out.shape().toArray()), c + ": shape");
    compare(c + ": value", out.data().toDoubleArray(), expected.get("value"), rtol);
    if (out.requiresGrad() && expected.has("grads")) {
      out.backward(gradOutput(out.shape().toArray()));
      JsonArray grads = expected.getAsJsonArray("grads");
      for (int i = 0; i < v.length; i++) {
        if (c.differentiated()[i]) {
          compare(c + ": d/da" + i, v[i].grad().toDoubleArray(), grads.get(i), rtol);
        }
      }
    }
  }

  /** Compares the repr check {@code name} with torch's. */
  void checkRepr(String name) {
    assertEquals(
        torch.getAsJsonObject("reprs").get(name).getAsString(), jgradReprs.get(name), name);
    comparisons.add(1);
  }

  /** Prints the count and the worst relative difference; fails if nothing was compared. */
  void report(String what) {
    if (torch == null) {
      return;
    }
    System.out.printf("%s vs torch: max relative difference %.3g (%s)%n", what, worst, worstWhere);
    comparisons.report("torch " + TorchPython.version());
  }

  private void compare(String what, double[] jgrad, JsonElement ref, double rtol) {
    double[] reference = decode(ref);
    assertEquals(reference.length, jgrad.length, what + ": number of values");
    List<Integer> finite = new ArrayList<>();
    for (int i = 0; i < jgrad.length; i++) {
      boolean same =
          jgrad[i] == reference[i] || (jgrad[i] != jgrad[i] && reference[i] != reference[i]);
      if (same) {
        comparisons.add(1);
      } else if (Double.isFinite(jgrad[i]) && Double.isFinite(reference[i])) {
        finite.add(i);
      } else {
        fail(String.format("%s[%d]: jgrad %s vs torch %s", what, i, jgrad[i], reference[i]));
      }
    }
    double[] a = new double[finite.size()];
    double[] b = new double[finite.size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = jgrad[finite.get(k)];
      b[k] = reference[finite.get(k)];
    }
    double w = comparisons.assertClose(what, a, b, rtol);
    if (w > worst) {
      worst = w;
      worstWhere = what;
    }
  }

  /** Decodes Python's float.hex strings, {@code inf}, {@code -inf} and {@code nan} included. */
  private static double[] decode(JsonElement hexValues) {
    JsonArray a = hexValues.getAsJsonArray();
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          switch (a.get(i).getAsString()) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(a.get(i).getAsString());
          };
    }
    return out;
  }

  private static Variable[] variables(Case c) {
    Variable[] v = new Variable[c.inputs().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = new Variable(c.inputs().get(i)).requiresGrad(c.differentiated()[i]);
    }
    return v;
  }

  /** The gradient fed to backward: 1 for a scalar, fixed distinct weights otherwise. */
  private static Tensor gradOutput(int[] shape) {
    if (shape.length == 0) {
      return Tensor.scalar(1, DType.FLOAT64);
    }
    double[] w = new double[Shape.of(shape).numel()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.5 + 0.25 * (i % 7);
    }
    return Tensor.of(w, shape);
  }

  /** Returns a float64 tensor of the shape with values uniform in {@code [lo, hi)}. */
  static Tensor uniform(SplittableRandom rnd, double lo, double hi, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(lo, hi);
    }
    return Tensor.of(v, shape);
  }
}
