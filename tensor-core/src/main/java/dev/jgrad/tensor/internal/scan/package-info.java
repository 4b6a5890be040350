/**
 * Scan kernels: running sums and products along one dimension of a strided array.
 *
 * <p><b>This package is not API</b> and is not exported; {@link dev.jgrad.tensor.Tensor#cumsum} and
 * {@link dev.jgrad.tensor.Tensor#cumprod} reach it.
 */
package dev.jgrad.tensor.internal.scan;
