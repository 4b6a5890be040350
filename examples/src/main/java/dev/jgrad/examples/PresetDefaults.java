package dev.jgrad.examples;

import java.util.stream.Collectors;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives a seed main's options the seed's settings as defaults ({@code --epochs}, {@code --lr},
 * {@code --batch-size}, {@code --hidden}, {@code --l2}), so each value is written once, in {@link
 * Preset}; {@code --help} shows them as {@code ${DEFAULT-VALUE}}.
 */
final class PresetDefaults implements IDefaultValueProvider {
  private final Preset preset;

  PresetDefaults(Preset preset) {
    this.preset = preset;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    return switch (option.longestName()) {
      case "--epochs" -> Integer.toString(preset.epochs());
      case "--lr" -> Double.toString(preset.learningRate());
      case "--batch-size" -> Integer.toString(preset.batchSize());
      case "--hidden" ->
          preset.hidden().stream().map(String::valueOf).collect(Collectors.joining(","));
      case "--l2" -> Double.toString(preset.weightDecay());
      default -> null;
    };
  }
}
