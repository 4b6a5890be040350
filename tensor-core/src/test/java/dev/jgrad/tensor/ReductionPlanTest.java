package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A reduction's plan: its dims, the result's shape, and the kept and reduced layouts. */
class ReductionPlanTest {
  private static final Tensor INPUT = Tensor.zeros(2, 3, 4);

  @Test
  void leadingDimsAreColumnSums() {
    ReductionPlan plan = ReductionPlan.of(ReductionKind.SUM, INPUT, new int[] {0}, false);
    assertEquals(Shape.of(3, 4), plan.resultShape());
    assertTrue(plan.reducesLeadingDims());
    assertFalse(plan.reducesTrailingDims());
    assertEquals(2, plan.reducedLength());
    assertArrayEquals(new int[] {3, 4}, plan.keptSizes());
    assertArrayEquals(new int[] {4, 1}, plan.keptStrides());
    assertArrayEquals(new int[] {2}, plan.reducedSizes());
    assertArrayEquals(new int[] {12}, plan.reducedStrides());
  }

  @Test
  void trailingDimsKeptWithSizeOne() {
    ReductionPlan plan = ReductionPlan.of(ReductionKind.MEAN, INPUT, new int[] {-1, -2}, true);
    assertEquals(Shape.of(2, 1, 1), plan.resultShape());
    assertFalse(plan.reducesLeadingDims());
    assertTrue(plan.reducesTrailingDims());
    assertEquals(12, plan.reducedLength());
  }

  @Test
  void middleAndNoDims() {
    ReductionPlan middle = ReductionPlan.of(ReductionKind.SUM, INPUT, new int[] {1}, false);
    assertFalse(middle.reducesLeadingDims() || middle.reducesTrailingDims());
    assertArrayEquals(new int[] {2, 4}, middle.keptSizes());
    ReductionPlan none = ReductionPlan.of(ReductionKind.SUM, INPUT, new int[0], false);
    assertEquals(INPUT.shape(), none.resultShape());
    assertTrue(none.reducesLeadingDims() && none.reducesTrailingDims());
    assertEquals(1, none.reducedLength());
  }

  @Test
  void errorsNameTheReduction() {
    IllegalArgumentException repeated =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReductionPlan.of(ReductionKind.SUM, INPUT, new int[] {1, -2}, false));
    assertEquals("sum: dim -2 repeated in [1, -2]", repeated.getMessage());
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReductionPlan.of(ReductionKind.MAX, Tensor.zeros(2, 0), new int[] {1}, false));
    assertEquals("max: cannot reduce over dim 1 of size 0 in [2, 0]", empty.getMessage());
  }
}
