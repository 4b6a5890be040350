/**
 * Optimizers, learning-rate schedulers, gradient clipping and resumable training checkpoints, with
 * PyTorch's exact update rules so that a jgrad run and a {@code torch.optim} run of the same model
 * agree step for step.
 *
 * <p>An {@link dev.jgrad.optim.Optimizer} ({@link dev.jgrad.optim.SGD}, {@link
 * dev.jgrad.optim.Adam}, {@link dev.jgrad.optim.AdamW}, {@link dev.jgrad.optim.RMSprop}, {@link
 * dev.jgrad.optim.Adagrad}) updates the parameters it was given from their gradients on each {@code
 * step()}, and clears the gradients on {@code zeroGrad()}. Its hyperparameters are typed {@link
 * dev.jgrad.optim.Hyperparameter} keys, set for all parameters through fluent setters or per {@link
 * dev.jgrad.optim.ParamGroup} (for example weight decay on the weights only). A {@link
 * dev.jgrad.optim.LRScheduler} ({@link dev.jgrad.optim.StepLR}, {@link
 * dev.jgrad.optim.ExponentialLR}, {@link dev.jgrad.optim.CosineAnnealingLR}, {@link
 * dev.jgrad.optim.LinearLR}, {@link dev.jgrad.optim.LambdaLR}, {@link dev.jgrad.optim.OneCycleLR},
 * and the combinations {@link dev.jgrad.optim.SequentialLR} (a warm-up, then a decay) and {@link
 * dev.jgrad.optim.ChainedScheduler}) changes the groups' learning rates once per epoch (or per
 * batch); {@link dev.jgrad.optim.ReduceLROnPlateau} lowers them when a metric stops improving;
 * {@link dev.jgrad.optim.ClipGrad} rescales or clamps gradients before a step. Optimizers and
 * schedulers keep their state in tensors ({@code stateDict()}); the {@code dev.jgrad.train}
 * module's training checkpoint saves them with the model's state and the generator's in one
 * safetensors file to resume a run exactly.
 *
 * <pre>{@code
 * Generator gen = Generator.seeded(0);
 * Linear model = new Linear(784, 10, gen);
 * Adam opt = new Adam(model.parameters(), 1e-3);
 * CosineAnnealingLR scheduler = new CosineAnnealingLR(opt, 5);       // 5 epochs
 * Variable x = new Variable(Tensor.rand(gen, 32, 784));
 * Tensor labels = Tensor.randint(gen, 0, 10, 32);
 * for (int epoch = 0; epoch < 5; epoch++) {
 *   opt.zeroGrad();
 *   Losses.crossEntropy(model.forward(x), labels).backward();
 *   ClipGrad.clipGradNorm(model.parameters(), 1.0);
 *   opt.step();
 *   scheduler.step();                                               // once per epoch
 * }
 * Map<String, Tensor> resumable = opt.stateDict();                  // with scheduler.stateDict()
 * }</pre>
 */
package dev.jgrad.optim;
