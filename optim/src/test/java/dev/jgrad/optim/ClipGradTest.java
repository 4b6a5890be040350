package dev.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
