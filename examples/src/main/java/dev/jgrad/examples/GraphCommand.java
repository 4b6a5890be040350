package dev.jgrad.examples;

import dev.jgrad.autograd.GraphDot;
import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.ImageLayout;
import dev.jgrad.nn.Sequential;
import dev.jgrad.tensor.DType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jgrad graph}: draws the autograd graph of one training step's loss ({@link GraphDot}), as
 * a PNG image through Graphviz or as DOT text.
 */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Draw the autograd graph of one training step: build the network as jgrad train does, run"
          + " the forward pass and the loss on the first batch of the training images, and write"
          + " the graph behind the loss: one box per op with its output shape and dtype, the"
          + " parameters by name (blue), the batch (white), the loss (green). A .png needs"
          + " Graphviz's dot program (package graphviz); a .dot file is the text it draws.",
      ""
    })
public final class GraphCommand implements Callable<Integer> {
  @Option(
      names = "--network",
      description =
          "MLP (see --hidden), a seed's network, LENET5 or CNN: ${COMPLETION-CANDIDATES}.")
  Preset.Name network;

  @Option(names = "--dataset", description = "${COMPLETION-CANDIDATES} (default: MNIST).")
  DatasetName dataset;

  @Option(
      names = "--hidden",
      split = ",",
      paramLabel = "N",
      description = "Hidden layer sizes of the MLP, e.g. 128,64 (default: 128).")
  List<Integer> hidden;

  @Option(
      names = "--batch-size",
      description = "Images in the batch (default: the network's, e.g. 128 for MLP).")
  Integer batchSize;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the weights (default: 0).")
  Long seed;

  @Option(
      names = "--dtype",
      converter = RunOptions.FloatingDType.class,
      description = "FLOAT32 or FLOAT64 (default: FLOAT32).")
  DType dtype;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Folder with the dataset's four files (default: the lookup of jgrad train).")
  Path data;

  @Option(
      names = "--show-saved",
      description = "Also draw the tensors each op saves for its backward pass (orange).")
  boolean showSaved;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "The .png image or .dot text to write (default: runs/graph/graph-<network>.png).")
  Path file;

  private final PrintStream out;

  /** Creates the command printing to standard output. */
  public GraphCommand() {
    this(System.out);
  }

  /**
   * Creates the command.
   *
   * @param out where to print
   */
  public GraphCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws CommandFailure, IOException {
    TrainOptions options =
        new TrainOptions(
            network, dataset, hidden, null, null, null, null, batchSize, null, seed, dtype);
    options.check();
    TrainSettings s = TrainSettings.fresh(options);
    Path target =
        file != null
            ? file
            : Path.of(
                "runs", "graph", "graph-" + s.network().name().toLowerCase(Locale.ROOT) + ".png");
    boolean png = checkTarget(target);
    ImageData images = DataFolder.load(s.dataset().spec(), data);
    if (s.network().convolutional()) {
      images = images.as(ImageLayout.NCHW);
    }
    int size = s.preset().batchSize();
    if (size > images.train().size()) {
      throw CommandFailure.usage(
          "--batch-size",
          size,
          "a batch of " + size + " is larger than the " + images.train().size() + " images",
          "use a batch size from 1 to " + images.train().size());
    }
    Batch batch = DataLoader.of(images.train(), size).epoch(0).iterator().next();
    Sequential model = Networks.create(s);
    Variable input = new Variable(batch.input().to(s.dtype()));
    Variable loss =
        TrainCommand.loss(s.preset().loss(), s.dtype()).apply(model.forward(input), batch.target());
    Map<String, Variable> names = new LinkedHashMap<>(model.namedParameters());
    names.put("batch", input);
    names.put("loss", loss);
    GraphDot graph = GraphDot.of(loss).names(names).showSaved(showSaved);
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      if (png) {
        graph.writePng(target);
      } else {
        graph.writeDot(target);
      }
    } catch (IOException e) {
      throw CommandFailure.failed("cannot draw " + target + ": " + Faults.of(e), e);
    }
    out.printf(
        Locale.ROOT,
        "graph of one training step of %s %s on a batch of %d %s images: %s%n",
        s.network(),
        Networks.shape(s, model),
        size,
        s.dataset().spec().name(),
        target.toAbsolutePath());
    return Commands.OK;
  }

  /** Returns whether {@code target} is a PNG (else DOT), refusing any other extension. */
  private static boolean checkTarget(Path target) throws CommandFailure {
    String name = target.getFileName() == null ? "" : target.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".png") && !lower.endsWith(".dot")) {
      throw CommandFailure.usage(
          "--out",
          target,
          "is neither a .png nor a .dot file",
          "expected a name ending in .png or .dot");
    }
    if (Files.isDirectory(target)) {
      throw CommandFailure.usage("--out", target, "is a folder", "expected a file name");
    }
    return lower.endsWith(".png");
  }
}
