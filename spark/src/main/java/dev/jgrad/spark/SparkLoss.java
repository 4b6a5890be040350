package dev.jgrad.spark;

import dev.jgrad.train.LossFunction;
import java.io.Serializable;

/**
 * A {@link LossFunction} that Spark can send to the workers, such as {@code Losses::crossEntropy}
 * written where a {@code SparkLoss} is expected. It must reduce by the mean over the samples, as
 * {@link dev.jgrad.train.Trainer}'s losses do: a micro-batch's loss is weighted by its share of the
 * global batch.
 */
@FunctionalInterface
public interface SparkLoss extends LossFunction, Serializable {}
