package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The everyday ops of issue 15 against PyTorch in float64, forward and backward: every case runs in
 * jgrad and, in one Python process, in torch ({@code everyday_ops_parity.py}); values and the
 * gradients of every floating input must agree to 1e-10 relative. NaN, ±inf and zeros must match
 * exactly (the sign of a zero is not compared). Outputs are back-propagated with the same fixed
 * gradient in both. The test reports how many values it compared, and fails in CI when torch is
 * missing ({@link TorchPython}).
 */
class EverydayOpsParityTest {
  private static final double RTOL = 1e-10;
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final Comparisons COMPARISONS = new Comparisons("EverydayOpsParityTest");

  private static JsonObject torch;
  private static double worst;

  /**
   * One case: its inputs (floating ones differentiated), the jgrad call and the torch expression.
   */
  private record Case(
      String name, List<Tensor> inputs, Function<Variable[], Variable> jgrad, String torch) {
    @Override
    public String toString() {
      return name;
    }

    Variable[] variables() {
      Variable[] v = new Variable[inputs.size()];
      for (int i = 0; i < v.length; i++) {
        Tensor t = inputs.get(i);
        v[i] = new Variable(t).requiresGrad(t.dtype() == DType.FLOAT64);
      }
      return v;
    }
  }

  private static Case c(
      String name, Function<Variable[], Variable> jgrad, String torch, Tensor... inputs) {
    return new Case(name, List.of(inputs), jgrad, torch);
  }

