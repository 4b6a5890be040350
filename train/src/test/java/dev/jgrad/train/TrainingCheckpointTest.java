package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.optim.Adam;
import dev.jgrad.optim.ExponentialLR;
import dev.jgrad.optim.SGD;
import dev.jgrad.optim.StepLR;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.io.SafeTensorsFormatException;
import dev.jgrad.tensor.io.TensorArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint used from a hand-written loop: resuming from it and training on gives
 * bit-identical weights to a straight run, and a checkpoint that does not fit changes nothing.
 */
class TrainingCheckpointTest {
  private static final int EPOCHS = 4;
  private static final Tensor X = Tensor.randn(Generator.seeded(100), 24, 5);
  private static final Tensor Y = Tensor.randint(Generator.seeded(101), 0, 3, 24);

  @TempDir Path dir;

  /**
   * A perceptron of plain variables, {@code linear → relu → dropout → linear}, whose state dict is
   * named as an {@code nn.Sequential} of those four layers names it.
   */
  private record Mlp(Map<String, Variable> params) {
    static Mlp of(int hidden, int out, Generator gen) {
      Map<String, Variable> params = new LinkedHashMap<>();
      params.put("0.weight", parameter(Tensor.randn(gen, hidden, 5).mul(0.4)));
      params.put("0.bias", parameter(Tensor.randn(gen, hidden).mul(0.1)));
      params.put("3.weight", parameter(Tensor.randn(gen, out, hidden).mul(0.4)));
      params.put("3.bias", parameter(Tensor.randn(gen, out).mul(0.1)));
      return new Mlp(params);
    }

    private static Variable parameter(Tensor data) {
      return new Variable(data).requiresGrad(true);
    }

    List<Variable> parameters() {
      return List.copyOf(params.values());
    }

    /** Returns the live tensors by name, as {@code Module.stateDict()} does. */
    Map<String, Tensor> stateDict() {
      Map<String, Tensor> out = new LinkedHashMap<>();
      params.forEach((name, p) -> out.put(name, p.data()));
      return out;
    }

    /** The logits; the dropout mask is drawn from {@code gen}. */
    Variable forward(Variable x, Generator gen) {
      return x.linear(params.get("0.weight"), params.get("0.bias"))
          .relu()
          .dropout(0.2, gen)
          .linear(params.get("3.weight"), params.get("3.bias"));
    }
  }

  /** Model, optimizer and scheduler built as a fresh process would; dropout draws from gen. */
  private record Run(Mlp model, Adam opt, StepLR sched, Generator gen) {
    static Run fresh() {
      Generator gen = Generator.seeded(7);
      Mlp model = Mlp.of(8, 3, gen);
      Adam opt = new Adam(model.parameters(), 0.01).amsgrad(true);
      return new Run(model, opt, new StepLR(opt, 1, 0.7), gen);
    }

    void epoch() {
      int[] order = gen.permutation(24);
      for (int start = 0; start < 24; start += 6) {
        Tensor idx = Tensor.of(Arrays.copyOfRange(order, start, start + 6));
        Variable logits = model.forward(new Variable(X.indexSelect(0, idx)), gen);
        Tensor target = Y.indexSelect(0, idx).reshape(6, 1);
        Variable loss = logits.logSoftmax(1).gather(1, target).mean().neg();
        opt.zeroGrad();
        loss.backward();
        opt.step();
      }
      sched.step();
    }

    TrainingCheckpoint checkpoint(int epoch) {
      return TrainingCheckpoint.builder(model.stateDict(), opt)
          .scheduler(sched)
          .epoch(epoch)
          .generator(gen)
          .build();
    }
  }

