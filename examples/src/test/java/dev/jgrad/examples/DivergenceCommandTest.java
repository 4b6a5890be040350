package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.io.TensorArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loss that stops being finite ends the run with exit code 3 and one line naming the epoch and
 * step, keeping the last good checkpoint; {@code eval} and {@code --resume} refuse a checkpoint of
 * weights that are not finite.
 */
class DivergenceCommandTest {
  @TempDir Path dir;

  @Test
  void aNanLossStopsTheRunNamingEpochAndStepWithExitCode3() {
    Path run = dir.resolve("nan");
    String line =
        Cli.trainSmall("--optimizer", "SGD", "--lr", "1e10", "--out", run.toString())
            .oneErrorLine(Commands.DIVERGED);
    assertTrue(
        line.matches("train: diverged: loss is (NaN|-?Infinity) at epoch 1/5, step \\d+/120; .*"),
        line);
    assertTrue(line.contains("no checkpoint was written"), line);
    assertFalse(Files.exists(run.resolve("checkpoint.safetensors")));
  }

  @Test
  void theLastGoodCheckpointIsKept() throws IOException {
    Path run = dir.resolve("run");
    Cli.Result good =
        Cli.trainSmall(
            "--optimizer", "SGD", "--lr", "0.1", "--epochs", "1", "--out", run.toString());
    Path checkpoint = run.resolve("checkpoint.safetensors");
    byte[] before = Files.readAllBytes(checkpoint);
    String line =
        Cli.train("--resume", checkpoint.toString(), "--epochs", "3", "--lr", "1e10")
            .oneErrorLine(Commands.DIVERGED);
    assertTrue(line.contains("at epoch 2/3, step "), line);
    assertTrue(line.contains(checkpoint + " keeps epoch 1, the last good one"), line);
    assertArrayEquals(before, Files.readAllBytes(checkpoint), good.out());
  }

  @Test
  void evalAndResumeRefuseWeightsThatAreNotFinite() throws IOException {
    Path run = dir.resolve("run");
    Cli.trainSmall("--epochs", "1", "--out", run.toString());
    TensorArchive archive = SafeTensors.load(run.resolve("checkpoint.safetensors"));
    Map<String, Tensor> tensors = new LinkedHashMap<>(archive.tensors());
    Tensor weight = tensors.get("model.2.weight").copy();
    weight.set(Double.NaN, 3, 7);
    tensors.put("model.2.weight", weight);
    Path poisoned =
        Files.createDirectory(dir.resolve("poisoned")).resolve("checkpoint.safetensors");
    SafeTensors.save(poisoned, tensors, archive.metadata());

    String eval = Cli.eval(poisoned.toString()).usageError();
    assertTrue(
        eval.startsWith("eval: CHECKPOINT " + poisoned + ": its weight 2.weight holds NaN"), eval);
    String resume = Cli.train("--resume", poisoned.toString(), "--epochs", "2").usageError();
    assertTrue(resume.startsWith("train: --resume " + poisoned + ": its weight 2.weight"), resume);
  }
}
