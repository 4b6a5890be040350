package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jgrad.autograd.Variable;
import dev.jgrad.autograd.ops.BinaryCrossEntropy;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.testing.Comparisons;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every elementwise op and reduction compared with PyTorch in float64 over a grid of special values
 * (±0, ±inf, NaN, ±1, subnormal and {@code Float.MIN_NORMAL}-scale tiny values, huge values, and a
 * few ordinary ones), forward and backward. Each sample is differentiated twice, with an upstream
 * gradient of ones and with one made of the grid's values themselves, so that an infinite or NaN
 * gradient reaches every masked position.
 *
 * <p>Agreement is bit for bit wherever PyTorch's value is special (NaN matches NaN; zeros match
 * with their sign; infinities exactly) and to a relative 1e-10 elsewhere. The test is a table: an
 * op added later is one row of {@link #rows()}, naming the jgrad expression and the PyTorch lambda
 * over the list {@code a} of input tensors. Fails in CI and is skipped elsewhere when no Python can
 * import torch.
 */
class SpecialValuesParityTest {
  private static final double RTOL = 1e-10;

  /** The special values every input is drawn from. */
  private static final double[] GRID = {
    0.0,
    -0.0,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.NaN,
    1.0,
    -1.0,
    Double.MIN_VALUE,
    -Double.MIN_NORMAL,
    Float.MIN_NORMAL,
    1e300,
    -Double.MAX_VALUE,
    0.5,
    -2.5,
    3.0
  };

  /** Probabilities for binary cross-entropy, which refuses values outside [0, 1] as PyTorch. */
  private static final double[] PROBABILITIES = {
    0.0, -0.0, 1.0, Double.MIN_VALUE, Float.MIN_NORMAL, 0.5, 1 - 0x1p-53, 0.25, 1e-13
  };

  private static final double[] TARGETS = {0.0, 1.0, 0.5, 0.125};

  private static final Comparisons COMPARISONS = new Comparisons("SpecialValuesParityTest");
  private static final AtomicLong SPECIAL = new AtomicLong();
  private static final Map<String, List<Sample>> SAMPLES = new LinkedHashMap<>();
  private static JsonObject torch;

  /** How a row's samples are drawn from its grids. */
  private enum Kind {
    /** One sample: the 1-D grid. */
    ELEMENTWISE,
    /** One sample: two 1-D tensors holding every pair of the two grids. */
    PAIRS,
    /** One sample: a [pairs, 3] matrix whose rows are (g, h, 0.5) for every pair of the grid. */
    ROWS,
    /** One sample per row of the {@link #ROWS} matrix, each a 1-D tensor of 3 values. */
    EACH_ROW,
    /** One sample per grid value, each a rank-0 tensor. */
    SCALARS
  }

  /** The jgrad side of a row: the expression over the input variables. */
  private interface Expression {
    Variable apply(Variable[] a);
  }

  /** How a row's gradients are compared. */
  private enum Backward {
    /** Like the values. */
    COMPARED,
    /**
     * A row-wise op whose gradient is a difference that vanishes in exact arithmetic ({@code grad -
     * softmax * sum(grad)}), where the last bits depend on how {@code exp} and {@code log} round
     * (Java's {@link Math} and PyTorch's SLEEF kernels differ by an ulp): there a gradient also
     * agrees within 1e-15 times the largest finite upstream gradient of its row.
     */
    CANCELLING,
    /** Not at all: the op has no gradient (a comparison, {@code sign}, {@code argmax}). */
    NONE
  }

  /** One op: its samples' kind and grids, its jgrad expression and PyTorch's lambda. */
  private record Row(
      String name, Kind kind, double[][] grids, Expression jgrad, String torch, Backward backward) {
    Row(String name, Kind kind, double[][] grids, Expression jgrad, String torch) {
      this(name, kind, grids, jgrad, torch, Backward.COMPARED);
    }

    Row with(Backward b) {
      return new Row(name, kind, grids, jgrad, torch, b);
    }
  }

  private static Row valuesOnly(String name, Kind kind, UnaryOperator<Tensor> f, String torch) {
    return new Row(
        name,
        kind,
        new double[][] {GRID, GRID},
        a -> new Variable(f.apply(a.length == 1 ? a[0].data() : pairOf(a))),
        torch,
        Backward.NONE);
  }

  /** Stacks two 1-D inputs into a [2, n] tensor, so that a pair op fits a unary operator. */
  private static Tensor pairOf(Variable[] a) {
    double[] x = a[0].data().toDoubleArray();
    double[] y = a[1].data().toDoubleArray();
    double[] both = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, both, x.length, y.length);
    return Tensor.of(both, 2, x.length);
  }

  /**
   * Values where jgrad deliberately differs from PyTorch, by where they are reported, with the
   * reason.
   */
  private static final Map<String, String> DEVIATIONS =
      Map.of(
          "pow sample 0 forward[170]",
          "(-MAX_VALUE) ** 1.0: PyTorch's vectorized pow overflows to -inf in its exp(y log|x|);"
              + " jgrad returns the exact -MAX_VALUE");

  /** One set of inputs with the upstream gradients sent back through the row's output. */
  private record Sample(Tensor[] inputs, List<Tensor> upstream) {}

  private static Row unary(String name, UnaryOperator<Variable> f, String torch) {
    return new Row(name, Kind.ELEMENTWISE, new double[][] {GRID}, a -> f.apply(a[0]), torch);
  }

  private static Row binary(String name, BinaryOperator<Variable> f, String torch) {
    return new Row(name, Kind.PAIRS, new double[][] {GRID, GRID}, a -> f.apply(a[0], a[1]), torch);
  }

  private static Row reduction(String name, Kind kind, UnaryOperator<Variable> f, String torch) {
    return new Row(name, kind, new double[][] {GRID}, a -> f.apply(a[0]), torch);
  }

  /** The table: one row per op (and per composite whose edge semantics PyTorch defines). */
  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(unary("neg", Variable::neg, "lambda a: -a[0]"));
    rows.add(unary("abs", Variable::abs, "lambda a: a[0].abs()"));
    rows.add(unary("exp", Variable::exp, "lambda a: a[0].exp()"));
    rows.add(unary("log", Variable::log, "lambda a: a[0].log()"));
    rows.add(unary("sqrt", Variable::sqrt, "lambda a: a[0].sqrt()"));
    rows.add(unary("relu", Variable::relu, "lambda a: torch.relu(a[0])"));
    rows.add(unary("sigmoid", Variable::sigmoid, "lambda a: torch.sigmoid(a[0])"));
    rows.add(unary("tanh", Variable::tanh, "lambda a: torch.tanh(a[0])"));
    rows.add(unary("clamp(0, 1)", x -> x.clamp(0, 1), "lambda a: a[0].clamp(0, 1)"));
    rows.add(unary("clamp(-0.5, 2)", x -> x.clamp(-0.5, 2), "lambda a: a[0].clamp(-0.5, 2)"));
    for (double e : new double[] {0, 0.5, -0.5, 1, 2, 3, -1, -2, 2.5, -1.5, 1 / 3.0, 4}) {
      String exponent = Double.toString(e);
      rows.add(unary("pow(" + exponent + ")", x -> x.pow(e), "lambda a: a[0] ** " + exponent));
    }
    rows.add(unary("add(1.5)", x -> x.add(1.5), "lambda a: a[0] + 1.5"));
    rows.add(unary("sub(1.5)", x -> x.sub(1.5), "lambda a: a[0] - 1.5"));
    rows.add(unary("mul(-2)", x -> x.mul(-2), "lambda a: a[0] * -2"));
    rows.add(unary("div(4)", x -> x.div(4), "lambda a: a[0] / 4"));
    rows.add(unary("log(relu)", x -> x.relu().log(), "lambda a: torch.relu(a[0]).log()"));
    rows.add(
        unary("log(clamp(0, 1))", x -> x.clamp(0, 1).log(), "lambda a: a[0].clamp(0, 1).log()"));
    rows.add(unary("log(abs)", x -> x.abs().log(), "lambda a: a[0].abs().log()"));

    rows.add(binary("add", Variable::add, "lambda a: a[0] + a[1]"));
    rows.add(binary("sub", Variable::sub, "lambda a: a[0] - a[1]"));
    rows.add(binary("mul", Variable::mul, "lambda a: a[0] * a[1]"));
    rows.add(binary("div", Variable::div, "lambda a: a[0] / a[1]"));
    rows.add(binary("pow", Variable::pow, "lambda a: a[0] ** a[1]"));
    rows.add(binary("maximum", Variable::maximum, "lambda a: torch.maximum(a[0], a[1])"));
    rows.add(binary("minimum", Variable::minimum, "lambda a: torch.minimum(a[0], a[1])"));
    rows.add(
        binary(
            "where",
            (x, y) -> Variable.where(alternating(x.numel()), x, y),
            "lambda a: torch.where(torch.arange(a[0].numel()) % 2 == 0, a[0], a[1])"));
    rows.add(
        new Row(
            "binary_cross_entropy",
            Kind.PAIRS,
            new double[][] {PROBABILITIES, TARGETS},
            a -> new BinaryCrossEntropy(a[1].data()).apply(a[0]),
            "lambda a: F.binary_cross_entropy(a[0], a[1].detach(), reduction='none')"));

    rows.add(
        new Row(
            "mse_loss",
            Kind.PAIRS,
            new double[][] {GRID, GRID},
            a -> Losses.mseLoss(a[0], a[1], Reduction.NONE),
            "lambda a: F.mse_loss(a[0], a[1], reduction='none')"));
    rows.add(
        new Row(
            "binary_cross_entropy_with_logits",
            Kind.PAIRS,
            new double[][] {GRID, TARGETS},
            a -> Losses.binaryCrossEntropyWithLogits(a[0], a[1].data(), Reduction.NONE),
            "lambda a: F.binary_cross_entropy_with_logits(a[0], a[1].detach(), reduction='none')"));
    rows.add(valuesOnly("sign", Kind.ELEMENTWISE, Tensor::sign, "lambda a: a[0].sign()"));
    rows.add(
        valuesOnly(
            "eq, ne, lt, le, gt, ge",
            Kind.PAIRS,
            p -> {
              Tensor x = p.select(0, 0);
              Tensor y = p.select(0, 1);
              return x.eq(y)
                  .add(x.ne(y).mul(2))
                  .add(x.lt(y).mul(4))
                  .add(x.le(y).mul(8))
                  .add(x.gt(y).mul(16))
                  .add(x.ge(y).mul(32));
            },
            "lambda a: ((a[0] == a[1]).double() + (a[0] != a[1]).double() * 2"
                + " + (a[0] < a[1]).double() * 4 + (a[0] <= a[1]).double() * 8"
                + " + (a[0] > a[1]).double() * 16 + (a[0] >= a[1]).double() * 32)"));
    rows.add(
        valuesOnly(
            "argmax(1)", Kind.ROWS, t -> t.argmax(1, false), "lambda a: a[0].argmax(1).double()"));
    rows.add(
        new Row(
            "cross_entropy",
            Kind.ROWS,
            new double[][] {GRID},
            a -> Losses.crossEntropy(a[0], labels(a[0].size(0)), Reduction.NONE),
            "lambda a: F.cross_entropy(a[0], torch.arange(a[0].shape[0]) % 3, reduction='none')"));
    rows.add(unary("erf", Variable::erf, "lambda a: torch.erf(a[0])"));
    rows.add(unary("erfc", Variable::erfc, "lambda a: torch.erfc(a[0])"));
    rows.add(unary("silu", Variable::silu, "lambda a: F.silu(a[0])"));
    rows.add(unary("softplus", Variable::softplus, "lambda a: F.softplus(a[0])"));
    rows.add(unary("leakyRelu", Variable::leakyRelu, "lambda a: F.leaky_relu(a[0])"));
    rows.add(reduction("min(1)", Kind.ROWS, x -> x.min(1, false), "lambda a: a[0].min(1).values"));
    rows.add(reduction("min()", Kind.EACH_ROW, Variable::min, "lambda a: a[0].min()"));
    rows.add(reduction("prod(1)", Kind.ROWS, x -> x.prod(1, false), "lambda a: a[0].prod(1)"));
    rows.add(reduction("cumsum(1)", Kind.ROWS, x -> x.cumsum(1), "lambda a: a[0].cumsum(1)"));
    for (double order : new double[] {2, 1, Double.POSITIVE_INFINITY}) {
      String torchOrder = Double.isInfinite(order) ? "float('inf')" : Double.toString(order);
      rows.add(
          reduction(
              "norm(" + order + ", 1)",
              Kind.ROWS,
              x -> x.norm(order, new int[] {1}, false),
              "lambda a: torch.linalg.vector_norm(a[0], " + torchOrder + ", dim=1)"));
    }
    rows.add(reduction("sum(1)", Kind.ROWS, x -> x.sum(1, false), "lambda a: a[0].sum(1)"));
    rows.add(
        reduction("mean(-1)", Kind.ROWS, x -> x.mean(-1, true), "lambda a: a[0].mean(-1, True)"));
    rows.add(reduction("max(1)", Kind.ROWS, x -> x.max(1, false), "lambda a: a[0].max(1).values"));
    rows.add(
        reduction(
            "logsumexp(1)", Kind.ROWS, x -> x.logsumexp(1, false), "lambda a: a[0].logsumexp(1)"));
    rows.add(
        reduction("softmax(1)", Kind.ROWS, x -> x.softmax(1), "lambda a: a[0].softmax(1)")
            .with(Backward.CANCELLING));
    rows.add(
        reduction(
                "logSoftmax(-1)",
                Kind.ROWS,
                x -> x.logSoftmax(-1),
                "lambda a: a[0].log_softmax(-1)")
            .with(Backward.CANCELLING));
    rows.add(reduction("sum()", Kind.EACH_ROW, Variable::sum, "lambda a: a[0].sum()"));
    rows.add(reduction("mean()", Kind.EACH_ROW, Variable::mean, "lambda a: a[0].mean()"));
    rows.add(reduction("max()", Kind.EACH_ROW, Variable::max, "lambda a: a[0].max()"));
    rows.add(
        reduction(
            "logsumexp(0)",
            Kind.EACH_ROW,
            x -> x.logsumexp(0, false),
            "lambda a: a[0].logsumexp(0)"));
    rows.add(
        reduction("rank-0 sum(0)", Kind.SCALARS, x -> x.sum(0, false), "lambda a: a[0].sum(0)"));
    rows.add(
        reduction(
            "rank-0 mean(-1)",
            Kind.SCALARS,
            x -> x.mean(-1, true),
            "lambda a: a[0].mean(-1, True)"));
    rows.add(
        reduction(
            "rank-0 max(0)", Kind.SCALARS, x -> x.max(0, false), "lambda a: a[0].max(0).values"));
    rows.add(reduction("rank-0 max()", Kind.SCALARS, Variable::max, "lambda a: a[0].max()"));
    rows.add(
        reduction(
            "rank-0 logsumexp(-1)",
            Kind.SCALARS,
            x -> x.logsumexp(-1, false),
            "lambda a: a[0].logsumexp(-1)"));
    rows.add(
        reduction(
            "rank-0 softmax(0)", Kind.SCALARS, x -> x.softmax(0), "lambda a: a[0].softmax(0)"));
    rows.add(
        reduction(
            "rank-0 logSoftmax(-1)",
            Kind.SCALARS,
            x -> x.logSoftmax(-1),
            "lambda a: a[0].log_softmax(-1)"));
    return rows;
  }

  private static Tensor labels(int n) {
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      c[i] = i % 3;
    }
    return Tensor.of(c, n);
  }

  private static Tensor alternating(int n) {
    int[] c = new int[n];
    for (int i = 0; i < n; i += 2) {
      c[i] = 1;
    }
    return Tensor.of(c, n);
  }

  /** Returns the row's input sets, as its kind draws them from its grids. */
  private static List<Tensor[]> inputs(Row row) {
    double[] g = row.grids()[0];
    double[] h = row.grids().length > 1 ? row.grids()[1] : g;
    int pairs = g.length * h.length;
    double[] left = new double[pairs];
    double[] right = new double[pairs];
    double[] matrix = new double[pairs * 3];
    for (int i = 0; i < g.length; i++) {
      for (int j = 0; j < h.length; j++) {
        int p = i * h.length + j;
        left[p] = g[i];
        right[p] = h[j];
        matrix[3 * p] = g[i];
        matrix[3 * p + 1] = h[j];
        matrix[3 * p + 2] = 0.5;
      }
    }
    List<Tensor[]> sets = new ArrayList<>();
    switch (row.kind()) {
      case ELEMENTWISE -> sets.add(new Tensor[] {Tensor.of(g.clone(), g.length)});
      case PAIRS -> sets.add(new Tensor[] {Tensor.of(left, pairs), Tensor.of(right, pairs)});
      case ROWS -> sets.add(new Tensor[] {Tensor.of(matrix, pairs, 3)});
      case EACH_ROW -> {
        for (int p = 0; p < pairs; p++) {
          sets.add(new Tensor[] {Tensor.of(new double[] {left[p], right[p], 0.5}, 3)});
        }
      }
      case SCALARS -> {
        for (double v : g) {
          sets.add(new Tensor[] {Tensor.scalar(v, DType.FLOAT64)});
        }
      }
    }
    return sets;
  }

  /** The grid's values repeated over {@code shape}: special values as upstream gradients. */
  private static Tensor cycled(Shape shape) {
    double[] v = new double[shape.numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = GRID[(i + 3) % GRID.length];
    }
    return Tensor.of(v, v.length).reshape(shape.toArray());
  }

  private static Variable[] variables(Tensor[] inputs) {
    Variable[] vars = new Variable[inputs.length];
    for (int i = 0; i < vars.length; i++) {
      vars[i] = new Variable(inputs[i]).requiresGrad(true);
    }
    return vars;
  }

  private static JsonObject encode(Tensor t) {
    JsonObject o = new JsonObject();
    JsonArray shape = new JsonArray();
    for (int size : t.shape().toArray()) {
      shape.add(size);
    }
    JsonArray values = new JsonArray();
    for (double v : t.toDoubleArray()) {
      values.add(Double.toHexString(v));
    }
    o.add("shape", shape);
    o.add("values", values);
    return o;
  }

  private static double[] decode(JsonElement hexes) {
    JsonArray a = hexes.getAsJsonArray();
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.parseDouble(a.get(i).getAsString());
    }
    return out;
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException {
    TorchPython.require();
    JsonArray rowsJson = new JsonArray();
    for (Row row : rows()) {
      List<Sample> samples = new ArrayList<>();
      JsonArray samplesJson = new JsonArray();
      for (Tensor[] inputs : inputs(row)) {
        Shape out = row.jgrad().apply(variables(inputs)).shape();
        List<Tensor> upstream =
            row.backward() == Backward.NONE
                ? List.of()
                : List.of(Tensor.ones(out, inputs[0].dtype()), cycled(out));
        Sample sample = new Sample(inputs, upstream);
        samples.add(sample);
        JsonObject s = new JsonObject();
        JsonArray in = new JsonArray();
        for (Tensor t : inputs) {
          in.add(encode(t));
        }
        JsonArray up = new JsonArray();
        sample.upstream().forEach(t -> up.add(encode(t)));
        s.add("inputs", in);
        s.add("upstream", up);
        samplesJson.add(s);
      }
      SAMPLES.put(row.name(), samples);
      JsonObject r = new JsonObject();
      r.addProperty("name", row.name());
      r.addProperty("torch", row.torch());
      r.add("samples", samplesJson);
      rowsJson.add(r);
    }
    JsonObject spec = new JsonObject();
    spec.add("rows", rowsJson);
    Path in = dir.resolve("special.json");
    Path out = dir.resolve("special.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        SpecialValuesParityTest.class,
        "special_values_parity.py",
        dir,
        in.toString(),
        out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  @TestFactory
  Stream<DynamicTest> everyRowAgreesWithPyTorch() {
    return rows().stream().map(row -> dynamicTest(row.name(), () -> check(row)));
  }

  private static void check(Row row) {
    List<String> mismatches = new ArrayList<>();
    List<Sample> samples = SAMPLES.get(row.name());
    JsonArray reference = torch.getAsJsonArray(row.name());
    assertEquals(samples.size(), reference.size(), row.name() + ": samples");
    for (int s = 0; s < samples.size(); s++) {
      Sample sample = samples.get(s);
      JsonObject expected = reference.get(s).getAsJsonObject();
      Variable out = row.jgrad().apply(variables(sample.inputs()));
      compare(
          row.name() + " sample " + s + " forward",
          out.data(),
          expected.get("out"),
          null,
          mismatches);
      JsonArray grads = expected.getAsJsonArray("grads");
      for (int u = 0; u < sample.upstream().size(); u++) {
        Variable[] vars = variables(sample.inputs());
        row.jgrad().apply(vars).backward(sample.upstream().get(u));
        JsonArray perInput = grads.get(u).getAsJsonArray();
        for (int i = 0; i < vars.length; i++) {
          Tensor grad = vars[i].grad() == null ? Tensor.zerosLike(vars[i].data()) : vars[i].grad();
          String what =
              row.name()
                  + " sample "
                  + s
                  + " upstream "
                  + (u == 0 ? "ones" : "grid")
                  + " grad "
                  + i;
          Tensor upstream = sample.upstream().get(u);
          compare(
              what,
              grad,
              perInput.get(i),
              row.backward() == Backward.CANCELLING ? upstream : null,
              mismatches);
        }
      }
    }
    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " values differ from PyTorch:\n"
            + String.join("\n", mismatches.subList(0, Math.min(25, mismatches.size()))));
  }

  /**
   * Compares one tensor with PyTorch's, adding a line per disagreeing value to {@code mismatches};
   * with {@code cancellingUpstream} (the upstream gradient of a row-wise cancelling op, of the
   * compared tensor's shape), a value also agrees within 1e-15 times the largest finite upstream
   * value of its row.
   */
  private static void compare(
      String what,
      Tensor jgrad,
      JsonElement hexes,
      Tensor cancellingUpstream,
      List<String> mismatches) {
    double[] actual = jgrad.toDoubleArray();
    double[] expected = decode(hexes);
    double[] atol = new double[actual.length];
    if (cancellingUpstream != null) {
      double[] up = cancellingUpstream.toDoubleArray();
      int width = jgrad.shape().size(-1);
      for (int start = 0; start < up.length; start += width) {
        double largest = 0;
        for (int k = start; k < start + width; k++) {
          largest = Double.isFinite(up[k]) ? Math.max(largest, Math.abs(up[k])) : largest;
        }
        Arrays.fill(atol, start, start + width, 1e-15 * largest);
      }
    }
    if (actual.length != expected.length) {
      mismatches.add(what + ": " + actual.length + " values, PyTorch " + expected.length);
      return;
    }
    for (int i = 0; i < actual.length; i++) {
      double a = actual[i];
      double e = expected[i];
      boolean special = !(Double.isFinite(e) && Double.isFinite(a) && e != 0 && a != 0);
      boolean agrees;
      if (special) {
        SPECIAL.incrementAndGet();
        agrees = Double.doubleToLongBits(a) == Double.doubleToLongBits(e);
      } else {
        agrees = Math.abs(a - e) <= RTOL * Math.max(Math.abs(a), Math.abs(e));
      }
      if (!agrees && Double.isFinite(a) && Double.isFinite(e)) {
        agrees = Math.abs(a - e) <= atol[i];
      }
      if (!agrees && !DEVIATIONS.containsKey(what + "[" + i + "]")) {
        mismatches.add(what + "[" + i + "]: jgrad " + a + ", PyTorch " + e);
      }
    }
    COMPARISONS.add(actual.length);
  }

  @AfterAll
  static void report() {
    System.out.println(
        "SpecialValuesParityTest: "
            + rows().size()
            + " rows, "
            + SPECIAL.get()
            + " of the values compared bit for bit as special (NaN, ±inf, ±0)");
    COMPARISONS.report("PyTorch " + TorchPython.version());
  }
}
