package dev.jgrad.examples;

import dev.jgrad.data.DataLoader;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.ImageLayout;
import dev.jgrad.data.Split;
import dev.jgrad.examples.Optimizers.Kind;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Reduction;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.CosineAnnealingLR;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.KernelInfo;
import dev.jgrad.train.Accuracy;
import dev.jgrad.train.Callback;
import dev.jgrad.train.CsvLogger;
import dev.jgrad.train.History;
import dev.jgrad.train.LossFunction;
import dev.jgrad.train.ModelCheckpoint;
import dev.jgrad.train.ProgressBar;
import dev.jgrad.train.Trainer;
import dev.jgrad.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jgrad train}: trains an MNIST network with a {@link Trainer} and saves its log, plots and
 * checkpoint. Every argument is checked before training starts; its first line then says which
 * kernels run ({@link KernelInfo#summary()}).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train an MNIST or Fashion-MNIST classifier with autograd. Prints the kernels in use, then one line per epoch"
          + " (loss, train and test accuracy, seconds) and writes metrics.csv, curves.png,"
          + " predictions.png and checkpoint.safetensors to the output folder. Options left out"
          + " take the network's defaults. A loss or weight that becomes NaN or infinite stops the"
          + " run with exit code 3 and keeps the last good checkpoint.",
      ""
    })
public final class TrainCommand implements Callable<Integer> {
  private static final String CHECKPOINT = "checkpoint.safetensors";
  private static final Path DEFAULT_OUT = Path.of("runs", "train");

  @Option(
      names = "--network",
      description =
          "MLP (custom, see --hidden), a seed's network, or LENET5 or CNN (convolutional):"
              + " ${COMPLETION-CANDIDATES}.")
  Preset.Name network;

  @Option(names = "--dataset", description = "${COMPLETION-CANDIDATES} (default: MNIST).")
  DatasetName dataset;

  @Option(
      names = "--hidden",
      split = ",",
      paramLabel = "N",
      description = "Hidden layer sizes, e.g. 128,64 (MLP default: 128).")
  List<Integer> hidden;

  @Option(names = "--optimizer", description = "${COMPLETION-CANDIDATES} (MLP default: ADAM).")
  Kind optimizer;

  @Option(
      names = "--lr",
      description =
          "Learning rate (MLP default: 3e-3, decayed along a cosine; SEED003 divides it by the"
              + " batch size).")
  Double learningRate;

  @Option(names = "--weight-decay", description = "L2 coefficient on weights (default: 0).")
  Double weightDecay;

  @Option(
      names = "--cosine",
      negatable = true,
      description = "Decay the learning rate along a cosine over the epochs (MLP default: on).")
  Boolean cosine;

  @Option(names = "--batch-size", description = "Batch size (MLP default: 128).")
  Integer batchSize;

  @Option(names = "--epochs", description = "Epochs (MLP default: 5).")
  Integer epochs;

  @Option(
      names = "--resume",
      paramLabel = "CHECKPOINT",
      description =
          "Continue the run saved in this checkpoint with its settings: an interrupted run exactly,"
              + " a finished one extended to --epochs (--lr and --[no-]cosine may change, starting"
              + " a new cycle). Other options that change the run are refused. Default --out: the"
              + " checkpoint's folder.")
  Path resume;

  @Mixin RunOptions run = new RunOptions();

  private final PrintStream out;
  private final List<Callback> extra;

  /** Creates the command printing to standard output. */
  public TrainCommand() {
    this(System.out);
  }

  /**
   * Creates the command.
   *
   * @param out where to print
   */
  public TrainCommand(PrintStream out) {
    this(out, List.of());
  }

  /** For tests: a command whose trainer runs {@code extra} callbacks after its own. */
  TrainCommand(PrintStream out, List<Callback> extra) {
    this.out = out;
    this.extra = List.copyOf(extra);
  }

  @Override
  public Integer call() throws CommandFailure, IOException {
    TrainOptions options =
        new TrainOptions(
            network,
            dataset,
            hidden,
            optimizer,
            learningRate,
            weightDecay,
            cosine,
            batchSize,
            epochs,
            run.seedGiven(),
            run.dtypeGiven());
    options.check();
    ResumePlan plan = resume == null ? null : ResumePlan.of(resume, options);
    TrainSettings s = plan == null ? TrainSettings.fresh(options) : plan.settings();
    int target = plan == null ? s.preset().epochs() : plan.epochs();
    ImageData data = DataFolder.load(s.dataset().spec(), run.data());
    if (s.network().convolutional()) {
      data = data.as(ImageLayout.NCHW);
    }
    Dataset train = trainingSet(s, data);
    checkBatchSize(s, train);
    if (hidden != null) {
      NetworkSize.check(
          s.sizes(),
          s.dtype(),
          s.preset().optimizer(),
          s.preset().batchSize(),
          "--hidden",
          options.hiddenText());
    }
    Path folder =
        RunFolder.prepare(
            run.outOr(plan == null ? DEFAULT_OUT : resume.toAbsolutePath().getParent()),
            run.force(),
            resume);
    try {
      return train(s, plan, target, data, train, folder);
    } catch (OutOfMemoryError e) {
      throw CommandFailure.failed("training " + s.sizes() + " failed: " + Faults.of(e), e);
    }
  }

