package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.archive.ArchiveInspection;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.config.ConversionResult;
import dev.ccbackend.migrator.db.DbInspection;

/**
 * What was found on disk. Each inspection is either there or replaced by the error that stopped it.
 *
 * @param driver           the database's driver
 * @param database         the database inspection (null when it failed)
 * @param databaseError    why it failed
 * @param archive          the archive inspection (null when it failed)
 * @param archiveError     why it failed
 * @param configPath       the config given (null when none)
 * @param config           a dry-run conversion of it to the target (null when none or unreadable)
 * @param configError      why it could not be read
 * @param envFilePresent   whether the {@code .env} given exists; null when none was given
 * @param envSessionKey    whether that .env sets SESSION_KEY; null when unknown
 * @param databaseWritable whether the database (or the directory the SQLite file goes to) can be written; null = unknown
 * @param archiveWritable  whether the archive root can be written; null = unknown
 */
public record PlanInputs(Driver driver,
                         DbInspection database, String databaseError,
                         ArchiveInspection archive, String archiveError,
                         String configPath, ConversionResult config, String configError,
                         Boolean envFilePresent, Boolean envSessionKey, Boolean databaseWritable, Boolean archiveWritable) {
}
