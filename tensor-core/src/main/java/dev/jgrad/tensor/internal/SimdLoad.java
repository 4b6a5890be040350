package dev.jgrad.tensor.internal;

import dev.jgrad.tensor.SimdSupport;
import java.lang.reflect.InvocationTargetException;

/**
 * The outcome of loading the SIMD kernels: the kernels, or why there are none ({@link
 * dev.jgrad.tensor.KernelInfo} is its public view).
 *
 * @param kernels the SIMD kernels, or null unless {@code support} is {@link SimdSupport#AVAILABLE}
 * @param support whether the kernels loaded, and if not, why
 * @param floatLanes the floats in one preferred vector, or 0 when unknown
 * @param detail what to add for an absent module, the lane count of narrow vectors, the exception
 *     and its causes (classes and messages) for a failed load, empty otherwise
 */
public record SimdLoad(Kernels kernels, SimdSupport support, int floatLanes, String detail) {
  /** The class of jgrad's SIMD kernels. */
  static final String SIMD_KERNELS = "dev.jgrad.tensor.internal.simd.SimdKernels";

  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  /**
   * Loads {@code className} reflectively, so that the Vector API classes are never linked when the
   * module is absent, and asks its {@code floatLanes()} and {@code createIfUseful(plain)}; a null
   * from the latter means the vectors are too narrow.
   */
  static SimdLoad attempt(String className, Kernels plain) {
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      return new SimdLoad(
          null, SimdSupport.MODULE_ABSENT, 0, "run the JVM with --add-modules " + VECTOR_MODULE);
    }
    try {
      Class<?> type = Class.forName(className);
      int lanes = (Integer) type.getMethod("floatLanes").invoke(null);
      Kernels kernels =
          (Kernels) type.getMethod("createIfUseful", Kernels.class).invoke(null, plain);
      return kernels == null
          ? new SimdLoad(null, SimdSupport.TOO_NARROW, lanes, lanes + " float lanes")
          : new SimdLoad(kernels, SimdSupport.AVAILABLE, lanes, "");
    } catch (InvocationTargetException e) {
      return failed(e.getCause());
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      return failed(e);
    }
  }

  /** Returns a failed load whose detail names the exception and its causes, with messages. */
  private static SimdLoad failed(Throwable e) {
    StringBuilder detail = new StringBuilder(e.toString());
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      detail.append(", caused by ").append(cause);
    }
    return new SimdLoad(null, SimdSupport.LOAD_FAILED, 0, detail.toString());
  }
}
