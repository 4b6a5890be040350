/**
 * Tensors: n-dimensional arrays of numbers with NumPy's broadcasting and PyTorch's vocabulary, the
 * data type everything else in jgrad computes on.
 *
 * <p>{@link dev.jgrad.tensor.Tensor} is the main type: a flat storage read through a {@link
 * dev.jgrad.tensor.Shape}, strides and an offset. Its factories ({@code zeros}, {@code of}, {@code
 * randn}, …) make new tensors; views ({@code transpose}, {@code view}, {@code select}, {@code
 * expand}, …) share storage and copy nothing; arithmetic, reductions, matrix products and indexing
 * return new tensors; and a few explicit methods ({@code fill}, {@code copyFrom}, {@code
 * addInPlace}, …) write in place. {@link dev.jgrad.tensor.DType} names the element types (INT32,
 * FLOAT32, FLOAT64) and how mixed operands promote. {@link dev.jgrad.tensor.Generator} is the
 * seeded random source behind {@code rand}, {@code randn}, initialization and shuffling, specified
 * exactly so that a seed gives the same numbers everywhere; the factories without a generator
 * parameter ({@code Tensor.rand(32, 784)}) draw from its process-wide default, which {@code
 * Generator.manualSeed(seed)} re-seeds as {@code torch.manual_seed} does. {@link
 * dev.jgrad.tensor.KernelInfo} tells whether the SIMD kernels run (they need {@code --add-modules
 * jdk.incubator.vector}), and {@link dev.jgrad.tensor.Parallelism} how many threads they use.
 * Tensors carry no gradients: the {@code dev.jgrad.autograd} module wraps them for that, and {@link
 * dev.jgrad.tensor.io} reads and writes them in safetensors files.
 *
 * <pre>{@code
 * Generator gen = Generator.seeded(0);
 * Tensor x = Tensor.randn(gen, 32, 784);              // FLOAT32 [32, 784]
 * Tensor w = Tensor.randn(gen, 128, 784).mul(0.05);   // [out, in]
 * Tensor b = Tensor.zeros(128);
 * Tensor h = x.linear(w, b).relu();                   // x·wᵀ + b, then max(·, 0): [32, 128]
 * Tensor first = h.select(0, 0);                      // a view of row 0, no copy
 * int[] predicted = h.argmax(1, false).toIntArray();  // 32 indices in [0, 128)
 * System.out.println(h.shape() + " " + h.dtype());    // [32, 128] FLOAT32
 * }</pre>
 */
package dev.jgrad.tensor;
