/**
 * Data-parallel training on Apache Spark, bit-identical to single-process training: {@link
 * dev.jgrad.spark.SparkTrainer} and the Spark ML estimator {@link dev.jgrad.spark.JgradClassifier}.
 *
 * <p>Spark is a {@code provided} dependency (Spark 4, Scala 2.13): the cluster supplies it.
 */
package dev.jgrad.spark;
