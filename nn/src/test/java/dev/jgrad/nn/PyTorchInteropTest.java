package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import dev.jgrad.tensor.testing.Comparisons;
import dev.jgrad.tensor.testing.TorchPython;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes a checkpoint with jgrad, reads it with an independent Python reader of the safetensors
 * layout, loads it into the same network in PyTorch and compares the logits, reporting how many.
 * Fails in CI and skips elsewhere, saying why, where no Python can import torch (see {@link
 * TorchPython}).
 */
class PyTorchInteropTest {
  @TempDir Path dir;

  @Test
  void pyTorchLoadsTheCheckpointAndComputesTheSameLogits() throws Exception {
    Generator gen = Generator.seeded(2024);
    Sequential net =
        new Sequential(new Linear(6, 5, gen), new ReLU(), new Linear(5, 3, gen), new LogSoftmax(1));
    Tensor input = Tensor.randn(gen, 4, 6);
    Tensor logits = net.forward(new Variable(input)).data();
    Path model = dir.resolve("model.safetensors");
    SafeTensors.save(model, net.stateDict(), Map.of("format", "pt"));
    Map<String, Tensor> io = new LinkedHashMap<>();
    io.put("input", input);
    io.put("logits", logits);
    Path ioFile = dir.resolve("io.safetensors");
    SafeTensors.save(ioFile, io);
    String out =
        TorchPython.runScript(
            getClass(), "load_in_torch.py", dir, model.toString(), ioFile.toString());
    System.out.println("PyTorch interop: " + out.trim());
    Matcher compared = Pattern.compile("(\\d+) logits compared").matcher(out);
    assertTrue(compared.find(), "load_in_torch.py says how many logits it compared: " + out);
    Comparisons comparisons = new Comparisons(getClass().getSimpleName());
    comparisons.add(Long.parseLong(compared.group(1)));
    comparisons.report("torch " + TorchPython.version());
  }
}
