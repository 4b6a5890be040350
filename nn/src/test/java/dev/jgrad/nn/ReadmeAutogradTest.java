package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Autograd;
import dev.jgrad.autograd.AutogradFunctional;
import dev.jgrad.autograd.GradCheck;
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
 * The README's Autograd examples (hooks and the functional API; second order), kept compiling and
 * doing what their comments say: the code between each pair of markers is the README's.
 */
class ReadmeAutogradTest {
  private static final Path DRAWN = Path.of("graph.png");
  private static final String BEGIN = "    // README autograd begins\n";
  private static final String END = "    // README autograd ends\n";
  private static final String SECOND_BEGIN = "    // README second order begins\n";
  private static final String SECOND_END = "    // README second order ends\n";

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
  void readmeSecondOrderExampleRuns() {
    // README second order begins
    Variable x = new Variable(Tensor.of(new double[] {0.5, -1, 2})).requiresGrad(true);
    Variable y = x.pow(3).sum().add(x.tanh().sum());
    Variable dx = Autograd.grad(y, new Variable[] {x}, true)[0]; // 3x² + 1 − tanh²x, with its graph
    Variable penalty = dx.mul(dx).sum(); // ‖∇y‖², a function of a gradient
    penalty.backward(); // x.grad() = 2 H ∇y, through the recorded backward pass
    Tensor h = AutogradFunctional.hessian(v -> v.pow(3).sum(), x.data()); // diag(6x)
    Tensor e0 = Tensor.of(new double[] {1, 0, 0});
    Tensor hv = AutogradFunctional.hvp(v -> v.pow(3).sum(), x.data(), e0).product().get(0);
    Tensor jv = AutogradFunctional.jvp(v -> v.exp(), x.data(), e0).jvp(); // J·e0 = (e^0.5, 0, 0)
    GradCheck.gradgradcheck(in -> in[0].tanh().mul(in[0]), x); // second derivatives vs finite diff.
    // README second order ends
    double[] xs = {0.5, -1, 2};
    double[] grad = x.grad().toDoubleArray();
    for (int i = 0; i < 3; i++) {
      double t = Math.tanh(xs[i]);
      double first = 3 * xs[i] * xs[i] + 1 - t * t;
      double second = 6 * xs[i] - 2 * t * (1 - t * t);
      assertEquals(first, dx.data().toDoubleArray()[i], 1e-14);
      assertEquals(2 * second * first, grad[i], 1e-12);
    }
    assertArrayEquals(new double[] {3, 0, 0, 0, -6, 0, 0, 0, 12}, h.toDoubleArray(), 0);
    assertArrayEquals(new double[] {3, 0, 0}, hv.toDoubleArray(), 0);
    assertArrayEquals(new double[] {Math.exp(0.5), 0, 0}, jv.toDoubleArray(), 1e-15);
  }

  @Test
  void readmeShowsExactlyThisCode() throws IOException {
    String source = Files.readString(Path.of("src/test/java/dev/jgrad/nn/ReadmeAutogradTest.java"));
    String readme = Files.readString(Path.of("..", "README.md"));
    for (String[] markers : new String[][] {{BEGIN, END}, {SECOND_BEGIN, SECOND_END}}) {
      int from = source.indexOf(markers[0]) + markers[0].length();
      int to = source.indexOf(markers[1]);
      List<String> lines =
          source.substring(from, to).lines().map(line -> line.substring(4)).toList();
      String block = lines.stream().collect(Collectors.joining("\n", "", "\n"));
      assertTrue(
          readme.contains("```java\n" + block + "```"),
          "README autograd example differs from:\n" + block);
    }
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