  private int train(
      TrainSettings s, ResumePlan plan, int target, ImageData data, Dataset train, Path folder)
      throws CommandFailure, IOException {
    Trainer trainer = trainer(s, target, data, train, folder);
    if (plan != null) {
      restore(trainer, plan);
    }
    out.println("kernels: " + KernelInfo.current().summary());
    if (plan != null) {
      out.println(plan.announcement());
    }
    out.println(
        s.describe(Networks.shape(s, trainer.model()), train.size(), trainer.optimizer().name()));
    Path checkpoint = folder.resolve(CHECKPOINT);
    long start = System.nanoTime();
    History history;
    try {
      history = trainer.fit(target);
    } catch (TrainingDivergedException e) {
      int kept = e.history().size();
      throw CommandFailure.diverged(
          e.getMessage()
              + (kept > 0
                  ? "; " + checkpoint + " keeps epoch " + kept + ", the last good one"
                  : "; no epoch was completed, so no checkpoint was written"));
    } catch (IOException e) {
      throw CommandFailure.failed(
          "training stopped: cannot write its files in " + folder + ": " + Faults.of(e), e);
    }
    history
        .stopReason()
        .ifPresent(
            reason ->
                out.printf(
                    Locale.ROOT,
                    "stopped after epoch %d of %d: %s%n",
                    history.size(),
                    target,
                    reason));
    TestScore test = TestScore.ofLogits(trainer, data.test());
    RunReport.finish(
        trainer,
        test,
        start,
        folder,
        s.network().name().toLowerCase(Locale.ROOT) + " on " + data.spec().name(),
        data.test(),
        out);
    out.println("checkpoint: " + checkpoint.toAbsolutePath());
    return Commands.OK;
  }

  private Trainer trainer(TrainSettings s, int target, ImageData data, Dataset train, Path folder) {
    Preset p = s.preset();
    Sequential model = Networks.create(s);
    Optimizer opt = Optimizers.create(p.optimizer(), model, p.stepRate(), p.weightDecay());
    DataLoader loader = DataLoader.of(train, p.batchSize());
    if (p.shuffle()) {
      loader = loader.shuffle(s.seed());
    }
    List<Callback> callbacks = new ArrayList<>();
    callbacks.add(ProgressBar.barOnly(out));
    callbacks.add(new EpochLines(out, p.loss() == Preset.LossKind.SUM));
    if (p.stopWhenTrainAccuracyDrops()) {
      callbacks.add(new StopWhenTrainAccuracyDrops(out, train, s.dtype()));
    }
    callbacks.add(new CsvLogger(folder.resolve("metrics.csv")));
    callbacks.add(ModelCheckpoint.last(folder.resolve(CHECKPOINT)));
    callbacks.addAll(extra);
    Trainer.Builder b =
        Trainer.builder(model)
            .loss(loss(p.loss(), s.dtype()))
            .optimizer(opt)
            .train(loader)
            .validate(DataLoader.of(data.test(), TestScore.CHUNK))
            .metrics(new Accuracy())
            .dtype(s.dtype())
            .seed(s.seed())
            .callbacks(callbacks.toArray(Callback[]::new));
    if (p.cosine()) {
      b.scheduler(new CosineAnnealingLR(opt, target - s.cycleStart()));
    }
    s.toSettings().forEach(b::setting);
    return b.build();
  }

  private static void restore(Trainer trainer, ResumePlan plan) throws CommandFailure {
    try {
      trainer.restore(plan.file());
    } catch (IllegalArgumentException | IOException e) {
      throw CommandFailure.usage(
          "--resume",
          plan.file(),
          "cannot be restored: " + Faults.of(e),
          "expected a checkpoint saved by jgrad train, unchanged");
    }
  }

  /** Returns the images trained on: the training set, less a held-out part for some seeds. */
  private static Dataset trainingSet(TrainSettings s, ImageData data) {
    double split = s.preset().validationSplit();
    return split > 0 ? Split.lastFraction(data.train(), split).train() : data.train();
  }

  private static void checkBatchSize(TrainSettings s, Dataset train) throws CommandFailure {
    int size = s.preset().batchSize();
    if (size > train.size()) {
      throw CommandFailure.usage(
          "--batch-size",
          size,
          "a batch of " + size + " is larger than the " + train.size() + " training images",
          "use a batch size from 1 to " + train.size());
    }
  }

  /** Returns the loss a preset differentiates, from the logits of a batch. */
  static LossFunction loss(Preset.LossKind kind, DType dtype) {
    return switch (kind) {
      case MEAN -> (logits, target) -> Losses.crossEntropy(logits, target, Reduction.MEAN);
      case SUM -> (logits, target) -> Losses.crossEntropy(logits, target, Reduction.SUM);
      case PROBABILITIES ->
          (logits, target) ->
              Losses.crossEntropyOnProbabilities(
                  logits.softmax(1),
                  target.oneHot(ImageData.CLASSES, dtype),
                  LayerObjectMlpManual.EPS,
                  Reduction.MEAN);
    };
  }
}
