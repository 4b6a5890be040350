package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jgrad.optim.OneCycleLR.AnnealStrategy;
import dev.jgrad.optim.ReduceLROnPlateau.Mode;
import dev.jgrad.optim.ReduceLROnPlateau.ThresholdMode;
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
 * OneCycleLR (with SGD's momentum and Adam's first beta), ReduceLROnPlateau, SequentialLR and
 * ChainedScheduler against {@code torch.optim.lr_scheduler} over {@value #EPOCHS} epochs of an
 * optimizer with two groups of different learning rates: every group's rate and momentum, and each
 * scheduler's last rates (the plateau's best value and counters) must agree with PyTorch's after
 * construction and after every epoch, to 1e-12 relative. All cases run in one Python process; the
 * test reports how many values it compared and fails in CI when torch is missing.
 */
class SchedulerCycleParityTest {
  private static final double RTOL = 1e-12;
  private static final int EPOCHS = SchedulerParityTest.EPOCHS;

  /** The metric given to ReduceLROnPlateau after each epoch: plateaus, a NaN, small gains. */
  private static final double[] METRICS = {
    1.0,
    0.8,
    0.7,
    0.69995,
    0.7,
    0.71,
    0.69,
    0.69,
    0.69,
    0.6,
    0.6,
    0.6,
    0.6,
    0.6,
    0.59999,
    0.5,
    0.5,
    0.5,
    0.5,
    0.5,
    Double.NaN,
    0.5,
    0.5,
    0.45,
    0.45,
    0.45,
    0.45,
    0.45,
    0.45,
    0.45
  };

  private static final Comparisons COMPARISONS = new Comparisons("SchedulerCycleParityTest");

  private static JsonObject torch;

  /**
   * One case: the optimizer ("sgd" or "adam"), PyTorch's expression over {@code opt} (a list of
   * schedulers, or a ReduceLROnPlateau), and jgrad's schedulers or plateau.
   */
  private record Case(
      String optimizer,
      String torch,
      Function<Optimizer, List<LRScheduler>> schedulers,
      Function<Optimizer, ReduceLROnPlateau> plateau) {
    static Case of(String optimizer, String torch, Function<Optimizer, List<LRScheduler>> s) {
      return new Case(optimizer, torch, s, null);
    }

    static Case plateau(String torch, Function<Optimizer, ReduceLROnPlateau> p) {
      return new Case("sgd", torch, null, p);
    }

    String key() {
      return optimizer + " " + torch;
    }

    @Override
    public String toString() {
      return key();
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        Case.of(
            "sgd",
            "[OneCycleLR(opt, max_lr=1.0, total_steps=30)]",
            o -> List.of(OneCycleLR.builder(o, 1.0).totalSteps(30).build())),
        Case.of(
            "sgd",
            "[OneCycleLR(opt, max_lr=[1.0, 0.2], epochs=7, steps_per_epoch=5, pct_start=0.25,"
                + " anneal_strategy='linear', base_momentum=[0.8, 0.7], max_momentum=0.9,"
                + " div_factor=10.0, final_div_factor=100.0)]",
            o ->
                List.of(
                    OneCycleLR.builder(o, 1.0, 0.2)
                        .epochs(7, 5)
                        .pctStart(0.25)
                        .annealStrategy(AnnealStrategy.LINEAR)
                        .baseMomentum(0.8, 0.7)
                        .maxMomentum(0.9)
                        .divFactor(10)
                        .finalDivFactor(100)
                        .build())),
        Case.of(
            "adam",
            "[OneCycleLR(opt, max_lr=0.5, total_steps=40, pct_start=0.25, three_phase=True)]",
            o ->
                List.of(
                    OneCycleLR.builder(o, 0.5)
                        .totalSteps(40)
                        .pctStart(0.25)
                        .threePhase(true)
                        .build())),
        Case.of(
            "adam",
            "[OneCycleLR(opt, max_lr=0.5, total_steps=31, cycle_momentum=False,"
                + " anneal_strategy='linear', three_phase=True)]",
            o ->
                List.of(
                    OneCycleLR.builder(o, 0.5)
                        .totalSteps(31)
                        .cycleMomentum(false)
                        .annealStrategy(AnnealStrategy.LINEAR)
                        .threePhase(true)
                        .build())),
        Case.of(
            "sgd",
            "[SequentialLR(opt, [LinearLR(opt, start_factor=0.1, total_iters=5),"
                + " CosineAnnealingLR(opt, T_max=20, eta_min=0.001)], milestones=[5])]",
            o ->
                List.of(
                    new SequentialLR(
                        o,
                        List.of(new LinearLR(o, 0.1, 1.0, 5), new CosineAnnealingLR(o, 20, 0.001)),
                        List.of(5)))),
        Case.of(
            "sgd",
            "[SequentialLR(opt, [LambdaLR(opt, lambda e: (e + 1) / 4), StepLR(opt, 4, 0.5),"
                + " ExponentialLR(opt, 0.9)], milestones=[3, 12])]",
            o ->
                List.of(
                    new SequentialLR(
                        o,
                        List.of(
                            new LambdaLR(o, e -> (e + 1) / 4.0),
                            new StepLR(o, 4, 0.5),
                            new ExponentialLR(o, 0.9)),
                        List.of(3, 12)))),
        Case.of(
            "sgd",
            "[ChainedScheduler([LinearLR(opt, start_factor=0.2, total_iters=6),"
                + " ExponentialLR(opt, gamma=0.93)])]",
            o ->
                List.of(
                    new ChainedScheduler(
                        List.of(new LinearLR(o, 0.2, 1.0, 6), new ExponentialLR(o, 0.93))))),
        Case.of(
            "adam",
            "[ChainedScheduler([CosineAnnealingLR(opt, T_max=12, eta_min=0.002),"
                + " StepLR(opt, 5, 0.7), LinearLR(opt, start_factor=0.5, total_iters=3)])]",
            o ->
                List.of(
                    new ChainedScheduler(
                        List.of(
                            new CosineAnnealingLR(o, 12, 0.002),
                            new StepLR(o, 5, 0.7),
                            new LinearLR(o, 0.5, 1.0, 3))))),
        Case.plateau(
            "ReduceLROnPlateau(opt, patience=2)",
            o -> ReduceLROnPlateau.builder(o).patience(2).build()),
        Case.plateau(
            "ReduceLROnPlateau(opt, mode='max', factor=0.5, patience=1, threshold=0.01,"
                + " threshold_mode='abs', cooldown=2, min_lr=[0.02, 0.001])",
            o ->
                ReduceLROnPlateau.builder(o)
                    .mode(Mode.MAX)
                    .factor(0.5)
                    .patience(1)
                    .threshold(0.01, ThresholdMode.ABS)
                    .cooldown(2)
                    .minLr(0.02, 0.001)
                    .build()),
        Case.plateau(
            "ReduceLROnPlateau(opt, factor=0.6, patience=0, threshold=0.05, cooldown=1,"
                + " min_lr=0.01, eps=0.004)",
            o ->
                ReduceLROnPlateau.builder(o)
                    .factor(0.6)
                    .patience(0)
                    .threshold(0.05, ThresholdMode.REL)
                    .cooldown(1)
                    .minLr(0.01)
                    .eps(0.004)
                    .build()),
        Case.plateau(
            "ReduceLROnPlateau(opt, mode='max', patience=3, threshold=0.1)",
            o ->
                ReduceLROnPlateau.builder(o)
                    .mode(Mode.MAX)
                    .patience(3)
                    .threshold(0.1, ThresholdMode.REL)
                    .build()));
  }

