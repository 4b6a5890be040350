package dev.jgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A property test over thousands of mutated checkpoint files, driven by a seeded {@link Generator}:
 * loading a mutated file either succeeds with tensors that exactly tile the data, or throws {@link
 * SafeTensorsFormatException}. Any other exception (an unchecked one, an {@link OutOfMemoryError}
 * from trusting a lying length) fails the test and names the seed of the case.
 */
class SafeTensorsMutationTest {
  private static final int CASES = 4000;
  private static final byte[] INTERESTING = "{}[]\",:-0123456789eE. \\u".getBytes();

  @TempDir Path dir;

  @Test
  void mutatedFilesLoadOrFailWithTheDocumentedException() throws IOException {
    Path original = dir.resolve("original.safetensors");
    SafeTensors.save(original, SafeTensorsTest.sample(), Map.of("format", "pt", "note", "é✓"));
    byte[] base = Files.readAllBytes(original);
    int headerEnd = 8 + (int) ByteBuffer.wrap(base, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Path file = dir.resolve("mutated.safetensors");
    int loaded = 0;
    int rejected = 0;
    for (int c = 0; c < CASES; c++) {
      Generator gen = Generator.seeded(c);
      byte[] bytes = mutate(base, headerEnd, gen);
      Files.write(file, bytes);
      try {
        TensorArchive a = SafeTensors.load(file);
        long total = 0;
        for (Tensor t : a.tensors().values()) {
          total += (long) t.numel() * t.dtype().byteSize();
        }
        long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(bytes.length - 8 - headerLen, total, "case " + c + ": data not tiled");
        loaded++;
      } catch (SafeTensorsFormatException e) {
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        rejected++;
      } catch (RuntimeException | IOException | OutOfMemoryError e) {
        fail("case " + c + " threw an undocumented " + e, e);
      }
    }
    assertEquals(CASES, loaded + rejected);
    assertTrue(loaded > CASES / 50, "too few mutated files loaded: " + loaded);
    assertTrue(rejected > CASES / 2, "too few mutated files rejected: " + rejected);
  }

  private static byte[] mutate(byte[] base, int headerEnd, Generator gen) {
    byte[] b = base.clone();
    int rounds = 1 + gen.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      b = mutateOnce(b, headerEnd, gen);
    }
    return b;
  }

  private static byte[] mutateOnce(byte[] b, int headerEnd, Generator gen) {
    int inHeader = 8 + gen.nextInt(Math.max(1, Math.min(headerEnd, b.length) - 8));
    int anywhere = b.length == 0 ? 0 : gen.nextInt(b.length);
    switch (gen.nextInt(8)) {
      case 0 -> {
        if (inHeader < b.length) {
          b[inHeader] ^= (byte) (1 << gen.nextInt(8));
        }
      }
      case 1 -> {
        if (inHeader < b.length) {
          b[inHeader] = INTERESTING[gen.nextInt(INTERESTING.length)];
        }
      }
      case 2 -> {
        if (anywhere < b.length) {
          b[anywhere] = (byte) gen.nextInt(256);
        }
      }
      case 3 -> b = Arrays.copyOf(b, gen.nextInt(b.length + 1));
      case 4 -> b = Arrays.copyOf(b, b.length + 1 + gen.nextInt(16));
      case 5 -> {
        if (b.length >= 8) {
          ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
          buf.putLong(0, buf.getLong(0) + gen.nextInt(-16, 17));
        }
      }
      case 6 -> {
        if (b.length >= 8) {
          ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, gen.nextLong());
        }
      }
      default -> {
        if (inHeader < b.length) {
          byte digit = (byte) ('0' + gen.nextInt(10));
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, inHeader);
          longer[inHeader] = digit;
          System.arraycopy(b, inHeader, longer, inHeader + 1, b.length - inHeader);
          b = longer;
        }
      }
    }
    return b;
  }
}
