/**
 * jgrad's tensor core: strided {@link dev.jgrad.tensor.Tensor}s that share storage through views,
 * {@link dev.jgrad.tensor.Shape} with the broadcasting and matrix-product shape rules, dtypes, the
 * seeded {@link dev.jgrad.tensor.Generator}, and ({@link dev.jgrad.tensor.io}) safetensors files
 * written atomically.
 *
 * <p>The kernels ({@code dev.jgrad.tensor.internal} and below) are not exported. The SIMD kernels
 * run when the JVM resolves {@code jdk.incubator.vector} ({@code --add-modules
 * jdk.incubator.vector}); without it the plain-Java kernels give the same results. {@code
 * dev.jgrad.tensor.internal.fused} is a door opened only to jgrad's own modules for their fused hot
 * paths.
 */
@SuppressWarnings("module") // the qualified export names jgrad modules compiled after this one
module dev.jgrad.tensor {
  requires com.google.common;
  requires com.google.gson;
  requires static transitive com.google.errorprone.annotations;
  requires static jdk.incubator.vector;

  exports dev.jgrad.tensor;
  exports dev.jgrad.tensor.io;
  exports dev.jgrad.tensor.internal.fused to
      dev.jgrad.autograd,
      dev.jgrad.optim,
      dev.jgrad.data;
}
