/**
 * Neural-network building blocks in the shape of PyTorch's {@code torch.nn}: modules with named
 * parameters, layers, activations, losses and initialization schemes.
 *
 * <p>{@link dev.jgrad.nn.Module} is the base class: it holds {@link dev.jgrad.nn.Parameter}s (the
 * leaf {@link dev.jgrad.autograd.Variable}s an optimizer updates), buffers and child modules under
 * dotted names, switches between training and evaluation mode, and saves and loads its state as a
 * map of tensors ({@code stateDict}, {@code loadStateDict}) that {@link
 * dev.jgrad.tensor.io.SafeTensors} writes to disk. The layers are {@link dev.jgrad.nn.Linear},
 * {@link dev.jgrad.nn.Dropout}, {@link dev.jgrad.nn.Flatten} and the activations ({@link
 * dev.jgrad.nn.ReLU}, {@link dev.jgrad.nn.LeakyReLU}, {@link dev.jgrad.nn.Sigmoid}, {@link
 * dev.jgrad.nn.Tanh}, {@link dev.jgrad.nn.Softmax}, {@link dev.jgrad.nn.LogSoftmax}, {@link
 * dev.jgrad.nn.Identity}); {@link dev.jgrad.nn.Sequential} chains them, and a subclass of {@code
 * Module} combines them freely. {@link dev.jgrad.nn.Losses} holds the loss functions
 * (cross-entropy, NLL, MSE, binary cross-entropy) with a {@link dev.jgrad.nn.Reduction}, and {@link
 * dev.jgrad.nn.Init} the initialization schemes; every random choice comes from a seeded {@link
 * dev.jgrad.tensor.Generator}, one given explicitly or the process-wide default that {@code
 * Generator.manualSeed(seed)} seeds (as {@code torch.manual_seed}), so a run repeats exactly. The
 * optimizers that update the parameters are in {@code dev.jgrad.optim}.
 *
 * <p>For convolutional networks: {@link dev.jgrad.nn.BatchNorm1d} and {@link
 * dev.jgrad.nn.BatchNorm2d} (with running statistics kept as buffers, used in evaluation mode),
 * {@link dev.jgrad.nn.Dropout2d} (whole channels), and {@link dev.jgrad.nn.Functional}, the
 * functions of {@code torch.nn.functional} ({@code batchNorm}, {@code pad}, {@code dropout2d},
 * ...).
 *
 * <p>Convolutions: {@link dev.jgrad.nn.Conv1d} and {@link dev.jgrad.nn.Conv2d} (PyTorch's
 * constructor arguments, initialization and state-dict keys), and their function forms {@link
 * dev.jgrad.nn.Functional#conv1d} and {@link dev.jgrad.nn.Functional#conv2d} with {@link
 * dev.jgrad.nn.ConvOptions} for the stride, padding, dilation and groups.
 *
 * <p>Hooks: a subclass implements {@code compute}; callers run a module with its final {@code
 * forward}, which also runs the hooks registered with {@link
 * dev.jgrad.nn.Module#registerForwardPreHook}, {@link dev.jgrad.nn.Module#registerForwardHook} and
 * {@link dev.jgrad.nn.Module#registerFullBackwardHook} ({@link dev.jgrad.nn.ForwardPreHook}, {@link
 * dev.jgrad.nn.ForwardHook}, {@link dev.jgrad.nn.BackwardHook}), as calling a PyTorch module does.
 *
 * <p>{@code java.lang.Module} has the same simple name as {@code Module}: with {@code import
 * dev.jgrad.nn.*;} the compiler reports "reference to Module is ambiguous", so import {@code
 * dev.jgrad.nn.Module} explicitly.
 *
 * <pre>{@code
 * Generator.manualSeed(0);
 * Module model = new Sequential(
 *     new Linear(784, 128), new ReLU(), new Dropout(0.2), new Linear(128, 10));
 * Variable x = new Variable(Tensor.rand(32, 784));        // a batch of 32 flattened images
 * Tensor labels = Tensor.randint(0, 10, 32);              // their classes, INT32 [32]
 * Variable loss = Losses.crossEntropy(model.forward(x), labels);
 * model.zeroGrad();
 * loss.backward();                                        // fills every parameter's grad()
 * Tensor logits = model.eval().forward(x.data());         // Dropout off, nothing recorded
 * SafeTensors.save(Path.of("model.safetensors"), model.stateDict());  // 0.weight, 0.bias, ...
 * }</pre>
 */
package dev.jgrad.nn;
