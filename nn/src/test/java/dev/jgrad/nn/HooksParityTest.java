package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jgrad.autograd.Autograd;
import dev.jgrad.autograd.AutogradFunctional;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks and the functional API against PyTorch in float64: the same scenarios run in jgrad and in
 * {@code hooks_parity.py}, and the hooks must be called in the same order, see the same tensors,
 * and leave the same gradients (relative 1e-10). Covers tensor hooks (order, replacement seen by
 * later hooks and flowing on, leaves hooked once per pass before accumulation, retained gradients
 * after the hooks), module pre-hooks, forward hooks and full backward hooks (replacing inputs,
 * outputs and input gradients, inside a Sequential and on the Sequential, an input that needs no
 * gradient), {@code torch.autograd.grad} with several outputs and a hooked intermediate, and {@code
 * torch.autograd.functional}'s {@code jacobian} and {@code vjp}.
 */
class HooksParityTest {
  private static final double RTOL = 1e-10;
  private static final Comparisons COMPARISONS = new Comparisons("HooksParityTest");

  private static Tensor x4;
  private static Tensor c4;
  private static Sequential seq;
  private static Tensor batch;
  private static Tensor weights;
  private static Tensor hidden;
  private static Tensor w;
  private static Tensor x3;
  private static Tensor v2;
  private static JsonObject torch;

  /** A hook call: its label and the tensor it saw, or null. */
  private record Call(String label, Tensor seen) {}

