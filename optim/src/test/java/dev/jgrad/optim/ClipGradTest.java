package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipGradTest {
  @Test
  void scalesByTheTotalNormWhenAboveMax() {
    Variable a = new Variable(Tensor.zeros(2)).requiresGrad(true);
    Variable b = new Variable(Tensor.zeros(1)).requiresGrad(true);
    Variable none = new Variable(Tensor.zeros(1)).requiresGrad(true);
    a.setGrad(Tensor.of(new float[] {3, 0}));
    b.setGrad(Tensor.of(new float[] {4}));
    double norm = ClipGrad.clipGradNorm(List.of(a, b, none), 1.0);
    assertEquals(5.0, norm, 1e-12);
    double c = 1.0 / (5 + 1e-6);
    assertArrayEquals(new float[] {(float) (3 * c), 0}, a.grad().toFloatArray(), 1e-7f);
    assertArrayEquals(new float[] {(float) (4 * c)}, b.grad().toFloatArray(), 1e-7f);
    double again = ClipGrad.clipGradNorm(List.of(a, b), 10.0);
    assertEquals(1.0, again, 1e-6);
    assertArrayEquals(new float[] {(float) (4 * c)}, b.grad().toFloatArray(), 1e-7f);
  }

  @Test
  void infinityNormIsTheLargestMagnitude() {
    Variable a = new Variable(Tensor.zeros(Shape.of(3), DType.FLOAT64)).requiresGrad(true);
    a.setGrad(Tensor.of(new double[] {1, -7, 2}));
    assertEquals(7.0, ClipGrad.clipGradNorm(List.of(a), 14, Double.POSITIVE_INFINITY));
    assertArrayEquals(new double[] {1, -7, 2}, a.grad().toDoubleArray(), 0);
  }

  @Test
  void clipGradValueClampsEachElementAndSkipsMissingGradients() {
    Variable a = new Variable(Tensor.zeros(Shape.of(4), DType.FLOAT64)).requiresGrad(true);
    Variable b = new Variable(Tensor.zeros(2)).requiresGrad(true);
    Variable none = new Variable(Tensor.zeros(1)).requiresGrad(true);
    a.setGrad(Tensor.of(new double[] {0.3, -2.5, 1.0, -0.7}));
    b.setGrad(Tensor.of(new float[] {7, -0.25f}));
    ClipGrad.clipGradValue(List.of(a, b, none), 0.5);
    assertArrayEquals(new double[] {0.3, -0.5, 0.5, -0.5}, a.grad().toDoubleArray(), 0);
    assertArrayEquals(new float[] {0.5f, -0.25f}, b.grad().toFloatArray(), 0);
    assertEquals(DType.FLOAT32, b.grad().dtype());
    assertNull(none.grad());
    ClipGrad.clipGradValue(List.of(a), Double.POSITIVE_INFINITY);
    assertArrayEquals(new double[] {0.3, -0.5, 0.5, -0.5}, a.grad().toDoubleArray(), 0);
    assertEquals(
        "clip_grad_value: clip_value must be >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> ClipGrad.clipGradValue(List.of(a), -1))
            .getMessage());
  }
}
