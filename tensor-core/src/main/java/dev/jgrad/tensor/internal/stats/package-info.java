/**
 * Reducers with a parameter: the variance with a correction and the vector norm of order p.
 *
 * <p><b>This package is not API</b> and is not exported; {@link dev.jgrad.tensor.Tensor#var},
 * {@link dev.jgrad.tensor.Tensor#std} and {@link dev.jgrad.tensor.Tensor#norm} reach it.
 */
package dev.jgrad.tensor.internal.stats;
