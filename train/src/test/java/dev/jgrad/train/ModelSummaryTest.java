package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Dropout;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Module;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.nn.Tanh;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {
  /** A custom module, whose children's outputs forward hooks see as a Sequential's. */
  private static final class Net extends Module {
    private final Linear fc1 = registerModule("fc1", new Linear(4, 6, Generator.seeded(1)));
    private final Linear fc2 = registerModule("fc2", new Linear(6, 2, Generator.seeded(2)));

    Net() {
      registerBuffer("counts", Tensor.zeros(10));
    }

    @Override
    protected Variable compute(Variable x) {
      return fc2.forward(fc1.forward(x).relu());
    }
  }

  private static String row(String name, String shape, String params) {
    return String.format("%n%-38s%-26s%s%n", name, shape, params);
  }

  @Test
  void sequentialLayersShowTheirOutputShapesAndParameterCounts() {
    Generator gen = Generator.seeded(3);
    Linear head = new Linear(8, 3, gen);
    head.bias().requiresGrad(false);
    Sequential model =
        new Sequential(
            new Linear(4, 8, gen),
            new ReLU(),
            new Sequential(head, new Tanh()),
            new Dropout(0.5, gen));
    long[] generatorBefore = gen.state();

    ModelSummary s = ModelSummary.of(model, Tensor.zeros(5, 4));

    List<ModelSummary.Row> rows = s.rows();
    assertEquals(
        List.of("", "0", "1", "2", "2.0", "2.1", "3"),
        rows.stream().map(ModelSummary.Row::path).toList());
    assertEquals(
        List.of(
            Optional.of(Shape.of(5, 3)),
            Optional.of(Shape.of(5, 8)),
            Optional.of(Shape.of(5, 8)),
            Optional.of(Shape.of(5, 3)),
            Optional.of(Shape.of(5, 3)),
            Optional.of(Shape.of(5, 3)),
            Optional.of(Shape.of(5, 3))),
        rows.stream().map(ModelSummary.Row::outputShape).toList());
    assertEquals(40, rows.get(1).params());
    assertEquals(27, rows.get(4).params());
    assertEquals(24, rows.get(4).trainableParams());
    assertEquals(67, s.totalParams());
    assertEquals(64, s.trainableParams());
    assertEquals(3, s.frozenParams());
    assertEquals(268, s.paramBytes());
    assertEquals(80, s.inputBytes());
    assertEquals(4 * (40 + 40 + 15 + 15 + 15), s.forwardBytes());
    assertEquals(0, s.bufferBytes());
    assertTrue(model.isTraining());
    assertArrayEquals(generatorBefore, gen.state());

    String table = s.toString();
    assertTrue(table.contains(row("Sequential", "[5, 3]", "--")), table);
    assertTrue(table.contains(row("├─0: Linear", "[5, 8]", "40")), table);
    assertTrue(table.contains(row("├─1: ReLU", "[5, 8]", "--")), table);
    assertTrue(table.contains(row("│ ├─0: Linear", "[5, 3]", "27")), table);
    assertTrue(table.contains(row("│ └─1: Tanh", "[5, 3]", "--")), table);
    assertTrue(table.contains(row("└─3: Dropout", "[5, 3]", "--")), table);
    assertTrue(
        table.contains("\nTotal params: 67\nTrainable params: 64\nNon-trainable params: 3\n"));
    assertTrue(table.contains("\nParams size: 268 bytes (0.00 MB)\n"), table);
  }

  @Test
  void customModulesShowTheOutputsOfTheChildrenTheyCall() {
    ModelSummary s = ModelSummary.of(new Net(), Tensor.zeros(5, 4));

    assertEquals(
        List.of(
            Optional.of(Shape.of(5, 2)), Optional.of(Shape.of(5, 6)), Optional.of(Shape.of(5, 2))),
        s.rows().stream().map(ModelSummary.Row::outputShape).toList());
    assertEquals(40, s.bufferBytes());
    assertEquals(4 * (30 + 10), s.forwardBytes());
    assertEquals(4 * 6 + 6 + 6 * 2 + 2, s.totalParams());
    assertTrue(s.toString().contains(row("├─fc1: Linear", "[5, 6]", "30")), s.toString());
  }

  @Test
  void aModuleTheForwardPassDoesNotCallShowsNoOutput() {
    Generator gen = Generator.seeded(4);
    Linear unused = new Linear(2, 2, gen);
    Module model =
        new Module() {
          private final Linear used = registerModule("used", new Linear(4, 2, gen));

          {
            registerModule("unused", unused);
          }

          @Override
          protected Variable compute(Variable x) {
            return used.forward(x);
          }
        };
    ModelSummary s = ModelSummary.of(model, Tensor.zeros(3, 4));
    assertEquals(Optional.empty(), s.rows().get(2).outputShape());
    assertTrue(s.toString().contains(row("└─unused: Linear", "--", "6")), s.toString());
  }

  @Test
  void aTrainerSummarizesWithItsFirstTrainingBatch() {
    ModelSummary s = Fixtures.builder(Fixtures.mlp(3)).build().summary();
    assertEquals(Optional.of(Shape.of(12, 3)), s.rows().get(0).outputShape());
  }
}
