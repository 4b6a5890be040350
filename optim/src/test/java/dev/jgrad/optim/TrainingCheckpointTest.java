package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Dropout;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.io.SafeTensorsFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from a checkpoint and training on gives bit-identical weights to a straight run. */
class TrainingCheckpointTest {
  private static final int EPOCHS = 4;
  private static final Tensor X = Tensor.randn(Generator.seeded(100), 24, 5);
  private static final Tensor Y = Tensor.randint(Generator.seeded(101), 0, 3, 24);

  @TempDir Path dir;

  /** Model, optimizer and scheduler built as a fresh process would; dropout draws from gen. */
  private record Run(Sequential model, Adam opt, StepLR sched, Generator gen) {
    static Run fresh() {
      Generator gen = Generator.seeded(7);
      Sequential model =
          new Sequential(
              new Linear(5, 8, gen), new ReLU(), new Dropout(0.2, gen), new Linear(8, 3, gen));
      Adam opt = new Adam(model.parameters(), 0.01).amsgrad(true);
      return new Run(model, opt, new StepLR(opt, 1, 0.7), gen);
    }

    void epoch() {
      int[] order = gen.permutation(24);
      for (int start = 0; start < 24; start += 6) {
        Tensor idx = Tensor.of(java.util.Arrays.copyOfRange(order, start, start + 6));
        Variable loss =
            Losses.crossEntropy(
                model.forward(new Variable(X.indexSelect(0, idx))), Y.indexSelect(0, idx));
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
    TrainingCheckpoint.save(file, first.model(), first.opt(), first.sched(), 2, first.gen());

    Run fresh = Run.fresh();
    TrainingCheckpoint.Resumed r =
        TrainingCheckpoint.restore(file, fresh.model(), fresh.opt(), fresh.sched());
    assertEquals(2, r.epoch());
    Run resumed = new Run(r.reattach(fresh.model()), fresh.opt(), fresh.sched(), r.generator());
    assertTrue(resumed.model().get(2) instanceof Dropout);
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
  void aPlainStateDictIsNotATrainingCheckpoint() throws IOException {
    Run run = Run.fresh();
    Path file = dir.resolve("model.safetensors");
    SafeTensors.save(file, run.model().stateDict());
    SafeTensorsFormatException e =
        assertThrows(
            SafeTensorsFormatException.class,
            () -> TrainingCheckpoint.restore(file, run.model(), run.opt(), run.sched()));
    assertTrue(e.getMessage().endsWith("not a training checkpoint: no metadata jgrad.epoch"));
  }

  @Test
  void aCheckpointForAnotherModelChangesNothing() throws IOException {
    Run run = Run.fresh();
    run.epoch();
    Path file = dir.resolve("ckpt.safetensors");
    TrainingCheckpoint.save(file, run.model(), run.opt(), run.sched(), 1, run.gen());
    Generator gen = Generator.seeded(3);
    Sequential other = new Sequential(new Linear(5, 8, gen), new ReLU(), new Linear(8, 4, gen));
    Adam opt = new Adam(other.parameters());
    float[] before = ((Linear) other.get(2)).weight().data().toFloatArray();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingCheckpoint.restore(file, other, opt, null));
    assertTrue(
        e.getMessage().contains("Unexpected key(s) in state_dict: \"3.weight\""), e.getMessage());
    assertArrayEquals(before, ((Linear) other.get(2)).weight().data().toFloatArray(), 0f);
  }
}
