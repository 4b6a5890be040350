package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.TensorDataset;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Reduction;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.SGD;
import dev.jgrad.optim.StepLR;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
  /** Records each forward call's mode and whether the tape was on. */
  private static final class Probe extends Module {
    final List<String> calls = new ArrayList<>();

    @Override
    protected Variable compute(Variable input) {
      calls.add((isTraining() ? "train" : "eval") + (NoGrad.isGradEnabled() ? "+tape" : ""));
      return input;
    }
  }

  @Test
  void fitLearnsTheBlobsAndRecordsKerasStyleLogs() throws IOException {
    Sequential model = Fixtures.mlp(3);
    Trainer trainer = Fixtures.builder(model).metrics(new Accuracy()).build();

    History h = trainer.fit(15);

    assertEquals(15, h.size());
    assertEquals(15, trainer.completedEpochs());
    assertEquals(
        List.of("loss", "accuracy", "val_loss", "val_accuracy", "lr"),
        List.copyOf(h.epochs().get(0).metrics().keySet()));
    List<Double> loss = h.metric("loss");
    assertTrue(loss.get(14) < loss.get(0) / 2, loss.toString());
    assertTrue(h.last().orElseThrow().get("val_accuracy") > 0.9, h.toCsv());
    assertEquals(0.01, h.last().orElseThrow().get("lr"));
    assertTrue(h.stopReason().isEmpty());
    assertFalse(h.diverged());
    assertTrue(model.isTraining());
  }

  @Test
  void fitTrainsOnlyTheEpochsNotYetCompleted() throws IOException {
    Trainer trainer = Fixtures.builder(Fixtures.mlp(3)).build();
    trainer.fit(2);
    assertEquals(3, trainer.fit(3).size());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(3));
    assertEquals(
        "fit: the run has completed 3 epoch(s), so fit(3) has nothing to train; ask for more than"
            + " 3",
        e.getMessage());
  }

  @Test
  void aLoaderWithoutBatchesIsRefusedBeforeTraining() throws IOException {
    Sequential model = Fixtures.mlp(3);
    TensorDataset data = Fixtures.blobs(10, 1);
    DataLoader whole = DataLoader.of(data, Integer.MAX_VALUE);
    assertEquals(1, whole.numBatches(), "a batch larger than the data is the whole data, as torch");
    assertEquals(1, Fixtures.builder(model).train(whole).build().fit(1).epochs().size());

    TensorDataset empty = new TensorDataset(Tensor.zeros(0, 4), Tensor.of(new int[0], 0));
    Trainer none = Fixtures.builder(model).train(DataLoader.of(empty, 4)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.fit(1));
    assertTrue(e.getMessage().contains("yields 0 batches (0 samples, batch size 4)"));
  }

  @Test
  void evaluationRunsWithoutTheTapeInEvalModeAndRestoresTheMode() throws IOException {
    Probe probe = new Probe();
    Sequential model = new Sequential(new Linear(4, 3, Generator.seeded(1)), probe);
    Trainer trainer = Fixtures.builder(model).build();
    DataLoader one = DataLoader.of(Fixtures.blobs(8, 1), 8);

    trainer.evaluate(one);
    assertEquals(List.of("eval"), probe.calls);
    assertTrue(model.isTraining());

    model.eval();
    trainer.predict(Tensor.zeros(2, 4));
    assertFalse(model.isTraining());
    model.train();

    probe.calls.clear();
    trainer.fit(1);
    assertEquals(
        List.of("train+tape", "train+tape", "train+tape", "train+tape", "eval", "eval", "eval"),
        probe.calls);
  }

  @Test
  void evaluateReturnsTheMeanLossOverSamplesAndTheMetrics() {
    Sequential model = Fixtures.mlp(3);
    Trainer trainer = Fixtures.builder(model).metrics(new Accuracy()).build();
    TensorDataset data = Fixtures.blobs(10, 4);

    Evaluation batched = trainer.evaluate(DataLoader.of(data, 3), new ConfusionMatrix(3));
    Evaluation whole = trainer.evaluate(DataLoader.of(data, 10));

    assertEquals(whole.loss(), batched.loss(), 1e-6);
    assertEquals(whole.get("accuracy"), batched.get("accuracy"));
    assertEquals(
        List.of("loss", "accuracy", "precision_macro", "recall_macro", "f1_macro"),
        List.copyOf(batched.values().keySet()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> trainer.evaluate(DataLoader.of(data, 10), new Accuracy()));
    assertEquals("evaluate: two values named 'accuracy'", e.getMessage());
  }

  @Test
  void predictConcatenatesTheBatchesInOrder() {
    Sequential model = Fixtures.mlp(3);
    Trainer trainer = Fixtures.builder(model).build();
    TensorDataset data = Fixtures.blobs(10, 4);

    Tensor byBatch = trainer.predict(DataLoader.of(data, 4));
    Tensor whole = trainer.predict(data.inputs());

    assertEquals(whole.shape(), byBatch.shape());
    assertArrayEquals(whole.toFloatArray(), byBatch.toFloatArray(), 1e-6f);
  }

  @Test
  void inputsAreCastToTheModelsDtype() throws IOException {
    Generator gen = Generator.seeded(2);
    Sequential model =
        new Sequential(Linear.builder(4, 3).dtype(DType.FLOAT64).generator(gen).build());
    Trainer trainer = Fixtures.builder(model).build();

    assertEquals(DType.FLOAT64, trainer.dtype());
    trainer.fit(1);
    assertEquals(DType.FLOAT64, trainer.predict(Tensor.zeros(2, 4)).dtype());
  }

  @Test
  void aSchedulerStepsPerEpochOrPerBatch() throws IOException {
    Sequential perEpoch = Fixtures.mlp(3);
    SGD a = new SGD(perEpoch.parameters(), 0.1);
    Fixtures.builder(perEpoch).optimizer(a).scheduler(new StepLR(a, 1, 0.5)).build().fit(1);
    assertEquals(0.05, a.paramGroups().get(0).lr(), 1e-15);

    Sequential perBatch = Fixtures.mlp(3);
    SGD b = new SGD(perBatch.parameters(), 0.1);
    Trainer t =
        Fixtures.builder(perBatch)
            .optimizer(b)
            .scheduler(new StepLR(b, 1, 0.5), StepInterval.BATCH)
            .build();
    History h = t.fit(1);
    assertEquals(0.1 / 16, b.paramGroups().get(0).lr(), 1e-15);
    assertEquals(0.1, h.last().orElseThrow().get("lr"));
  }

  @Test
  void theSeedDecidesTheDropoutMasks() throws IOException {
    Sequential a = Fixtures.mlp(3);
    Sequential b = Fixtures.mlp(3);
    Sequential c = Fixtures.mlp(3);
    Fixtures.builder(a).seed(9).build().fit(2);
    Fixtures.builder(b).seed(9).build().fit(2);
    Fixtures.builder(c).seed(10).build().fit(2);

    Fixtures.assertSameWeights(Fixtures.weights(a), Fixtures.weights(b));
    assertFalse(
        Arrays.equals(Fixtures.weights(a).get("0.weight"), Fixtures.weights(c).get("0.weight")));
  }

  @Test
  void theLibraryPrintsNothingByItself() throws IOException {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    try {
      System.setOut(capture);
      System.setErr(capture);
      Trainer trainer = Fixtures.builder(Fixtures.mlp(3)).metrics(new Accuracy()).build();
      trainer.fit(2);
      trainer.evaluate(DataLoader.of(Fixtures.blobs(8, 1), 4));
      trainer.summary();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theBuilderNamesWhatIsMissingOrClashes() {
    Sequential model = Fixtures.mlp(3);
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> Trainer.builder(model).build());
    assertEquals("Trainer: no loss given (call loss(...))", missing.getMessage());

    IllegalArgumentException clash =
        assertThrows(
            IllegalArgumentException.class,
            () -> Fixtures.builder(model).metrics(new Accuracy(), new Accuracy()).build());
    assertTrue(clash.getMessage().startsWith("Trainer: two values named 'accuracy'"));

    IllegalArgumentException setting =
        assertThrows(
            IllegalArgumentException.class,
            () -> Fixtures.builder(model).setting("seed", "1").build());
    assertEquals("Trainer: setting 'seed' is one the trainer records itself", setting.getMessage());

    IllegalArgumentException notScalar =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Fixtures.builder(model)
                    .loss((o, t) -> Losses.crossEntropy(o, t, Reduction.NONE))
                    .build()
                    .fit(1));
    assertEquals(
        "fit: the loss function returned shape [12], expected a scalar (use a mean or sum"
            + " reduction)",
        notScalar.getMessage());
  }

  @Test
  void settingsDescribeTheRun() {
    Sequential model = Fixtures.mlp(3);
    Trainer trainer = Fixtures.builder(model).seed(4).setting("hidden", "16").build();

    assertEquals("Adam", trainer.settings().get("optimizer"));
    assertEquals("0.01", trainer.settings().get("optimizer.lr"));
    assertEquals("12", trainer.settings().get("batch_size"));
    assertEquals("48", trainer.settings().get("train_samples"));
    assertEquals("24", trainer.settings().get("validation_samples"));
    assertEquals("FLOAT32", trainer.settings().get("dtype"));
    assertEquals("4", trainer.settings().get("seed"));
    assertEquals("none", trainer.settings().get("scheduler"));
    assertEquals("16", trainer.settings().get("hidden"));
    assertEquals(model.toString(), trainer.settings().get("model"));
  }
}
