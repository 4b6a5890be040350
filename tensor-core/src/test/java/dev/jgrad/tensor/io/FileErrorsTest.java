package dev.jgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileErrorsTest {
  private static final Path FILE = Path.of("out", "model.safetensors");

  private static IOException explain(IOException e) {
    IOException restated = FileErrors.explain(FILE, "cannot write", e);
    assertSame(e, restated.getCause());
    return restated;
  }

  @Test
  void faultsOfTheFileItselfAreWordsAfterTheOperation() {
    IOException missing = explain(new NoSuchFileException(FILE.toString()));
    assertEquals(NoSuchFileException.class, missing.getClass());
    assertEquals(FILE + ": cannot write: no such file or folder", missing.getMessage());

    IOException denied = explain(new AccessDeniedException(FILE.toString()));
    assertEquals(AccessDeniedException.class, denied.getClass());
    assertEquals(FILE + ": cannot write: permission denied", denied.getMessage());

    IOException exists = explain(new FileAlreadyExistsException(FILE.toString()));
    assertEquals(FileAlreadyExistsException.class, exists.getClass());
    assertEquals(FILE + ": cannot write: already exists", exists.getMessage());

    IOException bare = explain(new FileSystemException(FILE.toString(), null, "Is a directory"));
    assertEquals(FileSystemException.class, bare.getClass());
    assertEquals(FILE + ": cannot write: Is a directory", bare.getMessage());
  }

  @Test
  void faultsOfAnotherPathNameIt() {
    IOException folder = explain(new NoSuchFileException("out"));
    assertEquals(FILE + ": cannot write: no such file or folder: out", folder.getMessage());

    IOException notFolder = explain(new NotDirectoryException("out"));
    assertEquals(NotDirectoryException.class, notFolder.getClass());
    assertEquals(FILE + ": cannot write: not a folder: out", notFolder.getMessage());

    IOException notEmpty = explain(new DirectoryNotEmptyException("out"));
    assertEquals(DirectoryNotEmptyException.class, notEmpty.getClass());
    assertEquals(FILE + ": cannot write: folder not empty: out", notEmpty.getMessage());

    IOException move = explain(new FileSystemException("out/.m.tmp", "out/m", "Is a directory"));
    assertEquals(FILE + ": cannot write: Is a directory: out/.m.tmp -> out/m", move.getMessage());
  }

  @Test
  void otherExceptionsKeepTheirMessageOrNameTheirKind() {
    IOException full = explain(new IOException("No space left on device"));
    assertEquals(IOException.class, full.getClass());
    assertEquals(FILE + ": cannot write: No space left on device", full.getMessage());

    IOException interrupted = explain(new ClosedByInterruptException());
    assertEquals(FILE + ": cannot write: ClosedByInterruptException", interrupted.getMessage());
  }
}
