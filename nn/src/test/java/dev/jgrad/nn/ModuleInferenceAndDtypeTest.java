package dev.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.autograd.GradCheck;
import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Module#forward(Tensor)} for inference and {@link Module#to(DType)}. */
class ModuleInferenceAndDtypeTest {
  /** Records what its forward pass saw; scales by a buffer read through {@link #buffer}. */
  private static final class Probe extends Module {
    private final Linear linear = registerModule("linear", new Linear(4, 3, Generator.seeded(1)));
    private final Tensor counts = Tensor.zeros(Shape.of(2), DType.INT32);
    private boolean gradEnabled;
    private Variable output;

    Probe() {
      Tensor scale = Tensor.full(Shape.of(3), 0.5, DType.FLOAT32);
      registerBuffer("scale", scale);
      registerBuffer("alias", scale);
      registerBuffer("counts", counts);
    }

    @Override
    protected Variable compute(Variable x) {
      gradEnabled = NoGrad.isGradEnabled();
      output = linear.forward(x).mul(new Variable(buffer("scale")));
      return output;
    }
  }

  @Test
  void forwardOnATensorRunsUnderNoGradAndReturnsTheData() {
    Probe probe = new Probe();
    Tensor x = Tensor.rand(Generator.seeded(2), 5, 4);
    Variable recorded = probe.forward(new Variable(x));
    assertTrue(probe.gradEnabled);
    assertTrue(recorded.requiresGrad());

    Tensor y = probe.forward(x);
    assertFalse(probe.gradEnabled);
    assertFalse(probe.output.requiresGrad());
    assertSame(probe.output.data(), y);
    assertArrayEquals(recorded.data().toFloatArray(), y.toFloatArray());
    assertTrue(NoGrad.isGradEnabled());
    assertTrue(probe.isTraining(), "the mode is left alone");
  }

  @Test
  void forwardOnATensorKeepsTheModulePathInErrors() {
    Sequential model = new Sequential(new Linear(4, 3, Generator.seeded(1)), new ReLU());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.forward(Tensor.ones(2, 5)));
    assertEquals("0 (Linear 4→3): expected input of shape [*, 4], got [2, 5]", e.getMessage());
    assertTrue(NoGrad.isGradEnabled());
  }

  @Test
  void toFloat64KeepsTheParametersAndPassesAGradientCheck() {
    Sequential model =
        new Sequential(
            new Linear(4, 3, Generator.seeded(1)),
            new Tanh(),
            new Linear(3, 2, Generator.seeded(2)));
    List<Parameter> params = model.parameters();
    Variable[] inputs = params.toArray(new Variable[0]);
    Variable x32 = new Variable(Tensor.randn(Generator.seeded(3), 5, 4));
    assertThrows(
        IllegalArgumentException.class,
        () -> GradCheck.check(p -> model.forward(x32).pow(2).sum(), inputs));
    float[] weight32 = params.get(0).data().toFloatArray();

    assertSame(model, model.to(DType.FLOAT64));

    assertEquals(params, model.parameters());
    for (int i = 0; i < params.size(); i++) {
      assertSame(params.get(i), model.parameters().get(i));
      assertEquals(DType.FLOAT64, params.get(i).dtype());
      assertTrue(params.get(i).requiresGrad());
    }
    Linear first = (Linear) model.children().get(0);
    assertSame(params.get(0), first.weight());
    double[] widened = new double[weight32.length];
    for (int i = 0; i < widened.length; i++) {
      widened[i] = weight32[i];
    }
    assertArrayEquals(widened, first.weight().data().toDoubleArray(), 0);
    Variable x = new Variable(x32.data().to(DType.FLOAT64));
    GradCheck.check(p -> model.forward(x).pow(2).sum(), inputs);
  }

  @Test
  void toConvertsGradientsAndFloatingBuffersAndKeepsWhatIsAlreadyThere() {
    Probe probe = new Probe();
    Parameter weight = probe.linear.weight();
    weight.setGrad(Tensor.ones(3, 4));
    Tensor bias = probe.linear.bias().data();

    probe.to(DType.FLOAT32);
    assertSame(bias, probe.linear.bias().data(), "already FLOAT32: no copy");

    probe.to(DType.FLOAT64);
    assertEquals(DType.FLOAT64, weight.grad().dtype());
    assertArrayEquals(new double[12], weight.grad().sub(1).toDoubleArray(), 0);
    assertEquals(DType.FLOAT64, probe.buffer("scale").dtype());
    assertSame(probe.buffer("scale"), probe.buffer("alias"), "one tensor under two names");
    assertSame(probe.counts, probe.buffer("counts"), "integer buffers stay");
    assertEquals(DType.FLOAT64, probe.forward(Tensor.ones(Shape.of(2, 4), DType.FLOAT64)).dtype());
    assertEquals(probe.namedBuffers().get("scale"), probe.buffer("scale"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> probe.to(DType.INT32));
    assertEquals("Probe.to: expected a floating dtype, got INT32", e.getMessage());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> probe.buffer("nope"));
    assertEquals("Probe: no buffer 'nope'", missing.getMessage());
  }
}
