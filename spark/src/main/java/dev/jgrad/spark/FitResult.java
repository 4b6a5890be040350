package dev.jgrad.spark;

import dev.jgrad.nn.Module;
import dev.jgrad.train.History;

/**
 * What {@link SparkTrainer#fit} returns.
 *
 * @param model the trained model, on the driver
 * @param history one entry per epoch: the mean training loss ({@code loss}) and the learning rate
 *     ({@code lr}), as {@link dev.jgrad.train.Trainer}'s
 * @param times where worker 0's time went during this fit
 */
public record FitResult(Module model, History history, TrainingTimes times) {}
