package dev.jgrad.examples;

import dev.jgrad.examples.Optimizers.Kind;
import dev.jgrad.examples.Preset.LossKind;
import dev.jgrad.tensor.DType;
import dev.jgrad.train.TrainingCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings of a {@code jgrad train} run: the network, its preset with the options applied, the
 * seed, the dtype, and the epoch where the current learning-rate cycle began (0, or the epoch a
 * finished run was extended from). They are saved in every checkpoint as settings named {@code
 * cli.…}, so that {@code --resume} rebuilds the very same run.
 *
 * @param network the network's name
 * @param dataset the images trained and tested on
 * @param preset the values in force: the preset's, or the options given
 * @param seed the seed of the initialization and the shuffling
 * @param dtype the floating dtype of the network
 * @param cycleStart the epoch where the current cosine cycle began
 */
record TrainSettings(
    Preset.Name network,
    DatasetName dataset,
    Preset preset,
    long seed,
    DType dtype,
    int cycleStart) {
  private static final String PREFIX = "cli.";

  /** The name of the setting that records the network in a checkpoint. */
  static final String NETWORK = PREFIX + "network";

  /** The name of the setting that records the dataset in a checkpoint. */
  static final String DATASET = PREFIX + "dataset";

  /**
   * Returns the settings of a new run: the network's preset, with each option given in its place.
   *
   * @param o the options
   * @return the settings
   */
  static TrainSettings fresh(TrainOptions o) {
    Preset.Name name = o.network() != null ? o.network() : Preset.Name.MLP;
    Preset p = Preset.named(name);
    Preset applied =
        new Preset(
            o.hidden() != null ? List.copyOf(o.hidden()) : p.hidden(),
            p.init(),
            p.loss(),
            o.optimizer() != null ? o.optimizer() : p.optimizer(),
            o.learningRate() != null ? o.learningRate() : p.learningRate(),
            p.rateOverBatch(),
            o.weightDecay() != null ? o.weightDecay() : p.weightDecay(),
            o.batchSize() != null ? o.batchSize() : p.batchSize(),
            o.epochs() != null ? o.epochs() : p.epochs(),
            p.validationSplit(),
            o.cosine() != null ? o.cosine() : p.cosine(),
            p.shuffle(),
            p.stopWhenTrainAccuracyDrops());
    return new TrainSettings(
        name,
        o.dataset() != null ? o.dataset() : DatasetName.MNIST,
        applied,
        o.seed() != null ? o.seed() : 0,
        o.dtype() != null ? o.dtype() : DType.FLOAT32,
        0);
  }

  /**
   * Returns these settings for an extension of the run to {@code epochs} epochs, from {@code done},
   * with a learning rate and schedule of its own.
   *
   * @param done the epochs completed, where the new cycle begins
   * @param epochs the epochs to reach
   * @param learningRate the learning rate of the new cycle
   * @param cosine whether it decays along a cosine over the added epochs
   * @return the settings of the extended run
   */
  TrainSettings extended(int done, int epochs, double learningRate, boolean cosine) {
    Preset p = preset;
    return new TrainSettings(
        network,
        dataset,
        new Preset(
            p.hidden(),
            p.init(),
            p.loss(),
            p.optimizer(),
            learningRate,
            p.rateOverBatch(),
            p.weightDecay(),
            p.batchSize(),
            epochs,
            p.validationSplit(),
            cosine,
            p.shuffle(),
            p.stopWhenTrainAccuracyDrops()),
        seed,
        dtype,
        done);
  }

  /**
   * Returns the layer sizes, input first.
   *
   * @return 784, the hidden sizes, 10
   */
  List<Integer> sizes() {
    List<Integer> sizes = new ArrayList<>();
    sizes.add(ImageData.PIXELS);
    sizes.addAll(preset.hidden());
    sizes.add(ImageData.CLASSES);
    return sizes;
  }

  /**
   * Returns the line printed before training.
   *
   * @param shape the network's layer sizes or parameter count ({@link Networks#shape})
   * @param images the number of training images
   * @param optimizerName the optimizer's name, such as {@code Adam}
   * @return {@code training MLP [784, 128, 10] on 60000 MNIST images: MEAN loss, Adam lr 0.003 …}
   */
  String describe(String shape, int images, String optimizerName) {
    Preset p = preset;
    return String.format(
        Locale.ROOT,
        "training %s %s on %d %s images: %s loss, %s lr %s%s%s (weight decay %s), batch %d, %d"
            + " epochs, %s",
        network,
        shape,
        images,
        dataset.spec().name(),
        p.loss(),
        optimizerName,
        p.learningRate(),
        p.rateOverBatch() ? " divided by the batch size" : "",
        p.cosine() ? " with cosine decay" : "",
        p.weightDecay(),
        p.batchSize(),
        p.epochs(),
        dtype);
  }

  /**
   * Returns the settings as the strings saved in a checkpoint.
   *
   * @return the settings by name, each prefixed {@code cli.}
   */
  Map<String, String> toSettings() {
    Preset p = preset;
    Map<String, String> m = new LinkedHashMap<>();
    m.put("network", network.name());
    m.put("dataset", dataset.name());
    m.put("hidden", p.hidden().stream().map(String::valueOf).collect(Collectors.joining(",")));
    m.put("init", p.init().name());
    m.put("loss", p.loss().name());
    m.put("optimizer", p.optimizer().name());
    m.put("lr", Double.toString(p.learningRate()));
    m.put("rate_over_batch", Boolean.toString(p.rateOverBatch()));
    m.put("weight_decay", Double.toString(p.weightDecay()));
    m.put("batch_size", Integer.toString(p.batchSize()));
    m.put("epochs", Integer.toString(p.epochs()));
    m.put("validation_split", Double.toString(p.validationSplit()));
    m.put("cosine", Boolean.toString(p.cosine()));
    m.put("shuffle", Boolean.toString(p.shuffle()));
    m.put("stop_when_train_accuracy_drops", Boolean.toString(p.stopWhenTrainAccuracyDrops()));
    m.put("seed", Long.toString(seed));
    m.put("dtype", dtype.name());
    m.put("cycle_start", Integer.toString(cycleStart));
    Map<String, String> prefixed = new LinkedHashMap<>();
    m.forEach((k, v) -> prefixed.put(PREFIX + k, v));
    return prefixed;
  }

  /**
   * Reads the settings saved in a checkpoint of {@code jgrad train}.
   *
   * @param checkpoint the checkpoint
   * @param option the option that named it, for messages
   * @param file its file, for messages
   * @return the settings
   * @throws CommandFailure a usage error if the checkpoint was not written by {@code jgrad train}
   *     or a setting cannot be read
   */
  static TrainSettings from(TrainingCheckpoint checkpoint, String option, Path file)
      throws CommandFailure {
    Reader r = new Reader(checkpoint.settings(), option, file);
    Preset.Name network = r.choice("network", Preset.Name.class);
    Preset p =
        new Preset(
            r.sizes("hidden"),
            r.choice("init", Initialization.class),
            r.choice("loss", LossKind.class),
            r.choice("optimizer", Kind.class),
            r.real("lr"),
            r.flag("rate_over_batch"),
            r.real("weight_decay"),
            r.whole("batch_size"),
            r.whole("epochs"),
            r.real("validation_split"),
            r.flag("cosine"),
            r.flag("shuffle"),
            r.flag("stop_when_train_accuracy_drops"));
    DatasetName dataset =
        r.has("dataset") ? r.choice("dataset", DatasetName.class) : DatasetName.MNIST;
    return new TrainSettings(
        network,
        dataset,
        p,
        r.longValue("seed"),
        r.choice("dtype", DType.class),
        r.whole("cycle_start"));
  }

  /** Reads {@code cli.} settings, failing with one line that names the file and the setting. */
  private static final class Reader {
    private final Map<String, String> settings;
    private final String option;
    private final Path file;

    Reader(Map<String, String> settings, String option, Path file) throws CommandFailure {
      this.settings = settings;
      this.option = option;
      this.file = file;
      if (!settings.containsKey(PREFIX + "network")) {
        String source = settings.getOrDefault("source", "another program");
        throw CommandFailure.usage(
            option,
            file,
            "not a checkpoint of jgrad train (it was written by " + source + ")",
            "expected a checkpoint.safetensors saved by jgrad train; jgrad eval reads this one");
      }
    }

    /** Returns whether the setting is present; checkpoints of earlier versions lack some. */
    boolean has(String key) {
      return settings.containsKey(PREFIX + key);
    }

    private String get(String key) throws CommandFailure {
      String v = settings.get(PREFIX + key);
      if (v == null) {
        throw bad(key, null, "is missing");
      }
      return v;
    }

    private CommandFailure bad(String key, String value, String fault) {
      return CommandFailure.usage(
          option,
          file,
          "its setting " + PREFIX + key + (value == null ? "" : " '" + value + "'") + " " + fault,
          "expected a checkpoint saved by jgrad train, unchanged");
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) throws CommandFailure {
      String v = get(key);
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(v)) {
          return e;
        }
      }
      throw bad(key, v, "is not one of " + Arrays.toString(type.getEnumConstants()));
    }

    double real(String key) throws CommandFailure {
      String v = get(key);
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw bad(key, v, "is not a number");
      }
    }

    long longValue(String key) throws CommandFailure {
      String v = get(key);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw bad(key, v, "is not a whole number");
      }
    }

    int whole(String key) throws CommandFailure {
      long v = longValue(key);
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw bad(key, Long.toString(v), "is out of range");
      }
      return (int) v;
    }

    boolean flag(String key) throws CommandFailure {
      String v = get(key);
      if (!v.equals("true") && !v.equals("false")) {
        throw bad(key, v, "is not true or false");
      }
      return Boolean.parseBoolean(v);
    }

    List<Integer> sizes(String key) throws CommandFailure {
      String v = get(key);
      List<Integer> sizes = new ArrayList<>();
      if (v.isEmpty()) {
        return sizes;
      }
      try {
        for (String s : v.split(",", -1)) {
          sizes.add(Integer.parseInt(s));
        }
      } catch (NumberFormatException e) {
        throw bad(key, v, "is not a list of layer sizes");
      }
      return sizes;
    }
  }
}
