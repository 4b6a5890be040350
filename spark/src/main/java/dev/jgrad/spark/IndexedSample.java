package dev.jgrad.spark;

import java.io.Serializable;

/**
 * A sample with its position in the input, which fixes its shard.
 *
 * @param index the position, from 0
 * @param sample the sample
 */
record IndexedSample(long index, Sample sample) implements Serializable {}
