/**
 * The seed networks reproduced with jgrad and the {@code jgrad} command line, both trained by
 * {@code dev.jgrad.train}'s {@code Trainer}.
 *
 * <ul>
 *   <li>The seeds: each seed's settings, written once in {@link dev.jgrad.examples.Preset}; its
 *       hand-written twin ({@link dev.jgrad.examples.ManualNetwork}: forward, backward and update
 *       written with tensor-core operations); its main ({@link dev.jgrad.examples.DeepMlp}, …),
 *       which trains the twin through {@link dev.jgrad.examples.TwinModule}; and the autograd
 *       version built by {@link dev.jgrad.examples.Mlps}.
 *   <li>The command line: {@link dev.jgrad.examples.Jgrad} with {@code train}, {@code eval} and
 *       {@code plot}; {@link dev.jgrad.examples.Commands} gives its exit codes.
 * </ul>
 */
package dev.jgrad.examples;
