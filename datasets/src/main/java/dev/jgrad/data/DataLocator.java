package dev.jgrad.data;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.jgrad.data.DatasetSpec.DataFile;
import dev.jgrad.tensor.io.AtomicFiles;
import dev.jgrad.tensor.io.FileErrors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds, verifies and if need be downloads the files of a dataset such as MNIST.
 *
 * <p><b>Lookup order.</b> Each file (for example {@code train-images-idx3-ubyte}, gzip-compressed
 * with the suffix {@code .gz} or raw without it) is looked for in these folders, and the first hit
 * wins; for MNIST the dataset's folder name is {@code mnist}, for Fashion-MNIST {@code
 * fashion-mnist}:
 *
 * <ol>
 *   <li>the explicit folder given to {@link #withFolder(Path)} (a constructor argument or a {@code
 *       --data} flag), itself or its sub-folder named after the dataset;
 *   <li>the folder named by the {@code JGRAD_DATA} environment variable, itself or its sub-folder
 *       named after the dataset;
 *   <li>the project's {@code data/} folder: starting from the working directory and walking up
 *       through its parents, the first folder that has a {@code data/<dataset>} sub-folder (so
 *       {@code data/mnist} of a jgrad checkout is found from the checkout or any module in it);
 *   <li>folders a system package installs the dataset into (Debian's {@code dataset-fashion-mnist}
 *       puts Fashion-MNIST in {@code /usr/share/datasets/fashion-mnist});
 *   <li>the per-user cache, {@code $XDG_CACHE_HOME/jgrad/<dataset>}, by default {@code
 *       ~/.cache/jgrad/<dataset>};
 *   <li>finally the file is downloaded from the dataset's mirrors into the cache, unless the
 *       locator is {@link #offline()} (set by the environment variable {@code JGRAD_OFFLINE=1}).
 * </ol>
 *
 * <p><b>Verification.</b> Every file, wherever it was found, is read with {@link IdxReader} and the
 * SHA-256 of its decompressed bytes is compared with the pinned value; a file that fails is an
 * error, never silently skipped for the next folder. A download is written with {@link AtomicFiles}
 * to a temporary file in the cache folder, is verified in the same way, and only then is moved to
 * its final name in one atomic step, so the cache never holds a partial or wrong file.
 *
 * <p>Instances are immutable; the {@code with...} methods return modified copies. Tests build
 * isolated locators with an empty environment, their own working directory and cache, and a mock
 * {@link Downloader}.
 */
public final class DataLocator {
  private static final String GZIP_SUFFIX = ".gz";

  private final Optional<Path> folder;
  private final ImmutableMap<String, String> environment;
  private final Path workingDirectory;
  private final Path cacheRoot;
  private final Optional<Downloader> downloader;

  private DataLocator(
      Optional<Path> folder,
      Map<String, String> environment,
      Path workingDirectory,
      Path cacheRoot,
      Optional<Downloader> downloader) {
    this.folder = folder;
    this.environment = ImmutableMap.copyOf(environment);
    this.workingDirectory = workingDirectory;
    this.cacheRoot = cacheRoot;
    this.downloader = downloader;
  }

  /**
   * Returns the locator for this process: the environment of {@link System#getenv()}, the working
   * directory of the {@code user.dir} property, the default cache folder and the HTTP downloader
   * (none if {@code JGRAD_OFFLINE} is {@code 1} or {@code true}).
   *
   * @return a new locator; it reads the environment once, now
   */
  public static DataLocator defaults() {
    Map<String, String> environment = System.getenv();
    String xdgCache = environment.get("XDG_CACHE_HOME");
    Path cacheBase =
        xdgCache != null && !xdgCache.isEmpty()
            ? Path.of(xdgCache)
            : Path.of(System.getProperty("user.home"), ".cache");
    String offline = environment.getOrDefault("JGRAD_OFFLINE", "");
    boolean online = !(offline.equals("1") || offline.equalsIgnoreCase("true"));
    return new DataLocator(
        Optional.empty(),
        environment,
        Path.of(System.getProperty("user.dir")),
        cacheBase.resolve("jgrad"),
        online ? Optional.of(Downloader.http()) : Optional.empty());
  }

  /**
   * Returns a copy that looks in {@code folder} first (itself or its dataset sub-folder).
   *
   * @param folder the folder to search before all others; it need not exist
   * @return a new locator; this one is unchanged
   */
  public DataLocator withFolder(Path folder) {
    checkNotNull(folder, "DataLocator.withFolder: folder is null");
    return new DataLocator(
        Optional.of(folder), environment, workingDirectory, cacheRoot, downloader);
  }

  /**
   * Returns a copy that reads {@code JGRAD_DATA} from {@code environment} instead of the process
   * environment.
   *
   * @param environment the variables to read, for example an empty map to ignore {@code
   *     JGRAD_DATA}; copied
   * @return a new locator; this one is unchanged
   */
  public DataLocator withEnvironment(Map<String, String> environment) {
    checkNotNull(environment, "DataLocator.withEnvironment: environment is null");
    return new DataLocator(folder, environment, workingDirectory, cacheRoot, downloader);
  }

  /**
   * Returns a copy that looks for the project's {@code data/} folder upwards from {@code dir}.
   *
   * @param dir the folder the upward search for {@code data/<dataset>} starts in
   * @return a new locator; this one is unchanged
   */
  public DataLocator withWorkingDirectory(Path dir) {
    checkNotNull(dir, "DataLocator.withWorkingDirectory: dir is null");
    return new DataLocator(folder, environment, dir, cacheRoot, downloader);
  }

  /**
   * Returns a copy whose per-user cache is {@code root}; a dataset's files go to its sub-folder
   * ({@code root/mnist}).
   *
   * @param root the folder that holds one sub-folder per dataset
   * @return a new locator; this one is unchanged
   */
  public DataLocator withCacheRoot(Path root) {
    checkNotNull(root, "DataLocator.withCacheRoot: root is null");
    return new DataLocator(folder, environment, workingDirectory, root, downloader);
  }

  /**
   * Returns a copy that downloads missing files with {@code downloader}.
   *
   * @param downloader fetches a file from a URL; tests pass a fake one
   * @return a new locator that downloads; this one is unchanged
   */
  public DataLocator withDownloader(Downloader downloader) {
    checkNotNull(downloader, "DataLocator.withDownloader: downloader is null");
    return new DataLocator(
        folder, environment, workingDirectory, cacheRoot, Optional.of(downloader));
  }

  /**
   * Returns a copy that never downloads: missing files are an error.
   *
   * @return a new locator without a downloader; this one is unchanged
   */
  public DataLocator offline() {
    return new DataLocator(folder, environment, workingDirectory, cacheRoot, Optional.empty());
  }

  /**
   * Returns the folder downloads of the dataset stored under {@code folderName} go to.
   *
   * @param folderName the dataset's folder name, such as {@code mnist}
   * @return the folder under the cache root; it may not exist yet
   */
  public Path cacheFolder(String folderName) {
    return cacheRoot.resolve(folderName);
  }

  /**
   * Returns the folders searched, in order, for the dataset stored under {@code folderName}, cache
   * last; system folders are not included, as they belong to a dataset rather than the locator.
   *
   * @param folderName the dataset's folder name, such as {@code mnist}
   * @return the folders in search order, without repeats; some may not exist
   */
  public List<Path> searchFolders(String folderName) {
    return searchFolders(folderName, List.of());
  }

  private List<Path> searchFolders(String folderName, List<Path> systemFolders) {
    Set<Path> folders = new LinkedHashSet<>();
    folder.ifPresent(f -> addWithSubfolder(folders, f, folderName));
    String dataRoot = environment.get("JGRAD_DATA");
    if (dataRoot != null && !dataRoot.isEmpty()) {
      addWithSubfolder(folders, Path.of(dataRoot), folderName);
    }
    projectDataFolder(folderName).ifPresent(folders::add);
    folders.addAll(systemFolders);
    folders.add(cacheFolder(folderName));
    return ImmutableList.copyOf(folders);
  }

  private static void addWithSubfolder(Set<Path> folders, Path root, String folderName) {
    folders.add(root);
    folders.add(root.resolve(folderName));
  }

  /** Walks up from the working directory to the first folder holding {@code data/<folderName>}. */
  private Optional<Path> projectDataFolder(String folderName) {
    for (Path dir = workingDirectory.toAbsolutePath().normalize();
        dir != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve(folderName);
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds, reads and verifies one file of {@code spec}, downloading it if it is nowhere to be
   * found.
   *
   * @throws DatasetNotFoundException if the file is in no folder searched and cannot be downloaded
   * @throws ChecksumMismatchException if the file found has the wrong SHA-256
   * @throws IdxFormatException if the file found is not a well-formed IDX file
   */
  IdxData load(DatasetSpec spec, DataFile file) throws IOException {
    List<Path> folders = searchFolders(spec.folderName(), spec.systemFolders());
    for (Path dir : folders) {
      for (String name : List.of(file.name() + GZIP_SUFFIX, file.name())) {
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate)) {
          return verified(spec, file, IdxReader.read(candidate));
        }
      }
    }
    return download(spec, file, folders);
  }

  private static IdxData verified(DatasetSpec spec, DataFile file, IdxData data)
      throws ChecksumMismatchException {
    if (!data.sha256().equals(file.sha256())) {
      throw new ChecksumMismatchException(data.file(), spec.name(), file.sha256(), data.sha256());
    }
    return data;
  }

  private IdxData download(DatasetSpec spec, DataFile file, List<Path> folders) throws IOException {
    Path cache = cacheFolder(spec.folderName());
    List<IOException> failures = new ArrayList<>();
    if (downloader.isPresent()) {
      for (URI mirror : spec.mirrors()) {
        URI source = mirror.resolve(file.name() + GZIP_SUFFIX);
        try {
          return downloadOne(spec, file, source, cache);
        } catch (IOException e) {
          failures.add(e);
        }
      }
    }
    DatasetNotFoundException missing =
        new DatasetNotFoundException(offlineMessage(spec, file, folders, cache, failures));
    failures.forEach(missing::addSuppressed);
    throw missing;
  }

  private IdxData downloadOne(DatasetSpec spec, DataFile file, URI source, Path cache)
      throws IOException {
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw FileErrors.explain(cache, "cannot create the download folder", e);
    }
    Path target = cache.resolve(file.name() + GZIP_SUFFIX);
    try {
      IdxData data =
          AtomicFiles.write(
              target,
              out -> downloader.orElseThrow().download(source, out),
              temporary -> verified(spec, file, IdxReader.read(temporary)));
      return new IdxData(target, data.shape(), data.payloadArray(), data.sha256());
    } catch (ChecksumMismatchException e) {
      throw new IOException(
          String.format(
              "download of %s gave a file whose decompressed bytes have SHA-256 %s, expected %s",
              source, e.actual(), e.expected()),
          e);
    } catch (IOException e) {
      throw new IOException("download of " + source + " failed: " + describe(e), e);
    }
  }

  /**
   * Returns what went wrong in words: the message, or for the JDK's HTTP client, which throws
   * exceptions without one when there is no network, what its exception means.
   */
  private static String describe(IOException e) {
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException) {
        return "cannot connect: the host name cannot be resolved (no network connection?)";
      }
    }
    return e instanceof ConnectException
        ? "cannot connect to the server"
        : e.getClass().getSimpleName() + " without a message";
  }

  private String offlineMessage(
      DatasetSpec spec, DataFile file, List<Path> folders, Path cache, List<IOException> failures) {
    String names = spec.files().stream().map(DataFile::name).collect(Collectors.joining(", "));
    String searched = folders.stream().map(Path::toString).collect(Collectors.joining(", "));
    String download;
    if (downloader.isEmpty()) {
      download = "Downloading is switched off (offline mode or JGRAD_OFFLINE=1).";
    } else {
      download =
          "Downloading it into "
              + cache
              + " failed: "
              + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; "))
              + ".";
    }
    return String.format(
        "%s: cannot find %s. jgrad needs the four %s files %s (gzip-compressed with the suffix"
            + " .gz, or raw) and looked for them in %s. %s To fix this, copy the four files into"
            + " one of those folders, pass a folder holding them (the constructor argument or the"
            + " --data flag), or set the environment variable JGRAD_DATA to it; with a network"
            + " connection jgrad downloads them into %s by itself.",
        spec.name(), file.name(), spec.name(), names, searched, download, cache);
  }
}
