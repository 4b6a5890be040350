package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.GradCheck;
import dev.jgrad.autograd.GradientComparison;
import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Losses;
import dev.jgrad.nn.Parameter;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwishMlpTest {
  @Test
  void theCustomOpPassesGradCheckInFloat64() {
    Generator gen = Generator.seeded(1);
    Variable x =
        new Variable(Tensor.randn(gen, Shape.of(4, 5), DType.FLOAT64)).requiresGrad(true);
    GradCheck.check(in -> new Swish().apply(in[0]), x);
  }

  @Test
  void handWrittenBackwardEqualsAutograd() {
    Generator gen = Generator.seeded(7);
    SwishMlp model = new SwishMlp(6, 5, 3, DType.FLOAT64, gen);
    Tensor x = Tensor.randn(gen, Shape.of(8, 6), DType.FLOAT64);
    Tensor labels = Tensor.randint(gen, 0, 3, 8);

    Losses.crossEntropy(model.forward(new Variable(x)), labels).backward();
    Map<String, Tensor> autograd = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
      autograd.put(e.getKey(), e.getValue().grad());
    }

    GradientComparison c =
        GradientComparison.compare(SwishMlpBackward.gradients(model, x, labels), autograd);
    assertTrue(c.maxRelError() < 1e-10, c.toString());
  }
}
