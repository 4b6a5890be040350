package dev.jgrad.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jgrad.tensor.KernelInfo;
import dev.jgrad.tensor.SimdSupport;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels load whenever the Vector API module is present (a class that fails to load is a
 * failure here, where the kernels fall back to plain Java), must be present in CI, and every
 * outcome of loading them is reported with its reason.
 */
class KernelSelectionTest {
  private static final boolean MODULE_PRESENT =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  @Test
  void theSimdClassLoadsWhenTheVectorModuleIsPresent() {
    SimdLoad load = KernelSelection.simdLoad();
    assertNotEquals(SimdSupport.LOAD_FAILED, load.support(), load.detail());
    assertEquals(MODULE_PRESENT, load.support() != SimdSupport.MODULE_ABSENT);
  }

  @Test
  void inCiTheSimdKernelsArePresentUnlessDisabled() {
    SimdUnderTest.requireSimdInCi();
  }

  @Test
  void theActiveKernelsAreTheOnesKernelInfoReports() {
    KernelInfo info = KernelInfo.current();
    assertEquals(info.simdUsed(), Kernels.get() != Kernels.plain(), info.summary());
    assertEquals(
        KernelSelection.simdLoad().support() == SimdSupport.AVAILABLE, Kernels.simd().isPresent());
    if (info.simdUsed()) {
      assertEquals("simd-" + 32 * info.floatLanes(), Kernels.get().name());
    }
  }

  @Test
  void aMissingClassIsReportedWithItsException() {
    SimdLoad load =
        SimdLoad.attempt("dev.jgrad.tensor.internal.simd.NoSuchKernels", Kernels.plain());
    assertNull(load.kernels());
    if (MODULE_PRESENT) {
      assertEquals(SimdSupport.LOAD_FAILED, load.support());
      assertEquals(
          "java.lang.ClassNotFoundException: dev.jgrad.tensor.internal.simd.NoSuchKernels",
          load.detail());
    } else {
      assertEquals(SimdSupport.MODULE_ABSENT, load.support());
    }
  }

  @Test
  void anExceptionFromTheKernelsIsReportedUnwrapped() {
    assumeTrue(MODULE_PRESENT, "loading needs the module jdk.incubator.vector");
    SimdLoad load = SimdLoad.attempt(Failing.class.getName(), Kernels.plain());
    assertEquals(SimdSupport.LOAD_FAILED, load.support());
    assertEquals("java.lang.IllegalStateException: no vectors here", load.detail());
  }

  @Test
  void aStaticInitializerThatThrowsIsReportedWithItsCause() {
    assumeTrue(MODULE_PRESENT, "loading needs the module jdk.incubator.vector");
    SimdLoad load = SimdLoad.attempt(FailingInitializer.class.getName(), Kernels.plain());
    assertEquals(SimdSupport.LOAD_FAILED, load.support());
    assertEquals(
        "java.lang.ExceptionInInitializerError, caused by java.lang.IllegalArgumentException:"
            + " Bad vector bit-size: 32",
        load.detail());
  }

  @Test
  void narrowVectorsAreReportedWithTheirLaneCount() {
    assumeTrue(MODULE_PRESENT, "loading needs the module jdk.incubator.vector");
    assertEquals(
        new SimdLoad(null, SimdSupport.TOO_NARROW, 4, "4 float lanes"),
        SimdLoad.attempt(Narrow.class.getName(), Kernels.plain()));
  }

  @Test
  void usefulKernelsAreReturned() {
    assumeTrue(MODULE_PRESENT, "loading needs the module jdk.incubator.vector");
    SimdLoad load = SimdLoad.attempt(Wide.class.getName(), Kernels.plain());
    assertSame(Kernels.plain(), load.kernels());
    assertEquals(SimdSupport.AVAILABLE, load.support());
    assertEquals(16, load.floatLanes());
  }

  /** Stands in for SIMD kernels whose creation throws. */
  static final class Failing {
    /** Returns the lanes of the vectors it stands for. */
    public static int floatLanes() {
      return 16;
    }

    /** Throws, as a broken class would. */
    public static Kernels createIfUseful(Kernels plain) {
      throw new IllegalStateException("no vectors here");
    }
  }

  /** Stands in for SIMD kernels whose static initializer throws, as a species lookup can. */
  static final class FailingInitializer {
    private static final int LANES = badShape();

    private static int badShape() {
      throw new IllegalArgumentException("Bad vector bit-size: 32");
    }

    /** Returns the lanes of the vectors it stands for. */
    public static int floatLanes() {
      return LANES;
    }
  }

  /** Stands in for SIMD kernels on 128-bit vectors. */
  static final class Narrow {
    /** Returns the lanes of the vectors it stands for. */
    public static int floatLanes() {
      return 4;
    }

    /** Returns null: the vectors are too narrow. */
    public static Kernels createIfUseful(Kernels plain) {
      return null;
    }
  }

  /** Stands in for SIMD kernels on 512-bit vectors (returning the plain kernels it is given). */
  static final class Wide {
    /** Returns the lanes of the vectors it stands for. */
    public static int floatLanes() {
      return 16;
    }

    /** Returns {@code plain} in place of real SIMD kernels. */
    public static Kernels createIfUseful(Kernels plain) {
      return plain;
    }
  }
}
