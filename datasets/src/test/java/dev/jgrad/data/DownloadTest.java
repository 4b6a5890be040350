package dev.jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** The download path, with Mockito at the {@link Downloader} seam; nothing touches the network. */
@ExtendWith(MockitoExtension.class)
class DownloadTest {
  private static final URI TRAIN_IMAGES_A = TinyDataset.url(TinyDataset.MIRROR_A, 0);
  private static final URI TRAIN_IMAGES_B = TinyDataset.url(TinyDataset.MIRROR_B, 0);

  @TempDir Path root;
  @Mock Downloader downloader;

  private Path cache;
  private DataLocator locator;

  @BeforeEach
  void isolate() throws IOException {
    cache = root.resolve("cache/tiny");
    locator =
        DataLocator.defaults()
            .withEnvironment(Map.of())
            .withWorkingDirectory(Files.createDirectories(root.resolve("work")))
            .withCacheRoot(root.resolve("cache"))
            .withDownloader(downloader);
  }

  private IdxData loadTrainImages() throws IOException {
    return locator.load(TinyDataset.SPEC, TinyDataset.SPEC.trainImages());
  }

  private static void serves(Downloader downloader, URI source, byte[] bytes) throws IOException {
    doAnswer(
            call -> {
              call.getArgument(1, OutputStream.class).write(bytes);
              return null;
            })
        .when(downloader)
        .download(eq(source), any());
  }

  private List<Path> cacheContents() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.sorted().toList();
    }
  }

  @Test
  void successVerifiesThenMovesIntoTheCacheAndIsNotRepeated() throws IOException {
    List<Path> duringDownload = new ArrayList<>();
    doAnswer(
            call -> {
              call.getArgument(1, OutputStream.class).write(TinyDataset.served(0));
              duringDownload.addAll(cacheContents());
              return null;
            })
        .when(downloader)
        .download(eq(TRAIN_IMAGES_A), any());

    IdxData data = loadTrainImages();

    Path target = cache.resolve("train-images.gz");
    assertEquals(target, data.file());
    assertEquals(TinyDataset.SPEC.trainImages().sha256(), data.sha256());
    assertEquals(List.of(target), cacheContents());
    assertArrayEquals(TinyDataset.served(0), Files.readAllBytes(target));
    verify(downloader).download(eq(TRAIN_IMAGES_A), any());
    assertEquals(1, duringDownload.size(), duringDownload.toString());
    assertEquals(cache, duringDownload.get(0).getParent());
    assertTrue(
        duringDownload
            .get(0)
            .getFileName()
            .toString()
            .matches("\\.train-images\\.gz\\.[0-9a-f]{16}\\.tmp"),
        duringDownload.toString());

    assertEquals(target, loadTrainImages().file());
    verifyNoMoreInteractions(downloader);
  }

  @Test
  void failureOfEveryMirrorGivesTheOfflineParagraphAndLeavesNoFile() throws IOException {
    doThrow(new ConnectException("Connection refused")).when(downloader).download(any(), any());

    DatasetNotFoundException e =
        assertThrows(DatasetNotFoundException.class, this::loadTrainImages);

    assertTrue(
        e.getMessage()
            .contains(
                "Downloading it into "
                    + cache
                    + " failed: download of "
                    + TRAIN_IMAGES_A
                    + " failed: Connection refused; download of "
                    + TRAIN_IMAGES_B
                    + " failed: Connection refused. To fix this, copy the four files"),
        e.getMessage());
    assertEquals(2, e.getSuppressed().length);
    assertEquals(List.of(), cacheContents());
    InOrder order = inOrder(downloader);
    order.verify(downloader).download(eq(TRAIN_IMAGES_A), any());
    order.verify(downloader).download(eq(TRAIN_IMAGES_B), any());
  }

  @Test
  void noNetworkIsSaidInWordsNotAsNull() throws IOException {
    ConnectException offline = new ConnectException();
    offline.initCause(new UnresolvedAddressException());
    doThrow(offline).when(downloader).download(eq(TRAIN_IMAGES_A), any());
    doThrow(new ConnectException()).when(downloader).download(eq(TRAIN_IMAGES_B), any());

    DatasetNotFoundException e =
        assertThrows(DatasetNotFoundException.class, this::loadTrainImages);

    assertTrue(
        e.getMessage()
            .contains(
                " failed: download of "
                    + TRAIN_IMAGES_A
                    + " failed: cannot connect: the host name cannot be resolved (no network"
                    + " connection?); download of "
                    + TRAIN_IMAGES_B
                    + " failed: cannot connect to the server. To fix this"),
        e.getMessage());
  }

  @Test
  void aDownloadFolderThatCannotBeCreatedIsNamed() throws IOException {
    Files.createDirectories(cache.getParent());
    Files.writeString(cache, "a file where the folder should be");

    DatasetNotFoundException e =
        assertThrows(DatasetNotFoundException.class, this::loadTrainImages);

    assertTrue(
        e.getMessage()
            .contains(
                " failed: "
                    + cache
                    + ": cannot create the download folder: already exists; "
                    + cache
                    + ": cannot create the download folder: already exists."),
        e.getMessage());
  }

  @Test
  void partialFileIsRejectedAndTheNextMirrorIsTried() throws IOException {
    byte[] full = TinyDataset.served(0);
    serves(downloader, TRAIN_IMAGES_A, Arrays.copyOf(full, full.length / 2));
    serves(downloader, TRAIN_IMAGES_B, full);

    IdxData data = loadTrainImages();

    assertEquals(cache.resolve("train-images.gz"), data.file());
    assertEquals(List.of(cache.resolve("train-images.gz")), cacheContents());
    verify(downloader, times(2)).download(any(), any());
  }

  @Test
  void partialFileFromEveryMirrorNamesTheTruncation() throws IOException {
    byte[] full = TinyDataset.served(0);
    serves(downloader, TRAIN_IMAGES_A, Arrays.copyOf(full, full.length / 2));
    serves(downloader, TRAIN_IMAGES_B, Arrays.copyOf(full, full.length - 3));

    DatasetNotFoundException e =
        assertThrows(DatasetNotFoundException.class, this::loadTrainImages);

    assertTrue(e.getMessage().contains("corrupt or truncated gzip stream"), e.getMessage());
    assertEquals(List.of(), cacheContents());
  }

  @Test
  void wrongBytesAreRejectedByTheirHash() throws IOException {
    byte[] wrong = IdxBytes.idx(new int[] {6, 2, 3}, new byte[36]);
    serves(downloader, TRAIN_IMAGES_A, IdxBytes.gzip(wrong));
    serves(downloader, TRAIN_IMAGES_B, IdxBytes.gzip(wrong));

    DatasetNotFoundException e =
        assertThrows(DatasetNotFoundException.class, this::loadTrainImages);

    assertTrue(
        e.getMessage()
            .contains(
                "download of "
                    + TRAIN_IMAGES_A
                    + " gave a file whose decompressed bytes have SHA-256 "
                    + IdxBytes.sha256(wrong)
                    + ", expected "
                    + TinyDataset.SPEC.trainImages().sha256()),
        e.getMessage());
    assertEquals(List.of(), cacheContents());
  }

  @Test
  void downloadReplacesNothingFoundElsewhere() throws IOException {
    TinyDataset.writeGzip(root.resolve("work/data/tiny"));

    assertEquals(root.resolve("work/data/tiny/train-images.gz"), loadTrainImages().file());
    verifyNoMoreInteractions(downloader);
  }
}
