package dev.ccbackend.migrator.config;

/**
 * Facts the config alone does not hold.
 *
 * @param newDatabasePath the SQLite file the database is (being) converted into; the config is
 *                        switched to it. Null when the database stays where it is.
 */
public record ConversionOptions(String newDatabasePath) {
    public static final ConversionOptions NONE = new ConversionOptions(null);
}
