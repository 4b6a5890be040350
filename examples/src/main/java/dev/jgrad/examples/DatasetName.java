package dev.jgrad.examples;

import dev.jgrad.data.DatasetSpec;

/** The datasets {@code jgrad train --dataset} knows. */
public enum DatasetName {
  /** The MNIST handwritten digits ({@link DatasetSpec#MNIST}). */
  MNIST(DatasetSpec.MNIST),
  /** Zalando's Fashion-MNIST, ten kinds of clothing ({@link DatasetSpec#FASHION_MNIST}). */
  FASHION_MNIST(DatasetSpec.FASHION_MNIST);

  private final DatasetSpec spec;

  DatasetName(DatasetSpec spec) {
    this.spec = spec;
  }

  /**
   * Returns the dataset's files, hashes and class names.
   *
   * @return the spec
   */
  public DatasetSpec spec() {
    return spec;
  }
}
