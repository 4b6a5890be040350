package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.testing.Comparisons;
import dev.jgrad.tensor.testing.TorchJson;
import dev.jgrad.tensor.testing.TorchPython;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * StepLR, ExponentialLR, CosineAnnealingLR, LinearLR and LambdaLR, alone and chained, against
 * {@code torch.optim.lr_scheduler} over {@value #EPOCHS} epochs of an SGD optimizer with two groups
 * of different learning rates: each group's rate and each scheduler's last rates must agree with
 * PyTorch's after construction and after every epoch, to 1e-12 relative. All cases run in one
 * Python process. The test reports how many values it compared, and fails in CI when torch is
 * missing ({@link TorchPython}).
 */
class SchedulerParityTest {
  private static final double RTOL = 1e-12;
  static final int EPOCHS = 30;
  private static final double[] GROUP_LRS = {0.1, 0.03};

  private static final Comparisons COMPARISONS = new Comparisons("SchedulerParityTest");

  private static JsonObject torch;
  private static double worst;

  /** Schedulers made in jgrad and, as a Python list expression over {@code opt}, in torch. */
  private record Case(String torch, Function<Optimizer, List<LRScheduler>> jgrad) {
    @Override
    public String toString() {
      return torch;
    }
  }

  static Stream<Case> schedulerCases() {
    return Stream.of(
        new Case("[StepLR(opt, step_size=7, gamma=0.5)]", o -> List.of(new StepLR(o, 7, 0.5))),
        new Case("[StepLR(opt, step_size=3)]", o -> List.of(new StepLR(o, 3))),
        new Case("[ExponentialLR(opt, gamma=0.9)]", o -> List.of(new ExponentialLR(o, 0.9))),
        new Case(
            "[CosineAnnealingLR(opt, T_max=10, eta_min=0.001)]",
            o -> List.of(new CosineAnnealingLR(o, 10, 0.001))),
        new Case("[CosineAnnealingLR(opt, T_max=30)]", o -> List.of(new CosineAnnealingLR(o, 30))),
        new Case(
            "[CosineAnnealingLR(opt, T_max=7, eta_min=0.01)]",
            o -> List.of(new CosineAnnealingLR(o, 7, 0.01))),
        new Case(
            "[StepLR(opt, step_size=5, gamma=0.5), ExponentialLR(opt, gamma=0.95)]",
            o -> List.of(new StepLR(o, 5, 0.5), new ExponentialLR(o, 0.95))),
        new Case(
            "[CosineAnnealingLR(opt, T_max=8, eta_min=0.001), ExponentialLR(opt, gamma=0.97)]",
            o -> List.of(new CosineAnnealingLR(o, 8, 0.001), new ExponentialLR(o, 0.97))),
        new Case("[LinearLR(opt)]", o -> List.of(new LinearLR(o))),
        new Case(
            "[LinearLR(opt, start_factor=0.25, end_factor=0.75, total_iters=12)]",
            o -> List.of(new LinearLR(o, 0.25, 0.75, 12))),
        new Case(
            "[LinearLR(opt, start_factor=1.0, end_factor=0.1, total_iters=20)]",
            o -> List.of(new LinearLR(o, 1.0, 0.1, 20))),
        new Case(
            "[LinearLR(opt, start_factor=0.1, total_iters=4), CosineAnnealingLR(opt, T_max=30)]",
            o -> List.of(new LinearLR(o, 0.1, 1.0, 4), new CosineAnnealingLR(o, 30))),
        new Case(
            "[LambdaLR(opt, lambda epoch: 0.95 ** epoch)]",
            o -> List.of(new LambdaLR(o, epoch -> Math.pow(0.95, epoch)))),
        new Case(
            "[LambdaLR(opt, [lambda epoch: 0.95 ** epoch, lambda epoch: 1 / (1 + epoch)])]",
            o ->
                List.of(
                    new LambdaLR(
                        o, List.of(epoch -> Math.pow(0.95, epoch), epoch -> 1.0 / (1 + epoch))))));
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException, InterruptedException {
    TorchPython.require();
    JsonObject spec = baseSpec();
    JsonArray cases = new JsonArray();
    schedulerCases().forEach(c -> cases.add(c.torch()));
    spec.add("cases", cases);
    Path in = dir.resolve("schedulers.json");
    Path out = dir.resolve("schedulers.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        SchedulerParityTest.class, "scheduler_parity.py", dir, in.toString(), out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  /** Returns the spec's shared part: the groups' learning rates and the number of epochs. */
  static JsonObject baseSpec() {
    JsonObject spec = new JsonObject();
    JsonArray lrs = new JsonArray();
    for (double lr : GROUP_LRS) {
      lrs.add(Double.toHexString(lr));
    }
    spec.add("group_lrs", lrs);
    spec.addProperty("epochs", EPOCHS);
    return spec;
  }

  /** Returns two parameter groups with the learning rates of the spec, as the script makes them. */
  static List<ParamGroup> twoGroups() {
    return List.of(
        ParamGroup.of(List.of(new Variable(Tensor.zeros(2)).requiresGrad(true)))
            .setLr(GROUP_LRS[0]),
        ParamGroup.of(List.of(new Variable(Tensor.zeros(3)).requiresGrad(true)))
            .setLr(GROUP_LRS[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schedulerCases")
  void learningRatesMatchTorchEveryEpoch(Case c) {
    Optimizer opt = new SGD(twoGroups(), 0.5);
    List<LRScheduler> schedulers = c.jgrad().apply(opt);
    JsonArray expected = torch.getAsJsonArray(c.torch());
    assertEquals(EPOCHS + 1, expected.size(), "epochs recorded by torch");
    for (int epoch = 0; epoch <= EPOCHS; epoch++) {
      if (epoch > 0) {
        opt.step();
        schedulers.forEach(LRScheduler::step);
      }
      JsonObject e = expected.get(epoch).getAsJsonObject();
      double[] ours = opt.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
      worst =
          Math.max(
              worst,
              COMPARISONS.assertClose(
                  "epoch " + epoch + ": group lr", ours, TorchJson.decode(e.get("lr")), RTOL));
      for (int s = 0; s < schedulers.size(); s++) {
        double[] last = schedulers.get(s).lastLr().stream().mapToDouble(d -> d).toArray();
        worst =
            Math.max(
                worst,
                COMPARISONS.assertClose(
                    "epoch " + epoch + ": scheduler " + s + " last lr",
                    last,
                    TorchJson.decode(e.getAsJsonArray("last_lr").get(s)),
                    RTOL));
      }
    }
  }

  @AfterAll
  static void report() {
    if (torch != null) {
      System.out.printf(
          "Schedulers vs torch.optim.lr_scheduler: max relative difference %.3g%n", worst);
      COMPARISONS.report("torch " + TorchPython.version());
    }
  }
}