  private static Tensor uniform(SplittableRandom rnd, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(-2, 2);
    }
    return Tensor.of(v, shape);
  }

  private static Tensor of(double[] values, int... shape) {
    return Tensor.of(values, shape);
  }

  static List<Case> cases() {
    SplittableRandom rnd = new SplittableRandom(2015);
    List<Case> cases = new ArrayList<>();
    minCases(cases, rnd);
    joiningCases(cases, rnd);
    prodCases(cases, rnd);
    cumsumCases(cases, rnd);
    varianceCases(cases, rnd);
    normCases(cases, rnd);
    maskCases(cases, rnd);
    scatterCases(cases, rnd);
    sliceCases(cases, rnd);
    return cases;
  }

  private static void minCases(List<Case> cases, SplittableRandom rnd) {
    Tensor x = uniform(rnd, 3, 4);
    Tensor ties = of(new double[] {1, -0.0, 0.0, 3, 2, 2, 5, 2, 7, 1, 1, 1}, 3, 4);
    Tensor special = of(new double[] {1, NAN, 0, NAN, INF, -INF, 2, -INF, 0.0, -0.0, 4, 5}, 3, 4);
    Tensor infs = of(new double[] {INF, INF, 2, INF}, 4);
    for (Tensor t : List.of(x, ties, special, infs)) {
      String tag = t == x ? "random" : t == ties ? "ties" : t == special ? "special" : "infs";
      cases.add(c("min(), " + tag, a -> a[0].min(), "x[0].min()", t));
      cases.add(c("argmin(), " + tag, a -> of(a[0].data().argmin()), "x[0].argmin()", t));
      cases.add(c("min(0), " + tag, a -> a[0].min(0, false), "x[0].min(0)[0]", t));
      cases.add(c("argmin(0), " + tag, a -> of(a[0].data().argmin(0, false)), "x[0].argmin(0)", t));
      if (t.dim() == 2) {
        cases.add(
            c("min(-1, keepdim), " + tag, a -> a[0].min(-1, true), "x[0].min(-1, True)[0]", t));
        cases.add(
            c(
                "argmin(1, keepdim), " + tag,
                a -> of(a[0].data().argmin(1, true)),
                "x[0].argmin(1, keepdim=True)",
                t));
        cases.add(
            c(
                "min(0) of a transpose, " + tag,
                a -> a[0].t().min(0, false),
                "x[0].t().min(0)[0]",
                t));
      }
    }
  }

  private static void joiningCases(List<Case> cases, SplittableRandom rnd) {
    Tensor a = uniform(rnd, 2, 3);
    Tensor b = uniform(rnd, 2, 1);
    Tensor at = uniform(rnd, 3, 2);
    Tensor empty = Tensor.zeros(Shape.of(0), DType.FLOAT64);
    Tensor special = of(new double[] {NAN, INF, -INF, -0.0, 0, 1}, 2, 3);
    cases.add(c("cat(1)", v -> Variable.cat(List.of(v), 1), "torch.cat(x, 1)", a, b, special));
    cases.add(c("cat(-2)", v -> Variable.cat(List.of(v), -2), "torch.cat(x, -2)", a, special));
    cases.add(
        c(
            "cat(0) with a 1-D empty tensor",
            v -> Variable.cat(List.of(v), 0),
            "torch.cat(x, 0)",
            a,
            empty,
            special));
    cases.add(
        c(
            "cat(1) of a transpose",
            v -> Variable.cat(List.of(v[0].t(), v[1]), 1),
            "torch.cat([x[0].t(), x[1]], 1)",
            at,
            b));
    cases.add(c("stack(0)", v -> Variable.stack(List.of(v), 0), "torch.stack(x, 0)", a, special));
    cases.add(c("stack(2)", v -> Variable.stack(List.of(v), 2), "torch.stack(x, 2)", a, special));
    cases.add(
        c("stack(-1)", v -> Variable.stack(List.of(v), -1), "torch.stack(x, -1)", a, a, special));
    Tensor wide = uniform(rnd, 3, 7);
    String weighted = "torch.cat([p * (i + 1) for i, p in enumerate(%s)], %s)";
    cases.add(
        c(
            "split(3, 1)",
            v -> OpSpecs.weighted(v[0].split(3, 1), 1),
            String.format(weighted, "x[0].split(3, 1)", 1),
            wide));
    cases.add(
        c(
            "split([2, 0, 5], -1)",
            v -> OpSpecs.weighted(v[0].split(new int[] {2, 0, 5}, -1), -1),
            String.format(weighted, "x[0].split([2, 0, 5], -1)", -1),
            wide));
    for (int chunks : new int[] {1, 2, 3, 4, 6, 9}) {
      cases.add(
          c(
              "chunk(" + chunks + ", 1)",
              v -> OpSpecs.weighted(v[0].chunk(chunks, 1), 1),
              String.format(weighted, "x[0].chunk(" + chunks + ", 1)", 1),
              wide));
    }
    cases.add(
        c(
            "chunk(2, 0) of specials",
            v -> OpSpecs.weighted(v[0].chunk(2, 0), 0),
            String.format(weighted, "x[0].chunk(2, 0)", 0),
            special));
  }

  private static void prodCases(List<Case> cases, SplittableRandom rnd) {
    Tensor x = uniform(rnd, 3, 4);
    double[] v = uniform(rnd, 3, 4).toDoubleArray();
    v[1] = 0;
    Tensor oneZero = of(v.clone(), 3, 4);
    v[6] = 0;
    v[7] = -0.0;
    v[8] = 0;
    Tensor zeros = of(v, 3, 4);
    Tensor special = of(new double[] {2, INF, 3, -1, NAN, 2, 0, INF, -INF, 0, 0, 1}, 3, 4);
    for (Tensor t : List.of(x, oneZero, zeros, special)) {
      String tag = t == x ? "random" : t == oneZero ? "one zero" : t == zeros ? "zeros" : "special";
      cases.add(c("prod(), " + tag, a -> a[0].prod(), "x[0].prod()", t));
      cases.add(c("prod(1), " + tag, a -> a[0].prod(1, false), "x[0].prod(1)", t));
      cases.add(c("prod(0, keepdim), " + tag, a -> a[0].prod(0, true), "x[0].prod(0, True)", t));
      cases.add(
          c(
              "prod(-1) of a transpose, " + tag,
              a -> a[0].t().prod(-1, false),
              "x[0].t().prod(-1)",
              t));
    }
    cases.add(
        c("prod(), rank 0", a -> a[0].prod(), "x[0].prod()", Tensor.scalar(0, DType.FLOAT64)));
    Tensor empty = Tensor.zeros(Shape.of(2, 0), DType.FLOAT64);
    cases.add(c("prod(1), empty", a -> a[0].prod(1, false), "x[0].prod(1)", empty));
    cases.add(c("prod(), empty", a -> a[0].prod(), "x[0].prod()", empty));
  }

  private static void cumsumCases(List<Case> cases, SplittableRandom rnd) {
    Tensor x = uniform(rnd, 3, 5);
    Tensor special = of(new double[] {1, INF, 2, -INF, 3, NAN, 0, -0.0, 4, 5, INF, 1}, 3, 4);
    for (Tensor t : List.of(x, special)) {
      String tag = t == x ? "random" : "special";
      cases.add(c("cumsum(1), " + tag, a -> a[0].cumsum(1), "x[0].cumsum(1)", t));
      cases.add(c("cumsum(-2), " + tag, a -> a[0].cumsum(-2), "x[0].cumsum(-2)", t));
      cases.add(
          c("cumsum(0) of a transpose, " + tag, a -> a[0].t().cumsum(0), "x[0].t().cumsum(0)", t));
    }
    cases.add(
        c(
            "cumsum(0) of a strided slice",
            a -> a[0].narrow(1, 1, 2).cumsum(0),
            "x[0][:, 1:3].cumsum(0)",
            x));
    cases.add(
        c(
            "cumsum(0), rank 0",
            a -> a[0].cumsum(0),
            "x[0].cumsum(0)",
            Tensor.scalar(3, DType.FLOAT64)));
    cases.add(
        c(
            "cumprod(1) (no grad)",
            a -> of(a[0].data().cumprod(1)),
            "x[0].detach().cumprod(1)",
            special));
  }

  private static void varianceCases(List<Case> cases, SplittableRandom rnd) {
    Tensor x = uniform(rnd, 3, 5);
    Tensor cube = uniform(rnd, 2, 3, 4);
    Tensor constant = Tensor.full(Shape.of(2, 3), 1.25, DType.FLOAT64);
    Tensor special = of(new double[] {1, INF, 2, 3, NAN, 4, -0.0, 0, 0, -INF, 1, 2}, 3, 4);
    for (String op : new String[] {"var", "std"}) {
      for (Tensor t : List.of(x, constant, special)) {
        String tag = t == x ? "random" : t == constant ? "constant" : "special";
        cases.add(
            c(
                op + "(), " + tag,
                a -> stat(op, a[0], new int[0], 1, false),
                "x[0]." + op + "()",
                t));
        for (int correction : new int[] {0, 1, 2, 3, 5}) {
          cases.add(
              c(
                  op + "([1], correction " + correction + "), " + tag,
                  a -> stat(op, a[0], new int[] {1}, correction, false),
                  "x[0]." + op + "([1], correction=" + correction + ")",
                  t));
        }
        cases.add(
            c(
                op + "([0], unbiased=False, keepdim), " + tag,
                a ->
                    op.equals("var")
                        ? a[0].var(new int[] {0}, false, true)
                        : a[0].std(new int[] {0}, false, true),
                "x[0]." + op + "(0, unbiased=False, keepdim=True)",
                t));
      }
      cases.add(
          c(
              op + "([0, -1]) of a cube",
              a -> stat(op, a[0], new int[] {0, -1}, 1, false),
              "x[0]." + op + "([0, -1])",
              cube));
      cases.add(
          c(
              op + "([1], keepdim) of a transpose",
              a -> stat(op, a[0].transpose(0, 2), new int[] {1}, 1, true),
              "x[0].transpose(0, 2)." + op + "(1, keepdim=True)",
              cube));
      cases.add(
          c(
              op + "([0]) of one row",
              a -> stat(op, a[0], new int[] {0}, 1, false),
              "x[0]." + op + "(0)",
              uniform(rnd, 1, 3)));
    }
  }

  private static Variable stat(String op, Variable v, int[] dims, int correction, boolean keepdim) {
    return op.equals("var") ? v.var(dims, correction, keepdim) : v.std(dims, correction, keepdim);
  }

  private static void normCases(List<Case> cases, SplittableRandom rnd) {
    Tensor x = uniform(rnd, 3, 4);
    Tensor cube = uniform(rnd, 2, 3, 4);
    Tensor zeros = Tensor.zeros(Shape.of(3, 4), DType.FLOAT64);
    double[] v = uniform(rnd, 3, 4).toDoubleArray();
    v[0] = 0;
    v[1] = -0.0;
    v[2] = 1.5;
    v[3] = -1.5;
    v[4] = 0;
    v[5] = 0;
    v[6] = 0;
    v[7] = 0;
    Tensor zeroRows = of(v, 3, 4);
    Tensor special = of(new double[] {1, INF, -2, 3, NAN, 4, -0.0, 0, 2, -INF, 1, 2}, 3, 4);
    double[] orders = {2, 1, INF, -INF, 0, 0.5, 1.5, 3, -1};
    for (double p : orders) {
      String ord = Double.isInfinite(p) ? (p > 0 ? "inf" : "-inf") : Double.toString(p);
      for (Tensor t : List.of(x, zeros, zeroRows, special)) {
        String tag =
            t == x ? "random" : t == zeros ? "zeros" : t == zeroRows ? "zero rows" : "special";
        cases.add(
            c(
                "norm(" + ord + "), " + tag,
                a -> a[0].norm(p),
                "torch.linalg.vector_norm(x[0], " + ord + ")",
                t));
        cases.add(
            c(
                "norm(" + ord + ", [1]), " + tag,
                a -> a[0].norm(p, new int[] {1}, false),
                "torch.linalg.vector_norm(x[0], " + ord + ", [1])",
                t));
        cases.add(
            c(
                "norm(" + ord + ", [0], keepdim), " + tag,
                a -> a[0].norm(p, new int[] {0}, true),
                "torch.norm(x[0], " + ord + ", [0], keepdim=True)",
                t));
      }
      cases.add(
          c(
              "norm(" + ord + ", [0, -1]) of a transposed cube",
              a -> a[0].transpose(0, 1).norm(p, new int[] {0, -1}, false),
              "torch.linalg.vector_norm(x[0].transpose(0, 1), " + ord + ", [0, -1])",
              cube));
    }
    cases.add(c("norm()", a -> a[0].norm(), "torch.linalg.vector_norm(x[0])", cube));
    cases.add(
        c(
            "norm('fro', [1, 2])",
            a -> a[0].norm("fro", new int[] {1, 2}, false),
            "torch.norm(x[0], 'fro', [1, 2])",
            cube));
    cases.add(
        c(
            "norm() of nothing",
            a -> a[0].norm(),
            "torch.linalg.vector_norm(x[0])",
            Tensor.zeros(Shape.of(0, 2), DType.FLOAT64)));
  }

  private static void maskCases(List<Case> cases, SplittableRandom rnd) {
    Tensor x = uniform(rnd, 3, 4);
    Tensor special = of(new double[] {1, INF, -2, 3, NAN, 4, -0.0, 0, 2, -INF, 1, NAN}, 3, 4);
    Tensor full = Tensor.of(new int[] {1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1}, 3, 4);
    Tensor row = Tensor.of(new int[] {0, 1, 1, 0}, 4);
    Tensor column = Tensor.of(new int[] {1, 0, 1}, 3, 1);
    for (Tensor t : List.of(x, special)) {
      String tag = t == x ? "random" : "special";
      cases.add(
          c(
              "maskedFill(mask, -1.5), " + tag,
              a -> a[0].maskedFill(full, -1.5),
              "x[0].masked_fill(torch.tensor("
                  + Arrays.toString(full.toIntArray())
                  + ").reshape(3, 4).bool(), -1.5)",
              t));
      cases.add(
          c(
              "maskedFill(row, inf), " + tag,
              a -> a[0].maskedFill(row, INF),
              "x[0].masked_fill(torch.tensor([False, True, True, False]), inf)",
              t));
      cases.add(
          c(
              "maskedFill(column, nan) of a transpose, " + tag,
              a -> a[0].t().t().maskedFill(column, NAN),
              "x[0].masked_fill(torch.tensor([[True], [False], [True]]), nan)",
              t));
    }
    cases.add(
        c(
            "log(maskedFill(mask, 0)): an infinite gradient at masked positions gives 0",
            a -> a[0].abs().add(0.5).maskedFill(full, 0).log(),
            "(x[0].abs() + 0.5).masked_fill(torch.tensor("
                + Arrays.toString(full.toIntArray())
                + ").reshape(3, 4).bool(), 0).log()",
            x));
  }

  private static void scatterCases(List<Case> cases, SplittableRandom rnd) {
    Tensor self = uniform(rnd, 3, 5);
    Tensor src = uniform(rnd, 3, 3);
    Tensor special = of(new double[] {NAN, INF, -INF, 0, -0.0, 1, 2, 3, 4}, 3, 3);
    Tensor cols = Tensor.of(new int[] {4, 0, 2, 1, 3, 0, 2, 4, 3}, 3, 3);
    Tensor rows = Tensor.of(new int[] {2, 0, 1, 0, 1, 2, 1, 2, 0}, 3, 3);
    Tensor repeated = Tensor.of(new int[] {1, 1, 1, 0, 4, 0, 3, 3, 2}, 3, 3);
    for (Tensor s : List.of(src, special)) {
      String tag = s == src ? "random" : "special";
      cases.add(
          c(
              "scatter(1, src), " + tag,
              a -> a[0].scatter(1, cols, a[1]),
              "x[0].scatter(1, x[2], x[1])",
              self,
              s,
              cols));
      cases.add(
          c(
              "scatter(-2, src), " + tag,
              a -> a[0].scatter(-2, rows, a[1]),
              "x[0].scatter(-2, x[2], x[1])",
              self,
              s,
              rows));
      cases.add(
          c(
              "scatterAdd(1, src), " + tag,
              a -> a[0].scatterAdd(1, repeated, a[1]),
              "x[0].scatter_add(1, x[2], x[1])",
              self,
              s,
              repeated));
      cases.add(
          c(
              "scatterAdd(0, src) of a transpose, " + tag,
              a -> a[0].scatterAdd(0, rows, a[1].t()),
              "x[0].scatter_add(0, x[2], x[1].t())",
              self,
              s,
              rows));
    }
    cases.add(
        c(
            "scatter(1, 2.5)",
            a -> a[0].scatter(1, cols, 2.5),
            "x[0].scatter(1, x[1], 2.5)",
            self,
            cols));
    cases.add(
        c(
            "scatter(1, -inf)",
            a -> a[0].scatter(1, cols, -INF),
            "x[0].scatter(1, x[1], -inf)",
            self,
            cols));
  }

  private static void sliceCases(List<Case> cases, SplittableRandom rnd) {
    Tensor x = uniform(rnd, 4, 9);
    int[][] bounds = {
      {1, 7, 2}, {0, 9, 3}, {-5, -1, 2}, {-100, 100, 4}, {6, 2, 1}, {8, 9, 5}, {-1, 9, 1}, {3, 3, 2}
    };
    for (int[] b : bounds) {
      String py = b[0] + ":" + b[1] + ":" + b[2];
      cases.add(
          c(
              "slice(1, " + py + ")",
              a -> a[0].slice(1, b[0], b[1], b[2]),
              "x[0][:, " + py + "]",
              x));
      cases.add(
          c(
              "slice(-2, " + py + ") of a transpose",
              a -> a[0].t().slice(-2, b[0], b[1], b[2]),
              "x[0].t()[" + py + "]",
              x));
    }
    cases.add(
        c(
            "slice of a slice",
            a -> a[0].slice(1, 1, 9, 2).slice(1, -3, 4, 2).slice(0, 1, 4, 2),
            "x[0][:, 1:9:2][:, -3:4:2][1:4:2]",
            x));
  }

  private static Variable of(Tensor t) {
    return new Variable(t);
  }

  /** The gradient fed to backward: 1 for a scalar, fixed distinct weights otherwise. */
  private static Tensor gradOutput(int[] shape) {
    if (shape.length == 0) {
      return Tensor.scalar(1, DType.FLOAT64);
    }
    double[] w = new double[Shape.of(shape).numel()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.5 + 0.25 * i;
    }
    return Tensor.of(w, shape);
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException {
    TorchPython.require();
    JsonArray spec = new JsonArray();
    for (Case c : cases()) {
      Variable out = c.jgrad().apply(c.variables());
      JsonObject o = new JsonObject();
      o.addProperty("name", c.name());
      JsonArray inputs = new JsonArray();
      JsonArray grad = new JsonArray();
      for (Tensor t : c.inputs()) {
        inputs.add(TorchJson.encode(t));
        grad.add(t.dtype() == DType.FLOAT64);
      }
      o.add("inputs", inputs);
      o.add("grad", grad);
      o.addProperty("torch", c.torch());
      o.add("grad_output", TorchJson.encode(gradOutput(out.shape().toArray())));
      spec.add(o);
    }
    Path in = dir.resolve("everyday.json");
    Path out = dir.resolve("everyday.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        EverydayOpsParityTest.class, "everyday_ops_parity.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  static Stream<Case> parityCases() {
    return cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parityCases")
  void valueAndGradientsMatchTorch(Case c) {
    Variable[] inputs = c.variables();
    Variable out = c.jgrad().apply(inputs);
    if (out.requiresGrad()) {
      out.backward(gradOutput(out.shape().toArray()));
    }
    JsonObject expected = torch.getAsJsonObject(c.name());
    assertEquals(
        expected.get("shape"), new Gson().toJsonTree(out.shape().toArray()), c.name() + ": shape");
    assertSame(c.name() + ": value", out.data().to(DType.FLOAT64).toDoubleArray(), expected, -1);
    for (int i = 0, g = 0; i < inputs.length; i++) {
      if (inputs[i].requiresGrad()) {
        Tensor grad = inputs[i].grad();
        double[] mine =
            grad == null ? new double[inputs[i].numel()] : grad.contiguous().toDoubleArray();
        assertSame(c.name() + ": d/dx[" + i + "]", mine, expected, g++);
      }
    }
  }

  /**
   * Compares {@code mine} with the case's value ({@code grad < 0}) or its gradient number {@code
   * grad}: special values exactly, the others to {@link #RTOL}.
   */
  private static void assertSame(String what, double[] mine, JsonObject expected, int grad) {
    double[] ref =
        TorchJson.decode(
            grad < 0 ? expected.get("value") : expected.getAsJsonArray("grads").get(grad));
    assertEquals(ref.length, mine.length, what + ": number of values");
    for (int i = 0; i < mine.length; i++) {
      double a = mine[i];
      double b = ref[i];
      boolean special = !Double.isFinite(a) || !Double.isFinite(b) || a == 0 || b == 0;
      boolean ok =
          special
              ? (Double.isNaN(a) && Double.isNaN(b)) || a == b
              : Math.abs(a - b) <= RTOL * Math.max(Math.abs(a), Math.abs(b));
      if (!ok) {
        fail(String.format("%s[%d]: jgrad %s vs torch %s", what, i, a, b));
      }
      if (!special) {
        worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
      }
    }
    COMPARISONS.add(mine.length);
  }

  @AfterAll
  static void report() {
    if (torch == null) {
      return;
    }
    System.out.printf(
        "Everyday ops vs torch: %d cases, max relative difference %.3g%n", cases().size(), worst);
    COMPARISONS.report("torch " + TorchPython.version());
  }
}
