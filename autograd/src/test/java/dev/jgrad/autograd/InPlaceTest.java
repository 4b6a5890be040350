package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.autograd.ops.BinaryCrossEntropy;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Version-counter checks on saved tensors, and the refusal to modify leaves that require grad. */
class InPlaceTest {
  private static Variable ones(boolean requiresGrad, int... shape) {
    return new Variable(Tensor.ones(Shape.of(shape), DType.FLOAT64)).requiresGrad(requiresGrad);
  }

  @Test
  void modifyingASavedInputBeforeBackwardIsReported() {
    Variable w = ones(true, 2, 3);
    Variable x = ones(false, 2, 3);
    Variable y = w.mul(x).sum();
    long saved = x.data().version();
    x.mulInPlace(2);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertEquals(
        String.format(
            "mul: saved input 1 of shape [2, 3] was modified in place after the forward pass (saved"
                + " at version %s, now version %s), so its gradient would be wrong; copy() it first"
                + " and modify the copy instead",
            saved, saved + 1),
        e.getMessage());
  }

  @Test
  void modifyingASavedResultThroughItsDataIsReported() {
    Variable x = new Variable(Tensor.of(new double[] {1, 2, 3}, 3)).requiresGrad(true);
    Variable y = x.exp();
    Variable loss = y.sum();
    y.data().fill(0);
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals(
        "exp: saved result of shape [3] was modified in place after the forward pass (saved at"
            + " version 0, now version 1), so its gradient would be wrong; copy() it first and"
            + " modify the copy instead",
        e.getMessage());
  }

  @Test
  void modifyingWheresConditionBeforeBackwardIsReported() {
    Tensor condition = Tensor.of(new int[] {1, 0, 1}, 3);
    Variable y = Variable.where(condition, ones(true, 3), ones(true, 3)).sum();
    long saved = condition.version();
    condition.fill(0);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertEquals(
        String.format(
            "where: saved tensor 0 of shape [3] was modified in place after the forward pass"
                + " (saved at version %s, now version %s), so its gradient would be wrong; copy()"
                + " it first and modify the copy instead",
            saved, saved + 1),
        e.getMessage());
  }

  @Test
  void modifyingBinaryCrossEntropysTargetBeforeBackwardIsReported() {
    Tensor target = Tensor.of(new double[] {0, 1, 0.5}, 3);
    Variable p = new Variable(Tensor.of(new double[] {0.2, 0.7, 0.4}, 3)).requiresGrad(true);
    Variable loss = new BinaryCrossEntropy(target).apply(p).sum();
    long saved = target.version();
    target.fill(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals(
        String.format(
            "binary_cross_entropy: saved tensor 1 of shape [3] was modified in place after the"
                + " forward pass (saved at version %s, now version %s), so its gradient would be"
                + " wrong; copy() it first and modify the copy instead",
            saved, saved + 1),
        e.getMessage());
  }

  @Test
  void aWriteThroughAnotherViewOfTheStorageIsCaught() {
    Tensor base = Tensor.ones(Shape.of(2, 3), DType.FLOAT64);
    Variable w = ones(true, 3, 2);
    Variable x = new Variable(base.t());
    Variable y = w.mul(x).sum();
    base.narrow(0, 0, 1).fill(5);
    assertThrows(IllegalStateException.class, y::backward);
  }

  @Test
  void modifyingACopyIsFine() {
    Variable w = ones(true, 2);
    Variable x = ones(false, 2);
    Variable y = w.mul(x).sum();
    x.copy().mulInPlace(2);
    y.backward();
    assertArrayEquals(new double[] {1, 1}, w.grad().toDoubleArray());
  }

  @Test
  void leavesThatRequireGradAreModifiedOnlyInsideNoGrad() {
    Variable w = ones(true, 2, 2);
    long before = w.data().version();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.fill(0));
    assertEquals(
        "fill: a leaf Variable that requires grad (shape [2, 2]) cannot be modified in place while"
            + " gradients are recorded; do it inside try (NoGrad g = NoGrad.enter()) { ... }, as an"
            + " optimizer does",
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> w.mulInPlace(2));
    assertThrows(IllegalStateException.class, () -> w.addInPlace(Tensor.ones(2, 2), 1));
    assertThrows(IllegalStateException.class, () -> w.copyFrom(Tensor.ones(2, 2)));
    assertEquals(before, w.data().version(), "a refused write leaves the data untouched");
    try (NoGrad g = NoGrad.enter()) {
      w.addInPlace(Tensor.ones(2, 2), -0.5).mulInPlace(4).copyFrom(w.data().mul(2)).fill(3);
    }
    assertEquals(before + 4, w.data().version());
    assertArrayEquals(new double[] {3, 3, 3, 3}, w.data().toDoubleArray());
  }

  @Test
  void recordedResultsAreNotModifiedInPlace() {
    Variable y = ones(true, 2).mul(2);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.fill(1));
    assertEquals(
        "fill: in-place ops on a Variable made by mul (shape [2]) are not recorded by autograd; use"
            + " the out-of-place op, or copy() it first and modify the copy",
        e.getMessage());
  }

  @Test
  void constantsMayBeModifiedAnywhere() {
    Variable c = ones(false, 2);
    c.fill(2).mulInPlace(3);
    assertArrayEquals(new double[] {6, 6}, c.data().toDoubleArray());
  }
}
