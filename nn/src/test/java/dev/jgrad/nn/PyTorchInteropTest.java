package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.SafeTensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes a checkpoint with jgrad, reads it with an independent Python reader of the safetensors
 * layout, loads it into the same network in PyTorch and compares the logits. Skips, saying why,
 * where no Python can import torch (see {@link TorchPython}).
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
  }
}
