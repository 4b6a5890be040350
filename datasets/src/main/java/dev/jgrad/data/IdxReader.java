package dev.jgrad.data;

import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.io.FileErrors;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the format of MNIST and Fashion-MNIST), raw or
 * gzip-compressed.
 *
 * <p>The two are told apart by their first two bytes: {@code 00 00} starts a raw IDX file, {@code
 * 1f 8b} a gzip file. An IDX file is a 4-byte magic number {@code 00 00 TT NN}, where {@code TT} is
 * the element type and {@code NN} the number of dimensions, then {@code NN} big-endian 32-bit
 * sizes, then the payload in row-major order. Only element type {@code 0x08} (unsigned byte) is
 * supported, so the MNIST images have magic number {@code 0x00000803} and the labels {@code
 * 0x00000801}.
 *
 * <p>Every check fails with an {@link IdxFormatException} naming the file, the expected and the
 * actual value: a file that is empty or neither raw IDX nor gzip, a magic number whose first two
 * bytes are not zero, an element type other than {@code 0x08}, zero dimensions, a size above {@code
 * 2^31 - 1}, a header or payload shorter than announced, bytes after the payload, and a corrupt
 * gzip stream. Bytes after the end of a complete gzip stream are ignored, as the {@code gzip} tool
 * ignores them; the SHA-256 of the decompressed bytes still identifies the data.
 *
 * <p><b>Memory.</b> The reader never allocates more than the file can hold. For a raw file the
 * payload length must equal the file's size minus the header before anything is allocated. A gzip
 * file cannot expand by more than {@value #MAX_DEFLATE_RATIO} times (the limit of the deflate
 * format), so a header claiming more is rejected at once; otherwise the buffer grows with the bytes
 * actually decompressed, up to the announced length, so a header claiming 2^31 images costs no more
 * memory than the data that is really there.
 */
public final class IdxReader {
  /** The IDX element type of unsigned bytes, the only one supported. */
  public static final int UNSIGNED_BYTE = 0x08;

  /** The largest factor by which deflate can expand data; gzip output is never larger. */
  static final long MAX_DEFLATE_RATIO = 1032;

  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
  private static final int MIN_GZIP_BUFFER = 1 << 16;
  private static final int IO_BUFFER = 1 << 16;
  private static final String READ = "cannot read IDX file";

  private IdxReader() {}

