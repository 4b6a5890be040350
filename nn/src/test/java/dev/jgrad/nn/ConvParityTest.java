package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Functional#conv2d}, {@link Functional#conv1d} and the {@link Conv2d} and {@link Conv1d}
 * modules against {@code torch.nn.functional} and {@code torch.nn} in float64, over many option
 * combinations: the output and the gradients with respect to the input, the weight and the bias
 * must agree to 1e-10 relative. Module cases build the layer in both with the same arguments and
 * give torch's layer jgrad's parameters. All cases run in one Python process; the test reports how
 * many values it compared, and fails in CI when torch is missing ({@link TorchPython}).
 */
class ConvParityTest {
  private static final double RTOL = 1e-10;

  private static final Comparisons COMPARISONS = new Comparisons("ConvParityTest");

  private static JsonObject torch;
  private static double worst;

  /** How a case runs in jgrad: on the input, and a weight and bias or a module's parameters. */
  private interface Call {
    Run run(Variable x, Tensor w, Tensor b);
  }

  /** A functional call on three leaves. */
  private interface Conv {
    Variable apply(Variable x, Variable w, Variable b);
  }

  /** The result of running a case in jgrad: the output and the three differentiated tensors. */
  private record Run(Variable out, Variable x, Variable w, Variable b) {}

