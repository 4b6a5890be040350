/**
 * Batch normalization's array kernels: per-channel moments, the affine transform and the backward
 * pass over dense {@code [N, C, S]} arrays (S the product of the spatial sizes), in float32 and
 * float64, split across threads by channel.
 *
 * <p><b>This package is not API</b> and is not exported: jgrad's own modules reach it through the
 * door {@link dev.jgrad.tensor.internal.fused.Normalization}.
 */
package dev.jgrad.tensor.internal.norm;
