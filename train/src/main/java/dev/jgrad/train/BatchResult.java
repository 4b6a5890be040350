package dev.jgrad.train;

/**
 * What {@link Callback#onBatchEnd} learns about a training step that was just taken.
 *
 * @param epoch the epoch's index, from 0
 * @param step the batch's index in the epoch, from 0
 * @param numBatches the number of batches in the epoch
 * @param size the number of samples in the batch
 * @param loss the batch's loss, computed before the optimizer step
 */
public record BatchResult(int epoch, int step, int numBatches, int size, double loss) {}
