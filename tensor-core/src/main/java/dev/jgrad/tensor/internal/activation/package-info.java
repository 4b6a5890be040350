/**
 * The scalar definitions of the activation functions of {@link dev.jgrad.tensor.Tensor} ({@code
 * gelu}, {@code silu}, {@code softplus}, {@code elu}, {@code hardtanh}, {@code leakyRelu}) and of
 * the error function they need, over doubles; the tensor methods map them over every element with
 * the general strided kernel, as {@code tanh} and {@code sigmoid} are.
 *
 * <p><b>This package is not API</b> and is not exported.
 */
package dev.jgrad.tensor.internal.activation;
