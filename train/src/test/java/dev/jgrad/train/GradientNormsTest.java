package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.data.DataLoader;
import dev.jgrad.data.TensorDataset;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Parameter;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import dev.jgrad.optim.SGD;
import dev.jgrad.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link GradientNorms}: each parameter's gradient norm per step and per epoch, from hooks. */
class GradientNormsTest {
  /** Computes, in onBatchEnd, the norms of the gradients the step left in each grad(). */
  private static final class FromGrads implements Callback {
    final List<GradientNorms.Entry> entries = new ArrayList<>();

    @Override
    public void onBatchEnd(TrainContext context, BatchResult batch) {
      Map<String, Double> norms = new LinkedHashMap<>();
      double squares = 0;
      for (Map.Entry<String, Parameter> e : context.model().namedParameters().entrySet()) {
        double s = 0;
        for (double v : e.getValue().grad().toDoubleArray()) {
          s += v * v;
        }
        norms.put(e.getKey(), Math.sqrt(s));
        squares += s;
      }
      entries.add(new GradientNorms.Entry(batch.epoch(), batch.step(), norms, Math.sqrt(squares)));
    }
  }

  @Test
  void aHandComputedStep() throws IOException {
    Sequential model = new Sequential(new Linear(2, 2));
    model.loadStateDict(Map.of("0.weight", Tensor.zeros(2, 2), "0.bias", Tensor.zeros(2)));
    TensorDataset one =
        new TensorDataset(Tensor.of(new float[] {1, 2}, 1, 2), Tensor.of(new int[] {0}, 1));
    GradientNorms norms = new GradientNorms(StepInterval.BATCH);
    Trainer.builder(model)
        .loss(Losses::crossEntropy)
        .optimizer(new SGD(model.parameters(), 0.1))
        .train(DataLoader.of(one, 1))
        .callbacks(norms)
        .build()
        .fit(1);
    // logits 0: dL/dlogits = softmax - onehot = [-0.5, 0.5]; dW = its outer product with [1, 2]
    assertEquals(
        List.of(
            new GradientNorms.Entry(
                0, 0, Map.of("0.weight", Math.sqrt(2.5), "0.bias", Math.sqrt(0.5)), Math.sqrt(3))),
        norms.entries());
  }

  @Test
  void perStepNormsAreThoseOfTheStepsGradientsAndPerEpochTheirMeans() throws IOException {
    Sequential model = Fixtures.mlp(7);
    GradientNorms perStep = new GradientNorms(StepInterval.BATCH);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    GradientNorms perEpoch =
        new GradientNorms(
            StepInterval.EPOCH, new PrintStream(printed, true, StandardCharsets.UTF_8));
    FromGrads reference = new FromGrads();
    Fixtures.builder(model).callbacks(perStep, perEpoch, reference).build().fit(2);

    assertEquals(8, perStep.entries().size(), "2 epochs of 4 batches");
    assertEquals(reference.entries, perStep.entries());
    assertEquals(
        List.of("0.weight", "0.bias", "3.weight", "3.bias"),
        List.copyOf(perStep.entries().get(0).norms().keySet()));
    assertEquals(2, perEpoch.entries().size());
    for (int epoch = 0; epoch < 2; epoch++) {
      GradientNorms.Entry e = perEpoch.entries().get(epoch);
      assertEquals(epoch, e.epoch());
      List<GradientNorms.Entry> steps = perStep.entries().subList(4 * epoch, 4 * epoch + 4);
      double total = 0;
      for (GradientNorms.Entry s : steps) {
        total += s.total();
      }
      assertEquals(total / 4, e.total());
      double bias = 0;
      for (GradientNorms.Entry s : steps) {
        bias += s.norms().get("3.bias");
      }
      assertEquals(bias / 4, e.norms().get("3.bias"));
    }
    String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    GradientNorms.Entry first = perEpoch.entries().get(0);
    assertEquals(
        String.format(
            "epoch 1/2: grad norm %.4g (0.weight %.4g, 0.bias %.4g, 3.weight %.4g, 3.bias %.4g)",
            first.total(),
            first.norms().get("0.weight"),
            first.norms().get("0.bias"),
            first.norms().get("3.weight"),
            first.norms().get("3.bias")),
        lines[0]);
  }

  @Test
  void frozenParametersAreLeftOutAndTheHooksLeaveWithTheFit() throws IOException {
    Sequential model = Fixtures.mlp(8);
    Parameter frozen = model.namedParameters().get("0.bias");
    frozen.requiresGrad(false);
    GradientNorms norms = new GradientNorms(StepInterval.BATCH);
    List<Parameter> trainable =
        model.parameters().stream().filter(Parameter::requiresGrad).toList();
    Trainer.builder(model)
        .loss(Losses::crossEntropy)
        .optimizer(new Adam(trainable, 0.01))
        .train(DataLoader.of(Fixtures.blobs(48, 1), 12))
        .callbacks(norms)
        .build()
        .fit(1);
    assertEquals(4, norms.entries().size());
    assertEquals(
        List.of("0.weight", "3.weight", "3.bias"),
        List.copyOf(norms.entries().get(3).norms().keySet()));
    model.forward(new Variable(Tensor.ones(2, 4))).sum().backward();
    norms.onBatchEnd(null, new BatchResult(0, 9, 4, 2, 0));
    assertTrue(norms.entries().get(4).norms().isEmpty(), "no hook measured the extra pass");
  }
}
