package dev.jgrad.examples;

import dev.jgrad.train.TrainingCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@code jgrad train --resume} continues a checkpoint, decided before anything is trained.
 *
 * <ul>
 *   <li>An <b>interrupted</b> run (fewer epochs done than planned) is resumed exactly, bit for bit
 *       as if it had not stopped: every option that would change it is refused, {@code --epochs}
 *       included unless it repeats the planned number.
 *   <li>A <b>finished</b> run is extended: {@code --epochs} must be given and exceed the epochs
 *       done; {@code --lr} and {@code --[no-]cosine} may set the learning rate of the added epochs,
 *       which start a new cycle (a warm restart); the model and the optimizer's state carry on.
 * </ul>
 *
 * <p>Options that define the network, its optimizer or its data ({@code --network}, {@code
 * --hidden}, {@code --optimizer}, {@code --weight-decay}, {@code --batch-size}, {@code --seed},
 * {@code --dtype}) are refused either way when they differ from the checkpoint's.
 *
 * @param file the checkpoint
 * @param checkpoint what it holds
 * @param settings the settings of the continued run
 * @param epochs the epochs to reach
 * @param extension whether a finished run is extended (else an interrupted one is resumed)
 * @param announcement the line printed before training, saying what happens
 */
record ResumePlan(
    Path file,
    TrainingCheckpoint checkpoint,
    TrainSettings settings,
    int epochs,
    boolean extension,
    String announcement) {
  private static final String OPTION = "--resume";

  /**
   * Reads the checkpoint and decides.
   *
   * @param file the checkpoint given to {@code --resume}
   * @param o the options given
   * @return the plan
   * @throws CommandFailure a usage error if the checkpoint cannot be resumed or an option is
   *     refused
   */
  static ResumePlan of(Path file, TrainOptions o) throws CommandFailure {
    TrainingCheckpoint ckpt = CheckpointFiles.load(OPTION, file);
    TrainSettings saved = TrainSettings.from(ckpt, OPTION, file);
    Preset p = saved.preset();
    int done = ckpt.epoch();
    refuse("--network", o.network(), saved.network(), file);
    refuse("--dataset", o.dataset(), saved.dataset(), file);
    refuse("--hidden", o.hidden() == null ? null : o.hiddenText(), join(p.hidden()), file);
    refuse("--optimizer", o.optimizer(), p.optimizer(), file);
    refuse("--weight-decay", o.weightDecay(), p.weightDecay(), file);
    refuse("--batch-size", o.batchSize(), p.batchSize(), file);
    refuse("--seed", o.seed(), saved.seed(), file);
    refuse("--dtype", o.dtype(), saved.dtype(), file);
    if (!ckpt.finished()) {
      int planned = ckpt.plannedEpochs();
      String exact =
          String.format(
              Locale.ROOT,
              "%s is an interrupted run (%d of %d epochs done), which --resume continues exactly",
              file,
              done,
              planned);
      String accepted = "drop it; once the run has finished, --resume can extend it with a new";
      if (o.epochs() != null && o.epochs() != planned) {
        throw CommandFailure.usage(
            "--epochs", o.epochs(), exact + " to its " + planned, accepted + " --epochs");
      }
      if (o.learningRate() != null && o.learningRate() != p.learningRate()) {
        throw CommandFailure.usage(
            "--lr", o.learningRate(), exact + " with lr " + p.learningRate(), accepted + " --lr");
      }
      if (o.cosine() != null && o.cosine() != p.cosine()) {
        throw CommandFailure.usage(
            o.cosine() ? "--cosine" : "--no-cosine",
            null,
            exact + (p.cosine() ? " with" : " without") + " cosine decay",
            accepted + " schedule");
      }
      String announcement =
          String.format(
              Locale.ROOT,
              "resuming %s after epoch %d of %d (an interrupted run, continued exactly)",
              file,
              done,
              planned);
      return new ResumePlan(file, ckpt, saved, planned, false, announcement);
    }
    String nothing =
        "the run has finished its "
            + done
            + (done == 1 ? " epoch" : " epochs")
            + ", so there is nothing to train";
    String more = "give --epochs N with N > " + done + " to extend the run to N epochs";
    if (o.epochs() == null) {
      throw CommandFailure.usage(OPTION, file, nothing, more);
    }
    if (o.epochs() <= done) {
      throw CommandFailure.usage("--epochs", o.epochs(), file + ": " + nothing, more);
    }
    double lr = o.learningRate() != null ? o.learningRate() : p.learningRate();
    boolean cosine = o.cosine() != null ? o.cosine() : p.cosine();
    TrainSettings extended = saved.extended(done, o.epochs(), lr, cosine);
    List<String> changed = new ArrayList<>();
    if (lr != p.learningRate()) {
      changed.add("--lr " + lr + " replaces " + p.learningRate());
    }
    if (cosine != p.cosine()) {
      changed.add((cosine ? "--cosine" : "--no-cosine") + " replaces the run's schedule");
    }
    int added = o.epochs() - done;
    String announcement =
        String.format(
            Locale.ROOT,
            "extending %s from %d to %d epochs: the added %d start a new cycle at lr %s%s, the"
                + " weights and the optimizer's state carry on%s",
            file,
            done,
            o.epochs(),
            added,
            lr,
            cosine ? " decayed along a cosine over them (a warm restart)" : ", constant",
            changed.isEmpty() ? "" : " (" + String.join("; ", changed) + ")");
    return new ResumePlan(file, ckpt, extended, o.epochs(), true, announcement);
  }

  private static void refuse(String option, Object given, Object saved, Path file)
      throws CommandFailure {
    if (given != null && !Objects.equals(given, saved)) {
      throw CommandFailure.usage(
          option,
          given,
          file
              + " holds a run with "
              + option.substring(2)
              + " "
              + saved
              + ", which --resume keeps",
          "drop " + option + ", or start a new run with another --out");
    }
  }

  private static String join(List<Integer> sizes) {
    return String.join(",", sizes.stream().map(String::valueOf).toList());
  }
}
