package dev.jgrad.tensor.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static AtomicFiles.Body text(String s) {
    return out -> out.write(s.getBytes(UTF_8));
  }

  @Test
  void createsAndReplacesAFileAndLeavesNothingElse() throws IOException {
    Path file = dir.resolve("metrics.csv");

    AtomicFiles.write(file, text("a\n"));
    assertEquals("a\n", Files.readString(file));
    AtomicFiles.write(file, text("b\n"));

    assertEquals("b\n", Files.readString(file));
    assertEquals(List.of("metrics.csv"), names());
  }

  @Test
  void writesLargeBodiesWhole() throws IOException {
    byte[] big = new byte[3 << 20];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + (i >>> 11));
    }
    Path file = dir.resolve("big.bin");

    AtomicFiles.write(
        file,
        out -> {
          out.write(big, 0, 5);
          for (int i = 5; i < 1000; i++) {
            out.write(big[i]);
          }
          out.write(big, 1000, big.length - 1000);
        });

    assertArrayEquals(big, Files.readAllBytes(file));
  }

  @Test
  void theTemporaryFileSitsBesideTheTargetUnderARecognisableName() throws IOException {
    Path file = dir.resolve("model.safetensors");
    List<String> during = new ArrayList<>();

    AtomicFiles.write(file, out -> during.addAll(names()));

    assertEquals(1, during.size(), during.toString());
    assertTrue(
        during.get(0).matches("\\.model\\.safetensors\\.[0-9a-f]{16}\\.tmp"), during.toString());
    assertEquals(List.of("model.safetensors"), names());
  }

  @Test
  void permissionsFollowTheUmaskLikeAnyNewFile() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path reference = Files.write(dir.resolve("reference"), new byte[] {1});
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
    Path file = dir.resolve("written");

    AtomicFiles.write(file, text("x"));
    assertEquals(expected, Files.getPosixFilePermissions(file));

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    AtomicFiles.write(file, text("y"));
    assertEquals(expected, Files.getPosixFilePermissions(file));
  }

  @Test
  void aBodyThatThrowsLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("m.bin");
    AtomicFiles.write(file, text("old"));

    IOException io =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      out.write(new byte[100_000]);
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", io.getMessage());
    IllegalStateException unchecked = new IllegalStateException("bug");
    assertSame(
        unchecked,
        assertThrows(
            IllegalStateException.class,
            () ->
                AtomicFiles.write(
                    file,
                    out -> {
                      throw unchecked;
                    })));

    assertEquals("old", Files.readString(file));
    assertEquals(List.of("m.bin"), names());
  }

  @Test
  void aRejectedCheckLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("data.gz");
    AtomicFiles.write(file, text("old"));

    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    file,
                    text("new"),
                    temporary -> {
                      assertEquals("new", Files.readString(temporary));
                      throw new IOException("wrong hash");
                    }));

    assertEquals("wrong hash", e.getMessage());
    assertEquals("old", Files.readString(file));
    assertEquals(List.of("data.gz"), names());
  }

  @Test
  void anAcceptedCheckSeesTheCompleteFileAndItsResultIsReturned() throws IOException {
    Path file = dir.resolve("data.gz");

    String seen = AtomicFiles.write(file, text("payload"), Files::readString);

    assertEquals("payload", seen);
    assertEquals("payload", Files.readString(file));
  }

  @Test
  void staleTemporaryFilesOfTheSameTargetAreRemovedAndNothingElse() throws IOException {
    List<String> stale = List.of(".m.bin.0123456789abcdef.tmp", ".m.bin.ffffffffffffffff.tmp");
    List<String> kept =
        List.of(
            ".m.bin.0123456789ABCDEF.tmp",
            ".m.bin.0123.tmp",
            ".m.bin.0123456789abcdef.tmp.keep",
            ".other.bin.0123456789abcdef.tmp",
            ".m.bin.x.0123456789abcdef.tmp",
            "m.bin.0123456789abcdef.tmp");
    for (String name : stale) {
      Files.writeString(dir.resolve(name), "left by a killed write");
    }
    for (String name : kept) {
      Files.writeString(dir.resolve(name), "not ours");
    }

    AtomicFiles.write(dir.resolve("m.bin"), text("new"));

    List<String> expected = new ArrayList<>(kept);
    expected.add("m.bin");
    assertEquals(expected.stream().sorted().toList(), names());
  }

  @Test
  void closingTheStreamInTheBodyOnlyFlushesIt() throws IOException {
    Path file = dir.resolve("closed.txt");

    AtomicFiles.write(
        file,
        out -> {
          try (OutputStream o = out) {
            o.write("closed early".getBytes(UTF_8));
          }
        });

    assertEquals("closed early", Files.readString(file));
  }

  @Test
  void aMissingFolderIsAnErrorThatCreatesNothing() {
    Path file = dir.resolve("absent").resolve("m.bin");

    assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(file, text("x")));
    assertFalse(Files.exists(dir.resolve("absent")));
  }

  @Test
  void aMissingFolderIsNamedWithTheTargetAndTheFault() {
    Path file = dir.resolve("absent").resolve("m.bin");

    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(file, text("x")));
    assertEquals(
        file + ": cannot write: no such file or folder: " + dir.resolve("absent"), e.getMessage());
  }

  @Test
  void aFolderThatIsAFileIsNamedWithTheTargetAndTheFault() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("plain"), "x");
    Path file = notAFolder.resolve("m.bin");

    NotDirectoryException e =
        assertThrows(NotDirectoryException.class, () -> AtomicFiles.write(file, text("x")));
    assertEquals(file + ": cannot write: not a folder: " + notAFolder, e.getMessage());
  }

  @Test
  void aFolderWhereNoFileCanBeCreatedIsNamed() {
    Path proc = Path.of("/proc");
    assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux's /proc");
    Path file = proc.resolve("m.bin");

    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, text("x")));
    assertTrue(e.getMessage().startsWith(file + ": cannot write: cannot create a file in /proc: "));
  }

  @Test
  void aTargetThatIsAFolderIsNamed() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("taken"));

    FileSystemException e =
        assertThrows(FileSystemException.class, () -> AtomicFiles.write(folder, text("x")));
    assertEquals(folder + ": cannot write: it is a folder", e.getMessage());
  }

  @Test
  void aTargetThatIsAFolderIsAnErrorThatLeavesNoTemporaryFile() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("taken"));
    Files.writeString(folder.resolve("inside"), "x");

    assertThrows(IOException.class, () -> AtomicFiles.write(folder, text("x")));
    assertEquals(List.of("taken"), names());
  }
}
