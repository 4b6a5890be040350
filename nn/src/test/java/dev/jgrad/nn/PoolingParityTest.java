package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
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
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Functional#maxPool2d}, {@link Functional#avgPool2d} and {@link
 * Functional#adaptiveAvgPool2d} against {@code torch.nn.functional} in float64, over combinations
 * of their options: on random inputs the values and the input gradient agree to 1e-10 relative; on
 * inputs with ties, NaN and infinities inside the windows, max pooling's values and gradients
 * (which say where each maximum was) are bit-identical, and where the averages are not finite they
 * are the same NaN or infinity. The output gradient back-propagated is a fixed set of distinct
 * weights, so a gradient sent to the wrong element shows. All cases run in one Python process; the
 * test reports how many values it compared, and fails in CI when torch is missing ({@link
 * TorchPython}).
 */
class PoolingParityTest {
  private static final double RTOL = 1e-10;
  private static final Comparisons COMPARISONS = new Comparisons("PoolingParityTest");

  private static JsonObject torch;

  /**
   * One pooling call: its input (differentiated, read through a transposed view when {@code
   * transposed}), jgrad call, torch expression in {@code x}, and whether non-finite values are
   * expected.
   */
  private record Case(
      String name,
      Tensor input,
      boolean transposed,
      UnaryOperator<Variable> jgrad,
      String torch,
      boolean special) {
    Variable leaf() {
      Tensor x = transposed ? input.transpose(-2, -1).copy().transpose(-2, -1) : input;
      return new Variable(x).requiresGrad(true);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Tensor uniform(SplittableRandom rnd, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(-3, 3);
    }
    return Tensor.of(v, shape);
  }

  /** Values in three levels (so windows hold ties), with NaN, +inf, -inf and -0 sprinkled in. */
  private static Tensor awkward(SplittableRandom rnd, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      int r = rnd.nextInt(24);
      v[i] =
          switch (r) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -0.0;
            default -> r % 3 - 1;
          };
    }
    return Tensor.of(v, shape);
  }

  private static final List<Case> CASES = cases();

  private static List<Case> cases() {
    SplittableRandom rnd = new SplittableRandom(1914);
    List<Case> c = new ArrayList<>();
    Tensor x4 = uniform(rnd, 2, 3, 8, 8);
    Tensor odd = uniform(rnd, 2, 2, 7, 9);
    Tensor batch1 = uniform(rnd, 1, 3, 9, 9);
    Tensor unbatched = uniform(rnd, 3, 6, 7);
    Tensor wide = uniform(rnd, 2, 2, 5, 12);
    addMax(c, "max k2", x4, MaxPool2d.options(2), "2");
    addMax(c, "max k2 odd", odd, MaxPool2d.options(2), "2");
    addMax(c, "max k2 ceil odd", odd, MaxPool2d.options(2).ceilMode(true), "2, ceil_mode=True");
    addMax(c, "max k3 s2 p1", batch1, MaxPool2d.options(3).stride(2).padding(1), "3, 2, 1");
    addMax(
        c,
        "max k3 s2 p1 ceil",
        x4,
        MaxPool2d.options(3).stride(2).padding(1).ceilMode(true),
        "3, 2, 1, ceil_mode=True");
    addMax(
        c,
        "max k(2,3) s(1,2) p(1,1) d(2,1)",
        odd,
        MaxPool2d.options(2, 3).stride(1, 2).padding(1, 1).dilation(2, 1),
        "(2, 3), (1, 2), (1, 1), (2, 1)");
    addMax(
        c,
        "max k3 s1 p1 d2 ceil",
        batch1,
        MaxPool2d.options(3).stride(1).padding(1).dilation(2).ceilMode(true),
        "3, 1, 1, 2, ceil_mode=True");
    addMax(
        c,
        "max k(3,2) s(3,2) p(1,1) d2 ceil",
        wide,
        MaxPool2d.options(3, 2).stride(3, 2).padding(1, 1).dilation(2).ceilMode(true),
        "(3, 2), (3, 2), (1, 1), 2, ceil_mode=True");
    addMax(c, "max k2 unbatched", unbatched, MaxPool2d.options(2), "2");
    addAvg(c, "avg k2", x4, AvgPool2d.options(2), "2");
    addAvg(c, "avg k2 ceil odd", odd, AvgPool2d.options(2).ceilMode(true), "2, ceil_mode=True");
    for (boolean ceil : new boolean[] {false, true}) {
      for (boolean include : new boolean[] {true, false}) {
        String py = "3, 2, 1, ceil_mode=" + py(ceil) + ", count_include_pad=" + py(include);
        AvgPool2d.Options o =
            AvgPool2d.options(3).stride(2).padding(1).ceilMode(ceil).countIncludePad(include);
        addAvg(c, "avg k3 s2 p1 " + py, odd, o, py);
        addAvg(c, "avg k(3,2) s(2,1) p(1,1) on 8x8 " + py, x4, o, py);
      }
    }
    addAvg(
        c,
        "avg k(3,2) s(2,1) p(1,1) ceil",
        wide,
        AvgPool2d.options(3, 2).stride(2, 1).padding(1, 1).ceilMode(true),
        "(3, 2), (2, 1), (1, 1), ceil_mode=True");
    addAvg(
        c,
        "avg k2 s2 p1 ceil (a window starting in the right padding is dropped)",
        uniform(rnd, 1, 2, 6, 6),
        AvgPool2d.options(2).stride(2).padding(1).ceilMode(true),
        "2, 2, 1, ceil_mode=True");
    addAvg(
        c,
        "avg k3 s2 p1 divisor 4",
        batch1,
        AvgPool2d.options(3).stride(2).padding(1).divisorOverride(4),
        "3, 2, 1, divisor_override=4");
    addAvg(
        c,
        "avg k2 divisor -3",
        x4,
        AvgPool2d.options(2).divisorOverride(-3),
        "2, divisor_override=-3");
    addAvg(c, "avg k3 s1 unbatched", unbatched, AvgPool2d.options(3).stride(1), "3, 1");
    int[][] outputs = {{1, 1}, {2, 3}, {3, 3}, {5, 7}, {4, 4}, {9, 11}};
    for (int[] out : outputs) {
      addAdaptive(c, "adaptive " + out[0] + "x" + out[1] + " of 8x8", x4, out);
      addAdaptive(c, "adaptive " + out[0] + "x" + out[1] + " of 7x9", odd, out);
    }
    addAdaptive(c, "adaptive 4x5 of unbatched 6x7", unbatched, new int[] {4, 5});
    Tensor ties = awkward(rnd, 2, 3, 8, 9);
    Tensor tiesUnbatched = awkward(rnd, 4, 7, 6);
    List<Case> special = new ArrayList<>();
    addMax(special, "special max k2", ties, MaxPool2d.options(2), "2");
    addMax(special, "special max k2 unbatched", tiesUnbatched, MaxPool2d.options(2), "2");
    addMax(
        special,
        "special max k3 s1 p1",
        ties,
        MaxPool2d.options(3).stride(1).padding(1),
        "3, 1, 1");
    addMax(
        special,
        "special max k3 s2 p1 d2 ceil",
        ties,
        MaxPool2d.options(3).stride(2).padding(1).dilation(2).ceilMode(true),
        "3, 2, 1, 2, ceil_mode=True");
    addMax(
        special,
        "special max k(2,4) s(1,3) ceil",
        tiesUnbatched,
        MaxPool2d.options(2, 4).stride(1, 3).ceilMode(true),
        "(2, 4), (1, 3), ceil_mode=True");
    addAvg(special, "special avg k2", ties, AvgPool2d.options(2), "2");
    addAvg(
        special,
        "special avg k3 s2 p1 ceil",
        ties,
        AvgPool2d.options(3).stride(2).padding(1).ceilMode(true).countIncludePad(false),
        "3, 2, 1, ceil_mode=True, count_include_pad=False");
    addAdaptive(special, "special adaptive 3x4", ties, new int[] {3, 4});
    for (Case s : special) {
      c.add(new Case(s.name(), s.input(), s.transposed(), s.jgrad(), s.torch(), true));
    }
    return c;
  }

  private static String py(boolean b) {
    return b ? "True" : "False";
  }

  /** Adds the case on the input as it is and on a transposed (non-contiguous) copy. */
  private static void add(
      List<Case> c, String name, Tensor x, UnaryOperator<Variable> f, String t) {
    c.add(new Case(name, x, false, f, t, false));
    c.add(new Case(name + ", non-contiguous", x, true, f, t, false));
  }

  private static void addMax(List<Case> c, String name, Tensor x, MaxPool2d.Options o, String a) {
    add(c, name, x, v -> Functional.maxPool2d(v, o), "F.max_pool2d(x, " + a + ")");
  }

  private static void addAvg(List<Case> c, String name, Tensor x, AvgPool2d.Options o, String a) {
    add(c, name, x, v -> Functional.avgPool2d(v, o), "F.avg_pool2d(x, " + a + ")");
  }

  private static void addAdaptive(List<Case> c, String name, Tensor x, int[] out) {
    add(
        c,
        name,
        x,
        v -> Functional.adaptiveAvgPool2d(v, out[0], out[1]),
        "F.adaptive_avg_pool2d(x, (" + out[0] + ", " + out[1] + "))");
  }

  /** The gradient fed to backward: distinct weights, so that each output's gradient is its own. */
  private static Tensor gradOutput(Shape shape) {
    double[] w = new double[shape.numel()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.5 + 0.25 * i;
    }
    return Tensor.of(w, shape.toArray());
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException {
    TorchPython.require();
    JsonArray spec = new JsonArray();
    for (Case c : CASES) {
      Variable out = c.jgrad().apply(c.leaf());
      JsonObject o = new JsonObject();
      o.addProperty("name", c.name());
      o.add("input", TorchJson.encode(c.input()));
      o.addProperty("transposed", c.transposed());
      o.addProperty("torch", c.torch());
      o.add("grad_output", TorchJson.encode(gradOutput(out.shape())));
      spec.add(o);
    }
    Path in = dir.resolve("pooling.json");
    Path out = dir.resolve("pooling.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        PoolingParityTest.class, "pooling_parity.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  static Stream<Case> poolingCases() {
    return CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("poolingCases")
  void valuesAndInputGradientMatchTorch(Case c) {
    Variable x = c.leaf();
    Variable out = c.jgrad().apply(x);
    out.backward(gradOutput(out.shape()));
    JsonObject expected = torch.getAsJsonObject(c.name());
    assertEquals(
        expected.get("shape"), new Gson().toJsonTree(out.shape().toArray()), "output shape");
    double[] value = out.data().toDoubleArray();
    double[] grad = x.grad().toDoubleArray();
    double[] torchValue = TorchJson.decode(expected.get("value"));
    double[] torchGrad = TorchJson.decode(expected.get("grad"));
    if (!c.special()) {
      COMPARISONS.assertClose(c.name() + ": value", value, torchValue, RTOL);
      COMPARISONS.assertClose(c.name() + ": d/dinput", grad, torchGrad, RTOL);
    } else if (c.torch().startsWith("F.max_pool2d")) {
      assertIdentical(c.name() + ": value", value, torchValue);
      assertIdentical(c.name() + ": d/dinput", grad, torchGrad);
    } else {
      assertCloseOrSameNonFinite(c.name() + ": value", value, torchValue);
      COMPARISONS.assertClose(c.name() + ": d/dinput", grad, torchGrad, RTOL);
    }
  }

  /** Asserts equal values, NaN equal to NaN and 0 different from -0. */
  private static void assertIdentical(String what, double[] jgrad, double[] reference) {
    assertEquals(reference.length, jgrad.length, what + ": number of values");
    for (int i = 0; i < jgrad.length; i++) {
      if (Double.compare(jgrad[i], reference[i]) != 0) {
        fail(String.format("%s[%d]: jgrad %s vs torch %s", what, i, jgrad[i], reference[i]));
      }
    }
    COMPARISONS.add(jgrad.length);
  }

  /** Asserts the same NaN or infinity where torch's value is not finite, 1e-10 elsewhere. */
  private static void assertCloseOrSameNonFinite(String what, double[] jgrad, double[] reference) {
    assertEquals(reference.length, jgrad.length, what + ": number of values");
    for (int i = 0; i < jgrad.length; i++) {
      boolean finite = Double.isFinite(reference[i]);
      double rel =
          Math.abs(jgrad[i] - reference[i])
              / Math.max(Double.MIN_NORMAL, Math.max(Math.abs(jgrad[i]), Math.abs(reference[i])));
      boolean ok = finite ? rel <= RTOL : Double.compare(jgrad[i], reference[i]) == 0;
      if (!ok) {
        fail(String.format("%s[%d]: jgrad %s vs torch %s", what, i, jgrad[i], reference[i]));
      }
    }
    COMPARISONS.add(jgrad.length);
  }

  @AfterAll
  static void report() {
    if (torch != null) {
      COMPARISONS.report("torch " + TorchPython.version());
    }
  }
}
