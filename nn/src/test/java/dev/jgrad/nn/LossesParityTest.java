package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
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
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss, with every reduction, against {@code torch.nn.functional} in float64: the value and
 * the gradient with respect to the input must agree to 1e-12 relative. Outputs that are not scalars
 * are back-propagated with the same fixed gradient in both. All cases run in one Python process;
 * the test reports how many values it compared, and fails in CI when torch is missing ({@link
 * TorchPython}).
 */
class LossesParityTest {
  private static final double RTOL = 1e-12;
  private static final int N = 5;
  private static final int C = 4;

  private static final Comparisons COMPARISONS = new Comparisons("LossesParityTest");

  private static JsonObject torch;
  private static double worstValue;
  private static double worstGrad;

  /** One loss call: its input (differentiated), target, jgrad call and torch expression. */
  private record Case(
      String name,
      Tensor input,
      Tensor target,
      BiFunction<Variable, Tensor, Variable> jgrad,
      String torch) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Tensor uniform(SplittableRandom rnd, double lo, double hi, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(lo, hi);
    }
    return Tensor.of(v, shape);
  }

  private static Tensor softTargets(SplittableRandom rnd) {
    double[] v = new double[N * C];
    for (int n = 0; n < N; n++) {
      double sum = 0;
      for (int c = 0; c < C; c++) {
        v[n * C + c] = rnd.nextDouble(0, 1);
        sum += v[n * C + c];
      }
      for (int c = 0; c < C; c++) {
        v[n * C + c] /= sum;
      }
    }
    return Tensor.of(v, N, C);
  }

  static List<Case> cases() {
    SplittableRandom rnd = new SplittableRandom(1913);
    Tensor logits = uniform(rnd, -3, 3, N, C);
    Tensor labels = Tensor.of(new int[] {3, 0, 1, 3, 2}, N);
    Tensor soft = softTargets(rnd);
    Tensor probabilities = uniform(rnd, 0.02, 0.98, N, C);
    Tensor binaryTargets = uniform(rnd, 0, 1, N, C);
    double[] withZeros = uniform(rnd, -4, 4, N, C).toDoubleArray();
    withZeros[1] = 0;
    withZeros[6] = 0;
    Tensor logitsWithZeros = Tensor.of(withZeros, N, C);
    double[] zeroOne = new double[N * C];
    for (int i = 0; i < zeroOne.length; i++) {
      zeroOne[i] = rnd.nextBoolean() ? 1 : 0;
    }
    Tensor hardTargets = Tensor.of(zeroOne, N, C);
    double[] saturated = probabilities.toDoubleArray();
    saturated[0] = 0;
    saturated[5] = 1;
    saturated[10] = 0;
    saturated[15] = 1;
    Tensor saturatedProbabilities = Tensor.of(saturated, N, C);
    Tensor regressionTargets = uniform(rnd, -2, 2, N, C);
    List<Case> cases = new ArrayList<>();
    for (Reduction r : Reduction.values()) {
      String red = ", reduction='" + r.name().toLowerCase() + "')";
      cases.add(
          new Case(
              "cross_entropy, class indices, " + r,
              logits,
              labels,
              (x, t) -> Losses.crossEntropy(x, t, r),
              "F.cross_entropy(x, t" + red));
      cases.add(
          new Case(
              "cross_entropy, probabilities, " + r,
              logits,
              soft,
              (x, t) -> Losses.crossEntropy(x, t, r),
              "F.cross_entropy(x, t" + red));
      cases.add(
          new Case(
              "nll_loss, " + r,
              logits,
              labels,
              (x, t) -> Losses.nllLoss(x, t, r),
              "F.nll_loss(x, t" + red));
      cases.add(
          new Case(
              "mse_loss, " + r,
              logits,
              regressionTargets,
              (x, t) -> Losses.mseLoss(x, new Variable(t), r),
              "F.mse_loss(x, t" + red));
      cases.add(
          new Case(
              "binary_cross_entropy, soft targets, " + r,
              probabilities,
              binaryTargets,
              (x, t) -> Losses.binaryCrossEntropy(x, t, r),
              "F.binary_cross_entropy(x, t" + red));
      cases.add(
          new Case(
              "binary_cross_entropy, 0/1 targets, " + r,
              probabilities,
              hardTargets,
              (x, t) -> Losses.binaryCrossEntropy(x, t, r),
              "F.binary_cross_entropy(x, t" + red));
      cases.add(
          new Case(
              "binary_cross_entropy, probabilities 0 and 1, " + r,
              saturatedProbabilities,
              hardTargets,
              (x, t) -> Losses.binaryCrossEntropy(x, t, r),
              "F.binary_cross_entropy(x, t" + red));
      cases.add(
          new Case(
              "binary_cross_entropy_with_logits, " + r,
              logitsWithZeros,
              binaryTargets,
              (x, t) -> Losses.binaryCrossEntropyWithLogits(x, t, r),
              "F.binary_cross_entropy_with_logits(x, t" + red));
    }
    return cases;
  }

  /** The gradient fed to backward: 1 for a scalar loss, fixed distinct weights otherwise. */
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
  static void runTorch(@TempDir Path dir) throws IOException, InterruptedException {
    TorchPython.require();
    JsonArray spec = new JsonArray();
    for (Case c : cases()) {
      Variable out = c.jgrad().apply(new Variable(c.input()).requiresGrad(true), c.target());
      JsonObject o = new JsonObject();
      o.addProperty("name", c.name());
      o.add("input", TorchJson.encode(c.input()));
      o.add("target", TorchJson.encode(c.target()));
      o.addProperty("torch", c.torch());
      o.add("grad_output", TorchJson.encode(gradOutput(out.shape().toArray())));
      spec.add(o);
    }
    Path in = dir.resolve("losses.json");
    Path out = dir.resolve("losses.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        LossesParityTest.class, "losses_parity.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  static Stream<Case> lossCases() {
    return cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lossCases")
  void valueAndInputGradientMatchTorch(Case c) {
    Variable x = new Variable(c.input()).requiresGrad(true);
    Variable out = c.jgrad().apply(x, c.target());
    out.backward(gradOutput(out.shape().toArray()));
    JsonObject expected = torch.getAsJsonObject(c.name());
    assertEquals(
        expected.get("shape"), new Gson().toJsonTree(out.shape().toArray()), "output shape");
    worstValue =
        Math.max(
            worstValue,
            COMPARISONS.assertClose(
                c.name() + ": value",
                out.data().toDoubleArray(),
                TorchJson.decode(expected.get("value")),
                RTOL));
    worstGrad =
        Math.max(
            worstGrad,
            COMPARISONS.assertClose(
                c.name() + ": d/dinput",
                x.grad().toDoubleArray(),
                TorchJson.decode(expected.get("grad")),
                RTOL));
  }

  @AfterAll
  static void report() {
    if (torch == null) {
      return;
    }
    System.out.printf(
        "Losses vs torch.nn.functional: max relative difference %.3g (values), %.3g (gradients)%n",
        worstValue, worstGrad);
    COMPARISONS.report("torch " + TorchPython.version());
  }
}
