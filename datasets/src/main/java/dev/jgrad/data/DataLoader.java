package dev.jgrad.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.Generator;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Hands out a dataset in batches, one numbered epoch at a time, as PyTorch's {@code DataLoader}.
 *
 * <pre>{@code
 * DataLoader train = DataLoader.of(DatasetSpec.MNIST.train(), 32).shuffle(42);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *   for (Batch b : train.epoch(epoch)) { ... }
 * }
 * }</pre>
 *
 * <p><b>Epochs are explicit.</b> The caller names the epoch it wants with {@link #epoch(int)}; the
 * loader keeps no counter and is not itself {@link Iterable}, so a for-each over it cannot silently
 * repeat or advance an epoch. A loader is immutable: configuration methods return new loaders, and
 * it may be shared between threads if the dataset may.
 *
 * <p><b>Order.</b> Without shuffling every epoch visits the samples in index order. With {@link
 * #shuffle(long) shuffle(seed)}, epoch {@code e} visits them in the order of {@code
 * Generator.seeded(seed, e).permutation(n)} (see {@link Generator#seeded(long, long)}): the order
 * depends only on the seed and the epoch number, never on how many batches or epochs were taken
 * before, so a resumed run sees the same batches as an uninterrupted one. Each epoch visits every
 * sample exactly once; the last batch holds the remainder (fewer than the batch size) unless {@link
 * #dropLast(boolean) dropLast} drops it.
 */
public final class DataLoader {
  private final Dataset dataset;
  private final int batchSize;
  private final OptionalLong seed;
  private final boolean dropLast;

  private DataLoader(Dataset dataset, int batchSize, OptionalLong seed, boolean dropLast) {
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.seed = seed;
    this.dropLast = dropLast;
  }

  /**
   * Returns a loader of {@code dataset} in batches of {@code batchSize}, in index order, keeping
   * the last partial batch.
   *
   * @param dataset the samples
   * @param batchSize the number of samples per batch, at least 1
   * @return a loader that does not shuffle
   * @throws IllegalArgumentException if {@code batchSize < 1}
   */
  public static DataLoader of(Dataset dataset, int batchSize) {
    checkNotNull(dataset, "DataLoader.of: dataset is null");
    checkArgument(batchSize >= 1, "DataLoader.of: batch size is %s, expected >= 1", batchSize);
    return new DataLoader(dataset, batchSize, OptionalLong.empty(), false);
  }

  /**
   * Returns a loader that shuffles each epoch with an order derived from {@code seed} (see the
   * class notes).
   *
   * @param seed the seed of every epoch's order
   * @return a copy of this loader that shuffles
   */
  public DataLoader shuffle(long seed) {
    return new DataLoader(dataset, batchSize, OptionalLong.of(seed), dropLast);
  }

  /**
   * Returns a loader that shuffles each epoch, with a seed drawn once from {@code generator} (which
   * advances by one {@code nextLong()}); see {@link #shuffle(long)}.
   *
   * @param generator the generator the seed is drawn from
   * @return a copy of this loader that shuffles
   */
  public DataLoader shuffle(Generator generator) {
    checkNotNull(generator, "DataLoader.shuffle: generator is null");
    return shuffle(generator.nextLong());
  }

  /**
   * Returns a loader that drops or keeps the last batch of each epoch if it is partial.
   *
   * @param drop {@code true} to drop a partial last batch, {@code false} to keep it
   * @return a copy of this loader with that setting
   */
  public DataLoader dropLast(boolean drop) {
    return new DataLoader(dataset, batchSize, seed, drop);
  }

  /**
   * Returns the dataset.
   *
   * @return the samples this loader hands out
   */
  public Dataset dataset() {
    return dataset;
  }

  /**
   * Returns the batch size.
   *
   * @return the number of samples in every batch but a partial last one
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Returns the number of batches per epoch, as {@code len(loader)} in PyTorch: with a batch size
   * larger than the dataset, 1 if the last partial batch is kept and 0 if it is dropped (0 for an
   * empty dataset either way), for every batch size up to {@link Integer#MAX_VALUE}.
   *
   * @return the number of batches {@link #epoch(int)} yields
   */
  public int numBatches() {
    long n = dataset.size();
    return (int) (dropLast ? n / batchSize : (n + batchSize - 1) / batchSize);
  }

  /**
   * Returns the order in which epoch {@code epoch} visits the samples (all of them, including those
   * of a dropped last batch).
   *
   * @param epoch the epoch, from 0
   * @return the sample indices in visiting order, a new array
   * @throws IllegalArgumentException if {@code epoch < 0}
   */
  public int[] order(int epoch) {
    checkArgument(epoch >= 0, "DataLoader.order: epoch is %s, expected >= 0", epoch);
    int n = dataset.size();
    if (seed.isPresent()) {
      return Generator.seeded(seed.getAsLong(), epoch).permutation(n);
    }
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    return order;
  }

  /**
   * Returns the batches of epoch {@code epoch}, gathered one by one as they are iterated; iterating
   * the result twice gives the same batches.
   *
   * @param epoch the epoch, from 0
   * @return the epoch's batches in order
   * @throws IllegalArgumentException if {@code epoch < 0}
   */
  public Iterable<Batch> epoch(int epoch) {
    int[] order = order(epoch);
    return () -> new BatchIterator(order);
  }

  /** Walks one epoch's order a batch at a time, gathering each batch when it is asked for. */
  private final class BatchIterator implements Iterator<Batch> {
    private final int[] order;
    private final int batches = numBatches();
    private int next;

    BatchIterator(int[] order) {
      this.order = order;
    }

    @Override
    public boolean hasNext() {
      return next < batches;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException(
            "DataLoader: all " + batches + " batches of this epoch were taken");
      }
      long from = (long) next * batchSize;
      long to = Math.min(from + batchSize, order.length);
      next++;
      return dataset.getBatch(Arrays.copyOfRange(order, (int) from, (int) to));
    }
  }
}
