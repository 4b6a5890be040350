package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
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
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ClipGrad#clipGradNorm} against {@code torch.nn.utils.clip_grad_norm_} in float64: the
 * returned total norm and the clipped gradients must agree to 1e-12 relative, for norms 1, 2, 3 and
 * ∞ and for a {@code max_norm} below the total (clipping) and above it (no change). The parameters
 * have three shapes, and a fourth has no gradient. {@link ClipGrad#clipGradValue} is compared with
 * {@code torch.nn.utils.clip_grad_value_} on the same gradients for {@code clip_value} 0, 0.5, 1.7
 * and 1000 (no change). All cases run in one Python process. The test reports how many values it
 * compared, and fails in CI when torch is missing ({@link TorchPython}).
 */
class ClipGradParityTest {
  private static final double RTOL = 1e-12;
  private static final int[][] SHAPES = {{3, 4}, {5}, {2, 2, 2}, {2}};

  private static final Comparisons COMPARISONS = new Comparisons("ClipGradParityTest");

  private static JsonObject torch;
  private static double worst;

  /** One call: {@code max_norm} and {@code norm_type}. */
  private record Case(double maxNorm, double normType) {
    @Override
    public String toString() {
      return "max_norm=" + maxNorm + " norm_type=" + normType;
    }
  }

  static Stream<Case> clipCases() {
    List<Case> cases = new ArrayList<>();
    for (double normType : new double[] {2, Double.POSITIVE_INFINITY, 1, 3}) {
      for (double maxNorm : new double[] {0.5, 1000}) {
        cases.add(new Case(maxNorm, normType));
      }
    }
    return cases.stream();
  }

  static DoubleStream clipValues() {
    return DoubleStream.of(0, 0.5, 1.7, 1000);
  }

  /** The gradients, one per shape; the last parameter has none. */
  private static List<Tensor> gradients() {
    SplittableRandom rnd = new SplittableRandom(5);
    List<Tensor> grads = new ArrayList<>();
    for (int i = 0; i < SHAPES.length - 1; i++) {
      double[] v = new double[Shape.of(SHAPES[i]).numel()];
      for (int k = 0; k < v.length; k++) {
        v[k] = (i + 1) * rnd.nextDouble(-1, 1);
      }
      grads.add(Tensor.of(v, SHAPES[i]));
    }
    grads.add(null);
    return grads;
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException, InterruptedException {
    TorchPython.require();
    JsonObject spec = new JsonObject();
    JsonArray shapes = new JsonArray();
    JsonArray grads = new JsonArray();
    for (int i = 0; i < SHAPES.length; i++) {
      Tensor g = gradients().get(i);
      shapes.add(new Gson().toJsonTree(SHAPES[i]));
      grads.add(g == null ? JsonNull.INSTANCE : TorchJson.encode(g));
    }
    spec.add("shapes", shapes);
    spec.add("grads", grads);
    JsonArray cases = new JsonArray();
    clipCases()
        .forEach(
            c -> {
              JsonObject o = new JsonObject();
              o.addProperty("name", c.toString());
              o.addProperty("max_norm", Double.toHexString(c.maxNorm()));
              o.addProperty("norm_type", Double.toString(c.normType()));
              cases.add(o);
            });
    spec.add("cases", cases);
    JsonArray values = new JsonArray();
    clipValues().forEach(v -> values.add(Double.toHexString(v)));
    spec.add("clip_values", values);
    Path in = dir.resolve("clip.json");
    Path out = dir.resolve("clip.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        ClipGradParityTest.class, "clip_grad_parity.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clipCases")
  void totalNormAndClippedGradientsMatchTorch(Case c) {
    List<Variable> params = new ArrayList<>();
    List<Tensor> grads = gradients();
    for (int i = 0; i < SHAPES.length; i++) {
      Variable p =
          new Variable(Tensor.zeros(Shape.of(SHAPES[i]), DType.FLOAT64)).requiresGrad(true);
      p.setGrad(grads.get(i));
      params.add(p);
    }
    double total = ClipGrad.clipGradNorm(params, c.maxNorm(), c.normType());
    JsonObject expected = torch.getAsJsonObject(c.toString());
    worst =
        Math.max(
            worst,
            COMPARISONS.assertClose(
                "total norm", new double[] {total}, TorchJson.decode(expected.get("total")), RTOL));
    for (int i = 0; i < SHAPES.length - 1; i++) {
      worst =
          Math.max(
              worst,
              COMPARISONS.assertClose(
                  "clipped gradient " + i,
                  params.get(i).grad().toDoubleArray(),
                  TorchJson.decode(expected.getAsJsonArray("grads").get(i)),
                  RTOL));
    }
    assertNull(params.get(SHAPES.length - 1).grad(), "a missing gradient stays missing");
  }

  @ParameterizedTest(name = "clip_value={0}")
  @MethodSource("clipValues")
  void clippedValuesMatchTorch(double clipValue) {
    List<Variable> params = new ArrayList<>();
    List<Tensor> grads = gradients();
    for (int i = 0; i < SHAPES.length; i++) {
      Variable p =
          new Variable(Tensor.zeros(Shape.of(SHAPES[i]), DType.FLOAT64)).requiresGrad(true);
      p.setGrad(grads.get(i));
      params.add(p);
    }
    ClipGrad.clipGradValue(params, clipValue);
    JsonArray expected = torch.getAsJsonArray("clip_value=" + Double.toHexString(clipValue));
    for (int i = 0; i < SHAPES.length - 1; i++) {
      worst =
          Math.max(
              worst,
              COMPARISONS.assertClose(
                  "value-clipped gradient " + i,
                  params.get(i).grad().toDoubleArray(),
                  TorchJson.decode(expected.get(i)),
                  RTOL));
    }
    assertNull(params.get(SHAPES.length - 1).grad(), "a missing gradient stays missing");
  }

  @AfterAll
  static void report() {
    if (torch != null) {
      System.out.printf(
          "clipGradNorm and clipGradValue vs torch.nn.utils: max relative difference %.3g%n",
          worst);
      COMPARISONS.report("torch " + TorchPython.version());
    }
  }
}
