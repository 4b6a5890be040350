package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes the history to a CSV file after every epoch, as Keras' {@code CSVLogger}: a header {@code
 * epoch,loss,…} and one row per completed epoch (see {@link History#toCsv()}).
 *
 * <p>The whole file is rewritten atomically each time ({@link AtomicFiles}), so a reader or a
 * killed run never leaves half a row, and a run resumed from a checkpoint writes the rows of the
 * whole run, those before the interruption included, never a mixture with another run's. Whether
 * the file can be written is checked when {@code fit} starts.
 */
public final class CsvLogger implements Callback {
  private final Path file;

  /**
   * Creates the logger.
   *
   * @param file the CSV file to create or replace; its folder must exist when {@code fit} starts
   */
  public CsvLogger(Path file) {
    this.file = checkNotNull(file, "CsvLogger: file is null");
  }

  /**
   * Returns the file written.
   *
   * @return the CSV file
   */
  public Path file() {
    return file;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException if the file's folder is missing, not a folder or not writable
   */
  @Override
  public void onFitStart(TrainContext context) throws IOException {
    OutputFiles.checkWritable("CsvLogger", file);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException if the file cannot be written; the previous file is then left intact
   */
  @Override
  public void onEpochEnd(TrainContext context, EpochLog log) throws IOException {
    byte[] csv = context.history().toCsv().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> out.write(csv));
  }
}
