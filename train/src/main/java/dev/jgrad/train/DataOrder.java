package dev.jgrad.train;

import dev.jgrad.data.DataLoader;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The fingerprint of a training loader's data order, saved in a {@link TrainingCheckpoint} so that
 * a resumed run can check it sees the same batches as the interrupted one.
 *
 * <p>A {@link DataLoader}'s order depends only on its dataset size, its shuffle seed and the epoch
 * number, so the sample count, the batch size, the batch count and a hash of epoch 0's order
 * identify it: {@code samples=60000 batch_size=32 batches=1875 order=1f3a…} (the first 16 hex
 * digits of the SHA-256 of the order).
 */
final class DataOrder {
  private DataOrder() {}

  /**
   * Returns the fingerprint of {@code loader}.
   *
   * @param loader the training loader
   * @return the fingerprint text
   */
  static String fingerprint(DataLoader loader) {
    int[] order = loader.order(0);
    ByteBuffer bytes = ByteBuffer.allocate(order.length * Integer.BYTES);
    for (int i : order) {
      bytes.putInt(i);
    }
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(bytes.array());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    return String.format(
        Locale.ROOT,
        "samples=%d batch_size=%d batches=%d order=%s",
        order.length,
        loader.batchSize(),
        loader.numBatches(),
        HexFormat.of().formatHex(digest, 0, 8));
  }
}