  @BeforeAll
  static void runTorch(@TempDir Path dir) throws IOException {
    TorchPython.require();
    JsonObject spec = SchedulerParityTest.baseSpec();
    JsonArray metrics = new JsonArray();
    for (double m : METRICS) {
      metrics.add(Double.toString(m));
    }
    spec.add("metrics", metrics);
    JsonArray cases = new JsonArray();
    cases()
        .forEach(
            c -> {
              JsonObject o = new JsonObject();
              o.addProperty("optimizer", c.optimizer());
              o.addProperty("torch", c.torch());
              cases.add(o);
            });
    spec.add("cases", cases);
    Path in = dir.resolve("cycle.json");
    Path out = dir.resolve("cycle.out.json");
    Files.writeString(in, spec.toString(), StandardCharsets.UTF_8);
    TorchPython.runScript(
        SchedulerCycleParityTest.class,
        "scheduler_cycle_parity.py",
        dir,
        in.toString(),
        out.toString());
    torch = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
  }

  private static Optimizer optimizer(String kind) {
    List<ParamGroup> groups = SchedulerParityTest.twoGroups();
    return kind.equals("adam") ? new Adam(groups, 0.5) : new SGD(groups, 0.5);
  }

  private static double momentum(Optimizer opt, ParamGroup g) {
    boolean betas = opt.hyperparameters().contains(Adam.BETAS);
    return betas ? g.get(Adam.BETAS).first() : g.get(Optimizer.MOMENTUM);
  }

  /** Replaces ±inf (a plateau's best value before any metric) by ±MAX_VALUE, so they compare. */
  private static double[] finite(double[] values) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, out[i]));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ratesAndMomentaMatchTorchEveryEpoch(Case c) {
    Optimizer opt = optimizer(c.optimizer());
    List<LRScheduler> schedulers = c.schedulers() == null ? null : c.schedulers().apply(opt);
    ReduceLROnPlateau plateau = c.plateau() == null ? null : c.plateau().apply(opt);
    JsonArray expected = torch.getAsJsonArray(c.key());
    assertEquals(EPOCHS + 1, expected.size(), "epochs recorded by torch");
    for (int epoch = 0; epoch <= EPOCHS; epoch++) {
      if (epoch > 0) {
        opt.step();
        if (plateau != null) {
          plateau.step(METRICS[epoch - 1]);
        } else {
          schedulers.forEach(LRScheduler::step);
        }
      }
      JsonObject e = expected.get(epoch).getAsJsonObject();
      String at = "epoch " + epoch + ": ";
      double[] lr = opt.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
      COMPARISONS.assertClose(at + "group lr", lr, TorchJson.decode(e.get("lr")), RTOL);
      double[] m = opt.paramGroups().stream().mapToDouble(g -> momentum(opt, g)).toArray();
      COMPARISONS.assertClose(at + "momentum", m, TorchJson.decode(e.get("momentum")), RTOL);
      if (plateau != null) {
        double[] counters = {
          plateau.best(), plateau.numBadEpochs(), plateau.inCooldown() ? 1 : 0, plateau.lastEpoch()
        };
        double[] theirs = TorchJson.decode(e.get("plateau"));
        theirs[2] = theirs[2] > 0 ? 1 : 0;
        COMPARISONS.assertClose(
            at + "best, bad epochs, cooldown, epoch", finite(counters), finite(theirs), RTOL);
      } else {
        for (int s = 0; s < schedulers.size(); s++) {
          double[] last = schedulers.get(s).lastLr().stream().mapToDouble(d -> d).toArray();
          COMPARISONS.assertClose(
              at + "scheduler " + s + " last lr",
              last,
              TorchJson.decode(e.getAsJsonArray("last_lr").get(s)),
              RTOL);
        }
      }
    }
  }

  @AfterAll
  static void report() {
    if (torch != null) {
      COMPARISONS.report("torch " + TorchPython.version());
    }
  }
}
