package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.autograd.ops.Add;
import dev.jgrad.autograd.ops.Div;
import dev.jgrad.autograd.ops.MatMul;
import dev.jgrad.autograd.ops.Maximum;
import dev.jgrad.autograd.ops.Minimum;
import dev.jgrad.autograd.ops.Mul;
import dev.jgrad.autograd.ops.Pow;
import dev.jgrad.autograd.ops.Sub;
import dev.jgrad.autograd.ops.Where;
import dev.jgrad.tensor.Tensor;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ops applied directly, without Variable's broadcasting, refuse operands of different shapes. */
class OperandShapeTest {
  static Stream<Arguments> binaryOps() {
    return Stream.of(
        op("add", Add::new),
        op("sub", Sub::new),
        op("mul", Mul::new),
        op("div", Div::new),
        op("pow", Pow::new),
        op("maximum", Maximum::new),
        op("minimum", Minimum::new));
  }

  private static Arguments op(String name, Supplier<Function> make) {
    return Arguments.of(name, make);
  }

  private static Variable ones(boolean requiresGrad, int... shape) {
    return new Variable(Tensor.ones(shape)).requiresGrad(requiresGrad);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryOps")
  void binaryOpsRequireOneShape(String name, Supplier<Function> make) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> make.get().apply(ones(true, 3, 4), ones(true, 4)));
    assertEquals(
        name
            + ": operands must have one shape, got [3, 4] and [4]; expand them first (Variable."
            + name
            + " broadcasts)",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> make.get().apply(ones(false, 1), ones(false, 2)));
    assertEquals(
        ones(false, 2, 2).shape(), make.get().apply(ones(true, 2, 2), ones(true, 2, 2)).shape());
  }

  @Test
  void whereRequiresOneShapeOfConditionAndOperands() {
    Where where = new Where(Tensor.of(new int[] {1, 0, 1}, 3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> where.apply(ones(true, 2, 3), ones(true, 2, 3)));
    assertEquals(
        "where: operands must have one shape, got [3], [2, 3] and [2, 3]; expand them first"
            + " (Variable.where broadcasts)",
        e.getMessage());
  }

  @Test
  void matmulRequiresMatrixStacksWithOneBatchShape() {
    IllegalArgumentException vector =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MatMul().apply(ones(true, 3), ones(true, 3, 4)));
    assertEquals(
        "matmul: operands must be matrices or stacks of them with one batch shape, got [3] and"
            + " [3, 4]; unsqueeze and expand them first (Variable.matmul does)",
        vector.getMessage());
    IllegalArgumentException batch =
        assertThrows(
            IllegalArgumentException.class,
            () -> new MatMul().apply(ones(true, 2, 3, 4), ones(true, 1, 4, 5)));
    assertEquals(
        "matmul: operands must be matrices or stacks of them with one batch shape, got [2, 3, 4]"
            + " and [1, 4, 5]; unsqueeze and expand them first (Variable.matmul does)",
        batch.getMessage());
  }
}
