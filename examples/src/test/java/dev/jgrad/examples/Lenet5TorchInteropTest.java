package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.Batch;
import dev.jgrad.data.ImageLayout;
import dev.jgrad.nn.IncompatibleKeys;
import dev.jgrad.nn.Sequential;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.testing.Comparisons;
import dev.jgrad.tensor.testing.TorchPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LeNet-5 trained in PyTorch (a few SGD steps on real MNIST by {@code lenet5_torch.py}) and saved
 * as safetensors under PyTorch's own key names loads into jgrad's {@link Cnns#lenet5} strictly and
 * gives the same float32 logits on the first test images, to 1e-5. Fails in CI without torch.
 */
class Lenet5TorchInteropTest {
  private static final int IMAGES = 256;
  private static final double TOLERANCE = 1e-5;

  @TempDir Path dir;

  @Test
  void aLenet5TrainedInPyTorchGivesTheSameLogitsInJgrad() throws IOException {
    Path mnist = Path.of("..", "data", "mnist").toAbsolutePath().normalize();
    assertTrue(Files.isDirectory(mnist), "the project's MNIST folder " + mnist);
    String printed =
        TorchPython.runScript(
            getClass(),
            "lenet5_torch.py",
            dir,
            mnist.toString(),
            dir.toString(),
            "30",
            Integer.toString(IMAGES));
    Map<String, Tensor> state = SafeTensors.load(dir.resolve("lenet5.safetensors")).tensors();
    Tensor expected = SafeTensors.load(dir.resolve("logits.safetensors")).tensors().get("logits");

    Sequential model = Cnns.lenet5(DType.FLOAT32, Generator.seeded(1));
    IncompatibleKeys keys = model.loadStateDict(state);
    assertTrue(keys.missingKeys().isEmpty() && keys.unexpectedKeys().isEmpty(), keys.toString());
    model.eval();
    Batch images =
        ImageData.mnist(null)
            .as(ImageLayout.NCHW)
            .test()
            .getBatch(IntStream.range(0, IMAGES).toArray());
    Tensor logits = model.forward(images.input());

    assertEquals(expected.shape(), logits.shape());
    double[] ours = logits.toDoubleArray();
    double[] torch = expected.toDoubleArray();
    double worst = 0;
    for (int i = 0; i < ours.length; i++) {
      double diff = Math.abs(ours[i] - torch[i]);
      assertTrue(
          diff <= TOLERANCE * (1 + Math.abs(torch[i])),
          "logit " + i + ": jgrad " + ours[i] + " vs torch " + torch[i] + "; " + printed);
      worst = Math.max(worst, diff);
    }
    Comparisons comparisons = new Comparisons("Lenet5TorchInteropTest");
    comparisons.add(ours.length);
    comparisons.report(TorchPython.version() + " (max |difference| " + worst + ")");
  }
}
