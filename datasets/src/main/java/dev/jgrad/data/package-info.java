/**
 * Datasets and batching: MNIST and Fashion-MNIST found, verified and cached, datasets of tensors,
 * and a seeded loader that hands out reproducible batches.
 *
 * <p>A {@link dev.jgrad.data.Dataset} is a finite, indexed collection that hands out its samples as
 * a {@link dev.jgrad.data.Batch} of two tensors, inputs and targets. {@link
 * dev.jgrad.data.DatasetSpec} describes an image dataset stored as IDX files ({@link
 * dev.jgrad.data.DatasetSpec#MNIST}, {@link dev.jgrad.data.DatasetSpec#FASHION_MNIST}) and loads a
 * split as an {@link dev.jgrad.data.ImageDataset}; {@link dev.jgrad.data.DataLocator} decides where
 * the files are looked for (an explicit folder, {@code JGRAD_DATA}, the project's {@code data/},
 * system folders, the per-user cache) and downloads them when they are nowhere, and {@link
 * dev.jgrad.data.IdxReader} reads and checks each file. {@link dev.jgrad.data.TensorDataset} wraps
 * tensors you already have; {@link dev.jgrad.data.Split} and {@link dev.jgrad.data.Subset} hold out
 * a validation set; {@link dev.jgrad.data.Transforms} change batches on the way out. {@link
 * dev.jgrad.data.DataLoader} cuts a dataset into batches for a numbered epoch, shuffled in an order
 * that depends only on its seed and the epoch, so a resumed run sees the same batches.
 *
 * <pre>{@code
 * ImageDataset train = DatasetSpec.MNIST.train();       // throws IOException naming what is missing
 * Split split = Split.lastFraction(train, 0.1);         // 54,000 to train on, 6,000 held out
 * DataLoader loader = DataLoader.of(split.train(), 128).shuffle(42);
 * for (int epoch = 0; epoch < 5; epoch++) {
 *   for (Batch batch : loader.epoch(epoch)) {
 *     Tensor x = batch.input();                         // FLOAT32 [128, 784], pixels in [0, 1]
 *     Tensor y = batch.target();                        // INT32 [128], labels 0 to 9
 *   }
 * }
 * }</pre>
 */
package dev.jgrad.data;
