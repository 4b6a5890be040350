/**
 * Convolution kernels over dense NCHW arrays in single and double precision: the forward pass and
 * the input, weight and bias gradients, on the existing matrix product ({@code im2col} and {@code
 * Gemm}) or on direct kernels with a plain-Java and a SIMD implementation that give bit-identical
 * results, split across threads by images or fixed chunks of images. Reached through {@code
 * dev.jgrad.tensor.internal.fused.Convolution}.
 *
 * <p><b>This package is not API.</b>
 */
package dev.jgrad.tensor.internal.conv;
