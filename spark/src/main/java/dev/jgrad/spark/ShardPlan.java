package dev.jgrad.spark;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.Generator;
import java.io.Serializable;

/**
 * How the samples, the global batches and their micro-batches are laid out, the same for every
 * number of workers.
 *
 * <p>Sample {@code i} (its position in the input, from 0) belongs to shard {@code i mod S}, where
 * {@code S} is the number of micro-batches per global batch, at local index {@code i / S}. Epoch
 * {@code e} visits the samples in the order of {@code Generator.seeded(seed, e).permutation(n)} (a
 * {@code DataLoader}'s shuffle), and each shard keeps the order in which its samples appear there.
 * Step {@code k} takes micro-batch {@code s} from shard {@code s}: its samples {@code [k·m,
 * (k+1)·m)} in that order, where {@code m = B / S}; the last steps of an epoch hold fewer (or, for
 * some shards, none). Worker {@code w} of {@code W} owns the contiguous shards {@code [⌊wS/W⌋,
 * ⌊(w+1)S/W⌋)}, so the sum over micro-batches in shard order is a left fold that passes once along
 * the workers.
 *
 * <p>With one micro-batch the layout is exactly a shuffled {@code DataLoader}'s that keeps the last
 * partial batch.
 */
final class ShardPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int samples;
  private final int microBatches;
  private final int microBatchSize;

  /**
   * Creates the plan.
   *
   * @param samples the number of samples, at least 1
   * @param globalBatch the global batch size, a multiple of {@code microBatches}
   * @param microBatches the number of micro-batches per global batch, at least 1
   */
  ShardPlan(int samples, int globalBatch, int microBatches) {
    checkArgument(samples >= 1, "SparkTrainer: the data has no samples");
    checkArgument(
        microBatches >= 1, "SparkTrainer: micro-batches is %s, expected >= 1", microBatches);
    checkArgument(
        globalBatch >= microBatches && globalBatch % microBatches == 0,
        "SparkTrainer: the global batch %s is not a multiple of the %s micro-batches",
        globalBatch,
        microBatches);
    this.samples = samples;
    this.microBatches = microBatches;
    this.microBatchSize = globalBatch / microBatches;
  }

  int samples() {
    return samples;
  }

  int microBatches() {
    return microBatches;
  }

  /** Returns the shard of sample {@code index}. */
  int shardOf(long index) {
    return (int) (index % microBatches);
  }

  /** Returns the number of samples in shard {@code shard}. */
  int shardSize(int shard) {
    return (samples - shard + microBatches - 1) / microBatches;
  }

  /** Returns the number of steps (global batches) per epoch. */
  int steps() {
    return (shardSize(0) + microBatchSize - 1) / microBatchSize;
  }

  /** Returns the number of samples of micro-batch {@code shard} in step {@code step}. */
  int microBatchSize(int shard, int step) {
    long left = shardSize(shard) - (long) step * microBatchSize;
    return (int) Math.max(0, Math.min(microBatchSize, left));
  }

  /** Returns the number of samples in step {@code step}, over all micro-batches. */
  int stepSize(int step) {
    int n = 0;
    for (int s = 0; s < microBatches; s++) {
      n += microBatchSize(s, step);
    }
    return n;
  }

  /** Returns the first shard of worker {@code worker} of {@code workers}. */
  int firstShard(int worker, int workers) {
    return (int) ((long) worker * microBatches / workers);
  }

  /** Returns the worker of {@code workers} that owns shard {@code shard}. */
  int ownerOf(int shard, int workers) {
    int w = (int) ((long) shard * workers / microBatches);
    while (firstShard(w + 1, workers) <= shard) {
      w++;
    }
    while (firstShard(w, workers) > shard) {
      w--;
    }
    return w;
  }

  /**
   * Returns, for the shards {@code [from, to)}, the local indices of their samples in the order
   * epoch {@code epoch} visits them.
   *
   * @param seed the shuffle seed
   * @param epoch the epoch
   * @param from the first shard
   * @param to one past the last shard
   * @return one array per shard, {@code to - from} of them
   */
  int[][] epochOrder(long seed, int epoch, int from, int to) {
    int[] permutation = Generator.seeded(seed, epoch).permutation(samples);
    int[][] orders = new int[to - from][];
    int[] filled = new int[to - from];
    for (int s = from; s < to; s++) {
      orders[s - from] = new int[shardSize(s)];
    }
    for (int i : permutation) {
      int s = shardOf(i);
      if (s >= from && s < to) {
        orders[s - from][filled[s - from]++] = i / microBatches;
      }
    }
    return orders;
  }

  /** Returns where micro-batch {@code shard} of step {@code step} starts in its shard's order. */
  int microBatchStart(int step) {
    return step * microBatchSize;
  }
}
