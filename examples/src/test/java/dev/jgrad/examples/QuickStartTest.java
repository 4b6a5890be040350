package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.data.Batch;
import dev.jgrad.data.DataLoader;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import dev.jgrad.optim.Optimizer;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, kept compiling and passing: the code between the markers is the
 * README's.
 */
class QuickStartTest {
  @Test
  void readmeQuickStartTrainsAndSaves(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.safetensors");
    // README quick start begins
    MnistData mnist = MnistData.load(null); // data/mnist in the checkout, SHA-256 verified
    Generator gen = Generator.seeded(42);
    Sequential model =
        new Sequential(new Linear(784, 64, gen), new ReLU(), new Linear(64, 10, gen));
    Optimizer opt = new Adam(model.parameters(), 2e-3);
    for (Batch b : DataLoader.of(mnist.train(), 128).shuffle(42).epoch(0)) {
      Variable loss = Losses.crossEntropy(model.forward(new Variable(b.input())), b.target());
      opt.zeroGrad();
      loss.backward();
      opt.step();
    }
    Evaluation test = Evaluation.ofLogits(x -> Mlps.logits(model, x), mnist.test(), DType.FLOAT32);
    System.out.printf("test accuracy %.2f%%%n", 100 * test.accuracy());
    SafeTensors.save(file, model.stateDict()); // Python's safetensors package reads it
    // README quick start ends
    assertTrue(test.accuracy() > 0.93, "accuracy " + test.accuracy());
    assertEquals(model.stateDict().keySet(), SafeTensors.load(file).tensors().keySet());
  }

  @Test
  void readmeShowsExactlyThisCode() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/dev/jgrad/examples/QuickStartTest.java"));
    String begin = "// README quick start begins\n";
    int from = source.indexOf(begin) + begin.length();
    int to = source.indexOf("    // README quick start ends");
    String block =
        source
            .substring(from, to)
            .lines()
            .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
            .collect(Collectors.joining("\n", "", "\n"));
    String readme = Files.readString(Path.of("..", "README.md"));
    assertTrue(
        readme.contains("```java\n" + block + "```"), "README quick start differs from:\n" + block);
  }
}
