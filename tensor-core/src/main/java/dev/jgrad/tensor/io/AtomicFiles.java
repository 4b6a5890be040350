package dev.jgrad.tensor.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes files whole or not at all: every file jgrad writes (checkpoints, logs, plots, downloads)
 * goes through here.
 *
 * <p>{@link #write(Path, Body)} writes the new contents to a temporary file in the target's folder,
 * named {@code .<target name>.<16 hex digits>.tmp}, flushes it to the device ({@link
 * FileChannel#force}), moves it over the target in one atomic step ({@link
 * StandardCopyOption#ATOMIC_MOVE}, replacing an existing file) and then flushes the folder so the
 * rename itself survives a power cut. A reader, or a process killed at any point, sees the old file
 * or the new one, never a mixture.
 *
 * <ul>
 *   <li><b>Permissions</b> are those of any new file: the temporary file is created as {@link
 *       Files#newOutputStream} creates files, so the process umask applies (typically {@code
 *       rw-r--r--}), not the owner-only mode of {@link Files#createTempFile}. A replaced file's
 *       permissions are not carried over.
 *   <li><b>Failures</b>: if the body, the check, the flush or the move throws, the temporary file
 *       is removed and the target is left as it was.
 *   <li><b>Stale files</b>: a process killed mid-write leaves its temporary file behind; the next
 *       write of the same target removes every temporary file of that target before it starts.
 *       Writing one target from several processes or threads at once is therefore not supported:
 *       one writer may remove another's temporary file, which makes that write fail (the target is
 *       never corrupted).
 * </ul>
 *
 * <p>The target's folder must exist.
 *
 * <pre>{@code
 * AtomicFiles.write(folder.resolve("metrics.csv"), out -> out.write(csv.getBytes(UTF_8)));
 * }</pre>
 */
public final class AtomicFiles {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final String WRITE = "cannot write";

  private AtomicFiles() {}

  /**
   * Writes a file's new contents to a stream.
   *
   * <p>The stream is buffered; closing it is allowed and only flushes it.
   */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the contents.
     *
     * @param out the stream to the temporary file
     * @throws IOException if the contents cannot be produced or written
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Checks a complete temporary file before it replaces the target.
   *
   * @param <T> what the check finds out about the file
   */
  @FunctionalInterface
  public interface Check<T> {
    /**
     * Reads and checks the file.
     *
     * @param temporary the complete, flushed temporary file, not yet moved into place
     * @return what the check found, handed back by {@link #write(Path, Body, Check)}
     * @throws IOException if the file is not acceptable; it is then removed, and the target left
     */
    T check(Path temporary) throws IOException;
  }

  /**
   * Replaces {@code target} with what {@code body} writes, atomically (see the class notes).
   *
   * @param target the file to create or replace; its folder must exist
   * @param body writes the new contents
   * @throws IOException if the contents cannot be written, flushed or moved into place; the target
   *     is then unchanged and no temporary file is left (see {@link #write(Path, Body, Check)} for
   *     a failure to flush the folder after the move)
   */
  public static void write(Path target, Body body) throws IOException {
    write(target, body, temporary -> null);
  }

  /**
   * Replaces {@code target} with what {@code body} writes, atomically (see the class notes), if
   * {@code check} accepts the complete temporary file, as a download is verified before it enters a
   * cache.
   *
   * @param <T> what the check finds out
   * @param target the file to create or replace; its folder must exist
   * @param body writes the new contents
   * @param check reads the complete temporary file and throws if it is not acceptable
   * @return what {@code check} returned
   * @throws IOException if the contents cannot be written, flushed or moved into place, or {@code
   *     check} rejects them; the target is then unchanged and no temporary file is left. Also if
   *     the folder cannot be flushed after the move: the new file is then in place, but its rename
   *     may not survive a power cut
   */
  public static <T> T write(Path target, Body body, Check<T> check) throws IOException {
    checkNotNull(target, "AtomicFiles.write: target is null");
    checkNotNull(body, "AtomicFiles.write: body is null");
    checkNotNull(check, "AtomicFiles.write: check is null");
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    checkArgument(
        folder != null && absolute.getFileName() != null,
        "AtomicFiles.write: %s names no file in a folder",
        target);
    String name = absolute.getFileName().toString();
    if (Files.isDirectory(absolute)) {
      throw new FileSystemException(target.toString(), null, WRITE + ": it is a folder");
    }
    try {
      removeStale(folder, name);
    } catch (IOException e) {
      throw FileErrors.explain(target, WRITE, e);
    }
    Path temporary = folder.resolve(temporaryName(name));
    FileChannel channel;
    try {
      channel =
          FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw FileErrors.explain(target, WRITE + ": cannot create a file in " + folder, e);
    }
    T result;
    try {
      try (channel) {
        OutputStream out =
            new BufferedOutputStream(
                new ExplainedStream(Channels.newOutputStream(channel), target), BUFFER_BYTES);
        body.writeTo(new FlushOnClose(out));
        out.flush();
        try {
          channel.force(true);
        } catch (IOException e) {
          throw FileErrors.explain(target, WRITE + ": cannot flush it to the device", e);
        }
      }
      result = check.check(temporary);
      try {
        Files.move(
            temporary,
            absolute,
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw FileErrors.explain(target, WRITE + ": cannot move the new file into place", e);
      }
    } catch (Throwable e) {
      removeAfterFailure(temporary, e);
      throw e;
    }
    try {
      syncFolder(folder);
    } catch (IOException e) {
      throw FileErrors.explain(target, "written, but cannot flush its folder to the device", e);
    }
    return result;
  }

  /**
   * Returns the pattern of the names of {@code targetName}'s temporary files, {@code
   * .<targetName>.<16 hex digits>.tmp}.
   *
   * @param targetName the name of the target file
   * @return a pattern that matches exactly those names
   */
  static Pattern temporaryNames(String targetName) {
    return Pattern.compile(Pattern.quote("." + targetName + ".") + "[0-9a-f]{16}\\.tmp");
  }

  private static String temporaryName(String targetName) {
    return String.format(
        Locale.ROOT, ".%s.%016x.tmp", targetName, ThreadLocalRandom.current().nextLong());
  }

  /**
   * Removes the temporary files that killed writes of {@code targetName} left in {@code folder}.
   */
  private static void removeStale(Path folder, String targetName) throws IOException {
    Pattern names = temporaryNames(targetName);
    try (DirectoryStream<Path> stale =
        Files.newDirectoryStream(
            folder, p -> names.matcher(p.getFileName().toString()).matches())) {
      for (Path p : stale) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Removes a failed write's temporary file; a failure to do so is added to {@code cause}. */
  private static void removeAfterFailure(Path temporary, Throwable cause) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Makes the rename durable by flushing the folder's entry. Linux and macOS allow opening a folder
   * for this; Windows does not, and there the rename is already durable once it returns.
   */
  private static void syncFolder(Path folder) throws IOException {
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      return;
    }
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * The stream to the temporary file, restating a failure to write (a full disk) with the target's
   * name.
   */
  private static final class ExplainedStream extends FilterOutputStream {
    private final Path target;

    ExplainedStream(OutputStream out, Path target) {
      super(out);
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw FileErrors.explain(target, WRITE, e);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      try {
        out.write(bytes, offset, length);
      } catch (IOException e) {
        throw FileErrors.explain(target, WRITE, e);
      }
    }
  }

  /** The stream a body sees: closing it flushes but leaves the file open for the final sync. */
  private static final class FlushOnClose extends FilterOutputStream {
    FlushOnClose(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
