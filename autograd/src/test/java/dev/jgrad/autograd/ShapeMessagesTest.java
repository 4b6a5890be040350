package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tensor.Tensor;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same shape mistake gives the same message on tensors and on variables. */
class ShapeMessagesTest {
  static Stream<Arguments> mistakes() {
    return Stream.of(
        mistake("add", Tensor::add, Variable::add, Tensor.ones(3, 4), Tensor.ones(5)),
        mistake("mul", Tensor::mul, Variable::mul, Tensor.ones(2, 3), Tensor.ones(3, 2)),
        mistake(
            "matmul inner", Tensor::matmul, Variable::matmul, Tensor.ones(3, 4), Tensor.ones(5, 2)),
        mistake(
            "matmul batch",
            Tensor::matmul,
            Variable::matmul,
            Tensor.ones(2, 3, 4),
            Tensor.ones(5, 4, 2)),
        mistake(
            "matmul rank 0", Tensor::matmul, Variable::matmul, Tensor.scalar(1), Tensor.ones(3)),
        mistake(
            "linear",
            (x, w) -> x.linear(w, null),
            (x, w) -> x.linear(w, null),
            Tensor.ones(2, 3),
            Tensor.ones(4, 5)));
  }

  private static Arguments mistake(
      String name,
      BiFunction<Tensor, Tensor, Tensor> onTensors,
      BiFunction<Variable, Variable, Variable> onVariables,
      Tensor a,
      Tensor b) {
    return Arguments.of(name, onTensors, onVariables, a, b);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void sameMessageAtBothLayers(
      String name,
      BiFunction<Tensor, Tensor, Tensor> onTensors,
      BiFunction<Variable, Variable, Variable> onVariables,
      Tensor a,
      Tensor b) {
    String tensorMessage =
        assertThrows(IllegalArgumentException.class, () -> onTensors.apply(a, b)).getMessage();
    String variableMessage =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    onVariables.apply(
                        new Variable(a).requiresGrad(true), new Variable(b).requiresGrad(true)))
            .getMessage();
    assertEquals(tensorMessage, variableMessage);
  }
}
