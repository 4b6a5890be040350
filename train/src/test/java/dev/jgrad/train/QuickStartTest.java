package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.DataLoader;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import dev.jgrad.tensor.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's library quick start, kept compiling and passing: the code between the markers is the
 * README's, and it uses the library's artifacts only.
 */
class QuickStartTest {
  private static final Path SAVED = Path.of("mnist-mlp.safetensors");
  private static final String BEGIN = "    // README quick start begins\n";
  private static final String END = "    // README quick start ends\n";

  @AfterEach
  void deleteSavedFile() throws IOException {
    Files.deleteIfExists(SAVED);
  }

  @Test
  void readmeQuickStartDefinesTrainsEvaluatesAndSaves() throws IOException {
    // README quick start begins
    Generator gen = Generator.seeded(42);
    var model = new Sequential(new Linear(784, 64, gen), new ReLU(), new Linear(64, 10, gen));
    Trainer trainer =
        Trainer.builder(model)
            .loss(Losses::crossEntropy)
            .optimizer(new Adam(model.parameters(), 2e-3))
            .train(DataLoader.of(DatasetSpec.MNIST.train(), 128).shuffle(42))
            .metrics(new Accuracy())
            .callbacks(new ProgressBar(System.out))
            .build();
    trainer.fit(1);
    Evaluation test = trainer.evaluate(DataLoader.of(DatasetSpec.MNIST.test(), 1000));
    System.out.printf("test accuracy %.2f%%%n", 100 * test.get("accuracy"));
    trainer.saveCheckpoint(Path.of("mnist-mlp.safetensors")); // Python's safetensors reads it
    // README quick start ends
    assertTrue(test.get("accuracy") > 0.93, "accuracy " + test.get("accuracy"));
    TrainingCheckpoint saved = TrainingCheckpoint.load(SAVED);
    assertEquals(1, saved.epoch());
    assertEquals(model.stateDict().keySet(), saved.modelState().keySet());
  }

  @Test
  void readmeShowsExactlyThisCodeInAtMostFifteenLines() throws IOException {
    String source = Files.readString(Path.of("src/test/java/dev/jgrad/train/QuickStartTest.java"));
    int from = source.indexOf(BEGIN) + BEGIN.length();
    int to = source.indexOf(END);
    List<String> lines = source.substring(from, to).lines().map(line -> line.substring(4)).toList();
    String block = lines.stream().collect(Collectors.joining("\n", "", "\n"));
    String readme = Files.readString(Path.of("..", "README.md"));
    assertTrue(
        readme.contains("```java\n" + block + "```"), "README quick start differs from:\n" + block);
    assertTrue(lines.size() <= 15, lines.size() + " lines:\n" + block);
    assertTrue(block.lines().noneMatch(l -> l.contains("dev.jgrad.examples")), block);
  }
}
