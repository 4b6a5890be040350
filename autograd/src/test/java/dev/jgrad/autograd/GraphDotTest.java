package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.testing.References;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph drawn as DOT text, and as PNG through Graphviz. */
class GraphDotTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static Variable weight() {
    return new Variable(Tensor.of(new double[] {0.1, 0.2, 0.3}, 3)).requiresGrad(true);
  }

  private static Variable loss(Variable w) {
    Variable x = new Variable(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
    return x.matmul(w).tanh().sum();
  }

  @Test
  void drawsOpsLeavesAndEdgesWithStableIds() {
    Variable w = weight();
    String dot = GraphDot.of(loss(w)).names(Map.of("w", w)).toDot();
    assertEquals(
        String.join(
            "\n",
            "digraph {",
            "  node [shape=box, style=filled, fillcolor=white, fontname=monospace, fontsize=10];",
            "  n0 [label=\"sum\\n[] float64\", fillcolor=darkolivegreen1];",
            "  n1 [label=\"tanh\\n[2] float64\"];",
            "  n2 [label=\"reshape\\n[2] float64\"];",
            "  n3 [label=\"matmul\\n[2, 1] float64\"];",
            "  n4 [label=\"constant\\n[2, 3] float64\"];",
            "  n5 [label=\"reshape\\n[3, 1] float64\"];",
            "  n6 [label=\"w\\n[3] float64\", fillcolor=lightblue];",
            "  n1 -> n0;",
            "  n2 -> n1;",
            "  n3 -> n2;",
            "  n4 -> n3;",
            "  n5 -> n3;",
            "  n6 -> n5;",
            "}",
            ""),
        dot);
    assertEquals(
        dot,
        GraphDot.of(loss(weight()))
            .names(Map.of("w", w))
            .toDot()
            .replace("w\\n", "leaf\\n")
            .replace("leaf\\n", "w\\n"));
  }

  @Test
  void showsTheTensorsSavedForBackwardUntilABackwardPassFreesThem() {
    Variable loss = loss(weight());
    String dot = GraphDot.of(loss).showSaved(true).toDot();
    assertEquals(
        String.join(
            "\n",
            "digraph {",
            "  node [shape=box, style=filled, fillcolor=white, fontname=monospace, fontsize=10];",
            "  n0 [label=\"sum\\n[] float64\", fillcolor=darkolivegreen1];",
            "  n1 [label=\"tanh\\n[2] float64\"];",
            "  n2 [label=\"reshape\\n[2] float64\"];",
            "  n3 [label=\"saved result\\n[2] float64\", fillcolor=orange];",
            "  n4 [label=\"matmul\\n[2, 1] float64\"];",
            "  n5 [label=\"constant\\n[2, 3] float64\"];",
            "  n6 [label=\"reshape\\n[3, 1] float64\"];",
            "  n7 [label=\"saved input 0\\n[2, 3] float64\", fillcolor=orange];",
            "  n8 [label=\"saved input 1\\n[3, 1] float64\", fillcolor=orange];",
            "  n9 [label=\"leaf\\n[3] float64\", fillcolor=lightblue];",
            "  n1 -> n0;",
            "  n2 -> n1;",
            "  n3 -> n1 [style=dashed, arrowhead=none];",
            "  n4 -> n2;",
            "  n5 -> n4;",
            "  n6 -> n4;",
            "  n7 -> n4 [style=dashed, arrowhead=none];",
            "  n8 -> n4 [style=dashed, arrowhead=none];",
            "  n9 -> n6;",
            "}",
            ""),
        dot);
    loss.backward();
    assertEquals(
        GraphDot.of(loss).toDot(), GraphDot.of(loss).showSaved(true).toDot(), "freed: none left");
  }

  @Test
  void aVariableUsedTwiceIsDrawnOnceAndNamesAreEscaped() {
    Variable x = weight();
    Variable square = x.mul(x);
    Map<String, Variable> names = new LinkedHashMap<>();
    names.put("x \"in\"", x);
    names.put("square", square);
    assertEquals(
        String.join(
            "\n",
            "digraph {",
            "  node [shape=box, style=filled, fillcolor=white, fontname=monospace, fontsize=10];",
            "  n0 [label=\"square = mul\\n[3] float64\", fillcolor=darkolivegreen1];",
            "  n1 [label=\"x \\\"in\\\"\\n[3] float64\", fillcolor=lightblue];",
            "  n1 -> n0;",
            "  n1 -> n0;",
            "}",
            ""),
        GraphDot.of(square).names(names).toDot());
  }

  @Test
  void writesDotTextAndPngImages(@TempDir Path dir) throws IOException {
    Variable w = weight();
    GraphDot graph = GraphDot.of(loss(w)).names(Map.of("w", w));
    Path dot = dir.resolve("graph.dot");
    graph.writeDot(dot);
    assertEquals(graph.toDot(), Files.readString(dot, StandardCharsets.UTF_8));

    References.require(dotInstalled(), "Graphviz's dot is not installed (Debian package graphviz)");
    Path png = dir.resolve("graph.png");
    graph.writePng(png);
    byte[] image = Files.readAllBytes(png);
    assertTrue(image.length > 1000, image.length + " bytes");
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(image, PNG_SIGNATURE.length));
  }

  @Test
  void aMissingDotProgramIsNamedWithItsPackage() {
    IOException e =
        assertThrows(
            IOException.class, () -> new Graphviz("jgrad-no-such-dot").png("digraph { a; }"));
    assertTrue(
        e.getMessage()
            .startsWith("cannot run Graphviz's jgrad-no-such-dot program to draw a PNG ("),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "); install the graphviz package (Debian/Ubuntu: apt-get install graphviz) or"
                    + " write the graph as .dot text"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void aDotSyntaxErrorIsReported() {
    References.require(dotInstalled(), "Graphviz's dot is not installed (Debian package graphviz)");
    IOException e =
        assertThrows(IOException.class, () -> Graphviz.onPath().png("digraph { a -> ; }"));
    assertTrue(e.getMessage().startsWith("dot -Tpng failed with exit code 1: "), e.getMessage());
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
