package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seed main trains its hand-written twin through the trainer and saves what eval reads. */
class SeedMainTest {
  @TempDir Path dir;

  @Test
  void seedMainTrainsItsTwinAndSavesWeightsThatEvalReads() throws IOException {
    Path run = dir.resolve("rmsprop");
    Cli.Result trained =
        Cli.run(
            out -> new RmspropMlp(),
            "--epochs",
            "1",
            "--hidden",
            "16",
            "--batch-size",
            "500",
            "--dtype",
            "FLOAT32",
            "--out",
            run.toString());
    assertEquals(0, trained.code(), trained.err());
    List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,lr", csv.get(0));
    double testAccuracy = Double.parseDouble(csv.get(1).split(",")[4]);
    Cli.Result eval = Cli.eval(run.resolve("weights.safetensors").toString());
    assertEquals(0, eval.code(), eval.err());
    assertTrue(
        eval.out().contains(String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * testAccuracy)),
        eval.out());
    String resumed =
        Cli.train("--resume", run.resolve("weights.safetensors").toString(), "--epochs", "2")
            .usageError();
    assertTrue(
        resumed.contains("not a checkpoint of jgrad train (it was written by rmsprop-mlp)"),
        resumed);
  }
}
