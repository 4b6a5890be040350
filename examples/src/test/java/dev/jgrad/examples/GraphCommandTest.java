package dev.jgrad.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.testing.References;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad graph}: the drawn graph of one training step, and its errors. */
class GraphCommandTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void writesTheDotTextOfAnMlpStep(@TempDir Path dir) throws IOException {
    Path dot = dir.resolve("mlp.dot");
    Cli.Result r = Cli.graph("--hidden", "16", "--batch-size", "4", "--out", dot.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "graph of one training step of MLP [784, 16, 10] on a batch of 4 MNIST images: "
            + dot.toAbsolutePath()
            + "\n",
        r.out());
    assertEquals(
        String.join(
            "\n",
            "digraph {",
            "  node [shape=box, style=filled, fillcolor=white, fontname=monospace, fontsize=10];",
            "  n0 [label=\"loss = mul\\n[] float32\", fillcolor=darkolivegreen1];",
            "  n1 [label=\"sum\\n[] float32\"];",
            "  n2 [label=\"constant\\n[] float32\"];",
            "  n3 [label=\"cross_entropy\\n[4] float32\"];",
            "  n4 [label=\"linear\\n[4, 10] float32\"];",
            "  n5 [label=\"relu\\n[4, 16] float32\"];",
            "  n6 [label=\"2.weight\\n[10, 16] float32\", fillcolor=lightblue];",
            "  n7 [label=\"2.bias\\n[10] float32\", fillcolor=lightblue];",
            "  n8 [label=\"linear\\n[4, 16] float32\"];",
            "  n9 [label=\"batch\\n[4, 784] float32\"];",
            "  n10 [label=\"0.weight\\n[16, 784] float32\", fillcolor=lightblue];",
            "  n11 [label=\"0.bias\\n[16] float32\", fillcolor=lightblue];",
            "  n1 -> n0;",
            "  n2 -> n0;",
            "  n3 -> n1;",
            "  n4 -> n3;",
            "  n5 -> n4;",
            "  n6 -> n4;",
            "  n7 -> n4;",
            "  n8 -> n5;",
            "  n9 -> n8;",
            "  n10 -> n8;",
            "  n11 -> n8;",
            "}",
            ""),
        Files.readString(dot));
  }

  @Test
  void drawsAConvolutionalStepWithItsSavedTensorsAsPng(@TempDir Path dir) throws IOException {
    References.require(dotInstalled(), "Graphviz's dot is not installed (Debian package graphviz)");
    Path png = dir.resolve("sub").resolve("lenet5.png");
    Cli.Result r =
        Cli.graph(
            "--network", "LENET5", "--batch-size", "2", "--show-saved", "--out", png.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().startsWith("graph of one training step of LENET5 (61706 parameters)"), r.out());
    byte[] image = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(image, PNG_SIGNATURE.length));
    assertTrue(image.length > 10_000, image.length + " bytes");
  }

  @Test
  void wrongArgumentsGiveOneLineAndExitCode2(@TempDir Path dir) {
    assertEquals(
        "graph: --out "
            + dir.resolve("g.svg")
            + ": is neither a .png nor a .dot file; expected a name ending in .png or .dot",
        Cli.graph("--out", dir.resolve("g.svg").toString()).usageError());
    assertEquals(
        "graph: --hidden 16: LENET5 is a convolutional network with fixed layers; drop --hidden,"
            + " or use --network MLP",
        Cli.graph("--network", "LENET5", "--hidden", "16").usageError());
    assertEquals(
        "graph: --batch-size 0: a batch holds no image; expected 1 or more",
        Cli.graph("--batch-size", "0").usageError());
    assertTrue(Cli.graph("--network", "RESNET").usageError().contains("LENET5"));
    assertFalse(Files.exists(dir.resolve("g.svg")));
  }

  @Test
  void withoutGraphvizAPngIsRefusedInOneLineNamingDotAndItsPackage(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path png = dir.resolve("g.png");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Jgrad.class.getName(),
                "graph",
                "--hidden",
                "8",
                "--batch-size",
                "2",
                "--out",
                png.toString()));
    pb.environment().put("PATH", dir.toString());
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
    List<String> err = Files.readAllLines(dir.resolve("err.txt"), UTF_8);
    assertEquals(Commands.RUN_ERROR, p.exitValue(), String.join("\n", err));
    assertEquals(1, err.size(), String.join("\n", err));
    assertTrue(
        err.get(0).startsWith("graph: cannot draw " + png + ": cannot run Graphviz's dot program"),
        err.get(0));
    assertTrue(
        err.get(0)
            .endsWith(
                "install the graphviz package (Debian/Ubuntu: apt-get install graphviz)"
                    + " or write the graph as .dot text"),
        err.get(0));
    assertFalse(Files.exists(png));
  }

  @Test
  void helpNamesTheOptionsAndGraphviz() {
    Cli.Result help = Cli.graph("--help");
    assertEquals(0, help.code());
    for (String option : new String[] {"--network", "--out=FILE", "--show-saved", "--hidden"}) {
      assertTrue(help.out().contains(option), help.out());
    }
    assertTrue(help.out().contains("package graphviz"), help.out());
    assertTrue(Cli.jgrad("--help").out().contains("jgrad graph --network LENET5"));
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