  /**
   * One case: its input (possibly a non-contiguous view), weight and bias (null for none), the
   * jgrad call, and the torch expression: a functional one in x, w and b, or a module whose
   * parameters the script sets.
   */
  private record Case(
      String name,
      Tensor input,
      Tensor weight,
      Tensor bias,
      Call jgrad,
      String torch,
      boolean module) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Tensor uniform(SplittableRandom rnd, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(-1, 1);
    }
    return Tensor.of(v, shape);
  }

  /** The cases of one builder of lists, seeded once so that every run sees the same values. */
  private static final class Cases {
    private final SplittableRandom rnd = new SplittableRandom(1914);
    private final List<Case> list = new ArrayList<>();

    /**
     * Adds a functional case with random operands of the given shapes, named by its torch
     * expression and an optional remark in parentheses.
     */
    Cases function(String torch, int[] x, int[] w, boolean bias, Conv conv) {
      Call jgrad = call(conv);
      Tensor b = bias ? uniform(rnd, w[0]) : null;
      String expr = torch.replaceFirst(" \\(.*\\)$", "");
      list.add(new Case(torch, uniform(rnd, x), uniform(rnd, w), b, jgrad, expr, false));
      return this;
    }

    /** Adds a functional case on given operands. */
    Cases function(String name, Tensor x, Tensor w, Tensor b, Conv conv, String torch) {
      list.add(new Case(name, x, w, b, call(conv), torch, false));
      return this;
    }

    /** Adds a module case: jgrad's module (in FLOAT64) and torch's expression for the same one. */
    Cases module(String torch, int[] x, Function<Generator, ConvLayer> build) {
      int seed = list.size();
      ConvLayer m = build.apply(Generator.seeded(seed));
      Tensor b = m.bias() == null ? null : m.bias().data();
      String expr = torch.replaceFirst("\\)$", ", dtype=torch.float64)");
      Call jgrad =
          (xv, wv, bv) -> {
            ConvLayer fresh = build.apply(Generator.seeded(seed));
            return new Run(fresh.forward(xv), xv, fresh.weight(), fresh.bias());
          };
      list.add(new Case(torch, uniform(rnd, x), m.weight().data(), b, jgrad, expr, true));
      return this;
    }

    SplittableRandom rnd() {
      return rnd;
    }
  }

  private static int[] s(int... sizes) {
    return sizes;
  }

  private static Call call(Conv conv) {
    return (x, w, b) -> {
      Variable wv = new Variable(w).requiresGrad(true);
      Variable bv = b == null ? null : new Variable(b).requiresGrad(true);
      return new Run(conv.apply(x, wv, bv), x, wv, bv);
    };
  }

  private static Conv conv2d(ConvOptions o) {
    return (x, w, b) -> Functional.conv2d(x, w, b, o);
  }

  private static Conv conv1d(ConvOptions o) {
    return (x, w, b) -> Functional.conv1d(x, w, b, o);
  }

  static List<Case> cases() {
    ConvOptions d = ConvOptions.defaults();
    Cases c = new Cases();
    c.function(
            "F.conv2d(x, w, b, padding=2)",
            s(3, 1, 28, 28),
            s(6, 1, 5, 5),
            true,
            conv2d(d.padding(2)))
        .function("F.conv2d(x, w, b)", s(3, 6, 14, 14), s(16, 6, 5, 5), true, conv2d(d))
        .function(
            "F.conv2d(x, w, b, stride=2, padding=1)",
            s(2, 3, 9, 8),
            s(4, 3, 3, 3),
            true,
            conv2d(d.stride(2).padding(1)))
        .function(
            "F.conv2d(x, w, b, stride=(2, 3), padding=(1, 2), dilation=(2, 1))",
            s(2, 2, 11, 13),
            s(3, 2, 3, 2),
            true,
            conv2d(d.stride(2, 3).padding(1, 2).dilation(2, 1)))
        .function(
            "F.conv2d(x, w, b, groups=2)", s(2, 4, 7, 7), s(6, 2, 3, 3), true, conv2d(d.groups(2)))
        .function(
            "F.conv2d(x, w, b, padding=1, groups=3)",
            s(2, 3, 8, 8),
            s(6, 1, 3, 3),
            true,
            conv2d(d.padding(1).groups(3)))
        .function(
            "F.conv2d(x, w, b, padding='same')",
            s(2, 2, 7, 6),
            s(3, 2, 4, 4),
            true,
            conv2d(d.padding("same")))
        .function(
            "F.conv2d(x, w, b, padding='same', dilation=(2, 3))",
            s(1, 2, 9, 7),
            s(2, 2, 3, 2),
            true,
            conv2d(d.padding("same").dilation(2, 3)))
        .function(
            "F.conv2d(x, w, None, padding='valid')",
            s(2, 3, 6, 6),
            s(2, 3, 3, 3),
            false,
            conv2d(d.padding("valid")))
        .function(
            "F.conv2d(x, w, None, stride=2)",
            s(1, 5, 9, 11),
            s(7, 5, 3, 5),
            false,
            conv2d(d.stride(2)))
        .function(
            "F.conv2d(x, w, b, padding=2) (1x1 kernel)",
            s(2, 3, 5, 5),
            s(4, 3, 1, 1),
            true,
            conv2d(d.padding(2)))
        .function(
            "F.conv2d(x, w, b, padding=3, dilation=2)",
            s(2, 2, 5, 6),
            s(3, 2, 3, 3),
            true,
            conv2d(d.padding(3).dilation(2)))
        .function(
            "F.conv2d(x, w, b, stride=3)", s(2, 2, 8, 8), s(3, 2, 2, 2), true, conv2d(d.stride(3)))
        .function(
            "F.conv2d(x, w, b, stride=(1, 2), padding=(0, 1), groups=2)",
            s(3, 4, 6, 9),
            s(4, 2, 2, 3),
            true,
            conv2d(d.stride(1, 2).padding(0, 1).groups(2)))
        .function("F.conv2d(x, w, b) (unbatched)", s(3, 6, 7), s(2, 3, 3, 3), true, conv2d(d))
        .function("F.conv2d(x, w, b) (empty batch)", s(0, 2, 5, 5), s(3, 2, 3, 3), true, conv2d(d));
    Tensor wide = uniform(c.rnd(), 2, 3, 7, 8);
    c.function(
        "F.conv2d(x, w, b, padding=1) (transposed input and weight)",
        wide.transpose(2, 3),
        uniform(c.rnd(), 4, 3, 2, 3).transpose(2, 3),
        uniform(c.rnd(), 4),
        conv2d(d.padding(1)),
        "F.conv2d(x, w, b, padding=1)");
    c.function(
        "F.conv2d(x, w, b, stride=2) (sliced input)",
        uniform(c.rnd(), 2, 3, 9, 13).slice(3, 1, 13, 2),
        uniform(c.rnd(), 2, 3, 3, 3),
        uniform(c.rnd(), 2),
        conv2d(d.stride(2)),
        "F.conv2d(x, w, b, stride=2)");
    c.function("F.conv1d(x, w, b, padding=2)", s(3, 4, 20), s(6, 4, 5), true, conv1d(d.padding(2)))
        .function(
            "F.conv1d(x, w, b, stride=2, dilation=2)",
            s(2, 3, 17),
            s(5, 3, 3),
            true,
            conv1d(d.stride(2).dilation(2)))
        .function(
            "F.conv1d(x, w, b, padding='same', groups=2)",
            s(2, 4, 9),
            s(6, 2, 4),
            true,
            conv1d(d.padding("same").groups(2)))
        .function(
            "F.conv1d(x, w, b, padding=1, groups=3)",
            s(2, 3, 10),
            s(3, 1, 3),
            true,
            conv1d(d.padding(1).groups(3)))
        .function("F.conv1d(x, w, b) (unbatched)", s(4, 12), s(2, 4, 3), true, conv1d(d))
        .function(
            "F.conv1d(x, w, None, padding='valid')",
            s(1, 2, 7),
            s(3, 2, 7),
            false,
            conv1d(d.padding("valid")));
    c.function(
        "F.conv1d(x, w, b, stride=3) (transposed input)",
        uniform(c.rnd(), 2, 15, 3).transpose(1, 2),
        uniform(c.rnd(), 4, 3, 2),
        uniform(c.rnd(), 4),
        conv1d(d.stride(3)),
        "F.conv1d(x, w, b, stride=3)");
    c.module(
            "nn.Conv2d(1, 6, 5, padding=2)",
            s(2, 1, 12, 12),
            gen -> Conv2d.builder(1, 6, 5).padding(2).dtype(DType.FLOAT64).generator(gen).build())
        .module(
            "nn.Conv2d(4, 6, (3, 5), stride=(2, 1), padding=(1, 2), groups=2)",
            s(2, 4, 9, 10),
            gen ->
                Conv2d.builder(4, 6, 3, 5)
                    .stride(2, 1)
                    .padding(1, 2)
                    .groups(2)
                    .dtype(DType.FLOAT64)
                    .generator(gen)
                    .build())
        .module(
            "nn.Conv2d(3, 3, 3, padding='same', dilation=2, groups=3, bias=False)",
            s(2, 3, 8, 7),
            gen ->
                Conv2d.builder(3, 3, 3)
                    .padding("same")
                    .dilation(2)
                    .groups(3)
                    .bias(false)
                    .dtype(DType.FLOAT64)
                    .generator(gen)
                    .build())
        .module(
            "nn.Conv1d(4, 6, 3, stride=2, padding=1)",
            s(3, 4, 11),
            gen ->
                Conv1d.builder(4, 6, 3)
                    .stride(2)
                    .padding(1)
                    .dtype(DType.FLOAT64)
                    .generator(gen)
                    .build())
        .module(
            "nn.Conv1d(3, 6, 4, padding='same', groups=3)",
            s(2, 3, 9),
            gen ->
                Conv1d.builder(3, 6, 4)
                    .padding("same")
                    .groups(3)
                    .dtype(DType.FLOAT64)
                    .generator(gen)
                    .build());
    return c.list;
  }

  /** Fixed distinct weights for the gradient fed to backward. */
  private static Tensor gradOutput(int[] shape) {
    double[] w = new double[Shape.of(shape).numel()];
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.sin(0.7 * i + 0.3);
    }
    return Tensor.of(w, shape);
  }

  private static Run run(Case c) {
    return c.jgrad().run(new Variable(c.input()).requiresGrad(true), c.weight(), c.bias());
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException {
    TorchPython.require();
    JsonArray spec = new JsonArray();
    for (Case c : cases()) {
      Run run = run(c);
      JsonObject o = new JsonObject();
      o.addProperty("name", c.name());
      o.addProperty("kind", c.module() ? "module" : "function");
      o.add("input", TorchJson.encode(c.input()));
      o.add("weight", TorchJson.encode(c.weight()));
      if (c.bias() != null) {
        o.add("bias", TorchJson.encode(c.bias()));
      }
      o.addProperty("torch", c.torch());
      o.add("grad_output", TorchJson.encode(gradOutput(run.out().shape().toArray())));
      spec.add(o);
    }
    Path in = dir.resolve("conv.json");
    Path out = dir.resolve("conv.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        ConvParityTest.class, "conv_parity.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  static Stream<Case> convCases() {
    return cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("convCases")
  void outputAndGradientsMatchTorch(Case c) {
    Run run = run(c);
    run.out().backward(gradOutput(run.out().shape().toArray()));
    JsonObject expected = torch.getAsJsonObject(c.name());
    assertEquals(
        expected.get("shape"), new Gson().toJsonTree(run.out().shape().toArray()), "output shape");
    compare(c, "output", run.out().data(), expected.get("value"));
    compare(c, "d/dinput", run.x().grad(), expected.get("input"));
    compare(c, "d/dweight", run.w().grad(), expected.get("weight"));
    if (c.bias() != null) {
      compare(c, "d/dbias", run.b().grad(), expected.get("bias"));
    }
  }

  private static void compare(Case c, String what, Tensor actual, JsonElement ref) {
    worst =
        Math.max(
            worst,
            COMPARISONS.assertClose(
                c.name() + ": " + what, actual.toDoubleArray(), TorchJson.decode(ref), RTOL));
  }

  @AfterAll
  static void report() {
    if (torch == null) {
      return;
    }
    System.out.printf("Convolutions vs torch: max relative difference %.3g%n", worst);
    COMPARISONS.report("torch " + TorchPython.version());
  }
}
