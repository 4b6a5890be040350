package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch norm (functional and the BatchNorm1d/2d modules over several training and evaluation steps,
 * with momentum and without) and constant padding against PyTorch in float64: outputs, gradients
 * and running statistics agree to 1e-10 relative. A BatchNorm2d state dict crosses both ways
 * through safetensors: PyTorch's {@code load_state_dict(strict=True)} takes jgrad's file, and jgrad
 * loads PyTorch's (with its I64 {@code num_batches_tracked}). All cases run in one Python process;
 * the test reports how many values it compared, and fails in CI when torch is missing ({@link
 * TorchPython}).
 */
class NormParityTest {
  private static final double RTOL = 1e-10;
  private static final Comparisons COMPARISONS = new Comparisons("NormParityTest");
  private static final int INTEROP_CHANNELS = 4;

  private static JsonObject torch;
  private static Path jgradFile;
  private static Path torchFile;
  private static BatchNorm2d jgradBn;
  private static Tensor evalInput;

  /** One F.batch_norm call. */
  record BnCase(
      String name,
      Tensor input,
      Tensor weight,
      Tensor bias,
      Tensor runningMean,
      Tensor runningVar,
      boolean training,
      double momentum,
      double eps,
      Tensor gradOutput) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One forward and backward pass of a module, in training or evaluation mode. */
  record Step(Tensor input, Tensor gradOutput, boolean train) {}

  /** A BatchNorm1d/2d run through several steps. */
  record ModuleCase(
      String name,
      boolean twoD,
      int channels,
      double eps,
      Double momentum,
      boolean affine,
      boolean track,
      Tensor weight,
      Tensor bias,
      List<Step> steps) {
    @Override
    public String toString() {
      return name;
    }

    BatchNormNd create() {
      BatchNormNd bn =
          twoD
              ? new BatchNorm2d(channels, eps, momentum, affine, track)
              : new BatchNorm1d(channels, eps, momentum, affine, track);
      bn.to(DType.FLOAT64);
      if (affine) {
        bn.weight().data().copyFrom(weight);
        bn.bias().data().copyFrom(bias);
      }
      return bn;
    }
  }

  /** One F.pad call. */
  record PadCase(String name, Tensor input, int[] pad, double value) {
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

  private static Tensor input(SplittableRandom rnd, int... shape) {
    return uniform(rnd, -2, 3, shape);
  }

  static List<BnCase> bnCases() {
    SplittableRandom rnd = new SplittableRandom(314);
    List<BnCase> cases = new ArrayList<>();
    Object[][] specs = {
      // name, shape, training, affine, running stats, momentum, eps
      {"train 2-D affine running", new int[] {6, 4}, true, true, true, 0.1, 1e-5},
      {"train 3-D running", new int[] {3, 4, 5}, true, false, true, 0.3, 1e-5},
      {"train 4-D affine no running", new int[] {2, 3, 5, 7}, true, true, false, 0.1, 1e-3},
      {"train batch 1, 4-D", new int[] {1, 3, 4, 4}, true, true, true, 0.1, 1e-5},
      {"train 4-D transposed input", new int[] {2, 3, 7, 5}, true, true, true, 0.2, 1e-5},
      {"eval 4-D affine", new int[] {3, 3, 3, 5}, false, true, true, 0.1, 1e-5},
      {"eval 2-D", new int[] {5, 4}, false, false, true, 0.1, 0.01},
      {"eval 3-D transposed input", new int[] {2, 4, 6}, false, true, true, 0.1, 1e-5},
    };
    for (Object[] s : specs) {
      String name = (String) s[0];
      int[] shape = (int[]) s[1];
      int c = shape[1];
      Tensor x = input(rnd, shape);
      if (name.contains("transposed")) {
        int r = shape.length;
        int[] base = shape.clone();
        base[r - 1] = shape[r - 2];
        base[r - 2] = shape[r - 1];
        x = input(rnd, base).transpose(-2, -1);
      }
      boolean affine = (boolean) s[3];
      boolean running = (boolean) s[4];
      cases.add(
          new BnCase(
              name,
              x,
              affine ? uniform(rnd, 0.5, 2, c) : null,
              affine ? uniform(rnd, -1, 1, c) : null,
              running ? uniform(rnd, -1, 1, c) : null,
              running ? uniform(rnd, 0.5, 3, c) : null,
              (boolean) s[2],
              (double) s[5],
              (double) s[6],
              uniform(rnd, -1, 1, x.shape().toArray())));
    }
    Tensor x = input(rnd, 4, 3, 5);
    cases.add(
        new BnCase(
            "train weight without bias",
            x,
            uniform(rnd, 0.5, 2, 3),
            null,
            null,
            null,
            true,
            0.1,
            1e-5,
            uniform(rnd, -1, 1, 4, 3, 5)));
    return cases;
  }

