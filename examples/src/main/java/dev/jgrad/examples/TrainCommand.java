package dev.jgrad.examples;

import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.Dataset;
import dev.jgrad.data.Split;
import dev.jgrad.examples.Optimizers.Kind;
import dev.jgrad.examples.Preset.LossKind;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Reduction;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.CosineAnnealingLR;
import dev.jgrad.optim.LRScheduler;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.KernelInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jgrad train}: trains an MNIST network with autograd and saves its log, plots and
 * checkpoint. Its first line says which kernels run ({@link KernelInfo#summary()}).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train an MNIST classifier with autograd. Prints the kernels in use, then one line per epoch"
          + " (loss, train and test accuracy, seconds) and writes metrics.csv, curves.png, predictions.png and"
          + " checkpoint.safetensors to the output folder. Options left out take the network's"
          + " defaults.",
      ""
    })
public final class TrainCommand implements Callable<Integer> {
  @Option(
      names = "--network",
      defaultValue = "MLP",
      description = "MLP (custom, see --hidden) or a seed's network: ${COMPLETION-CANDIDATES}.")
  Preset.Name network;

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
      description = "Learning rate (MLP default: 3e-3, decayed along a cosine).")
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
          "Continue the run saved in this checkpoint, with its settings (--epochs may raise the total).")
  Path resume;

  @Mixin RunOptions run = new RunOptions();

  private final PrintStream out;

  /** Creates the command printing to standard output. */
  public TrainCommand() {
    this(System.out);
  }

  /** Creates the command printing to {@code out}. */
  public TrainCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    out.println("kernels: " + KernelInfo.current().summary());
    Checkpoint previous = resume == null ? null : Checkpoint.load(resume);
    TrainSettings s = previous == null ? settings() : TrainSettings.from(previous);
    if (previous != null && epochs != null) {
      s.epochs = epochs;
    }
    MnistData data = MnistData.load(run.data());
    Path folder = Files.createDirectories(run.out("train"));
    Sequential model =
        previous == null
            ? Mlps.create(s.sizes, s.init, s.dtype, Generator.seeded(s.seed))
            : Mlps.fromStateDict(previous.model());
    Optimizer optimizer = Optimizers.create(s.optimizer, model, s.learningRate, s.weightDecay);
    LRScheduler schedule = s.cosine ? new CosineAnnealingLR(optimizer, s.epochs) : null;
    int firstEpoch = 0;
    if (previous != null) {
      firstEpoch = Integer.parseInt(previous.meta("epoch"));
      for (int e = 0; e < firstEpoch && schedule != null; e++) {
        schedule.step();
      }
      optimizer.loadStateDict(previous.optimizer());
      out.println("resuming " + resume + " after epoch " + firstEpoch);
    }
    Dataset train =
        s.validationSplit > 0
            ? Split.lastFraction(data.train(), s.validationSplit).train()
            : data.train();
    out.printf(
        Locale.ROOT,
        "training %s %s on %d images: %s loss, %s lr %s%s (weight decay %s), batch %d, %d"
            + " epochs, %s%n",
        s.network,
        s.sizes,
        train.size(),
        s.loss,
        optimizer.name(),
        s.learningRate,
        s.cosine ? " with cosine decay" : "",
        s.weightDecay,
        s.batchSize,
        s.epochs,
        s.dtype);
    DataLoader loader = DataLoader.of(train, s.batchSize).shuffle(s.seed);
    TrainingLog log =
        new TrainingLog(folder, s.network.name().toLowerCase(Locale.ROOT), s.epochs, out);
    log.restore(firstEpoch);
    Path checkpoint = folder.resolve("checkpoint.safetensors");
    long start = System.nanoTime();
    for (int epoch = firstEpoch; epoch < s.epochs; epoch++) {
      long epochStart = System.nanoTime();
      double lossSum = 0;
      long correct = 0;
      try (EpochProgress progress =
          EpochProgress.start("epoch " + (epoch + 1), loader.numBatches())) {
        for (Batch b : loader.epoch(epoch)) {
          Variable logits = model.forward(new Variable(MnistData.inputs(b, s.dtype)));
          Variable loss = loss(s.loss, logits, b, s.dtype);
          optimizer.zeroGrad();
          loss.backward();
          optimizer.step();
          double perSample = s.loss == LossKind.SUM ? loss.item() / b.size() : loss.item();
          lossSum += perSample * b.size();
          correct += Metrics.correct(logits.data(), b.target());
          progress.step();
        }
      }
      Evaluation test = Evaluation.ofLogits(x -> Mlps.logits(model, x), data.test(), s.dtype);
      log.epoch(
          new EpochStats(
              epoch + 1,
              lossSum / train.size(),
              (double) correct / train.size(),
              test.accuracy(),
              (System.nanoTime() - epochStart) / 1e9));
      if (schedule != null) {
        schedule.step();
      }
      new Checkpoint(model.stateDict(), optimizer.stateDict(), s.metadata(epoch + 1))
          .save(checkpoint);
    }
    Evaluation test = Evaluation.ofLogits(x -> Mlps.logits(model, x), data.test(), s.dtype);
    SeedRun.finish(log, test, x -> Mlps.logits(model, x), data, s.dtype, start, out);
    out.println("checkpoint: " + checkpoint.toAbsolutePath());
    return 0;
  }

  /** Returns the loss a preset differentiates, from the logits of a batch. */
  static Variable loss(LossKind kind, Variable logits, Batch b, DType dtype) {
    return switch (kind) {
      case MEAN -> Losses.crossEntropy(logits, b.target(), Reduction.MEAN);
      case SUM -> Losses.crossEntropy(logits, b.target(), Reduction.SUM);
      case PROBABILITIES ->
          Losses.crossEntropyOnProbabilities(
              logits.softmax(1),
              MnistData.oneHot(b, dtype),
              LayerObjectMlpManual.EPS,
              Reduction.MEAN);
    };
  }

  private TrainSettings settings() {
    Preset p = Preset.named(network);
    List<Integer> sizes = new ArrayList<>();
    sizes.add(MnistData.PIXELS);
    sizes.addAll(hidden != null ? hidden : p.hidden());
    sizes.add(MnistData.CLASSES);
    TrainSettings s = new TrainSettings();
    s.network = network;
    s.sizes = sizes;
    s.init = p.init();
    s.loss = p.loss();
    s.optimizer = optimizer != null ? optimizer : p.optimizer();
    s.learningRate = learningRate != null ? learningRate : p.learningRate();
    s.weightDecay = weightDecay != null ? weightDecay : p.weightDecay();
    s.batchSize = batchSize != null ? batchSize : p.batchSize();
    s.epochs = epochs != null ? epochs : p.epochs();
    s.validationSplit = p.validationSplit();
    s.cosine = cosine != null ? cosine : p.cosine();
    s.seed = run.seed();
    s.dtype = run.dtypeOr(DType.FLOAT32);
    if (s.batchSize <= 0 || s.epochs <= 0) {
      throw new IllegalArgumentException(
          "--batch-size and --epochs must be > 0, got " + s.batchSize + " and " + s.epochs);
    }
    return s;
  }
}
