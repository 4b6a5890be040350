package dev.jgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  private static final String ZERO_SIZE_ENTRY =
      "\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}";

  @TempDir Path dir;

  static Map<String, Tensor> sample() {
    Generator gen = Generator.seeded(7);
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("layers.0.weight", Tensor.randn(gen, 4, 3));
    m.put("layers.0.bias", Tensor.randn(gen, Shape.of(4), DType.FLOAT64));
    m.put("labels", Tensor.of(new int[] {3, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}, 2, 2));
    m.put("step", Tensor.scalar(5, DType.FLOAT64));
    m.put("empty", Tensor.zeros(0, 3));
    return m;
  }

  static void assertBitIdentical(Tensor expected, Tensor actual) {
    assertEquals(expected.shape(), actual.shape());
    assertEquals(expected.dtype(), actual.dtype());
    switch (expected.dtype()) {
      case FLOAT32 -> {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
          assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), "at " + i);
        }
      }
      case FLOAT64 -> {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
          assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]));
        }
      }
      case INT32 -> assertArrayEquals(expected.toIntArray(), actual.toIntArray());
    }
  }

  @Test
  void roundTripIsBitIdenticalAndKeepsOrderAndMetadata() throws IOException {
    Map<String, Tensor> m = sample();
    m.put(
        "special",
        Tensor.of(
            new float[] {
              0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE
            }));
    Path file = dir.resolve("model.safetensors");
    SafeTensors.save(file, m, Map.of("format", "pt", "epoch", "3"));
    TensorArchive a = SafeTensors.load(file);
    assertEquals(List.copyOf(m.keySet()), List.copyOf(a.tensors().keySet()));
    for (String k : m.keySet()) {
      assertBitIdentical(m.get(k), a.tensors().get(k));
    }
    assertEquals(Map.of("format", "pt", "epoch", "3"), a.metadata());
  }

  @Test
  void headerIsPaddedToEightBytesAndOffsetsTileTheData() throws IOException {
    Path file = dir.resolve("m.safetensors");
    SafeTensors.save(file, sample());
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, n % 8);
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertTrue(
        header.startsWith("{\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[4,3],"), header);
    assertTrue(header.contains("\"data_offsets\":[0,48]"), header);
    assertTrue(header.contains("\"step\":{\"dtype\":\"F64\",\"shape\":[],"), header);
  }

  @Test
  void savesNonContiguousViewsInRowMajorOrder() throws IOException {
    Tensor t = Tensor.arange(0, 6, 1, DType.FLOAT32).reshape(2, 3).t();
    Path file = dir.resolve("t.safetensors");
    SafeTensors.save(file, Map.of("t", t));
    Tensor back = SafeTensors.load(file).tensors().get("t");
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, back.toFloatArray());
    assertEquals(Shape.of(3, 2), back.shape());
  }

  @Test
  void largeTensorsCrossChunkBoundaries() throws IOException {
    Tensor big = Tensor.randn(Generator.seeded(1), Shape.of(3, 70_001), DType.FLOAT64);
    Path file = dir.resolve("big.safetensors");
    SafeTensors.save(file, Map.of("big", big));
    assertBitIdentical(big, SafeTensors.load(file).tensors().get("big"));
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("m.safetensors");
    SafeTensors.save(file, Map.of("a", Tensor.ones(2)));
    SafeTensors.save(file, Map.of("b", Tensor.zeros(3)));
    assertEquals(List.of("b"), List.copyOf(SafeTensors.load(file).tensors().keySet()));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void invalidArgumentsWriteNothing() throws IOException {
    Path file = dir.resolve("m.safetensors");
    Map<String, Tensor> bad = new LinkedHashMap<>();
    bad.put("ok", Tensor.ones(2));
    bad.put("__metadata__", Tensor.ones(2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(file, bad));
    assertTrue(e.getMessage().contains("invalid tensor name '__metadata__'"), e.getMessage());
    Map<String, Tensor> empty = Map.of("", Tensor.ones(1));
    assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(file, empty));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("m.safetensors");
    SafeTensors.save(file, Map.of("a", Tensor.ones(2)));
    Files.createDirectory(dir.resolve("blocker.safetensors"));
    Files.writeString(dir.resolve("blocker.safetensors").resolve("x"), "x");
    assertThrows(
        IOException.class,
        () -> SafeTensors.save(dir.resolve("blocker.safetensors"), Map.of("a", Tensor.ones(2))));
    assertEquals(List.of("a"), List.copyOf(SafeTensors.load(file).tensors().keySet()));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.count());
    }
  }

  // ------------------------------------------------------------------ invalid files

  static byte[] file(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
    out.writeBytes(h);
    out.writeBytes(data);
    return out.toByteArray();
  }

  private String loadFails(byte[] bytes) throws IOException {
    Path file = dir.resolve("bad.safetensors");
    Files.write(file, bytes);
    SafeTensorsFormatException e =
        assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.load(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    return e.getMessage();
  }

  private void assertLoadFails(String header, int dataBytes, String expected) throws IOException {
    String message = loadFails(file(header, new byte[dataBytes]));
    assertTrue(message.contains(expected), () -> "message was: " + message);
  }

  @Test
  void acceptsAHandWrittenFile() throws IOException {
    Path file = dir.resolve("ok.safetensors");
    Files.write(
        file,
        file(
            "{\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}   ",
            new byte[12]));
    TensorArchive a = SafeTensors.load(file);
    assertEquals(List.of("b", "a"), List.copyOf(a.tensors().keySet()));
  }

  @Test
  void readsI64TensorsAsPyTorchSavesThemIntoInt32() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    data.putLong(7).putLong(-3).putLong(Integer.MAX_VALUE).putLong(Integer.MIN_VALUE);
    Path file = dir.resolve("i64.safetensors");
    Files.write(
        file,
        file(
            "{\"num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"steps\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[8,32]}}",
            data.array()));
    Map<String, Tensor> t = SafeTensors.load(file).tensors();
    Tensor tracked = t.get("num_batches_tracked");
    assertEquals(DType.INT32, tracked.dtype());
    assertEquals(0, tracked.dim());
    assertEquals(7, tracked.item());
    assertArrayEquals(
        new int[] {-3, Integer.MAX_VALUE, Integer.MIN_VALUE}, t.get("steps").toIntArray());
    Path copy = dir.resolve("copy.safetensors");
    SafeTensors.save(copy, t);
    assertTrue(Files.readString(copy, StandardCharsets.ISO_8859_1).contains("\"I32\""));
    assertArrayEquals(
        t.get("steps").toIntArray(), SafeTensors.load(copy).tensors().get("steps").toIntArray());
  }

  @Test
  void refusesI64ValuesOutsideInt32AndCountsEightBytesPerValue() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    data.putLong(1).putLong(5_000_000_000L);
    String m =
        loadFails(
            file(
                "{\"n\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", data.array()));
    assertTrue(
        m.contains(
            "tensor 'n': I64 value 5000000000 at index 1 does not fit in INT32 (jgrad reads I64"
                + " tensors into INT32)"),
        m);
    assertLoadFails(
        "{\"n\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,8]}}",
        8,
        "tensor 'n': shape [2] of I64 needs 16 bytes but data_offsets [0, 8] span 8");
  }

  @Test
  void rejectsTruncatedAndLyingLengths() throws IOException {
    assertTrue(loadFails(new byte[5]).contains("5 bytes, fewer than the 8-byte header length"));
    byte[] good =
        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]);
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
    assertTrue(loadFails(truncated).contains("reach past the end of the data (5 bytes)"));
    byte[] huge = good.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
    String m = loadFails(huge);
    assertTrue(m.contains("header length 18446744073709551615 is invalid"), m);
    byte[] longer = good.clone();
    ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putLong(0, good.length);
    assertTrue(loadFails(longer).contains("is invalid: the file has"));
    byte[] cut = java.util.Arrays.copyOf(good, 30);
    assertTrue(loadFails(cut).contains("is invalid: the file has 22 bytes"));
  }

  @Test
  void rejectsBadJson() throws IOException {
    assertLoadFails("[1,2]", 0, "header does not start with '{'");
    assertLoadFails("{\"a\":{\"dtype\":\"F32\",}}", 0, "not valid JSON");
    assertLoadFails("{'a':1}", 0, "not valid JSON");
    assertLoadFails("{} {}", 0, "not valid JSON");
    assertLoadFails("{\"a\":[]}", 0, "tensor 'a': expected BEGIN_OBJECT but found BEGIN_ARRAY");
    byte[] latin1 = file("{\"\u00e9\":1}", new byte[0]);
    latin1[10] = (byte) 0xff;
    assertTrue(loadFails(latin1).contains("header is not valid UTF-8"));
  }

  @Test
  void rejectsBadEntries() throws IOException {
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}",
        4,
        "tensor 'w': unsupported dtype 'F16' (jgrad reads F32, F64, I32 and I64)");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[10,784],\"data_offsets\":[0,100]}}",
        100,
        "tensor 'w': shape [10, 784] of F32 needs 31360 bytes but data_offsets [0, 100] span 100");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,0]}}",
        0,
        "tensor 'w': shape size -2 is out of range");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,0]}}",
        0,
        "has more than 2147483647 elements");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}",
        8,
        "data_offsets [8, 4] are not a valid span");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}",
        8,
        "data_offsets needs two numbers");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 0, "needs dtype, shape and data_offsets");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}",
        4,
        "tensor 'w': unknown key 'x'");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        4,
        "duplicate key 'dtype'");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
        8,
        "duplicate tensor 'w'");
    assertLoadFails("{\"__metadata__\":{\"k\":1}}", 0, "__metadata__.k: expected STRING");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}",
        4,
        "shape entry: expected NUMBER but found STRING");
  }

  @Test
  void rejectsSpansThatOverlapLeaveGapsOrLeaveTrailingBytes() throws IOException {
    assertLoadFails(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
        12,
        "tensor 'b': data_offsets [4, 12] overlap tensor 'a' (expected to begin at 8)");
    assertLoadFails(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
        8,
        "tensor 'a': data_offsets [4, 8] leave a gap after the start of the data");
    assertLoadFails(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        9,
        "the tensors cover 4 bytes of data but the file holds 9 (trailing bytes)");
    assertLoadFails(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        2,
        "tensor 'a': data_offsets [0, 4] reach past the end of the data (2 bytes)");
  }

  @Test
  void missingFileIsAnIoExceptionNamingIt() {
    Path file = dir.resolve("nope.safetensors");
    IOException e = assertThrows(IOException.class, () -> SafeTensors.load(file));
    assertTrue(e.getMessage().contains("nope.safetensors"));
  }

  @Test
  void missingFileNamesTheFileTheOperationAndTheFault() {
    Path file = dir.resolve("nope.safetensors");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> SafeTensors.load(file));
    assertEquals(file + ": cannot read safetensors file: no such file or folder", e.getMessage());
  }

  @Test
  void aFolderIsRefusedByName() {
    FileSystemException e = assertThrows(FileSystemException.class, () -> SafeTensors.load(dir));
    assertEquals(
        dir + ": cannot read safetensors file: it is a folder, not a file", e.getMessage());
  }

  @Test
  void headerThatIsNotJsonGivesOneLineWithThePositionAndNoParserAdvice() throws IOException {
    String message = loadFails(file("{not json}", new byte[0]));
    assertEquals(
        dir.resolve("bad.safetensors")
            + ": header is not valid JSON near byte 10 (line 1, column 3)",
        message);
    assertTrue(
        loadFails(file("{\"a\" 1}", new byte[0]))
            .endsWith("header is not valid JSON near byte 14 (line 1, column 7): expected ':'"));
    assertTrue(
        loadFails(file("{\n\"a\":\n{\"dtype\":x}}", new byte[0]))
            .endsWith("header is not valid JSON near byte 24 (line 3, column 10)"));
    for (String header : List.of("{'a':1}", "{} {}", "{\"a\":{\"dtype\":\"F32\"")) {
      String m = loadFails(file(header, new byte[0]));
      assertTrue(m.contains("header is not valid JSON near byte "), m);
      assertFalse(m.contains("\n") || m.contains("Strictness") || m.contains("LENIENT"), m);
    }
  }

  @Test
  void badUtf8NamesTheByte() throws IOException {
    byte[] latin1 = file("{\"\u00e9\":1}", new byte[0]);
    latin1[10] = (byte) 0xff;
    assertTrue(loadFails(latin1).endsWith(": header is not valid UTF-8 at byte 10"));
  }

  @Test
  void numbersThatAreNotWholeAreNamed() throws IOException {
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}",
        4,
        "tensor 'w': shape entry 1.5 is not a whole number that fits in 64 bits");
    assertLoadFails(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,1e30]}}",
        4,
        "tensor 'w': data_offsets entry 1e30 is not a whole number that fits in 64 bits");
  }

  /**
   * A header of many zero-size tensors (11 MB) is parsed in time linear in its size: the quadratic
   * duplicate check this replaced took 28 s for 100,000 entries, so about two minutes for each of
   * the two loads here; the linear one takes about a second.
   */
  @Test
  void headerOfManyZeroSizeTensorsParsesAndFindsALateDuplicate() throws IOException {
    int n = 200_000;
    StringBuilder header = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      header.append(i == 0 ? "" : ",").append("\"t").append(i).append(ZERO_SIZE_ENTRY);
    }
    Path file = dir.resolve("many.safetensors");
    Files.write(file, file(header + "}", new byte[0]));
    TensorArchive archive = SafeTensors.load(file);
    assertEquals(n, archive.tensors().size());
    assertEquals(Shape.of(0), archive.tensors().get("t" + (n - 1)).shape());

    header.append(",\"t7").append(ZERO_SIZE_ENTRY).append('}');
    assertTrue(loadFails(file(header.toString(), new byte[0])).endsWith(": duplicate tensor 't7'"));
  }
}