  @Test
  void resumingGivesBitIdenticalWeights() throws IOException {
    Run straight = Run.fresh();
    for (int e = 0; e < EPOCHS; e++) {
      straight.epoch();
    }

    Run first = Run.fresh();
    first.epoch();
    first.epoch();
    Path file = dir.resolve("ckpt.safetensors");
    first.checkpoint(2).save(file);

    Run fresh = Run.fresh();
    TrainingCheckpoint ckpt = TrainingCheckpoint.load(file);
    ckpt.restore(fresh.model().stateDict(), fresh.opt(), fresh.sched());
    assertEquals(2, ckpt.epoch());
    Run resumed = new Run(fresh.model(), fresh.opt(), fresh.sched(), ckpt.generator());
    assertArrayEquals(first.gen().state(), resumed.gen().state());
    for (int e = ckpt.epoch(); e < EPOCHS; e++) {
      resumed.epoch();
    }
    Map<String, Tensor> a = straight.model().stateDict();
    Map<String, Tensor> b = resumed.model().stateDict();
    for (String k : a.keySet()) {
      assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k);
    }
    assertEquals(straight.opt().paramGroups().get(0).lr(), resumed.opt().paramGroups().get(0).lr());
    assertEquals(straight.sched().lastEpoch(), resumed.sched().lastEpoch());
  }

  @Test
  void theFileHoldsTheStatesAndTheMetadata() throws IOException {
    Run run = Run.fresh();
    run.epoch();
    History history = new History(List.of(new EpochLog(0, Map.of("loss", 0.1 + 0.2))), null, false);
    Path file = dir.resolve("ckpt.safetensors");
    TrainingCheckpoint.builder(run.model().stateDict(), run.opt())
        .scheduler(run.sched())
        .epoch(1)
        .plannedEpochs(5)
        .generator(run.gen())
        .history(history)
        .settings(Map.of("hidden", "8"))
        .build()
        .save(file);

    TensorArchive archive = SafeTensors.load(file);
    assertTrue(archive.tensors().containsKey("model.0.weight"));
    assertTrue(archive.tensors().containsKey("optimizer.state.0.exp_avg"));
    assertTrue(archive.tensors().containsKey("optimizer.param_groups.0.lr"));
    assertTrue(archive.tensors().containsKey("scheduler.last_epoch"));
    Map<String, String> meta = archive.metadata();
    assertEquals("pt", meta.get("format"));
    assertEquals("1", meta.get("jgrad.checkpoint"));
    assertEquals("1", meta.get("jgrad.epoch"));
    assertEquals("5", meta.get("jgrad.epochs"));
    assertEquals("Adam", meta.get("jgrad.optimizer"));
    assertEquals("StepLR", meta.get("jgrad.scheduler"));
    assertEquals("8", meta.get("jgrad.setting.hidden"));
    assertEquals("epoch,loss\n0,0.30000000000000004\n", meta.get("jgrad.history"));

    TrainingCheckpoint ckpt = TrainingCheckpoint.load(file);
    assertEquals(1, ckpt.epoch());
    assertEquals(5, ckpt.plannedEpochs());
    assertEquals(false, ckpt.finished());
    assertEquals(0.1 + 0.2, ckpt.history().epochs().get(0).get("loss"));
    assertEquals(Map.of("hidden", "8"), ckpt.settings());
    assertArrayEquals(run.gen().state(), ckpt.generator().state());
    assertArrayEquals(
        run.model().stateDict().get("0.weight").toFloatArray(),
        ckpt.modelState().get("0.weight").toFloatArray(),
        0f);
  }

  @Test
  void theModelTensorsAreCopiedWhenBuilt() {
    Run run = Run.fresh();
    TrainingCheckpoint ckpt = run.checkpoint(0);
    float[] saved = ckpt.modelState().get("0.bias").toFloatArray();
    run.epoch();
    assertArrayEquals(saved, ckpt.modelState().get("0.bias").toFloatArray(), 0f);
  }

  @Test
  void aPlainStateDictIsNotATrainingCheckpoint() throws IOException {
    Run run = Run.fresh();
    Path file = dir.resolve("model.safetensors");
    SafeTensors.save(file, run.model().stateDict());
    SafeTensorsFormatException e =
        assertThrows(SafeTensorsFormatException.class, () -> TrainingCheckpoint.load(file));
    assertTrue(e.getMessage().endsWith("not a training checkpoint: no metadata jgrad.epoch"));
  }

  @Test
  void anotherFormatVersionIsRefused() throws IOException {
    Path file = dir.resolve("future.safetensors");
    SafeTensors.save(
        file,
        Map.of("model.w", Tensor.zeros(1)),
        Map.of("jgrad.epoch", "1", "jgrad.checkpoint", "2"));
    SafeTensorsFormatException e =
        assertThrows(SafeTensorsFormatException.class, () -> TrainingCheckpoint.load(file));
    assertTrue(
        e.getMessage()
            .endsWith(
                "training checkpoint format version 2 is not supported (this jgrad reads version"
                    + " 1)"),
        e.getMessage());
  }

  @Test
  void malformedMetadataIsNamed() throws IOException {
    Run run = Run.fresh();
    Path good = dir.resolve("good.safetensors");
    run.checkpoint(0).save(good);
    assertMetadataRefused(good, "jgrad.epoch", "one", "jgrad.epoch is 'one', not a 32-bit integer");
    assertMetadataRefused(
        good, "jgrad.epochs", "4294967296", "jgrad.epochs is '4294967296', not a 32-bit integer");
    assertMetadataRefused(
        good, "jgrad.generator", "1,2,x", "jgrad.generator word 2 is 'x', not a 64-bit integer");
  }

  /** Rewrites {@code key} of the checkpoint's metadata and checks how loading refuses it. */
  private void assertMetadataRefused(Path good, String key, String value, String problem)
      throws IOException {
    Map<String, String> meta = new HashMap<>(SafeTensors.load(good).metadata());
    meta.put(key, value);
    Path bad = dir.resolve("bad.safetensors");
    SafeTensors.save(bad, SafeTensors.load(good).tensors(), meta);
    SafeTensorsFormatException e =
        assertThrows(SafeTensorsFormatException.class, () -> TrainingCheckpoint.load(bad));
    assertEquals(bad + ": invalid training metadata: " + problem, e.getMessage());
  }

  @Test
  void aCheckpointForAnotherModelChangesNothing() throws IOException {
    Run run = Run.fresh();
    run.epoch();
    Path file = dir.resolve("ckpt.safetensors");
    run.checkpoint(1).save(file);
    Generator gen = Generator.seeded(3);
    Map<String, Variable> params = new LinkedHashMap<>();
    params.put("0.weight", new Variable(Tensor.randn(gen, 8, 5)).requiresGrad(true));
    params.put("0.bias", new Variable(Tensor.randn(gen, 8)).requiresGrad(true));
    params.put("2.weight", new Variable(Tensor.randn(gen, 4, 8)).requiresGrad(true));
    params.put("2.bias", new Variable(Tensor.randn(gen, 4)).requiresGrad(true));
    Mlp other = new Mlp(params);
    Adam opt = new Adam(other.parameters());
    Map<String, Tensor> optimizerBefore = opt.stateDict();
    float[] before = params.get("2.weight").data().toFloatArray();
    TrainingCheckpoint ckpt = TrainingCheckpoint.load(file);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ckpt.restore(other.stateDict(), opt, null));
    assertTrue(
        e.getMessage().contains("Unexpected key(s) in state_dict: \"3.weight\""), e.getMessage());
    assertTrue(
        e.getMessage().contains("Missing key(s) in state_dict: \"2.weight\", \"2.bias\"."),
        e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertArrayEquals(before, params.get("2.weight").data().toFloatArray(), 0f);
    assertEquals(optimizerBefore.keySet(), opt.stateDict().keySet());
  }

  @Test
  void aShapeMismatchIsNamedAndChangesNothing() throws IOException {
    Run run = Run.fresh();
    Path file = dir.resolve("ckpt.safetensors");
    run.checkpoint(0).save(file);
    Run wider = new Run(Mlp.of(9, 3, Generator.seeded(4)), run.opt(), run.sched(), run.gen());
    float[] before = wider.model().params().get("0.weight").data().toFloatArray();

    TrainingCheckpoint ckpt = TrainingCheckpoint.load(file);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ckpt.restore(wider.model().stateDict(), run.opt(), null));

    assertTrue(
        e.getMessage()
            .contains(
                "size mismatch for 0.weight: copying a param with shape [8, 5] from checkpoint,"
                    + " the shape in current model is [9, 5]."),
        e.getMessage());
    assertArrayEquals(before, wider.model().params().get("0.weight").data().toFloatArray(), 0f);
  }

  @Test
  void anotherOptimizerOrSchedulerIsRefusedAndChangesNothing() throws IOException {
    Run run = Run.fresh();
    run.epoch();
    Path file = dir.resolve("ckpt.safetensors");
    run.checkpoint(1).save(file);
    TrainingCheckpoint ckpt = TrainingCheckpoint.load(file);

    Run fresh = Run.fresh();
    SGD sgd = new SGD(fresh.model().parameters(), 0.1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ckpt.restore(fresh.model().stateDict(), sgd, null));
    assertEquals("TrainingCheckpoint: " + file + " holds Adam state, not SGD", e.getMessage());

    ExponentialLR exponential = new ExponentialLR(fresh.opt(), 0.9);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ckpt.restore(fresh.model().stateDict(), fresh.opt(), exponential));
    assertEquals(
        "TrainingCheckpoint: " + file + " holds StepLR state, not ExponentialLR", e.getMessage());

    Path withoutScheduler = dir.resolve("plain.safetensors");
    TrainingCheckpoint.builder(run.model().stateDict(), run.opt())
        .generator(run.gen())
        .build()
        .save(withoutScheduler);
    TrainingCheckpoint plain = TrainingCheckpoint.load(withoutScheduler);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> plain.restore(fresh.model().stateDict(), fresh.opt(), fresh.sched()));
    assertEquals(
        "TrainingCheckpoint: "
            + withoutScheduler
            + " holds no scheduler state, but a StepLR was given",
        e.getMessage());
    assertTrue(fresh.opt().state(fresh.model().parameters().get(0)).isEmpty());
  }

  @Test
  void theBuilderNeedsAGenerator() {
    Run run = Run.fresh();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> TrainingCheckpoint.builder(run.model().stateDict(), run.opt()).build());
    assertEquals(
        "TrainingCheckpoint: no generator given; its state is needed to resume a run exactly",
        e.getMessage());
  }
}
