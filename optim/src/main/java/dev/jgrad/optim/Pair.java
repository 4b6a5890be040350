package dev.jgrad.optim;

/**
 * The value of a hyperparameter made of two reals, as PyTorch's float tuples: Adam's {@code betas}
 * (β₁, β₂). In a state dict it is two FLOAT64 elements.
 *
 * @param first the first element
 * @param second the second element
 */
public record Pair(double first, double second) {}
