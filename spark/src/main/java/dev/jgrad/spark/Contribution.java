package dev.jgrad.spark;

/**
 * One micro-batch's part of a step: its gradient (of its mean loss scaled by its share of the
 * global batch) and its loss times its sample count.
 *
 * @param gradients the micro-batch's gradients
 * @param lossSum the micro-batch's mean loss times its number of samples
 */
record Contribution(FlatGradients gradients, double lossSum) {}
