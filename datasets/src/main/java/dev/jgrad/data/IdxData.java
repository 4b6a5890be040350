package dev.jgrad.data;

import dev.jgrad.tensor.Shape;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The contents of one IDX file of unsigned bytes, as read and checked by {@link IdxReader}: its
 * dimensions, its payload and the SHA-256 of its decompressed bytes.
 *
 * <p>Instances are immutable: the payload is never handed out as a writable array.
 */
public final class IdxData {
  private final Path file;
  private final Shape shape;
  private final byte[] payload;
  private final String sha256;

  IdxData(Path file, Shape shape, byte[] payload, String sha256) {
    this.file = file;
    this.shape = shape;
    this.payload = payload;
    this.sha256 = sha256;
  }

  /**
   * Returns the file this was read from.
   *
   * @return the path given to {@link IdxReader#read}
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the dimensions the header declares, for example {@code [60000, 28, 28]}.
   *
   * @return the shape of the payload, one size per header dimension
   */
  public Shape shape() {
    return shape;
  }

  /**
   * Returns the SHA-256 of the decompressed file (header and payload) as 64 lowercase hex digits;
   * the same for a raw file and any gzip compression of it.
   *
   * @return 64 lowercase hex digits
   */
  public String sha256() {
    return sha256;
  }

  /**
   * Returns the payload, one unsigned byte per element in row-major order, as a read-only view.
   *
   * @return a new read-only buffer over the bytes, positioned at 0
   */
  public ByteBuffer payload() {
    return ByteBuffer.wrap(payload).asReadOnlyBuffer();
  }

  /** Returns the payload array itself, for loaders in this package that never modify it. */
  byte[] payloadArray() {
    return payload;
  }
}
