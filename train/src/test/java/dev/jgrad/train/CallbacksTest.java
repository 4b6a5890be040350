package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.DataLoader;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.SGD;
import dev.jgrad.optim.StepLR;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {
  @TempDir Path dir;

  /** A trainer over 48 blob samples in 4 batches, without validation, with plain SGD. */
  private static Trainer.Builder withoutValidation(Sequential model) {
    return Trainer.builder(model)
        .loss(Losses::crossEntropy)
        .optimizer(new SGD(model.parameters(), 0.01))
        .train(DataLoader.of(Fixtures.blobs(48, 1), 12).shuffle(5));
  }

  /** Records the life cycle as text. */
  private static final class Recorder implements Callback {
    final List<String> events = new ArrayList<>();

    @Override
    public void onFitStart(TrainContext c) {
      events.add("fitStart " + c.epoch() + "/" + c.epochs());
    }

    @Override
    public void onEpochStart(TrainContext c) {
      events.add("epochStart " + c.epoch());
    }

    @Override
    public void onBatchEnd(TrainContext c, BatchResult b) {
      events.add("batch " + b.epoch() + ":" + b.step() + "/" + b.numBatches() + " n=" + b.size());
    }

    @Override
    public void onEpochEnd(TrainContext c, EpochLog log) {
      events.add(
          "epochEnd "
              + log.epoch()
              + " history="
              + c.history().size()
              + " lr="
              + log.get("lr")
              + " now="
              + c.optimizer().paramGroups().get(0).lr());
    }

    @Override
    public void onFitEnd(TrainContext c, History h) {
      events.add("fitEnd " + h.size() + " " + h.stopReason().orElse("-"));
    }
  }

  private static LongSupplier clockStepping(long nanos) {
    long[] t = {0};
    return () -> t[0] += nanos;
  }

  @Test
  void theLifeCycleRunsInTheStatedOrder() throws IOException {
    Sequential model = Fixtures.mlp(3);
    SGD sgd = new SGD(model.parameters(), 0.01);
    Recorder r = new Recorder();
    Fixtures.builder(model)
        .optimizer(sgd)
        .scheduler(new StepLR(sgd, 1, 0.5))
        .callbacks(r)
        .build()
        .fit(2);

    assertEquals(
        List.of(
            "fitStart 0/2",
            "epochStart 0",
            "batch 0:0/4 n=12",
            "batch 0:1/4 n=12",
            "batch 0:2/4 n=12",
            "batch 0:3/4 n=12",
            "epochEnd 0 history=1 lr=0.01 now=0.005",
            "epochStart 1",
            "batch 1:0/4 n=12",
            "batch 1:1/4 n=12",
            "batch 1:2/4 n=12",
            "batch 1:3/4 n=12",
            "epochEnd 1 history=2 lr=0.005 now=0.0025",
            "fitEnd 2 -"),
        r.events);
  }

  @Test
  void aStopAskedDuringAnEpochLeavesItUncompleted() throws IOException {
    Recorder r = new Recorder();
    Trainer trainer =
        Fixtures.builder(Fixtures.mlp(3))
            .callbacks(
                new Callback() {
                  private boolean stopped;

                  @Override
                  public void onBatchEnd(TrainContext c, BatchResult b) {
                    if (b.epoch() == 1 && b.step() == 1 && !stopped) {
                      stopped = true;
                      c.requestStop("user interrupt");
                      c.requestStop("second reason is ignored");
                    }
                  }
                },
                r)
            .build();

    History h = trainer.fit(5);

    assertEquals(1, h.size());
    assertEquals("user interrupt", h.stopReason().orElseThrow());
    assertEquals("batch 1:1/4 n=12", r.events.get(r.events.size() - 2));
    assertEquals("fitEnd 1 user interrupt", r.events.get(r.events.size() - 1));
    assertEquals(1, trainer.completedEpochs());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> trainer.saveCheckpoint(dir.resolve("c.safetensors")));
    assertEquals(
        "saveCheckpoint: the model holds 2 step(s) of epoch 2 beyond the 1 completed epoch(s); a"
            + " training checkpoint holds whole epochs (save in onEpochEnd, or restore the last"
            + " checkpoint)",
        e.getMessage());
    trainer.fit(2);
    trainer.saveCheckpoint(dir.resolve("c.safetensors"));
  }

  @Test
  void aCheckpointCannotBeTakenInTheMiddleOfAnEpoch() {
    Trainer trainer =
        Fixtures.builder(Fixtures.mlp(3))
            .callbacks(
                new Callback() {
                  @Override
                  public void onBatchEnd(TrainContext c, BatchResult b) throws IOException {
                    c.saveCheckpoint(dir.resolve("mid.safetensors"));
                  }
                })
            .build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(1));
    assertTrue(e.getMessage().startsWith("saveCheckpoint: the model holds 1 step(s) of epoch 1"));
    assertFalse(Files.exists(dir.resolve("mid.safetensors")));
  }

  @Test
  void progressPrintsOneLinePerEpochWhenRedirected() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Trainer trainer =
        Fixtures.builder(Fixtures.mlp(3))
            .metrics(new Accuracy())
            .callbacks(
                new ProgressBar(out, false, clockStepping(500_000_000L)),
                new EarlyStopping("loss", Mode.MIN, 1).minDelta(10))
            .build();

    History h = trainer.fit(3);

    StringBuilder expected = new StringBuilder();
    for (EpochLog log : h.epochs()) {
      expected.append("epoch ").append(log.epoch() + 1).append("/3 - 2.5s");
      log.metrics()
          .forEach(
              (k, v) ->
                  expected.append(" - ").append(k).append(": ").append(ProgressBar.format(v)));
      expected.append('\n');
    }
    expected.append("stopped: ").append(h.stopReason().orElseThrow()).append('\n');
    assertEquals(2, h.size());
    assertEquals(expected.toString(), bytes.toString(StandardCharsets.UTF_8));
    assertTrue(expected.toString().contains(" - lr: 0.0100"), expected.toString());
  }

  @Test
  void progressDrawsABarOnATerminalAtMostTenTimesASecond() throws IOException {
    ByteArrayOutputStream slow = new ByteArrayOutputStream();
    Fixtures.builder(Fixtures.mlp(3))
        .callbacks(
            new ProgressBar(
                new PrintStream(slow, true, StandardCharsets.UTF_8),
                true,
                clockStepping(500_000_000L)))
        .build()
        .fit(1);
    String text = slow.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.startsWith("\repoch 1/1 [>                             ] 0/4 - loss: NaN"), text);
    assertTrue(text.contains("\repoch 1/1 [=======>                      ] 1/4 - loss: "), text);
    assertTrue(text.contains("\repoch 1/1 [==============================] 4/4 - loss: "), text);
    assertTrue(text.contains("\r" + " ".repeat(20)), text);
    assertEquals(7, text.split("\repoch", -1).length, text);

    ByteArrayOutputStream fast = new ByteArrayOutputStream();
    Fixtures.builder(Fixtures.mlp(3))
        .callbacks(
            new ProgressBar(
                new PrintStream(fast, true, StandardCharsets.UTF_8),
                true,
                clockStepping(1_000_000L)))
        .build()
        .fit(1);
    assertEquals(4, fast.toString(StandardCharsets.UTF_8).split("\repoch", -1).length);
  }

  @Test
  void progressFactoriesChooseTheBarOrPlainLinesWhateverTheOutput() throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    Fixtures.builder(Fixtures.mlp(3))
        .callbacks(ProgressBar.plain(new PrintStream(plain, true, StandardCharsets.UTF_8)))
        .build()
        .fit(1);
    String lines = plain.toString(StandardCharsets.UTF_8);
    assertTrue(lines.startsWith("epoch 1/1 - ") && !lines.contains("\r"), lines);

    ByteArrayOutputStream bar = new ByteArrayOutputStream();
    Fixtures.builder(Fixtures.mlp(3))
        .callbacks(ProgressBar.interactive(new PrintStream(bar, true, StandardCharsets.UTF_8)))
        .build()
        .fit(1);
    String drawn = bar.toString(StandardCharsets.UTF_8);
    assertTrue(drawn.startsWith("\repoch 1/1 [>"), drawn);
    assertTrue(drawn.contains("\repoch 1/1 [==============================] 4/4 - loss: "), drawn);
  }

  @Test
  void barOnlyDrawsTheBarOnATerminalAndPrintsNoLines() throws IOException {
    ByteArrayOutputStream redirected = new ByteArrayOutputStream();
    Fixtures.builder(Fixtures.mlp(3))
        .callbacks(
            ProgressBar.barOnly(new PrintStream(redirected, true, StandardCharsets.UTF_8), false),
            new EarlyStopping("loss", Mode.MIN, 1).minDelta(10))
        .build()
        .fit(3);
    assertEquals("", redirected.toString(StandardCharsets.UTF_8));

    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    Fixtures.builder(Fixtures.mlp(3))
        .callbacks(
            ProgressBar.barOnly(new PrintStream(terminal, true, StandardCharsets.UTF_8), true))
        .build()
        .fit(2);
    String text = terminal.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\repoch 1/2 ["), text);
    assertTrue(text.contains("\repoch 2/2 [==============================] 4/4 - loss: "), text);
    assertFalse(text.contains("\n"), text);
    assertTrue(text.endsWith("\r"), text);
  }

  @Test
  void progressFormatsSmallAndLargeValuesInScientificNotation() {
    assertEquals("0.3124", ProgressBar.format(0.31241));
    assertEquals("1.000e-04", ProgressBar.format(1e-4));
    assertEquals("1.235e+05", ProgressBar.format(123456.0));
    assertEquals("NaN", ProgressBar.format(Double.NaN));
    assertEquals("0.0000", ProgressBar.format(0));
  }

  @Test
  void csvLoggerRewritesTheWholeHistoryAtomically() throws IOException {
    Path csv = dir.resolve("metrics.csv");
    List<String> seen = new ArrayList<>();
    Trainer trainer =
        Fixtures.builder(Fixtures.mlp(3))
            .metrics(new Accuracy())
            .callbacks(
                new CsvLogger(csv),
                new Callback() {
                  @Override
                  public void onEpochEnd(TrainContext c, EpochLog log) throws IOException {
                    seen.add(Files.readString(csv));
                  }
                })
            .build();

    History h = trainer.fit(3);

    assertEquals(h.toCsv(), Files.readString(csv));
    assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,lr", Files.readAllLines(csv).get(0));
    assertEquals(List.of(2, 3, 4), seen.stream().map(s -> s.split("\n").length).toList());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(csv), files.toList());
    }
  }

  @Test
  void outputFilesThatCannotBeWrittenAreRefusedBeforeTraining() throws IOException {
    Sequential model = Fixtures.mlp(3);
    Map<String, float[]> before = Fixtures.weights(model);
    Path missing = dir.resolve("missing").resolve("metrics.csv");
    IOException e =
        assertThrows(
            IOException.class,
            () -> Fixtures.builder(model).callbacks(new CsvLogger(missing)).build().fit(1));
    assertEquals(
        "CsvLogger: cannot write "
            + missing.toAbsolutePath()
            + ": the folder "
            + missing.getParent().toAbsolutePath()
            + " does not exist",
        e.getMessage());
    Fixtures.assertSameWeights(before, Fixtures.weights(model));

    Path file = Files.writeString(dir.resolve("a-file"), "x");
    e =
        assertThrows(
            IOException.class,
            () ->
                Fixtures.builder(model)
                    .callbacks(ModelCheckpoint.last(file.resolve("last.safetensors")))
                    .build()
                    .fit(1));
    assertTrue(e.getMessage().endsWith(": " + file.toAbsolutePath() + " is not a folder"));

    Path folder = Files.createDirectory(dir.resolve("ckpt"));
    e =
        assertThrows(
            IOException.class,
            () -> Fixtures.builder(model).callbacks(ModelCheckpoint.last(folder)).build().fit(1));
    assertTrue(e.getMessage().endsWith(": it is a folder"), e.getMessage());
  }

  /** Loads the epoch count of a checkpoint file after every epoch. */
  private static Callback epochsOf(Path file, List<Integer> out) {
    return new Callback() {
      @Override
      public void onEpochEnd(TrainContext c, EpochLog log) throws IOException {
        out.add(TrainingCheckpoint.load(file).epoch());
      }
    };
  }

  @Test
  void checkpointSavesTheLastEpochAndTheBestByAMonitoredMetric() throws IOException {
    Path last = dir.resolve("last.safetensors");
    Path best = dir.resolve("best.safetensors");
    List<Integer> lastEpochs = new ArrayList<>();
    List<Integer> bestEpochs = new ArrayList<>();
    withoutValidation(Fixtures.mlp(3))
        .metrics(new Scripted(0.5, 0.7, 0.6, 0.8, 0.8))
        .callbacks(
            ModelCheckpoint.last(last),
            ModelCheckpoint.best(best, "score", Mode.MAX),
            epochsOf(last, lastEpochs),
            epochsOf(best, bestEpochs))
        .build()
        .fit(5);

    assertEquals(List.of(1, 2, 3, 4, 5), lastEpochs);
    assertEquals(List.of(1, 2, 2, 4, 4), bestEpochs);
    assertEquals(last, ModelCheckpoint.last(last).file());
  }

  @Test
  void aMonitorThatIsNotRecordedIsNamed() {
    Trainer trainer =
        withoutValidation(Fixtures.mlp(3))
            .callbacks(ModelCheckpoint.best(dir.resolve("best.safetensors"), "val_loss", Mode.MIN))
            .build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(1));
    assertEquals("epoch 0 has no metric 'val_loss' (it has loss, lr)", e.getMessage());
  }

  @Test
  void earlyStoppingWaitsForPatienceEpochsWithoutImprovement() throws IOException {
    History h =
        withoutValidation(Fixtures.mlp(3))
            .metrics(new Scripted(1.0, 0.8, 0.85, 0.9, 0.7, 0.6))
            .callbacks(new EarlyStopping("score", Mode.MIN, 2))
            .build()
            .fit(6);

    assertEquals(4, h.size());
    assertEquals(
        "early stopping: score did not improve by more than 0.0 for 2 epoch(s) (now 0.9, best 0.8"
            + " at epoch 2)",
        h.stopReason().orElseThrow());
  }

  @Test
  void earlyStoppingCountsOnlyImprovementsLargerThanMinDelta() throws IOException {
    History h =
        withoutValidation(Fixtures.mlp(3))
            .metrics(new Scripted(1.0, 0.95, 0.9, 0.85, 0.5))
            .callbacks(new EarlyStopping("score", Mode.MIN, 2).minDelta(0.1))
            .build()
            .fit(5);

    assertEquals(3, h.size());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("score", Mode.MIN, 0));
    assertEquals("EarlyStopping: patience is 0, expected >= 1", e.getMessage());
  }

  @Test
  void earlyStoppingRestoresTheBestWeightsWhenItStopsTheRun() throws IOException {
    Sequential model = Fixtures.mlp(3);
    List<Map<String, float[]>> perEpoch = new ArrayList<>();
    Path last = dir.resolve("last.safetensors");
    withoutValidation(model)
        .metrics(new Scripted(1.0, 0.5, 0.7, 0.8, 0.4))
        .callbacks(
            new EarlyStopping("score", Mode.MIN, 2).restoreBestWeights(true),
            ModelCheckpoint.last(last),
            new Callback() {
              @Override
              public void onEpochEnd(TrainContext c, EpochLog log) {
                perEpoch.add(Fixtures.weights(model));
              }
            })
        .build()
        .fit(5);

    assertEquals(4, perEpoch.size());
    Fixtures.assertSameWeights(perEpoch.get(1), Fixtures.weights(model));
    Map<String, float[]> saved = new LinkedHashMap<>();
    TrainingCheckpoint.load(last).modelState().forEach((k, t) -> saved.put(k, t.toFloatArray()));
    Fixtures.assertSameWeights(perEpoch.get(3), saved);
  }

  @Test
  void earlyStoppingLeavesTheLastWeightsIfItDidNotStopTheRun() throws IOException {
    Sequential model = Fixtures.mlp(3);
    List<Map<String, float[]>> perEpoch = new ArrayList<>();
    withoutValidation(model)
        .metrics(new Scripted(1.0, 0.5, 0.7))
        .callbacks(
            new EarlyStopping("score", Mode.MIN, 2).restoreBestWeights(true),
            new Callback() {
              @Override
              public void onEpochEnd(TrainContext c, EpochLog log) {
                perEpoch.add(Fixtures.weights(model));
              }
            })
        .build()
        .fit(3);

    Fixtures.assertSameWeights(perEpoch.get(2), Fixtures.weights(model));
    assertFalse(Arrays.equals(perEpoch.get(1).get("0.weight"), perEpoch.get(2).get("0.weight")));
  }

  @Test
  void lrMonitorRecordsAndPrintsTheRatesPerEpochOrPerStep() throws IOException {
    Sequential model = Fixtures.mlp(3);
    SGD sgd = new SGD(model.parameters(), 0.01);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LrMonitor perEpoch =
        new LrMonitor(StepInterval.EPOCH, new PrintStream(printed, true, StandardCharsets.UTF_8));
    LrMonitor perStep = new LrMonitor(StepInterval.BATCH);
    withoutValidation(model)
        .optimizer(sgd)
        .scheduler(new StepLR(sgd, 2, 0.5))
        .callbacks(perEpoch, perStep)
        .build()
        .fit(3);

    assertEquals(
        List.of(
            new LrMonitor.Entry(0, 0, List.of(0.01)),
            new LrMonitor.Entry(1, 0, List.of(0.01)),
            new LrMonitor.Entry(2, 0, List.of(0.005))),
        perEpoch.entries());
    assertEquals(
        "epoch 1/3: lr 0.01\nepoch 3/3: lr 0.005\n", printed.toString(StandardCharsets.UTF_8));
    assertEquals(12, perStep.entries().size());
    assertEquals(new LrMonitor.Entry(2, 3, List.of(0.005)), perStep.entries().get(11));

    Sequential other = Fixtures.mlp(3);
    SGD perBatch = new SGD(other.parameters(), 0.01);
    ByteArrayOutputStream steps = new ByteArrayOutputStream();
    LrMonitor batchMonitor =
        new LrMonitor(StepInterval.BATCH, new PrintStream(steps, true, StandardCharsets.UTF_8));
    withoutValidation(other)
        .optimizer(perBatch)
        .scheduler(new StepLR(perBatch, 2, 0.5), StepInterval.BATCH)
        .callbacks(batchMonitor)
        .build()
        .fit(1);
    assertEquals(
        List.of(0.01, 0.01, 0.005, 0.005),
        batchMonitor.entries().stream().map(e -> e.lrs().get(0)).toList());
    assertEquals(
        "epoch 1/1 step 1/4: lr 0.01\nepoch 1/1 step 3/4: lr 0.005\n",
        steps.toString(StandardCharsets.UTF_8));
  }
}
