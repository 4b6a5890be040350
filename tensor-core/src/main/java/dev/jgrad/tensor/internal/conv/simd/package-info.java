/**
 * The SIMD convolution kernels on the JDK's Vector API, loaded reflectively when the module {@code
 * jdk.incubator.vector} is present.
 *
 * <p><b>This package is not API.</b>
 */
package dev.jgrad.tensor.internal.conv.simd;