  private static Tensor uniform(SplittableRandom rnd, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(-1.5, 1.5);
    }
    return Tensor.of(v, shape);
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException {
    TorchPython.require();
    SplittableRandom rnd = new SplittableRandom(15);
    x4 = uniform(rnd, 4);
    c4 = uniform(rnd, 4);
    batch = uniform(rnd, 5, 4);
    weights = uniform(rnd, 5, 2);
    hidden = uniform(rnd, 5, 3);
    w = uniform(rnd, 2, 3);
    x3 = uniform(rnd, 3);
    v2 = uniform(rnd, 2);
    Generator gen = Generator.seeded(15);
    seq = new Sequential(new Linear(4, 3, gen), new Tanh(), new Linear(3, 2, gen));
    seq.to(DType.FLOAT64);

    JsonObject spec = new JsonObject();
    JsonObject tensor = new JsonObject();
    tensor.add("x", TorchJson.encode(x4));
    tensor.add("c", TorchJson.encode(c4));
    spec.add("tensor", tensor);
    JsonObject module = new JsonObject();
    JsonObject state = new JsonObject();
    seq.stateDict().forEach((k, t) -> state.add(k, TorchJson.encode(t)));
    module.add("state", state);
    module.add("x", TorchJson.encode(batch));
    module.add("c", TorchJson.encode(weights));
    module.add("h", TorchJson.encode(hidden));
    spec.add("module", module);
    JsonObject functional = new JsonObject();
    functional.add("w", TorchJson.encode(w));
    functional.add("x", TorchJson.encode(x3));
    functional.add("v", TorchJson.encode(v2));
    spec.add("functional", functional);
    Path in = dir.resolve("hooks.json");
    Path out = dir.resolve("hooks.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        HooksParityTest.class, "hooks_parity.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  private static UnaryOperator<Tensor> rec(List<Call> calls, String label, Double scale) {
    return g -> {
      calls.add(new Call(label, g));
      return scale == null ? null : g.mul(scale);
    };
  }

  @Test
  void tensorHooks() {
    List<Call> calls = new ArrayList<>();
    Variable x = new Variable(x4).requiresGrad(true);
    Variable c = new Variable(c4);
    x.registerHook(rec(calls, "x1", null));
    x.registerHook(rec(calls, "x2", 10.0));
    x.registerHook(rec(calls, "x3", null));
    Variable y = x.mul(x.tanh());
    y.registerHook(rec(calls, "y1", -0.5));
    y.retainGrad();
    y.registerHook(rec(calls, "y2", null));
    y.mul(c).add(x.exp()).sum().backward();
    x.mul(c).sum().backward();
    JsonObject expected = torch.getAsJsonObject("tensor");
    assertCalls("tensor hooks", expected.getAsJsonArray("calls"), calls);
    assertClose("x.grad", x.grad(), expected.get("x_grad"));
    assertClose("y.grad", y.grad(), expected.get("y_grad"));
  }

  private static BackwardHook bwd(List<Call> calls, String label, Double scale) {
    return (m, gin, gout) -> {
      calls.add(new Call(label + " in", gin));
      calls.add(new Call(label + " out", gout));
      return scale == null ? null : gin.mul(scale);
    };
  }

  @Test
  void moduleHooks() {
    List<Call> calls = new ArrayList<>();
    seq.get(0)
        .registerForwardPreHook(
            (m, in) -> {
              calls.add(new Call("pre0", in.data()));
              return in.mul(2);
            });
    seq.get(1)
        .registerForwardHook(
            (m, in, out) -> {
              calls.add(new Call("fwd1", out.data()));
              return out.mul(0.5);
            });
    seq.registerForwardHook(
        (m, in, out) -> {
          calls.add(new Call("fwd", out.data()));
          return null;
        });
    seq.get(2).registerFullBackwardHook(bwd(calls, "bw2", null));
    seq.get(0).registerFullBackwardHook(bwd(calls, "bw0", 3.0));
    seq.registerFullBackwardHook(bwd(calls, "bw", null));
    Variable x = new Variable(batch).requiresGrad(true);
    seq.forward(x).mul(new Variable(weights)).sum().backward();

    Linear last = new Linear(3, 2);
    last.to(DType.FLOAT64);
    Map<String, Tensor> state = seq.stateDict();
    last.loadStateDict(Map.of("weight", state.get("2.weight"), "bias", state.get("2.bias")));
    last.registerFullBackwardHook(bwd(calls, "const", null));
    last.forward(new Variable(hidden)).mul(new Variable(weights)).sum().backward();

    JsonObject expected = torch.getAsJsonObject("module");
    assertCalls("module hooks", expected.getAsJsonArray("calls"), calls);
    assertClose("x.grad", x.grad(), expected.get("x_grad"));
    JsonObject grads = expected.getAsJsonObject("grads");
    seq.namedParameters().forEach((name, p) -> assertClose(name, p.grad(), grads.get(name)));
  }

  @Test
  void gradAndFunctional() {
    JsonObject expected = torch.getAsJsonObject("functional");
    UnaryOperator<Variable> f = x -> new Variable(w).matmul(x).tanh().mul(x.sum());
    Tensor jacobian = AutogradFunctional.jacobian(f, x3);
    assertShape(expected.get("jacobian_shape"), jacobian);
    assertClose("jacobian", jacobian, expected.get("jacobian"));
    AutogradFunctional.Vjp vjp = AutogradFunctional.vjp(f, x3, v2);
    assertClose("vjp output", vjp.output(), expected.get("output"));
    assertClose("vjp", vjp.vjp().get(0), expected.get("vjp"));
    Tensor[] both = AutogradFunctional.jacobian(in -> in[0].matmul(in[1]).tanh(), w, x3);
    assertShape(expected.get("jacobian_w_shape"), both[0]);
    assertClose("jacobian w", both[0], expected.get("jacobian_w"));
    assertClose("jacobian x", both[1], expected.get("jacobian_x"));

    List<Call> calls = new ArrayList<>();
    Variable wv = new Variable(w.copy()).requiresGrad(true);
    Variable xv = new Variable(x3.copy()).requiresGrad(true);
    Variable h = wv.matmul(xv);
    h.registerHook(rec(calls, "h", 0.5));
    Variable a = h.tanh();
    Variable b = h.exp().sum();
    Tensor[] g =
        Autograd.grad(
            new Variable[] {a, b},
            new Variable[] {xv, wv},
            new Tensor[] {v2, Tensor.scalar(2, DType.FLOAT64)},
            false);
    assertCalls("grad hooks", expected.getAsJsonArray("grad_calls"), calls);
    assertClose("grad x", g[0], expected.get("grad_x"));
    assertClose("grad w", g[1], expected.get("grad_w"));
    assertNull(wv.grad());
  }

  private static void assertCalls(String what, JsonArray expected, List<Call> calls) {
    List<String> expectedLabels = new ArrayList<>();
    expected.forEach(e -> expectedLabels.add(e.getAsJsonArray().get(0).getAsString()));
    List<String> labels = new ArrayList<>();
    calls.forEach(c -> labels.add(c.label()));
    assertEquals(expectedLabels, labels, what + ": the hooks called, in order");
    for (int i = 0; i < calls.size(); i++) {
      JsonElement seen = expected.get(i).getAsJsonArray().get(1);
      String label = what + ": " + calls.get(i).label();
      if (seen.isJsonNull()) {
        assertNull(calls.get(i).seen(), label);
      } else {
        assertClose(label, calls.get(i).seen(), seen);
      }
    }
  }

  private static void assertShape(JsonElement expected, Tensor t) {
    assertEquals(expected, new Gson().toJsonTree(t.shape().toArray()), "shape");
  }

  private static void assertClose(String what, Tensor actual, JsonElement expected) {
    COMPARISONS.assertClose(what, actual.toDoubleArray(), TorchJson.decode(expected), RTOL);
  }

  @AfterAll
  static void report() {
    if (torch != null) {
      COMPARISONS.report("torch " + TorchPython.version());
    }
  }
}