  private static Step step(SplittableRandom rnd, boolean train, int... shape) {
    return new Step(input(rnd, shape), uniform(rnd, -1, 1, shape), train);
  }

  static List<ModuleCase> moduleCases() {
    SplittableRandom rnd = new SplittableRandom(2718);
    List<ModuleCase> cases = new ArrayList<>();
    cases.add(
        new ModuleCase(
            "BatchNorm2d(3): 3 training steps, a size-0 batch, eval",
            true,
            3,
            1e-5,
            0.1,
            true,
            true,
            uniform(rnd, 0.5, 2, 3),
            uniform(rnd, -1, 1, 3),
            List.of(
                step(rnd, true, 4, 3, 5, 6),
                step(rnd, true, 2, 3, 3, 3),
                step(rnd, true, 0, 3, 2, 2),
                step(rnd, true, 5, 3, 2, 7),
                step(rnd, false, 3, 3, 4, 4))));
    cases.add(
        new ModuleCase(
            "BatchNorm2d(2, eps=1e-3, momentum=None): 4 training steps incl. batch 1, eval",
            true,
            2,
            1e-3,
            null,
            true,
            true,
            uniform(rnd, 0.5, 2, 2),
            uniform(rnd, -1, 1, 2),
            List.of(
                step(rnd, true, 3, 2, 4, 5),
                step(rnd, true, 1, 2, 3, 3),
                step(rnd, true, 6, 2, 2, 2),
                step(rnd, true, 2, 2, 5, 3),
                step(rnd, false, 2, 2, 3, 3))));
    cases.add(
        new ModuleCase(
            "BatchNorm1d(5): 2-D and 3-D training steps, eval",
            false,
            5,
            1e-5,
            0.1,
            true,
            true,
            uniform(rnd, 0.5, 2, 5),
            uniform(rnd, -1, 1, 5),
            List.of(
                step(rnd, true, 8, 5),
                step(rnd, true, 4, 5, 7),
                step(rnd, true, 1, 5, 3),
                step(rnd, false, 6, 5))));
    cases.add(
        new ModuleCase(
            "BatchNorm1d(3, affine=False, momentum=0.5)",
            false,
            3,
            1e-5,
            0.5,
            false,
            true,
            null,
            null,
            List.of(step(rnd, true, 7, 3), step(rnd, true, 3, 3, 4), step(rnd, false, 2, 3, 2))));
    cases.add(
        new ModuleCase(
            "BatchNorm1d(4, track_running_stats=False): batch statistics in eval too",
            false,
            4,
            1e-5,
            0.1,
            true,
            false,
            uniform(rnd, 0.5, 2, 4),
            uniform(rnd, -1, 1, 4),
            List.of(step(rnd, true, 5, 4), step(rnd, false, 6, 4, 2))));
    return cases;
  }

  static List<PadCase> padCases() {
    SplittableRandom rnd = new SplittableRandom(161);
    return List.of(
        new PadCase("pad last dim (1, 2)", input(rnd, 3, 4), new int[] {1, 2}, 0),
        new PadCase(
            "pad H and W of [N, C, H, W], value 1.5",
            input(rnd, 2, 3, 4, 5),
            new int[] {2, 2, 1, 0},
            1.5),
        new PadCase("negative pads crop", input(rnd, 2, 5, 6), new int[] {-1, 2, -2, -1}, -0.5),
        new PadCase(
            "pad three dims, transposed input",
            input(rnd, 2, 4, 3).transpose(1, 2),
            new int[] {0, 1, 1, 1, 2, 0},
            0),
        new PadCase("crop a whole dimension", input(rnd, 2, 3), new int[] {-2, -1}, 3));
  }

