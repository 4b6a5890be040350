package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleTest {
  @TempDir Path dir;

  /** A custom module as a user would write it: a buffer, a Sequential child and a head. */
  static final class Net extends Module {
    final Sequential layers;
    final Linear head;

    Net(Generator gen) {
      registerBuffer("scale", Tensor.ones(1));
      layers =
          registerModule(
              "layers",
              new Sequential(
                  new Linear(6, 5, gen), new ReLU(), new Dropout(0.5, gen), new Linear(5, 4, gen)));
      head = registerModule("head", Linear.builder(4, 3).bias(false).generator(gen).build());
    }

    @Override
    protected Variable compute(Variable x) {
      return head.forward(layers.forward(x));
    }
  }

  @Test
  void namesParametersInRegistrationOrder() {
    Net net = new Net(Generator.seeded(1));
    assertEquals(
        List.of(
            "layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias", "head.weight"),
        List.copyOf(net.namedParameters().keySet()));
    assertEquals(5, net.parameters().size());
    assertEquals(
        List.of(
            "scale",
            "layers.0.weight",
            "layers.0.bias",
            "layers.3.weight",
            "layers.3.bias",
            "head.weight"),
        List.copyOf(net.stateDict().keySet()));
    assertEquals(
        List.of("", "layers", "layers.0", "layers.1", "layers.2", "layers.3", "head"),
        List.copyOf(net.namedModules().keySet()));
    assertEquals(List.of("scale"), List.copyOf(net.namedBuffers().keySet()));
    assertEquals("layers.3", net.layers.get(3).path());
    assertTrue(net.parameters().get(0).requiresGrad());
  }

  @Test
  void printsTheTreeAsPyTorchDoes() {
    Net net = new Net(Generator.seeded(1));
    assertEquals(
        String.join(
            "\n",
            "Net(",
            "  (layers): Sequential(",
            "    (0): Linear(in_features=6, out_features=5, bias=true)",
            "    (1): ReLU()",
            "    (2): Dropout(p=0.5)",
            "    (3): Linear(in_features=5, out_features=4, bias=true)",
            "  )",
            "  (head): Linear(in_features=4, out_features=3, bias=false)",
            ")"),
        net.toString());
  }

  @Test
  void trainAndEvalReachEveryDescendant() {
    Net net = new Net(Generator.seeded(1));
    assertTrue(net.layers.get(2).isTraining());
    assertSame(net, net.eval());
    for (Module m : net.namedModules().values()) {
      assertFalse(m.isTraining());
    }
    Variable x = new Variable(Tensor.ones(2, 6));
    assertArrayEquals(net.forward(x).data().toFloatArray(), net.forward(x).data().toFloatArray());
    net.train();
    assertTrue(net.layers.get(2).isTraining());
  }

  @Test
  void aFailureNamesTheModulePath() {
    Net net = new Net(Generator.seeded(1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> net.forward(new Variable(Tensor.ones(2, 7))));
    assertEquals(
        "layers.0 (Linear 6→5): expected input of shape [*, 6], got [2, 7]", e.getMessage());
    Linear root = new Linear(3, 2, Generator.seeded(1));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> root.forward(new Variable(Tensor.ones(4))));
    assertTrue(e.getMessage().startsWith("Linear 3→2: expected input of shape [*, 3], got [4]"));
    Module softmax = new Sequential(new Softmax(4)).get(0);
    e =
        assertThrows(
            IllegalArgumentException.class, () -> softmax.forward(new Variable(Tensor.ones(2, 3))));
    assertTrue(e.getMessage().startsWith("0 (Softmax): "), e.getMessage());
  }

  @Test
  void stateDictRoundTripThroughAFileIsBitIdentical() throws IOException {
    Net a = new Net(Generator.seeded(1));
    Net b = new Net(Generator.seeded(2));
    Path file = dir.resolve("net.safetensors");
    SafeTensors.save(file, a.stateDict(), Map.of("format", "pt"));
    IncompatibleKeys keys = b.loadStateDict(SafeTensors.load(file).tensors());
    assertTrue(keys.isEmpty());
    for (Map.Entry<String, Tensor> e : a.stateDict().entrySet()) {
      assertArrayEquals(
          e.getValue().toFloatArray(), b.stateDict().get(e.getKey()).toFloatArray(), 0f);
    }
    Variable x = new Variable(Tensor.randn(Generator.seeded(3), 4, 6));
    a.eval();
    b.eval();
    assertArrayEquals(a.forward(x).data().toFloatArray(), b.forward(x).data().toFloatArray(), 0f);
  }

  @Test
  void strictLoadingReportsMissingAndUnexpectedKeysAndChangesNothing() {
    Net net = new Net(Generator.seeded(1));
    float[] before = net.head.weight().data().toFloatArray();
    Map<String, Tensor> state = new LinkedHashMap<>(new Net(Generator.seeded(2)).stateDict());
    state.remove("layers.3.bias");
    state.remove("scale");
    state.put("extra.weight", Tensor.zeros(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state));
    assertEquals(
        "Error(s) in loading state_dict for Net:\n"
            + "\tMissing key(s) in state_dict: \"scale\", \"layers.3.bias\".\n"
            + "\tUnexpected key(s) in state_dict: \"extra.weight\".",
        e.getMessage());
    assertArrayEquals(before, net.head.weight().data().toFloatArray(), 0f);

    IncompatibleKeys keys = net.loadStateDict(state, false);
    assertEquals(List.of("scale", "layers.3.bias"), keys.missingKeys());
    assertEquals(List.of("extra.weight"), keys.unexpectedKeys());
    assertArrayEquals(
        state.get("head.weight").toFloatArray(), net.head.weight().data().toFloatArray(), 0f);
  }

  @Test
  void sizeMismatchNamesKeyAndBothShapesEvenWhenNotStrict() {
    Net net = new Net(Generator.seeded(1));
    Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
    state.put("head.weight", Tensor.zeros(3, 5));
    state.put("layers.0.bias", Tensor.zeros(Shape.of(5), DType.FLOAT64));
    Linear first = (Linear) net.layers.get(0);
    float[] bias = first.bias().data().toFloatArray();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state, false));
    assertEquals(
        "Error(s) in loading state_dict for Net:\n\tsize mismatch for head.weight: copying a param"
            + " with shape [3, 5] from checkpoint, the shape in current model is [3, 4].",
        e.getMessage());
    assertArrayEquals(bias, first.bias().data().toFloatArray(), 0f);
  }

  @Test
  void zeroGradClearsGradients() {
    Linear l = new Linear(2, 2, Generator.seeded(1));
    l.forward(new Variable(Tensor.ones(1, 2))).sum().backward();
    assertEquals(Shape.of(2, 2), l.weight().grad().shape());
    l.zeroGrad();
    assertNull(l.weight().grad());
    assertNull(l.bias().grad());
  }

  @Test
  void rejectsBadRegistrations() {
    Module m =
        new Module() {
          {
            registerModule("a", new ReLU());
            IllegalArgumentException dup =
                assertThrows(IllegalArgumentException.class, () -> registerModule("a", new ReLU()));
            assertTrue(dup.getMessage().contains("attribute 'a' already exists"));
            assertThrows(
                IllegalArgumentException.class,
                () -> registerParameter("x.y", new Parameter(Tensor.ones(1))));
          }

          @Override
          protected Variable compute(Variable input) {
            return input;
          }
        };
    assertEquals(1, m.children().size());
  }
}
