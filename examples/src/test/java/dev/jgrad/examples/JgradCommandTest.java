package dev.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The jgrad command line's help and the errors picocli finds while parsing. */
class JgradCommandTest {
  @Test
  void wrongArgumentsGiveOneLineAndExitCode2() {
    String epochs = Cli.train("--epochs", "many").usageError();
    assertTrue(epochs.contains("--epochs") && epochs.contains("many"), epochs);
    Cli.train("--optimizer", "lbfgs").usageError();
    String fly = Cli.jgrad("fly").usageError();
    assertTrue(
        fly.startsWith("jgrad: unknown command 'fly'; the commands are train, eval, plot"), fly);
    assertTrue(Cli.train("--epochs", "0").usageError().contains("--epochs"));
    String threads = Cli.train("--threads", "0").usageError();
    assertTrue(
        threads.startsWith("train: Invalid value for option '--threads': expected 1 to 64"),
        threads);
  }

  @Test
  void unknownChoicesNameTheOptionTheValueAndWhatIsAccepted() {
    String network = Cli.train("--network", "SEED999").usageError();
    assertTrue(
        network.contains("--network") && network.contains("SEED999") && network.contains("SEED004"),
        network);
    String optimizer = Cli.train("--optimizer", "lbfgs").usageError();
    assertTrue(optimizer.contains("lbfgs") && optimizer.contains("ADAM"), optimizer);
    String dtype = Cli.train("--dtype", "INT32").usageError();
    assertTrue(dtype.contains("--dtype") && dtype.contains("FLOAT64"), dtype);
    for (String line : new String[] {network, optimizer, dtype}) {
      assertFalse(line.contains("No enum constant"), line);
    }
  }

  @Test
  void helpListsEveryOptionWithoutFormatWarnings() {
    Cli.Result help = Cli.jgrad("--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains(">= 97.5 % test accuracy"), help.out());
    assertTrue(help.out().contains("Exit codes: 0 done"), help.out());
    assertEquals("", help.err());
    Cli.Result trainHelp = Cli.train("--help");
    assertEquals(0, trainHelp.code());
    assertTrue(trainHelp.out().contains("--threads=N"), trainHelp.out());
    assertTrue(trainHelp.out().contains("--force"), trainHelp.out());
  }

  @Test
  void noCommandPrintsTheHelpAndExits2() {
    Cli.Result none = Cli.jgrad();
    assertEquals(Commands.USAGE_ERROR, none.code());
    assertTrue(none.err().startsWith("Usage: jgrad"), none.err());
    assertTrue(none.err().contains("train") && none.err().contains("eval"), none.err());
    assertEquals("", none.out());
  }

  @Test
  void seedMainsTakeTheirDefaultsFromTheSeedsPreset() {
    Cli.Result help = Cli.run(out -> new RegularizedMlp(), "--help");
    assertEquals(0, help.code());
    Preset seed001 = Preset.named(Preset.Name.SEED001);
    assertTrue(help.out().contains("(default: " + seed001.epochs() + ")"), help.out());
    assertTrue(help.out().contains("(default: " + seed001.weightDecay() + ")"), help.out());
  }
}
