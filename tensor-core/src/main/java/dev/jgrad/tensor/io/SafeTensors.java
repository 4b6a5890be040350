package dev.jgrad.tensor.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes tensors in the safetensors layout.
 *
 * <p><b>Layout.</b> A file is an 8-byte little-endian unsigned header length {@code N}, then {@code
 * N} bytes of UTF-8 JSON, then the data. The JSON object maps each tensor name to {@code {"dtype":
 * "F32", "shape": [10, 784], "data_offsets": [begin, end]}}, offsets counted in bytes from the
 * start of the data; the optional key {@code __metadata__} maps to an object of string values.
 * Tensor data is row-major and little-endian. jgrad reads and writes the dtypes {@code F32}, {@code
 * F64} and {@code I32} ({@link DType#FLOAT32}, {@link DType#FLOAT64}, {@link DType#INT32}).
 *
 * <p><b>64-bit integers.</b> jgrad also reads {@code I64}, the dtype PyTorch saves integer tensors
 * in (a BatchNorm's {@code num_batches_tracked}, for one), into {@link DType#INT32}: every value
 * must lie in the int range, or loading fails with a {@link SafeTensorsFormatException} naming the
 * tensor, the index and the value. jgrad writes its INT32 tensors as {@code I32}, so a file it
 * saved and loads back is unchanged; PyTorch's {@code load_state_dict} copies an {@code I32} {@code
 * num_batches_tracked} into its int64 buffer, casting as every copy does.
 *
 * <p><b>Writing</b> goes through {@link AtomicFiles}: to a temporary file in the destination's
 * folder, flushed to the device and then renamed over the destination atomically, so a reader, or a
 * process killed mid-save, sees the old file or the new one, never a mixture. The header is padded
 * with spaces to a multiple of 8 bytes, and tensors are stored in the map's order.
 *
 * <p><b>Reading</b> validates the whole header before it allocates anything for tensor data: the
 * header length must fit in the file (and be at most 100 MB), the header must be strict JSON of the
 * shape above with no duplicate or unknown keys, every dtype known, every shape non-negative with
 * at most {@link Integer#MAX_VALUE} elements, every span's length equal to shape × dtype size, and
 * the spans must tile the data exactly: inside the file, not overlapping, with no gaps. Anything
 * else throws {@link SafeTensorsFormatException} naming the file, the tensor and the problem.
 *
 * <pre>{@code
 * SafeTensors.save(path, Map.of("fc.weight", w), Map.of("format", "pt"));
 * TensorArchive archive = SafeTensors.load(path);
 * Tensor w2 = archive.tensors().get("fc.weight");
 * }</pre>
 */
public final class SafeTensors {
  /** The largest header accepted, as in the reference implementation: 100 MB. */
  public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  private static final String METADATA_KEY = "__metadata__";
  private static final String READ = "cannot read safetensors file";
  private static final int CHUNK_ELEMENTS = 1 << 16;

  private SafeTensors() {}

  /**
   * Saves {@code tensors} without metadata; see {@link #save(Path, Map, Map)}.
   *
   * @param file the file to create or replace
   * @param tensors the tensors by name, stored in the map's order
   * @throws IOException if the file cannot be written; the previous file, if any, is left intact
   */
  public static void save(Path file, Map<String, Tensor> tensors) throws IOException {
    save(file, tensors, Map.of());
  }

  /**
   * Writes {@code tensors} (in the map's iteration order) and {@code metadata} to {@code file},
   * atomically replacing any existing file.
   *
   * @param file the file to create or replace; its folder must exist
   * @param tensors the tensors by name, stored in the map's order
   * @param metadata string entries for the header's {@code __metadata__} (none if empty)
   * @throws IllegalArgumentException if a name is empty or {@code __metadata__}, or a value is
   *     null; nothing is written then
   * @throws IOException if the file cannot be written; the previous file, if any, is left intact
   */
  public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    checkNotNull(file, "SafeTensors.save: file is null");
    byte[] header = header(tensors, metadata);
    AtomicFiles.write(
        file,
        out -> {
          out.write(
              ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
          out.write(header);
          for (Tensor t : tensors.values()) {
            writeData(out, t);
          }
        });
  }

  private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    checkNotNull(tensors, "SafeTensors.save: tensors is null");
    checkNotNull(metadata, "SafeTensors.save: metadata is null");
    StringWriter json = new StringWriter();
    try (JsonWriter w = new JsonWriter(json)) {
      w.beginObject();
      if (!metadata.isEmpty()) {
        w.name(METADATA_KEY).beginObject();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
          checkArgument(
              e.getKey() != null && e.getValue() != null,
              "SafeTensors.save: metadata entry %s=%s has a null key or value",
              e.getKey(),
              e.getValue());
          w.name(e.getKey()).value(e.getValue());
        }
        w.endObject();
      }
      long offset = 0;
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        String name = e.getKey();
        checkArgument(
            name != null && !name.isEmpty() && !name.equals(METADATA_KEY),
            "SafeTensors.save: invalid tensor name '%s'",
            name);
        Tensor t = e.getValue();
        checkArgument(t != null, "SafeTensors.save: tensor '%s' is null", name);
        w.name(name).beginObject();
        w.name("dtype").value(code(t.dtype()));
        w.name("shape").beginArray();
        for (int size : t.shape().toArray()) {
          w.value(size);
        }
        w.endArray();
        long end = offset + (long) t.numel() * t.dtype().byteSize();
        w.name("data_offsets").beginArray().value(offset).value(end).endArray();
        w.endObject();
        offset = end;
      }
      w.endObject();
    }
    StringBuilder padded = new StringBuilder(json.toString());
    while (padded.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) {
      padded.append(' ');
    }
    return padded.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void writeData(OutputStream out, Tensor t) throws IOException {
    Tensor flat = t.contiguous().reshape(-1);
    int n = flat.numel();
    ByteBuffer buf =
        ByteBuffer.allocate(Math.min(n, CHUNK_ELEMENTS) * t.dtype().byteSize())
            .order(ByteOrder.LITTLE_ENDIAN);
    for (int start = 0; start < n; start += CHUNK_ELEMENTS) {
      Tensor chunk = flat.narrow(0, start, Math.min(CHUNK_ELEMENTS, n - start));
      switch (t.dtype()) {
        case FLOAT32 -> buf.asFloatBuffer().put(chunk.toFloatArray());
        case FLOAT64 -> buf.asDoubleBuffer().put(chunk.toDoubleArray());
        case INT32 -> buf.asIntBuffer().put(chunk.toIntArray());
      }
      out.write(buf.array(), 0, chunk.numel() * t.dtype().byteSize());
    }
  }

  /**
   * Reads and validates {@code file}.
   *
   * @param file a safetensors file
   * @return its tensors in file order and its metadata
   * @throws SafeTensorsFormatException if the file is not a valid safetensors file of F32, F64 and
   *     I32 tensors (see the class notes); nothing is allocated for tensor data before the header
   *     has been checked
   * @throws IOException if the file cannot be read
   */
  public static TensorArchive load(Path file) throws IOException {
    checkNotNull(file, "SafeTensors.load: file is null");
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, READ + ": it is a folder, not a file");
    }
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw FileErrors.explain(file, READ, e);
    }
    try (ch) {
      long size;
      try {
        size = ch.size();
      } catch (IOException e) {
        throw FileErrors.explain(file, READ, e);
      }
      if (size < 8) {
        throw new SafeTensorsFormatException(
            file, "file has " + size + " bytes, fewer than the 8-byte header length");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, lenBuf, 0, file);
      long headerLen = lenBuf.flip().getLong();
      if (headerLen < 2 || headerLen > size - 8 || headerLen > MAX_HEADER_BYTES) {
        throw new SafeTensorsFormatException(
            file,
            "header length "
                + Long.toUnsignedString(headerLen)
                + " is invalid: the file has "
                + (size - 8)
                + " bytes after the length field (and headers are at most "
                + MAX_HEADER_BYTES
                + " bytes)");
      }
      ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
      readFully(ch, headerBuf, 8, file);
      Header header = Header.parse(file, headerBuf.flip());
      long dataStart = 8 + headerLen;
      checkSpans(file, header.entries, size - dataStart);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Entry e : header.entries) {
        tensors.put(e.name, readTensor(ch, e, dataStart, file));
      }
      return new TensorArchive(tensors, header.metadata);
    }
  }

  private static void checkSpans(Path file, List<Entry> entries, long dataLength)
      throws SafeTensorsFormatException {
    List<Entry> byBegin = new ArrayList<>(entries);
    byBegin.sort(Comparator.comparingLong((Entry e) -> e.begin).thenComparingLong(e -> e.end));
    long expected = 0;
    String previous = null;
    for (Entry e : byBegin) {
      if (e.end > dataLength) {
        throw new SafeTensorsFormatException(
            file,
            "tensor '"
                + e.name
                + "': data_offsets ["
                + e.begin
                + ", "
                + e.end
                + "] reach past the end of the data ("
                + dataLength
                + " bytes)");
      }
      if (e.begin != expected) {
        String where = previous == null ? "the start of the data" : "tensor '" + previous + "'";
        throw new SafeTensorsFormatException(
            file,
            "tensor '"
                + e.name
                + "': data_offsets ["
                + e.begin
                + ", "
                + e.end
                + "] "
                + (e.begin < expected ? "overlap " : "leave a gap after ")
                + where
                + " (expected to begin at "
                + expected
                + ")");
      }
      expected = e.end;
      previous = e.name;
    }
    if (expected != dataLength) {
      throw new SafeTensorsFormatException(
          file,
          "the tensors cover "
              + expected
              + " bytes of data but the file holds "
              + dataLength
              + " (trailing bytes)");
    }
  }

  private static Tensor readTensor(FileChannel ch, Entry e, long dataStart, Path file)
      throws IOException {
    int n = e.shape.numel();
    int width = e.width();
    Object array =
        switch (e.dtype) {
          case FLOAT32 -> new float[n];
          case FLOAT64 -> new double[n];
          case INT32 -> new int[n];
        };
    ByteBuffer buf =
        ByteBuffer.allocate(Math.min(n, CHUNK_ELEMENTS) * width).order(ByteOrder.LITTLE_ENDIAN);
    for (int start = 0; start < n; start += CHUNK_ELEMENTS) {
      int count = Math.min(CHUNK_ELEMENTS, n - start);
      buf.clear().limit(count * width);
      readFully(ch, buf, dataStart + e.begin + (long) start * width, file);
      buf.flip();
      if (e.int64) {
        narrowLongs(buf, (int[]) array, start, count, e, file);
        continue;
      }
      switch (e.dtype) {
        case FLOAT32 -> buf.asFloatBuffer().get((float[]) array, start, count);
        case FLOAT64 -> buf.asDoubleBuffer().get((double[]) array, start, count);
        case INT32 -> buf.asIntBuffer().get((int[]) array, start, count);
      }
    }
    int[] sizes = e.shape.toArray();
    Tensor flat =
        switch (e.dtype) {
          case FLOAT32 -> Tensor.of((float[]) array);
          case FLOAT64 -> Tensor.of((double[]) array);
          case INT32 -> Tensor.of((int[]) array);
        };
    return flat.reshape(sizes);
  }

  /**
   * Copies {@code count} I64 values into {@code out} from {@code start}, refusing any outside int.
   */
  private static void narrowLongs(
      ByteBuffer buf, int[] out, int start, int count, Entry e, Path file)
      throws SafeTensorsFormatException {
    for (int i = 0; i < count; i++) {
      long v = buf.getLong();
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new SafeTensorsFormatException(
            file,
            "tensor '"
                + e.name
                + "': I64 value "
                + v
                + " at index "
                + (start + i)
                + " does not fit in INT32 (jgrad reads I64 tensors into INT32)");
      }
      out[start + i] = (int) v;
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file)
      throws IOException {
    long at = position;
    while (buf.hasRemaining()) {
      int read;
      try {
        read = ch.read(buf, at);
      } catch (IOException e) {
        throw FileErrors.explain(file, READ + " at byte " + at, e);
      }
      if (read < 0) {
        throw new SafeTensorsFormatException(file, "file ended early at byte " + at);
      }
      at += read;
    }
  }

  /** Returns the safetensors dtype code of {@code dtype}. */
  static String code(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> "F32";
      case FLOAT64 -> "F64";
      case INT32 -> "I32";
    };
  }

  /**
   * One tensor's header entry: the dtype it is read into, and whether the file stores it as I64.
   */
  private record Entry(String name, DType dtype, boolean int64, Shape shape, long begin, long end) {
    /** Returns the bytes per element in the file. */
    int width() {
      return int64 ? Long.BYTES : dtype.byteSize();
    }
  }

  /** The parsed, not yet span-checked header. */
  private record Header(List<Entry> entries, Map<String, String> metadata) {

    static Header parse(Path file, ByteBuffer bytes) throws SafeTensorsFormatException {
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes)
                .toString();
      } catch (CharacterCodingException e) {
        throw new SafeTensorsFormatException(
            file, "header is not valid UTF-8 at byte " + (8 + bytes.position()), e);
      }
      if (!text.startsWith("{")) {
        throw new SafeTensorsFormatException(file, "header does not start with '{'");
      }
      HeaderParser parser = new HeaderParser(file, text);
      try {
        return parser.parse();
      } catch (SafeTensorsFormatException e) {
        throw e;
      } catch (IOException | IllegalStateException e) {
        throw new SafeTensorsFormatException(file, JsonSyntax.describe(text, e.getMessage()), e);
      }
    }
  }

  /** A strict reader of the header JSON that rejects duplicate and unknown keys. */
  private static final class HeaderParser {
    private final Path file;
    private final JsonReader in;

    HeaderParser(Path file, String text) {
      this.file = file;
      this.in = new JsonReader(new StringReader(text));
      in.setStrictness(Strictness.STRICT);
    }

    Header parse() throws IOException {
      List<Entry> entries = new ArrayList<>();
      Map<String, String> metadata = new LinkedHashMap<>();
      Set<String> seen = new HashSet<>();
      in.beginObject();
      boolean sawMetadata = false;
      while (in.hasNext()) {
        String name = in.nextName();
        if (name.equals(METADATA_KEY)) {
          if (sawMetadata) {
            throw fail("duplicate key " + METADATA_KEY);
          }
          sawMetadata = true;
          readMetadata(metadata);
        } else {
          if (!seen.add(name)) {
            throw fail("duplicate tensor '" + name + "'");
          }
          entries.add(readEntry(name));
        }
      }
      in.endObject();
      if (in.peek() != JsonToken.END_DOCUMENT) {
        throw fail("unexpected content after the header object");
      }
      return new Header(entries, metadata);
    }

    private void readMetadata(Map<String, String> metadata) throws IOException {
      expect(JsonToken.BEGIN_OBJECT, METADATA_KEY);
      in.beginObject();
      while (in.hasNext()) {
        String key = in.nextName();
        expect(JsonToken.STRING, METADATA_KEY + "." + key);
        if (metadata.put(key, in.nextString()) != null) {
          throw fail("duplicate metadata key '" + key + "'");
        }
      }
      in.endObject();
    }

    private Entry readEntry(String name) throws IOException {
      String what = "tensor '" + name + "'";
      expect(JsonToken.BEGIN_OBJECT, what);
      in.beginObject();
      String code = null;
      int[] sizes = null;
      long[] offsets = null;
      while (in.hasNext()) {
        String key = in.nextName();
        switch (key) {
          case "dtype" -> {
            if (code != null) {
              throw fail(what + ": duplicate key 'dtype'");
            }
            expect(JsonToken.STRING, what + ": dtype");
            code = in.nextString();
            dtype(what, code);
          }
          case "shape" -> {
            if (sizes != null) {
              throw fail(what + ": duplicate key 'shape'");
            }
            sizes = readShape(what);
          }
          case "data_offsets" -> {
            if (offsets != null) {
              throw fail(what + ": duplicate key 'data_offsets'");
            }
            offsets = readOffsets(what);
          }
          default -> throw fail(what + ": unknown key '" + key + "'");
        }
      }
      in.endObject();
      if (code == null || sizes == null || offsets == null) {
        throw fail(what + ": needs dtype, shape and data_offsets");
      }
      DType dtype = dtype(what, code);
      boolean int64 = code.equals("I64");
      Shape shape = shapeOf(what, sizes);
      long bytes = (long) shape.numel() * (int64 ? Long.BYTES : dtype.byteSize());
      if (offsets[1] - offsets[0] != bytes) {
        throw fail(
            what
                + ": shape "
                + shape
                + " of "
                + code
                + " needs "
                + bytes
                + " bytes but data_offsets ["
                + offsets[0]
                + ", "
                + offsets[1]
                + "] span "
                + (offsets[1] - offsets[0]));
      }
      return new Entry(name, dtype, int64, shape, offsets[0], offsets[1]);
    }

    private DType dtype(String what, String code) throws SafeTensorsFormatException {
      return switch (code) {
        case "F32" -> DType.FLOAT32;
        case "F64" -> DType.FLOAT64;
        case "I32", "I64" -> DType.INT32;
        default ->
            throw fail(
                what + ": unsupported dtype '" + code + "' (jgrad reads F32, F64, I32 and I64)");
      };
    }

    private int[] readShape(String what) throws IOException {
      expect(JsonToken.BEGIN_ARRAY, what + ": shape");
      in.beginArray();
      List<Integer> sizes = new ArrayList<>();
      while (in.hasNext()) {
        long size = nextWholeNumber(what + ": shape entry");
        if (size < 0 || size > Integer.MAX_VALUE) {
          throw fail(what + ": shape size " + size + " is out of range");
        }
        sizes.add((int) size);
      }
      in.endArray();
      return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private Shape shapeOf(String what, int[] sizes) throws SafeTensorsFormatException {
      long n = 1;
      for (int size : sizes) {
        n *= size;
        if (n > Integer.MAX_VALUE) {
          throw fail(
              what
                  + ": shape "
                  + Arrays.toString(sizes)
                  + " has more than "
                  + Integer.MAX_VALUE
                  + " elements");
        }
      }
      return Shape.of(sizes);
    }

    private long[] readOffsets(String what) throws IOException {
      expect(JsonToken.BEGIN_ARRAY, what + ": data_offsets");
      in.beginArray();
      long[] offsets = new long[2];
      for (int i = 0; i < 2; i++) {
        if (!in.hasNext()) {
          throw fail(what + ": data_offsets needs two numbers");
        }
        offsets[i] = nextWholeNumber(what + ": data_offsets entry");
      }
      if (in.hasNext()) {
        throw fail(what + ": data_offsets needs two numbers");
      }
      in.endArray();
      if (offsets[0] < 0 || offsets[1] < offsets[0]) {
        throw fail(
            what + ": data_offsets [" + offsets[0] + ", " + offsets[1] + "] are not a valid span");
      }
      return offsets;
    }

    /**
     * Reads a number that must be a whole number in the range of a long, accepted as gson's {@code
     * nextLong} accepts it ({@code 4}, {@code 4.0}, {@code 4e0}), naming {@code what} otherwise.
     */
    private long nextWholeNumber(String what) throws IOException {
      expect(JsonToken.NUMBER, what);
      String literal = in.nextString();
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException e) {
        double value = Double.parseDouble(literal);
        if ((long) value != value) {
          throw fail(what + " " + literal + " is not a whole number that fits in 64 bits");
        }
        return (long) value;
      }
    }

    private void expect(JsonToken token, String what) throws IOException {
      JsonToken actual = in.peek();
      if (actual != token) {
        throw fail(what + ": expected " + token + " but found " + actual);
      }
    }

    private SafeTensorsFormatException fail(String problem) {
      return new SafeTensorsFormatException(file, problem);
    }
  }
}