  /**
   * Reads and checks the IDX file {@code file}, raw or gzip-compressed.
   *
   * @param file an IDX file of unsigned bytes; gzip compression is detected from its first bytes,
   *     not its name
   * @return the checked contents, with the payload in memory
   * @throws IdxFormatException if the file is not a well-formed IDX file of unsigned bytes
   * @throws IOException if the file cannot be read
   */
  public static IdxData read(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, READ + ": it is a folder, not a file");
    }
    try (FileChannel channel = FileChannel.open(file)) {
      long fileSize = channel.size();
      long sizeHint = gzipSizeHint(channel, fileSize);
      channel.position(0);
      return read(file, Channels.newInputStream(channel), fileSize, sizeHint);
    } catch (IdxFormatException e) {
      throw e;
    } catch (IOException e) {
      throw FileErrors.explain(file, READ, e);
    }
  }

  /**
   * Reads the IDX file of {@code fileSize} bytes that {@code stream} delivers, naming it {@code
   * file} in messages; {@code gzipSizeHint} is the unsigned value of its last four bytes, little
   * endian (for a gzip file, its decompressed size modulo 2^32), or 0 if it is shorter.
   */
  static IdxData read(Path file, InputStream stream, long fileSize, long gzipSizeHint)
      throws IOException {
    if (fileSize == 0) {
      throw new IdxFormatException(
          file,
          "empty file; expected an IDX file (first bytes 00 00) or a gzip file (first bytes 1f 8b)");
    }
    int bufferSize = (int) Math.min(IO_BUFFER, Math.max(fileSize, 512));
    InputStream in = new BufferedInputStream(stream, bufferSize);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    if (first == 0x1f && second == 0x8b) {
      return readGzip(file, in, bufferSize, fileSize, gzipSizeHint);
    }
    if (first == 0) {
      return readRaw(file, in, fileSize);
    }
    throw new IdxFormatException(
        file,
        String.format(
            "not an IDX or gzip file: first bytes are %s, expected 00 00 (IDX) or 1f 8b (gzip)",
            hexBytes(first, second)));
  }

  private static IdxData readRaw(Path file, InputStream in, long fileSize) throws IOException {
    Header header = readHeader(file, in);
    long available = fileSize - header.length();
    if (header.payloadLength() > available) {
      throw new IdxFormatException(
          file,
          String.format(
              "truncated: the header %s needs %s payload bytes, the file holds %d",
              header.dimsText(), header.payloadText(), available));
    }
    if (header.payloadLength() < available) {
      throw new IdxFormatException(
          file,
          String.format(
              "%d trailing bytes: the header %s needs %d payload bytes, the file holds %d",
              available - header.payloadLength(),
              header.dimsText(),
              header.payloadLength(),
              available));
    }
    Shape shape = checkedShape(file, header);
    byte[] payload = new byte[(int) header.payloadLength()];
    int read = readFully(in, payload, 0, payload.length);
    if (read < payload.length) {
      throw new IdxFormatException(
          file,
          String.format(
              "truncated while reading: the header %s needs %d payload bytes, read %d",
              header.dimsText(), payload.length, read));
    }
    return new IdxData(file, shape, payload, sha256(header, payload));
  }

  private static IdxData readGzip(
      Path file, InputStream compressed, int bufferSize, long fileSize, long sizeHint)
      throws IOException {
    long decompressed = 0;
    try (InputStream in = new GZIPInputStream(compressed, bufferSize)) {
      Header header = readHeader(file, in);
      decompressed = header.length();
      long capacity = saturatingMultiply(fileSize, MAX_DEFLATE_RATIO) - header.length();
      if (header.payloadLength() > capacity) {
        throw new IdxFormatException(
            file,
            String.format(
                "the header %s claims %s payload bytes, more than a gzip file of %d bytes can"
                    + " hold (at most %d)",
                header.dimsText(), header.payloadText(), fileSize, capacity));
      }
      Shape shape = checkedShape(file, header);
      int payloadLength = (int) header.payloadLength();
      long initial = Math.max(MIN_GZIP_BUFFER, Math.min(sizeHint - header.length(), 16 * fileSize));
      byte[] payload = new byte[(int) Math.min(payloadLength, initial)];
      int filled = 0;
      while (filled < payloadLength) {
        if (filled == payload.length) {
          payload = Arrays.copyOf(payload, (int) Math.min(payloadLength, 2L * payload.length));
        }
        int read = in.read(payload, filled, payload.length - filled);
        if (read < 0) {
          break;
        }
        filled += read;
        decompressed += read;
      }
      if (filled < payloadLength) {
        throw new IdxFormatException(
            file,
            String.format(
                "truncated: the header %s needs %d payload bytes, the gzip stream holds %d",
                header.dimsText(), payloadLength, filled));
      }
      long trailing = countRemaining(in);
      if (trailing > 0) {
        throw new IdxFormatException(
            file,
            String.format(
                "%d trailing bytes: the header %s needs %d payload bytes, the gzip stream holds"
                    + " %d",
                trailing, header.dimsText(), payloadLength, payloadLength + trailing));
      }
      return new IdxData(file, shape, payload, sha256(header, payload));
    } catch (ZipException | EOFException e) {
      throw new IdxFormatException(
          file,
          String.format(
              "corrupt or truncated gzip stream after %d decompressed bytes: %s",
              decompressed,
              e.getMessage() != null
                  ? e.getMessage()
                  : "the file ends inside a gzip header or trailer"),
          e);
    }
  }

  /** Reads and checks the magic number and the dimensions. */
  private static Header readHeader(Path file, InputStream in) throws IOException {
    byte[] magic = new byte[4];
    int read = readFully(in, magic, 0, 4);
    if (read < 4) {
      throw new IdxFormatException(
          file,
          String.format("truncated header: expected a 4-byte magic number, found %d bytes", read));
    }
    int magicNumber = ByteBuffer.wrap(magic).getInt();
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IdxFormatException(
          file,
          String.format(
              "bad magic number 0x%08x: expected 0x0000TTNN (first two bytes zero)", magicNumber));
    }
    int type = magic[2] & 0xff;
    if (type != UNSIGNED_BYTE) {
      throw new IdxFormatException(
          file,
          String.format(
              "magic number 0x%08x has element type 0x%02x (%s), expected 0x08 (unsigned byte)",
              magicNumber, type, typeName(type)));
    }
    int rank = magic[3] & 0xff;
    if (rank == 0) {
      throw new IdxFormatException(
          file,
          String.format(
              "magic number 0x%08x declares 0 dimensions, expected at least 1", magicNumber));
    }
    byte[] sizeBytes = new byte[4 * rank];
    read = readFully(in, sizeBytes, 0, sizeBytes.length);
    if (read < sizeBytes.length) {
      throw new IdxFormatException(
          file,
          String.format(
              "truncated header: magic number 0x%08x declares %d dimensions (%d bytes of sizes),"
                  + " found %d bytes",
              magicNumber, rank, sizeBytes.length, read));
    }
    ByteBuffer sizes = ByteBuffer.wrap(sizeBytes).order(ByteOrder.BIG_ENDIAN);
    long[] dims = new long[rank];
    long payloadLength = 1;
    for (int i = 0; i < rank; i++) {
      dims[i] = Integer.toUnsignedLong(sizes.getInt());
      payloadLength = saturatingMultiply(payloadLength, dims[i]);
    }
    return new Header(magic, sizeBytes, dims, payloadLength);
  }

  /** Checks that the header, already known to fit in the file, fits in a Java array. */
  private static Shape checkedShape(Path file, Header header) throws IdxFormatException {
    long[] dims = header.dims();
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] > Integer.MAX_VALUE) {
        throw new IdxFormatException(
            file,
            String.format(
                "size %d of dimension %d in %s exceeds %d",
                dims[i], i, header.dimsText(), Integer.MAX_VALUE));
      }
    }
    if (header.payloadLength() > MAX_ARRAY_LENGTH) {
      throw new IdxFormatException(
          file,
          String.format(
              "the header %s claims %d payload bytes, more than one Java array holds (%d)",
              header.dimsText(), header.payloadLength(), MAX_ARRAY_LENGTH));
    }
    int[] sizes = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      sizes[i] = (int) dims[i];
    }
    return Shape.of(sizes);
  }

  /** Returns the last four bytes as an unsigned little-endian number, or 0 for a shorter file. */
  private static long gzipSizeHint(FileChannel channel, long fileSize) throws IOException {
    if (fileSize < 4) {
      return 0;
    }
    ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    while (trailer.hasRemaining()) {
      if (channel.read(trailer, fileSize - 4 + trailer.position()) < 0) {
        return 0;
      }
    }
    return Integer.toUnsignedLong(trailer.getInt(0));
  }

  private static int readFully(InputStream in, byte[] buffer, int offset, int length)
      throws IOException {
    int total = 0;
    while (total < length) {
      int read = in.read(buffer, offset + total, length - total);
      if (read < 0) {
        break;
      }
      total += read;
    }
    return total;
  }

  private static long countRemaining(InputStream in) throws IOException {
    byte[] scratch = new byte[IO_BUFFER];
    long count = 0;
    int read;
    while ((read = in.read(scratch)) >= 0) {
      count += read;
    }
    return count;
  }

  private static String sha256(Header header, byte[] payload) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    digest.update(header.magic());
    digest.update(header.sizes());
    digest.update(payload);
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long saturatingMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long product = a * b;
    return high != 0 || product < 0 ? Long.MAX_VALUE : product;
  }

  private static String hexBytes(int first, int second) {
    StringBuilder text = new StringBuilder();
    for (int b : new int[] {first, second}) {
      if (b >= 0) {
        text.append(text.length() == 0 ? "" : " ").append(String.format("%02x", b));
      }
    }
    return text.toString();
  }

  private static String typeName(int type) {
    switch (type) {
      case 0x09:
        return "signed byte";
      case 0x0B:
        return "16-bit integer";
      case 0x0C:
        return "32-bit integer";
      case 0x0D:
        return "32-bit float";
      case 0x0E:
        return "64-bit float";
      default:
        return "unknown";
    }
  }

  /**
   * A header whose magic number is checked: its raw bytes (for the hash), the declared sizes and
   * their product, saturated at {@link Long#MAX_VALUE}.
   */
  private record Header(byte[] magic, byte[] sizes, long[] dims, long payloadLength) {
    int length() {
      return magic.length + sizes.length;
    }

    String dimsText() {
      return Arrays.toString(dims);
    }

    String payloadText() {
      return payloadLength == Long.MAX_VALUE ? "over 2^63" : Long.toString(payloadLength);
    }
  }
}
