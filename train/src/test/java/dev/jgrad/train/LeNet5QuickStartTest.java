package dev.jgrad.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.data.DataLoader;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.data.ImageDataset;
import dev.jgrad.data.ImageLayout;
import dev.jgrad.nn.Conv2d;
import dev.jgrad.nn.Flatten;
import dev.jgrad.nn.Linear;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.MaxPool2d;
import dev.jgrad.nn.ReLU;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.SGD;
import dev.jgrad.tensor.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's LeNet-5, kept compiling and passing: the code between the markers is the README's
 * "Convolutional networks" block, library modules only, and one epoch of it learns MNIST.
 */
class LeNet5QuickStartTest {
  private static final String BEGIN = "    // README LeNet-5 begins\n";
  private static final String END = "    // README LeNet-5 ends\n";

  @Test
  void readmeLenet5TrainsOneEpoch() throws IOException {
    // README LeNet-5 begins
    Generator gen = Generator.seeded(0);
    var conv1 = Conv2d.builder(1, 6, 5).padding(2).generator(gen).build();
    var block1 = new Sequential(conv1, new ReLU(), new MaxPool2d(2));
    var block2 = new Sequential(new Conv2d(6, 16, 5, gen), new ReLU(), new MaxPool2d(2));
    var fc1 = new Sequential(new Flatten(), new Linear(400, 120, gen), new ReLU());
    var fc2 = new Sequential(new Linear(120, 84, gen), new ReLU(), new Linear(84, 10, gen));
    var lenet5 = new Sequential(block1, block2, fc1, fc2);
    ImageDataset images = DatasetSpec.MNIST.train().layout(ImageLayout.NCHW);
    Trainer trainer =
        Trainer.builder(lenet5)
            .loss(Losses::crossEntropy)
            .optimizer(new SGD(lenet5.parameters(), 0.01).momentum(0.9))
            .train(DataLoader.of(images, 64).shuffle(0))
            .build();
    trainer.fit(1);
    // README LeNet-5 ends
    ImageDataset test = DatasetSpec.MNIST.test().layout(ImageLayout.NCHW);
    double accuracy = trainer.evaluate(DataLoader.of(test, 1000), new Accuracy()).get("accuracy");
    assertTrue(accuracy > 0.96, "one epoch of LeNet-5: test accuracy " + accuracy);
  }

  @Test
  void readmeShowsExactlyThisCodeInAboutTwelveLines() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/dev/jgrad/train/LeNet5QuickStartTest.java"));
    int from = source.indexOf(BEGIN) + BEGIN.length();
    int to = source.indexOf(END);
    List<String> lines = source.substring(from, to).lines().map(line -> line.substring(4)).toList();
    String block = lines.stream().collect(Collectors.joining("\n", "", "\n"));
    String readme = Files.readString(Path.of("..", "README.md"));
    assertTrue(
        readme.contains("```java\n" + block + "```"), "README LeNet-5 differs from:\n" + block);
    assertTrue(lines.size() <= 15, lines.size() + " lines:\n" + block);
  }
}
