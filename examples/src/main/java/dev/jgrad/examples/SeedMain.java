package dev.jgrad.examples;

/** The main of a seed's hand-written twin, whose options default to the seed's {@link Preset}. */
interface SeedMain {
  /**
   * Returns the seed whose settings are the defaults.
   *
   * @return the preset's name
   */
  Preset.Name seed();
}
