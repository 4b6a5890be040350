package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests for {@link KernelInfo}: what it says for each way the kernels can be chosen. */
class KernelInfoTest {
  @Test
  void simdKernelsInUse() {
    KernelInfo info = new KernelInfo(SimdSupport.AVAILABLE, false, 16, "", 1);
    assertTrue(info.simdUsed());
    assertEquals(Optional.empty(), info.whyNotSimd());
    assertEquals("SIMD (jdk.incubator.vector, 16 float lanes), 1 thread", info.summary());
  }

  @Test
  void disabledByTheSystemProperty() {
    KernelInfo info = new KernelInfo(SimdSupport.AVAILABLE, true, 8, "", 2);
    assertFalse(info.simdUsed());
    assertEquals(
        "plain Java, 2 threads; SIMD not used: disabled by -Djgrad.simd=false", info.summary());
  }

  @Test
  void moduleAbsent() {
    KernelInfo info =
        new KernelInfo(
            SimdSupport.MODULE_ABSENT,
            false,
            0,
            "run the JVM with --add-modules jdk.incubator.vector",
            1);
    assertEquals(
        "plain Java, 1 thread; SIMD not used: module jdk.incubator.vector absent (run the JVM with"
            + " --add-modules jdk.incubator.vector)",
        info.summary());
  }

  @Test
  void vectorsTooNarrow() {
    KernelInfo info = new KernelInfo(SimdSupport.TOO_NARROW, false, 4, "4 float lanes", 1);
    assertEquals(Optional.of("preferred vectors too narrow (4 float lanes)"), info.whyNotSimd());
  }

  @Test
  void classFailedToLoad() {
    KernelInfo info =
        new KernelInfo(
            SimdSupport.LOAD_FAILED,
            false,
            0,
            "java.lang.NoClassDefFoundError: jdk/incubator/vector/FloatVector",
            1);
    assertEquals(
        Optional.of(
            "class failed to load (java.lang.NoClassDefFoundError:"
                + " jdk/incubator/vector/FloatVector)"),
        info.whyNotSimd());
  }

  @Test
  void currentReportsTheThreadCountOfNow() {
    int before = Parallelism.threads();
    try {
      Parallelism.setThreads(3);
      assertEquals(3, KernelInfo.current().threads());
      assertTrue(
          KernelInfo.current().summary().endsWith("3 threads"), KernelInfo.current().summary());
    } finally {
      Parallelism.setThreads(before);
    }
  }

  @Test
  void badComponentsAreRejected() {
    assertThrows(NullPointerException.class, () -> new KernelInfo(null, false, 0, "", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new KernelInfo(SimdSupport.AVAILABLE, false, 16, "", 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new KernelInfo(SimdSupport.AVAILABLE, false, -1, "", 1));
  }
}
