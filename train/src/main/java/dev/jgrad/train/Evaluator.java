package dev.jgrad.train;

import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.nn.Module;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a model without the tape ({@link NoGrad}) and in evaluation mode, putting the model back in
 * the mode it was in: the validation pass, {@code evaluate} and {@code predict} of a {@link
 * Trainer}.
 */
final class Evaluator {
  private final Module model;
  private final LossFunction loss;
  private final DType dtype;

  Evaluator(Module model, LossFunction loss, DType dtype) {
    this.model = model;
    this.loss = loss;
    this.dtype = dtype;
  }

  /**
   * Casts a floating-point tensor to the trainer's dtype (for training batches as well); integer
   * tensors (class indices) stay as they are.
   *
   * @param t a batch's inputs or targets
   * @return {@code t} in the trainer's dtype, or {@code t} itself
   */
  Tensor cast(Tensor t) {
    return t.dtype().isFloatingPoint() && t.dtype() != dtype ? t.to(dtype) : t;
  }

  /**
   * Computes the mean loss over the samples and the metrics over one pass of {@code loader} (its
   * epoch 0).
   *
   * @param loader the data
   * @param metrics the metrics, reset first
   * @return {@code loss}, then each metric's values
   */
  @SuppressWarnings("try") // the NoGrad scope is used only for its extent
  Map<String, Double> pass(DataLoader loader, List<Metric> metrics) {
    boolean wasTraining = model.isTraining();
    model.eval();
    Mean meanLoss = new Mean();
    metrics.forEach(Metric::reset);
    try (NoGrad g = NoGrad.enter()) {
      for (Batch b : loader.epoch(0)) {
        Tensor target = cast(b.target());
        Variable output = model.forward(new Variable(cast(b.input())));
        meanLoss.add(loss.apply(output, target).item(), b.size());
        for (Metric m : metrics) {
          m.update(output.data(), target);
        }
      }
    } finally {
      model.train(wasTraining);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("loss", meanLoss.value());
    for (Metric m : metrics) {
      values.putAll(m.values());
    }
    return values;
  }

  /**
   * Returns the model's output for a batch of inputs.
   *
   * @param input the inputs
   * @return the output tensor
   */
  @SuppressWarnings("try") // the NoGrad scope is used only for its extent
  Tensor predict(Tensor input) {
    boolean wasTraining = model.isTraining();
    model.eval();
    try (NoGrad g = NoGrad.enter()) {
      return model.forward(new Variable(cast(input))).data();
    } finally {
      model.train(wasTraining);
    }
  }

  /**
   * Returns the outputs of every batch of {@code loader}'s epoch 0, concatenated along the first
   * dimension.
   *
   * @param loader a loader that yields at least one batch
   * @return one output row per sample, in the loader's order
   */
  Tensor predict(DataLoader loader) {
    List<Tensor> outputs = new ArrayList<>();
    int rows = 0;
    for (Batch b : loader.epoch(0)) {
      Tensor out = predict(b.input());
      outputs.add(out);
      rows += out.size(0);
    }
    int[] shape = outputs.get(0).shape().toArray();
    shape[0] = rows;
    Tensor all = Tensor.zeros(Shape.of(shape), outputs.get(0).dtype());
    int row = 0;
    for (Tensor out : outputs) {
      all.narrow(0, row, out.size(0)).copyFrom(out);
      row += out.size(0);
    }
    return all;
  }
}
