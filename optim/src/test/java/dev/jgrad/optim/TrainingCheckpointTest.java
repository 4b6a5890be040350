package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.io.SafeTensorsFormatException;
import dev.jgrad.tensor.io.TensorArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from a checkpoint and training on gives bit-identical weights to a straight run. */
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
      return new Variable(data, true);
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
    TrainingCheckpoint.save(
        file, first.model().stateDict(), first.opt(), first.sched(), 2, first.gen());

    Run fresh = Run.fresh();
    TrainingCheckpoint.Resumed r =
        TrainingCheckpoint.restore(file, fresh.model().stateDict(), fresh.opt(), fresh.sched());
    assertEquals(2, r.epoch());
    Run resumed = new Run(fresh.model(), fresh.opt(), fresh.sched(), r.generator());
    assertArrayEquals(first.gen().state(), resumed.gen().state());
    for (int e = r.epoch(); e < EPOCHS; e++) {
      resumed.epoch();
    }
    Map<String, Tensor> a = straight.model().stateDict();
    Map<String, Tensor> b = resumed.model().stateDict();
    for (String k : a.keySet()) {
      assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k);
    }
    assertEquals(straight.opt().paramGroups().get(0).lr(), resumed.opt().paramGroups().get(0).lr());
  }

  @Test
  void malformedMetadataIsNamedInWords() throws IOException {
    Run run = Run.fresh();
    Path file = dir.resolve("ckpt.safetensors");
    TrainingCheckpoint.save(file, run.model().stateDict(), run.opt(), run.sched(), 1, run.gen());

    assertMetadataRefused(file, "jgrad.epoch", "one", "jgrad.epoch is 'one', not a 32-bit integer");
    assertMetadataRefused(
        file, "jgrad.epoch", "4294967296", "jgrad.epoch is '4294967296', not a 32-bit integer");
    assertMetadataRefused(
        file,
        "jgrad.generator",
        "1,2,x,4,0,0",
        "jgrad.generator word 2 is 'x', not a 64-bit integer");
    assertMetadataRefused(
        file, "jgrad.generator", "1,2,3", "Generator.fromState: state has 3 words, expected 6");
  }

  /** Rewrites {@code key} of the checkpoint's metadata and checks how restoring refuses it. */
  private void assertMetadataRefused(Path file, String key, String value, String problem)
      throws IOException {
    TensorArchive archive = SafeTensors.load(file);
    Map<String, String> metadata = new LinkedHashMap<>(archive.metadata());
    metadata.put(key, value);
    Path bad = dir.resolve("bad.safetensors");
    SafeTensors.save(bad, archive.tensors(), metadata);
    Run run = Run.fresh();
    SafeTensorsFormatException e =
        assertThrows(
            SafeTensorsFormatException.class,
            () -> TrainingCheckpoint.restore(bad, run.model().stateDict(), run.opt(), run.sched()));
    assertEquals(bad + ": invalid training metadata: " + problem, e.getMessage());
  }

  @Test
  void aPlainStateDictIsNotATrainingCheckpoint() throws IOException {
    Run run = Run.fresh();
    Path file = dir.resolve("model.safetensors");
    SafeTensors.save(file, run.model().stateDict());
    SafeTensorsFormatException e =
        assertThrows(
            SafeTensorsFormatException.class,
            () ->
                TrainingCheckpoint.restore(file, run.model().stateDict(), run.opt(), run.sched()));
    assertTrue(e.getMessage().endsWith("not a training checkpoint: no metadata jgrad.epoch"));
  }

  @Test
  void aCheckpointForAnotherModelChangesNothing() throws IOException {
    Run run = Run.fresh();
    run.epoch();
    Path file = dir.resolve("ckpt.safetensors");
    TrainingCheckpoint.save(file, run.model().stateDict(), run.opt(), run.sched(), 1, run.gen());
    Generator gen = Generator.seeded(3);
    Map<String, Variable> params = new LinkedHashMap<>();
    params.put("0.weight", new Variable(Tensor.randn(gen, 8, 5), true));
    params.put("0.bias", new Variable(Tensor.randn(gen, 8), true));
    params.put("2.weight", new Variable(Tensor.randn(gen, 4, 8), true));
    params.put("2.bias", new Variable(Tensor.randn(gen, 4), true));
    Mlp other = new Mlp(params);
    Adam opt = new Adam(other.parameters());
    Map<String, Tensor> optimizerBefore = opt.stateDict();
    float[] before = params.get("2.weight").data().toFloatArray();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingCheckpoint.restore(file, other.stateDict(), opt, null));
    assertTrue(
        e.getMessage().contains("Unexpected key(s) in state_dict: \"3.weight\""), e.getMessage());
    assertTrue(
        e.getMessage().contains("Missing key(s) in state_dict: \"2.weight\", \"2.bias\"."),
        e.getMessage());
    assertArrayEquals(before, params.get("2.weight").data().toFloatArray(), 0f);
    assertEquals(optimizerBefore.keySet(), opt.stateDict().keySet());
  }

  @Test
  void aShapeMismatchIsNamedAndChangesNothing() throws IOException {
    Run run = Run.fresh();
    Path file = dir.resolve("ckpt.safetensors");
    TrainingCheckpoint.save(file, run.model().stateDict(), run.opt(), run.sched(), 0, run.gen());
    Run wider = new Run(Mlp.of(9, 3, Generator.seeded(4)), run.opt(), run.sched(), run.gen());
    float[] before = wider.model().params().get("0.weight").data().toFloatArray();

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingCheckpoint.restore(file, wider.model().stateDict(), run.opt(), null));

    assertTrue(
        e.getMessage()
            .contains(
                "size mismatch for 0.weight: copying a param with shape [8, 5] from checkpoint,"
                    + " the shape in current model is [9, 5]."),
        e.getMessage());
    assertArrayEquals(before, wider.model().params().get("0.weight").data().toFloatArray(), 0f);
  }
}
