package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The layout predicates that choose between the contiguous kernels and the strided loops. */
class LayoutTest {
  @Test
  void contiguityAndRepeatedRunsOfCommonLayouts() {
    assertLayout(Shape.of(2, 3), new int[] {3, 1}, true, 6);
    assertLayout(Shape.of(3, 2), new int[] {1, 3}, false, -1);
    assertLayout(Shape.of(4, 3), new int[] {0, 1}, false, 3);
    assertLayout(Shape.of(4, 3), new int[] {0, 0}, false, 1);
    assertLayout(Shape.of(1, 3), new int[] {7, 1}, true, 3);
    assertLayout(Shape.of(2, 2), new int[] {3, 1}, false, -1);
    assertLayout(Shape.scalar(), new int[0], true, 1);
  }

  private static void assertLayout(Shape shape, int[] strides, boolean contiguous, int run) {
    String what = shape + " " + ArrayText.of(strides);
    assertEquals(contiguous, Layout.isContiguous(shape, strides), what);
    assertEquals(run, Layout.repeatedRun(shape, strides), what);
  }

  @Test
  void expandedDimsAreFound() {
    assertEquals(1, Layout.firstExpandedDim(Shape.of(1, 4, 3), new int[] {0, 0, 1}));
    assertEquals(-1, Layout.firstExpandedDim(Shape.of(1, 3), new int[] {0, 1}));
  }

  @Test
  void offsetsFollowTheStrides() {
    Shape shape = Shape.of(2, 3);
    int[] strides = {1, 2};
    assertEquals(5 + 1 + 2 * 2, Layout.offsetOf("get", shape, strides, 5, new int[] {1, -1}));
    assertEquals(5 + 1 + 2 * 2, Layout.offsetOfFlat(new int[] {2, 3}, strides, 5, 5));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Layout.offsetOf("get", shape, strides, 0, new int[] {2, 0}));
    assertEquals("get: index 2 out of range for dim 0 of size 2 in [2, 3]", e.getMessage());
  }

  @Test
  void viewsMustStayInsideTheirStorage() {
    Layout.checkInside(Shape.of(2, 3), new int[] {3, 1}, 0, 6);
    Layout.checkInside(Shape.of(0, 3), new int[] {3, 1}, 99, 6);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Layout.checkInside(Shape.of(2, 3), new int[] {3, 1}, 1, 6));
    assertEquals(
        "view of shape [2, 3], strides [3, 1], offset 1 reaches past a storage of 6 elements",
        e.getMessage());
    assertFalse(Layout.isContiguous(Shape.of(2, 3), new int[] {1, 2}));
    assertTrue(Layout.isContiguous(Shape.of(0, 3), new int[] {3, 1}));
  }
}
