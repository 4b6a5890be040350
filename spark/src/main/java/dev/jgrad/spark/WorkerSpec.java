package dev.jgrad.spark;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a worker needs, sent with the barrier stage's tasks.
 *
 * @param modelFactory builds the model
 * @param optimizerFactory builds the optimizer
 * @param loss the loss
 * @param initialState the driver's initial weights, safetensors bytes
 * @param plan the shard layout
 * @param inputShape the shape of one sample's features
 * @param epochs the number of epochs to reach
 * @param seed the shuffle seed
 * @param checkpointFolder the folder of the per-epoch checkpoint, or null
 * @param timeout how long a worker waits for another
 * @param kernelThreads the kernel threads of each task, or 0 to leave them
 * @param settings the run's settings, saved in checkpoints and checked when resuming
 * @param fault a failure to inject, or null
 */
record WorkerSpec(
    ModelFactory modelFactory,
    OptimizerFactory optimizerFactory,
    SparkLoss loss,
    byte[] initialState,
    ShardPlan plan,
    int[] inputShape,
    int epochs,
    long seed,
    String checkpointFolder,
    Duration timeout,
    int kernelThreads,
    Map<String, String> settings,
    FaultPlan fault)
    implements Serializable {}
