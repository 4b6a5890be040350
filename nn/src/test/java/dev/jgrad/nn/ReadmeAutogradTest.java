package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Autograd;
import dev.jgrad.autograd.AutogradFunctional;
import dev.jgrad.autograd.GraphDot;
import dev.jgrad.autograd.RemovableHandle;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.testing.References;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's Autograd example, kept compiling and doing what its comments say: the code between
 * the markers is the README's.
 */
class ReadmeAutogradTest {
  private static final Path DRAWN = Path.of("graph.png");
  private static final String BEGIN = "    // README autograd begins\n";
  private static final String END = "    // README autograd ends\n";

  @AfterEach
  void deleteDrawnFile() throws IOException {
    Files.deleteIfExists(DRAWN);
  }

  @Test
  void readmeAutogradExampleRuns() throws IOException {
    References.require(dotInstalled(), "Graphviz's dot is not installed (Debian package graphviz)");
    // README autograd begins
    Generator gen = Generator.seeded(0);
    var model = new Sequential(new Linear(4, 8, gen), new Tanh(), new Linear(8, 3, gen));
    Variable x = new Variable(Tensor.randn(gen, 5, 4));
    Tensor labels = Tensor.of(new int[] {0, 2, 1, 1, 0}, 5);
    Parameter w = model.namedParameters().get("0.weight");
    RemovableHandle clip = w.registerHook(g -> g.clamp(-0.01, 0.01)); // replaces w's gradient
    model.get(1).registerForwardHook((m, in, out) -> out.mul(0.5)); // replaces Tanh's output
    model.get(2).registerFullBackwardHook((m, gradIn, gradOut) -> gradIn.mul(2));
    Variable loss = Losses.crossEntropy(model.forward(x), labels);
    GraphDot.of(loss).names(model.namedParameters()).writePng(Path.of("graph.png"));
    Tensor dw = Autograd.grad(new Variable[] {loss}, new Variable[] {w}, null, true)[0];
    loss.backward(); // w.grad() equals dw: the hooks ran in both passes
    clip.remove();
    Tensor j = AutogradFunctional.jacobian(v -> v.tanh(), Tensor.of(new double[] {0, 1}));
    // README autograd ends
    assertArrayEquals(dw.toFloatArray(), w.grad().toFloatArray());
    for (float g : dw.toFloatArray()) {
      assertTrue(Math.abs(g) <= 0.01f, "clipped: " + g);
    }
    assertTrue(Files.size(DRAWN) > 1000);
    assertEquals(Shape.of(2, 2), j.shape());
    double t = Math.tanh(1);
    assertArrayEquals(new double[] {1, 0, 0, 1 - t * t}, j.toDoubleArray(), 1e-15);
  }

  @Test
  void readmeShowsExactlyThisCode() throws IOException {
    String source = Files.readString(Path.of("src/test/java/dev/jgrad/nn/ReadmeAutogradTest.java"));
    int from = source.indexOf(BEGIN) + BEGIN.length();
    int to = source.indexOf(END);
    List<String> lines = source.substring(from, to).lines().map(line -> line.substring(4)).toList();
    String block = lines.stream().collect(Collectors.joining("\n", "", "\n"));
    String readme = Files.readString(Path.of("..", "README.md"));
    assertTrue(
        readme.contains("```java\n" + block + "```"),
        "README autograd example differs from:\n" + block);
  }

  private static boolean dotInstalled() {
    try {
      return new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
