package dev.jgrad.nn;

import java.util.List;

/**
 * The keys that {@link Module#loadStateDict(java.util.Map, boolean)} could not match, as PyTorch's
 * {@code load_state_dict} returns them.
 *
 * @param missingKeys keys the module expects but the state dict lacks, in the module's order
 * @param unexpectedKeys keys in the state dict that the module does not have, in the map's order
 */
public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
  /**
   * Creates the record; the lists are copied.
   *
   * @param missingKeys the keys the module expects but the state dict lacks; copied
   * @param unexpectedKeys the keys in the state dict that the module does not have; copied
   */
  public IncompatibleKeys {
    missingKeys = List.copyOf(missingKeys);
    unexpectedKeys = List.copyOf(unexpectedKeys);
  }

  /**
   * Returns whether every key matched.
   *
   * @return true when both lists are empty
   */
  public boolean isEmpty() {
    return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
  }
}
