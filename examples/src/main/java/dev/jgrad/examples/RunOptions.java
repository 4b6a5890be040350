package dev.jgrad.examples;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Parallelism;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every training command shares: seed, dtype, threads, data folder, output folder and
 * whether to replace another run's files.
 */
public final class RunOptions {
  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the initialization and the shuffling (default: 0).")
  Long seed;

  @Option(
      names = "--dtype",
      converter = FloatingDType.class,
      description =
          "FLOAT32 or FLOAT64 (default: FLOAT64 for the seed mains, as NumPy computes; FLOAT32 for"
              + " jgrad train).")
  DType dtype;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Folder with the four MNIST files, itself or its mnist/ sub-folder; used as given, never"
              + " replaced by another (default: JGRAD_DATA, the project's data/, the cache).")
  Path data;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Folder for metrics.csv, the plots and the checkpoint (default: runs/<command>).")
  Path out;

  @Option(
      names = "--force",
      description =
          "Replace the files of another run in the output folder (otherwise such a folder is"
              + " refused).")
  boolean force;

  /** Creates the options with nothing given. */
  public RunOptions() {}

  /**
   * Sets how many threads jgrad's kernels use ({@link Parallelism#setThreads}).
   *
   * @param n the thread count, checked by {@link ThreadCount}
   */
  @Option(
      names = "--threads",
      paramLabel = "N",
      converter = ThreadCount.class,
      description =
          "Threads for jgrad's kernels (default: 1, or -Djgrad.threads); results are bit-identical"
              + " for any count.")
  void threads(int n) {
    Parallelism.setThreads(n);
  }

  /** Parses {@code --threads}, so an unusable count reads as a bad value of that option. */
  static final class ThreadCount implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n;
      try {
        n = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not an int");
      }
      if (n < 1 || n > Parallelism.MAX_THREADS) {
        throw new TypeConversionException(
            "expected 1 to " + Parallelism.MAX_THREADS + " threads, got " + n);
      }
      return n;
    }
  }

  /** Parses {@code --dtype}: only the floating-point types name a network's dtype. */
  static final class FloatingDType implements ITypeConverter<DType> {
    @Override
    public DType convert(String value) {
      for (DType d : DType.values()) {
        if (d.isFloatingPoint() && d.name().equalsIgnoreCase(value)) {
          return d;
        }
      }
      throw new TypeConversionException("expected FLOAT32 or FLOAT64, got '" + value + "'");
    }
  }

  /**
   * Returns the seed given.
   *
   * @return the seed, or null if {@code --seed} was not given
   */
  public Long seedGiven() {
    return seed;
  }

  /**
   * Returns the seed.
   *
   * @return the seed given, 0 unless given
   */
  public long seed() {
    return seed != null ? seed : 0;
  }

  /**
   * Returns the dtype given.
   *
   * @return FLOAT32 or FLOAT64, or null if {@code --dtype} was not given
   */
  public DType dtypeGiven() {
    return dtype;
  }

  /**
   * Returns the dtype.
   *
   * @param fallback the dtype unless one was given
   * @return the dtype given, else {@code fallback}
   */
  public DType dtypeOr(DType fallback) {
    return dtype != null ? dtype : fallback;
  }

  /**
   * Returns the data folder given.
   *
   * @return the folder, or null for the default lookup
   */
  public Path data() {
    return data;
  }

  /**
   * Returns the output folder.
   *
   * @param fallback the folder unless {@code --out} was given
   * @return the folder
   */
  public Path outOr(Path fallback) {
    return out != null ? out : fallback;
  }

  /**
   * Returns whether {@code --force} was given.
   *
   * @return whether another run's files may be replaced
   */
  public boolean force() {
    return force;
  }
}
