package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.RemovableHandle;
import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.Parameter;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table of a model's layers with their output shapes for a sample input and their parameter
 * counts, and the model's totals, as torchinfo's {@code summary} and Keras' {@code
 * Model.summary()}.
 *
 * <pre>
 * ==============================================================================
 * Layer (type)                          Output Shape              Param #
 * ==============================================================================
 * Sequential                            [32, 10]                  --
 * ├─0: Linear                           [32, 128]                 100,480
 * ├─1: ReLU                             [32, 128]                 --
 * └─2: Linear                           [32, 10]                  1,290
 * ==============================================================================
 * Total params: 101,770
 * Trainable params: 101,770
 * Non-trainable params: 0
 * ==============================================================================
 * Input size: 100,352 bytes (0.10 MB)
 * Forward pass size: 34,048 bytes (0.03 MB)
 * Params size: 407,080 bytes (0.41 MB)
 * Buffers size: 0 bytes (0.00 MB)
 * Estimated total size: 541,480 bytes (0.54 MB)
 * ==============================================================================
 * </pre>
 *
 * <p><b>Output shapes</b> come from one forward pass of the sample input, without the tape and in
 * evaluation mode (the model's mode is restored after), recorded by a {@linkplain
 * Module#registerForwardHook forward hook} on every module, as torchinfo does: the layers of a
 * {@code Sequential} and the children a custom module calls alike. A module that the pass does not
 * call shows no shape ({@code --}); one called several times shows its last output.
 *
 * <p><b>Parameters.</b> Each row counts the parameters the module registers itself (not its
 * children's). The totals count every parameter once, even if shared; a parameter is trainable if
 * it requires grad, frozen (non-trainable) otherwise. Sizes are in bytes of each tensor's dtype;
 * the forward pass size is the sum of the outputs of the rows whose children show no output.
 */
public final class ModelSummary {
  private static final int NAME_WIDTH = 38;
  private static final int SHAPE_WIDTH = 26;
  private static final String RULE = "=".repeat(NAME_WIDTH + SHAPE_WIDTH + 14);

  private final List<Row> rows;
  private final long totalParams;
  private final long trainableParams;
  private final long paramBytes;
  private final long bufferBytes;
  private final long inputBytes;
  private final long forwardBytes;

  /**
   * One module of the tree.
   *
   * @param path the module's dotted path from the model ({@code ""} for the model itself)
   * @param type the module's class name, such as {@code Linear}
   * @param depth the number of ancestors, 0 for the model
   * @param treePrefix the tree drawing before the name, such as {@code "│ └─"}
   * @param outputShape the output shape for the sample input, or empty if not recorded
   * @param params the number of elements of the parameters the module registers itself
   * @param trainableParams how many of those require grad
   */
  public record Row(
      String path,
      String type,
      int depth,
      String treePrefix,
      Optional<Shape> outputShape,
      long params,
      long trainableParams) {}

  private ModelSummary(
      List<Row> rows,
      long totalParams,
      long trainableParams,
      long paramBytes,
      long bufferBytes,
      long inputBytes,
      long forwardBytes) {
    this.rows = List.copyOf(rows);
    this.totalParams = totalParams;
    this.trainableParams = trainableParams;
    this.paramBytes = paramBytes;
    this.bufferBytes = bufferBytes;
    this.inputBytes = inputBytes;
    this.forwardBytes = forwardBytes;
  }

  /**
   * Summarizes {@code model}, running it once on {@code sampleInput}.
   *
   * @param model the model
   * @param sampleInput an input the model accepts, for example one batch
   * @return the summary
   * @throws IllegalArgumentException if the model rejects the input (the model's own message)
   */
  @SuppressWarnings("try") // the NoGrad scope is used only for its extent
  public static ModelSummary of(Module model, Tensor sampleInput) {
    checkNotNull(model, "ModelSummary: model is null");
    checkNotNull(sampleInput, "ModelSummary: sample input is null");
    Map<Module, Variable> outputs = new IdentityHashMap<>();
    List<RemovableHandle> handles = new ArrayList<>();
    for (Module m : model.namedModules().values()) {
      handles.add(
          m.registerForwardHook(
              (module, in, out) -> {
                outputs.put(module, out);
                return null;
              }));
    }
    boolean wasTraining = model.isTraining();
    model.eval();
    try (NoGrad g = NoGrad.enter()) {
      model.forward(new Variable(sampleInput));
    } finally {
      model.train(wasTraining);
      handles.forEach(RemovableHandle::remove);
    }
    List<Row> rows = new ArrayList<>();
    long[] forwardBytes = new long[1];
    addRows(
        model,
        "",
        "",
        0,
        outputs,
        rows,
        forwardBytes,
        Collections.newSetFromMap(new IdentityHashMap<>()));
    long total = 0;
    long trainable = 0;
    long paramBytes = 0;
    for (Parameter p : model.parameters()) {
      total += p.numel();
      trainable += p.requiresGrad() ? p.numel() : 0;
      paramBytes += bytes(p.numel(), p.dtype());
    }
    long bufferBytes = 0;
    for (Tensor b : model.namedBuffers().values()) {
      bufferBytes += bytes(b.numel(), b.dtype());
    }
    return new ModelSummary(
        rows,
        total,
        trainable,
        paramBytes,
        bufferBytes,
        bytes(sampleInput.numel(), sampleInput.dtype()),
        forwardBytes[0]);
  }

  private static void addRows(
      Module m,
      String path,
      String prefix,
      int depth,
      Map<Module, Variable> outputs,
      List<Row> rows,
      long[] forwardBytes,
      Set<Module> seen) {
    if (!seen.add(m)) {
      return;
    }
    long params = 0;
    long trainable = 0;
    for (Map.Entry<String, Parameter> p : m.namedParameters().entrySet()) {
      if (!p.getKey().contains(".")) {
        params += p.getValue().numel();
        trainable += p.getValue().requiresGrad() ? p.getValue().numel() : 0;
      }
    }
    Variable out = outputs.get(m);
    rows.add(
        new Row(
            path,
            m.getClass().getSimpleName(),
            depth,
            prefix,
            Optional.ofNullable(out).map(Variable::shape),
            params,
            trainable));
    if (out != null && m.children().stream().noneMatch(outputs::containsKey)) {
      forwardBytes[0] += bytes(out.numel(), out.dtype());
    }
    List<Map.Entry<String, Module>> children = new ArrayList<>(m.namedChildren().entrySet());
    String continuation = prefix.replace("├─", "│ ").replace("└─", "  ");
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      String childName = children.get(i).getKey();
      addRows(
          children.get(i).getValue(),
          path.isEmpty() ? childName : path + "." + childName,
          continuation + (last ? "└─" : "├─"),
          depth + 1,
          outputs,
          rows,
          forwardBytes,
          seen);
    }
  }

  private static long bytes(long numel, DType dtype) {
    return numel * dtype.byteSize();
  }

  /**
   * Returns the rows, the model first, then its descendants depth first.
   *
   * @return the rows, unmodifiable
   */
  public List<Row> rows() {
    return rows;
  }

  /**
   * Returns the number of parameter elements, each shared parameter counted once.
   *
   * @return trainable plus frozen
   */
  public long totalParams() {
    return totalParams;
  }

  /**
   * Returns the number of parameter elements that require grad.
   *
   * @return the trainable count
   */
  public long trainableParams() {
    return trainableParams;
  }

  /**
   * Returns the number of parameter elements that do not require grad.
   *
   * @return the frozen count
   */
  public long frozenParams() {
    return totalParams - trainableParams;
  }

  /**
   * Returns the size of the parameters.
   *
   * @return bytes
   */
  public long paramBytes() {
    return paramBytes;
  }

  /**
   * Returns the size of the buffers (state that is not a parameter).
   *
   * @return bytes
   */
  public long bufferBytes() {
    return bufferBytes;
  }

  /**
   * Returns the size of the sample input.
   *
   * @return bytes
   */
  public long inputBytes() {
    return inputBytes;
  }

  /**
   * Returns the size of the recorded outputs (see the class notes).
   *
   * @return bytes
   */
  public long forwardBytes() {
    return forwardBytes;
  }

  /**
   * Returns the table (see the class notes for an example).
   *
   * @return a multi-line table
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(RULE).append('\n');
    sb.append(line("Layer (type)", "Output Shape", "Param #"));
    sb.append(RULE).append('\n');
    for (Row r : rows) {
      String name =
          r.depth() == 0 ? r.type() : r.treePrefix() + lastName(r.path()) + ": " + r.type();
      sb.append(
          line(
              name,
              r.outputShape().map(Shape::toString).orElse("--"),
              r.params() == 0 ? "--" : count(r.params())));
    }
    sb.append(RULE).append('\n');
    sb.append("Total params: ").append(count(totalParams)).append('\n');
    sb.append("Trainable params: ").append(count(trainableParams)).append('\n');
    sb.append("Non-trainable params: ").append(count(frozenParams())).append('\n');
    sb.append(RULE).append('\n');
    sb.append("Input size: ").append(size(inputBytes)).append('\n');
    sb.append("Forward pass size: ").append(size(forwardBytes)).append('\n');
    sb.append("Params size: ").append(size(paramBytes)).append('\n');
    sb.append("Buffers size: ").append(size(bufferBytes)).append('\n');
    sb.append("Estimated total size: ")
        .append(size(inputBytes + forwardBytes + paramBytes + bufferBytes))
        .append('\n');
    sb.append(RULE).append('\n');
    return sb.toString();
  }

  private static String lastName(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static String line(String name, String shape, String params) {
    return String.format(
        Locale.ROOT, "%-" + NAME_WIDTH + "s%-" + SHAPE_WIDTH + "s%s%n", name, shape, params);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String size(long bytes) {
    return String.format(Locale.ROOT, "%,d bytes (%.2f MB)", bytes, bytes / 1e6);
  }
}
