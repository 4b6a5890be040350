package dev.jgrad.data;

import static dev.jgrad.data.IdxBytes.concat;
import static dev.jgrad.data.IdxBytes.gzip;
import static dev.jgrad.data.IdxBytes.idx;
import static dev.jgrad.data.IdxBytes.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.jgrad.tensor.Shape;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  private static final int[] DIMS = {3, 4, 5};
  private static final byte[] PAYLOAD = pattern(60);
  private static final byte[] RAW = idx(DIMS, PAYLOAD);

  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private IdxFormatException malformed(String name, byte[] bytes) throws IOException {
    Path file = write(name, bytes);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    return e;
  }

  private static void assertMessageContains(IdxFormatException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> e.getMessage() + " lacks: " + part);
    }
  }

  @Test
  void readsRawFile() throws IOException {
    IdxData data = IdxReader.read(write("raw", RAW));

    assertEquals(Shape.of(3, 4, 5), data.shape());
    assertArrayEquals(PAYLOAD, data.payloadArray());
    assertEquals(IdxBytes.sha256(RAW), data.sha256());
    assertEquals(dir.resolve("raw"), data.file());
  }

  @Test
  void readsGzipFileWithTheHashOfTheDecompressedBytes() throws IOException {
    IdxData data = IdxReader.read(write("raw.gz", gzip(RAW)));

    assertEquals(Shape.of(3, 4, 5), data.shape());
    assertArrayEquals(PAYLOAD, data.payloadArray());
    assertEquals(IdxBytes.sha256(RAW), data.sha256());
  }

  @Test
  void readsPayloadLargerThanTheInitialGzipBuffer() throws IOException {
    // Zeros compress about 1000-fold, far beyond the first buffer sized from the file.
    byte[] payload = new byte[1_000_000];
    payload[999_999] = 1;

    IdxData data = IdxReader.read(write("big.gz", gzip(idx(new int[] {1_000_000}, payload))));

    assertArrayEquals(payload, data.payloadArray());
  }

  @Test
  void readsLabelsAndZeroSizedFiles() throws IOException {
    assertEquals(
        Shape.of(4), IdxReader.read(write("labels", idx(new int[] {4}, pattern(4)))).shape());
    assertEquals(
        Shape.of(0, 28, 28),
        IdxReader.read(write("none.gz", gzip(idx(new int[] {0, 28, 28}, new byte[0])))).shape());
  }

  @Test
  void payloadViewIsReadOnly() throws IOException {
    ByteBuffer payload = IdxReader.read(write("raw", RAW)).payload();

    assertEquals(60, payload.remaining());
    assertEquals(PAYLOAD[5], payload.get(5));
    assertThrows(ReadOnlyBufferException.class, () -> payload.put(0, (byte) 1));
  }

  @Test
  void emptyFile() throws IOException {
    assertMessageContains(malformed("empty", new byte[0]), "empty file", "00 00", "1f 8b");
  }

  @Test
  void neitherIdxNorGzip() throws IOException {
    assertMessageContains(
        malformed("text", "hello, world".getBytes(StandardCharsets.US_ASCII)),
        "not an IDX or gzip file: first bytes are 68 65, expected 00 00 (IDX) or 1f 8b (gzip)");
  }

  @Test
  void badMagicNumber() throws IOException {
    assertMessageContains(
        malformed("magic", idx(0x00010803, DIMS, PAYLOAD)),
        "bad magic number 0x00010803: expected 0x0000TTNN");
  }

  @Test
  void wrongTypeByte() throws IOException {
    assertMessageContains(
        malformed("type", idx(0x00000C03, DIMS, PAYLOAD)),
        "magic number 0x00000c03 has element type 0x0c (32-bit integer), expected 0x08"
            + " (unsigned byte)");
  }

  @Test
  void wrongTypeByteInsideGzip() throws IOException {
    assertMessageContains(
        malformed("type.gz", gzip(idx(0x00000D01, new int[] {1}, new byte[4]))),
        "element type 0x0d (32-bit float)");
  }

  @Test
  void zeroDimensions() throws IOException {
    assertMessageContains(
        malformed("rank0", idx(0x00000800, new int[0], new byte[1])),
        "declares 0 dimensions, expected at least 1");
  }

  @Test
  void truncatedMagicNumber() throws IOException {
    assertMessageContains(
        malformed("short", new byte[] {0, 0, 8}),
        "truncated header: expected a 4-byte magic number, found 3 bytes");
  }

  @Test
  void truncatedDimensions() throws IOException {
    assertMessageContains(
        malformed("dims", Arrays.copyOf(RAW, 10)),
        "declares 3 dimensions (12 bytes of sizes), found 6 bytes");
  }

  @Test
  void truncatedPayload() throws IOException {
    assertMessageContains(
        malformed("cut", Arrays.copyOf(RAW, RAW.length - 1)),
        "truncated: the header [3, 4, 5] needs 60 payload bytes, the file holds 59");
  }

  @Test
  void truncatedPayloadInsideGzip() throws IOException {
    assertMessageContains(
        malformed("cut.gz", gzip(Arrays.copyOf(RAW, RAW.length - 10))),
        "truncated: the header [3, 4, 5] needs 60 payload bytes, the gzip stream holds 50");
  }

  @Test
  void trailingGarbage() throws IOException {
    assertMessageContains(
        malformed("trailing", concat(RAW, new byte[] {1, 2, 3})),
        "3 trailing bytes: the header [3, 4, 5] needs 60 payload bytes, the file holds 63");
  }

  @Test
  void trailingGarbageInsideGzip() throws IOException {
    assertMessageContains(
        malformed("trailing.gz", gzip(concat(RAW, new byte[] {9}))),
        "1 trailing bytes: the header [3, 4, 5] needs 60 payload bytes, the gzip stream holds 61");
  }

  @Test
  void truncatedGzipStream() throws IOException {
    byte[] compressed = gzip(RAW);
    assertMessageContains(
        malformed("cut.gz", Arrays.copyOf(compressed, compressed.length - 12)),
        "corrupt or truncated gzip stream after");
  }

  @Test
  void gzipMagicFollowedByGarbageIsNotGzip() throws IOException {
    byte[] bytes = new byte[40];
    new Random(3).nextBytes(bytes);
    bytes[0] = 0x1f;
    bytes[1] = (byte) 0x8b;
    assertMessageContains(malformed("fake.gz", bytes), "corrupt or truncated gzip stream");
  }

  @Test
  void corruptGzipChecksum() throws IOException {
    byte[] compressed = gzip(RAW);
    compressed[compressed.length - 6] ^= 0x55;
    assertMessageContains(
        malformed("crc.gz", compressed), "corrupt or truncated gzip stream after 76");
  }

  @Test
  void headerClaimingMoreThanARawFileHolds() throws IOException {
    assertMessageContains(
        malformed("lying", idx(new int[] {Integer.MAX_VALUE, 28, 28}, pattern(784))),
        "truncated: the header [2147483647, 28, 28] needs 1683627179248 payload bytes, the file"
            + " holds 784");
  }

  @Test
  void headerClaimingMoreThanAGzipFileCanHold() throws IOException {
    byte[] compressed = gzip(idx(new int[] {-1, -1, -1}, pattern(784)));
    assertMessageContains(
        malformed("lying.gz", compressed),
        "the header [4294967295, 4294967295, 4294967295] claims over 2^63 payload bytes, more"
            + " than a gzip file of "
            + compressed.length
            + " bytes can hold");
  }

  @Test
  void headerClaimingMoreThanTheGzipStreamHoldsAllocatesOnlyWhatIsThere() throws IOException {
    byte[] payload = new byte[1 << 20];
    new Random(11).nextBytes(payload);
    Path file = write("claims-1g.gz", gzip(idx(new int[] {1_000_000_000}, payload)));
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(file));

    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertMessageContains(
        e,
        "truncated: the header [1000000000] needs 1000000000 payload bytes, the gzip stream"
            + " holds 1048576");
    assertTrue(allocated < 32L << 20, "allocated " + allocated + " bytes");
  }

  @Test
  void sizeAboveIntMaxWithAnEmptyDimension() throws IOException {
    assertMessageContains(
        malformed("huge-dim", idx(new int[] {0, -1}, new byte[0])),
        "size 4294967295 of dimension 1 in [0, 4294967295] exceeds 2147483647");
  }

  @Test
  void payloadLargerThanAJavaArray() throws IOException {
    byte[] payload = new byte[2_200_000];
    new Random(5).nextBytes(payload);
    assertMessageContains(
        malformed("array.gz", gzip(idx(new int[] {Integer.MAX_VALUE}, payload))),
        "the header [2147483647] claims 2147483647 payload bytes, more than one Java array holds");
  }

  @Test
  void missingFileIsAnIoException() {
    assertThrows(IOException.class, () -> IdxReader.read(dir.resolve("absent")));
  }

  @Test
  void missingFileNamesTheFileTheOperationAndTheFault() {
    Path absent = dir.resolve("absent");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.read(absent));
    assertEquals(absent + ": cannot read IDX file: no such file or folder", e.getMessage());
  }

  @Test
  void aGzipHeaderCutShortIsSaidInWords() throws IOException {
    for (byte[] bytes : new byte[][] {{0x1f, (byte) 0x8b}, {0x1f, (byte) 0x8b, 8, 0, 0, 0}}) {
      assertMessageContains(
          malformed("cut.gz", bytes),
          "corrupt or truncated gzip stream after 0 decompressed bytes: the file ends inside a gzip"
              + " header or trailer");
    }
  }

  @Test
  void aFolderIsRefusedByName() {
    FileSystemException e = assertThrows(FileSystemException.class, () -> IdxReader.read(dir));
    assertEquals(dir + ": cannot read IDX file: it is a folder, not a file", e.getMessage());
  }
}
