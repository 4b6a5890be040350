package dev.jgrad.spark;

import java.io.Serializable;

/**
 * What worker 0 sends back to the driver.
 *
 * @param state the trained weights, safetensors bytes
 * @param losses the mean training loss of every epoch of the run, restored ones included
 * @param lrs the learning rate of every epoch
 * @param steps the steps taken in this attempt
 * @param computeSeconds time spent computing
 * @param exchangeSeconds time spent in the exchange
 */
record WorkerResult(
    byte[] state,
    double[] losses,
    double[] lrs,
    long steps,
    double computeSeconds,
    double exchangeSeconds)
    implements Serializable {}
