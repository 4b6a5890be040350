package dev.jgrad.tensor.internal.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The door itself; the fused operations' values are checked in {@code FastPathsTest}. */
class FusedOpsTest {
  @Test
  void theBridgeIsInstalledOnceByTensor() {
    Tensor.zeros(1);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FusedOps.install(null));
    assertEquals("FusedOps: the bridge is installed once, by Tensor", e.getMessage());
  }
}