  private static JsonElement encode(Tensor t) {
    return t == null ? JsonNull.INSTANCE : TorchJson.encode(t);
  }

  private static Tensor padGradOutput(PadCase c) {
    Shape shape = Functional.pad(new Variable(c.input()), c.pad(), c.value()).shape();
    return uniform(new SplittableRandom(c.name().hashCode()), -1, 1, shape.toArray());
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException {
    TorchPython.require();
    JsonArray spec = new JsonArray();
    for (BnCase c : bnCases()) {
      JsonObject o = new JsonObject();
      o.addProperty("kind", "batch_norm");
      o.addProperty("name", c.name());
      o.add("input", encode(c.input()));
      o.add("weight", encode(c.weight()));
      o.add("bias", encode(c.bias()));
      o.add("running_mean", encode(c.runningMean()));
      o.add("running_var", encode(c.runningVar()));
      o.addProperty("training", c.training());
      o.addProperty("momentum", c.momentum());
      o.addProperty("eps", c.eps());
      o.add("grad_output", encode(c.gradOutput()));
      spec.add(o);
    }
    for (ModuleCase c : moduleCases()) {
      JsonObject o = new JsonObject();
      o.addProperty("kind", "module");
      o.addProperty("name", c.name());
      o.addProperty("type", c.twoD() ? "BatchNorm2d" : "BatchNorm1d");
      o.addProperty("num_features", c.channels());
      o.addProperty("eps", c.eps());
      o.addProperty("momentum", c.momentum());
      o.addProperty("affine", c.affine());
      o.addProperty("track", c.track());
      o.add("weight", encode(c.weight()));
      o.add("bias", encode(c.bias()));
      JsonArray steps = new JsonArray();
      for (Step s : c.steps()) {
        JsonObject step = new JsonObject();
        step.add("input", encode(s.input()));
        step.add("grad_output", encode(s.gradOutput()));
        step.addProperty("train", s.train());
        steps.add(step);
      }
      o.add("steps", steps);
      spec.add(o);
    }
    for (PadCase c : padCases()) {
      JsonObject o = new JsonObject();
      o.addProperty("kind", "pad");
      o.addProperty("name", c.name());
      o.add("input", encode(c.input()));
      JsonArray pad = new JsonArray();
      for (int p : c.pad()) {
        pad.add(p);
      }
      o.add("pad", pad);
      o.addProperty("value", c.value());
      o.add("grad_output", encode(padGradOutput(c)));
      spec.add(o);
    }
    spec.add(interopSpec(dir));
    Path in = dir.resolve("norm.json");
    Path out = dir.resolve("norm.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        NormParityTest.class, "norm_parity.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  /** Trains a FLOAT32 BatchNorm2d for three steps, saves it, and describes the round trip. */
  private static JsonObject interopSpec(Path dir) throws IOException {
    SplittableRandom rnd = new SplittableRandom(99);
    jgradBn = new BatchNorm2d(INTEROP_CHANNELS);
    jgradBn.weight().data().copyFrom(uniform(rnd, 0.5, 2, INTEROP_CHANNELS));
    jgradBn.bias().data().copyFrom(uniform(rnd, -1, 1, INTEROP_CHANNELS));
    for (int i = 0; i < 3; i++) {
      jgradBn.forward(input(rnd, 6, INTEROP_CHANNELS, 3, 5).to(DType.FLOAT32));
    }
    evalInput = input(rnd, 2, INTEROP_CHANNELS, 3, 3).to(DType.FLOAT32);
    jgradFile = dir.resolve("jgrad_bn.safetensors");
    torchFile = dir.resolve("torch_bn.safetensors");
    SafeTensors.save(jgradFile, jgradBn.stateDict());
    JsonObject o = new JsonObject();
    o.addProperty("kind", "interop");
    o.addProperty("name", "interop");
    o.addProperty("jgrad_file", jgradFile.toString());
    o.addProperty("torch_file", torchFile.toString());
    o.addProperty("num_features", INTEROP_CHANNELS);
    o.add("eval_input", TorchJson.encode(evalInput));
    o.addProperty("seed", 7);
    o.addProperty("torch_steps", 3);
    return o;
  }

  private static void compare(String what, Tensor jgrad, JsonElement reference) {
    assertNotNull(jgrad, what + ": jgrad computed nothing");
    COMPARISONS.assertClose(what, jgrad.toDoubleArray(), TorchJson.decode(reference), RTOL);
  }

  static Stream<BnCase> batchNorms() {
    return bnCases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("batchNorms")
  void batchNormMatchesTorch(BnCase c) {
    Variable x = new Variable(c.input()).requiresGrad(true);
    Variable w = c.weight() == null ? null : new Variable(c.weight()).requiresGrad(true);
    Variable b = c.bias() == null ? null : new Variable(c.bias()).requiresGrad(true);
    Tensor rm = c.runningMean() == null ? null : c.runningMean().copy();
    Tensor rv = c.runningVar() == null ? null : c.runningVar().copy();
    Variable y = Functional.batchNorm(x, rm, rv, w, b, c.training(), c.momentum(), c.eps());
    y.backward(c.gradOutput());
    JsonObject t = torch.getAsJsonObject(c.name());
    compare(c.name() + ": output", y.data(), t.get("output"));
    compare(c.name() + ": d/dinput", x.grad(), t.get("grad_input"));
    if (w != null) {
      compare(c.name() + ": d/dweight", w.grad(), t.get("grad_weight"));
    }
    if (b != null) {
      compare(c.name() + ": d/dbias", b.grad(), t.get("grad_bias"));
    }
    if (rm != null) {
      compare(c.name() + ": running_mean", rm, t.get("running_mean"));
      compare(c.name() + ": running_var", rv, t.get("running_var"));
    }
  }

  static Stream<ModuleCase> modules() {
    return moduleCases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modules")
  void moduleStepsMatchTorch(ModuleCase c) {
    BatchNormNd bn = c.create();
    JsonObject t = torch.getAsJsonObject(c.name());
    JsonArray steps = t.getAsJsonArray("steps");
    for (int i = 0; i < c.steps().size(); i++) {
      Step s = c.steps().get(i);
      bn.train(s.train());
      bn.zeroGrad();
      Variable x = new Variable(s.input()).requiresGrad(true);
      Variable y = bn.forward(x);
      y.backward(s.gradOutput());
      JsonObject expected = steps.get(i).getAsJsonObject();
      String what = c.name() + ", step " + i;
      compare(what + ": output", y.data(), expected.get("output"));
      compare(what + ": d/dinput", x.grad(), expected.get("grad_input"));
      if (c.affine()) {
        compare(what + ": d/dweight", bn.weight().grad(), expected.get("grad_weight"));
        compare(what + ": d/dbias", bn.bias().grad(), expected.get("grad_bias"));
      }
    }
    List<String> keys = new ArrayList<>();
    t.getAsJsonArray("keys").forEach(k -> keys.add(k.getAsString()));
    assertEquals(keys, List.copyOf(bn.stateDict().keySet()), c.name() + ": state-dict keys");
    if (c.track()) {
      compare(c.name() + ": running_mean", bn.runningMean(), t.get("running_mean"));
      compare(c.name() + ": running_var", bn.runningVar(), t.get("running_var"));
      assertEquals(
          t.get("num_batches_tracked").getAsInt(),
          (int) bn.numBatchesTracked().item(),
          c.name() + ": num_batches_tracked");
      COMPARISONS.add(1);
    }
  }

  static Stream<PadCase> pads() {
    return padCases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pads")
  void padMatchesTorch(PadCase c) {
    Variable x = new Variable(c.input()).requiresGrad(true);
    Variable y = Functional.pad(x, c.pad(), c.value());
    y.backward(padGradOutput(c));
    JsonObject t = torch.getAsJsonObject(c.name());
    List<Integer> shape = new ArrayList<>();
    t.getAsJsonArray("shape").forEach(d -> shape.add(d.getAsInt()));
    assertEquals(
        shape, java.util.Arrays.stream(y.shape().toArray()).boxed().toList(), c.name() + ": shape");
    compare(c.name() + ": output", y.data(), t.get("output"));
    compare(c.name() + ": d/dinput", x.grad(), t.get("grad_input"));
  }

  @Test
  void pyTorchLoadsJgradsBatchNorm2dStrictly() {
    JsonObject loaded = torch.getAsJsonObject("interop").getAsJsonObject("loaded");
    List<String> keys =
        List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
    List<String> names = new ArrayList<>();
    loaded.getAsJsonArray("names").forEach(n -> names.add(n.getAsString()));
    assertEquals(keys, names, "the file's tensors, in order");
    JsonObject codes = loaded.getAsJsonObject("codes");
    for (String k : keys) {
      assertEquals(k.equals("num_batches_tracked") ? "I32" : "F32", codes.get(k).getAsString(), k);
    }
    JsonObject dtypes = loaded.getAsJsonObject("module_dtypes");
    assertEquals("torch.int64", dtypes.get("num_batches_tracked").getAsString());
    assertEquals("torch.float32", dtypes.get("running_var").getAsString());
    assertEquals(3, loaded.get("num_batches_tracked").getAsInt());
    JsonObject values = loaded.getAsJsonObject("values");
    for (Map.Entry<String, Tensor> e : jgradBn.stateDict().entrySet()) {
      COMPARISONS.assertClose(
          "torch's " + e.getKey() + " after load_state_dict",
          e.getValue().toDoubleArray(),
          TorchJson.decode(values.get(e.getKey())),
          0);
    }
    assertFloatOutputsClose(
        "torch's eval output with jgrad's state",
        jgradBn.eval().forward(evalInput),
        loaded.get("eval_output"));
  }

  @Test
  void jgradLoadsPyTorchsBatchNorm2dWithItsInt64Counter() throws IOException {
    JsonObject saved = torch.getAsJsonObject("interop").getAsJsonObject("saved");
    Map<String, Tensor> state = SafeTensors.load(torchFile).tensors();
    assertEquals(DType.INT32, state.get("num_batches_tracked").dtype());
    BatchNorm2d bn = new BatchNorm2d(INTEROP_CHANNELS);
    IncompatibleKeys keys = bn.loadStateDict(state);
    assertTrue(keys.isEmpty(), keys.toString());
    assertEquals(3, bn.numBatchesTracked().item());
    JsonObject values = saved.getAsJsonObject("values");
    for (Map.Entry<String, Tensor> e : bn.stateDict().entrySet()) {
      COMPARISONS.assertClose(
          "jgrad's " + e.getKey() + " after loadStateDict",
          e.getValue().toDoubleArray(),
          TorchJson.decode(values.get(e.getKey())),
          0);
    }
    assertFloatOutputsClose(
        "jgrad's eval output with torch's state",
        bn.eval().forward(evalInput),
        saved.get("eval_output"));
  }

  /**
   * Compares float32 outputs, computed in a different order by the two libraries, to 1e-5 of the
   * largest output.
   */
  private static void assertFloatOutputsClose(String what, Tensor jgrad, JsonElement reference) {
    double[] a = jgrad.toDoubleArray();
    double[] b = TorchJson.decode(reference);
    assertEquals(b.length, a.length, what);
    double scale = 0;
    for (double v : b) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < a.length; i++) {
      assertTrue(
          Math.abs(a[i] - b[i]) <= 1e-5 * scale,
          what + "[" + i + "]: jgrad " + a[i] + " vs torch " + b[i]);
    }
    COMPARISONS.add(a.length);
  }

  @AfterAll
  static void report() {
    if (torch == null) {
      return;
    }
    System.out.println(
        "NormParityTest: safetensors read in Python by the "
            + torch.getAsJsonObject("interop").get("reader").getAsString());
    COMPARISONS.report("torch " + TorchPython.version());
  }
}
