package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.util.Directories;
import dev.ccbackend.migrator.util.FileOwnership;
import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code db prepare}: the expensive half of an online upgrade, while cc-backend keeps running. A
 * consistent copy of the live SQLite database ({@code VACUUM INTO}, a read transaction: cc-backend
 * goes on writing its WAL) is kept as the pristine base the cutover compares with, and a second
 * copy is migrated to the target. Disk: about twice the database, plus the migration's own room.
 */
public final class DatabasePrepare {
    /**
     * @param extraDiskBytes what the base and the prepared file take beside the database
     */
    /** {@code reused}: an earlier prepare for the same target was found and kept (its counts are not repeated: 0). */
    public record Result(String database, String prepared, String base, int from, int to, long jobs, long extraDiskBytes,
                         long durationMs, boolean reused) {
    }

    /** What the cutover needs to know about the prepare, kept beside the prepared file. */
    record Record(String source, String base, int from, int to, List<String> mapState) {
        static Path file(Path prepared) {
            return prepared.resolveSibling(prepared.getFileName() + ".prepared.json");
        }

        static Record read(Path prepared) {
            Path file = file(prepared);
            try {
                return Json.MAPPER.readValue(Files.readString(file), Record.class);
            } catch (IOException e) {
                throw new MigrationRefusedException(prepared + " was not made by `cc-migrator db prepare` ("
                        + (e instanceof java.nio.file.NoSuchFileException ? "there is no " + file : "cannot read " + file + ": "
                        + e.getMessage()) + "): prepare again; nothing was changed", e);
            }
        }

        /** {@link #read}, refused unless it was prepared from {@code db}. */
        static Record readFor(Path prepared, Path db) {
            Record record = read(prepared);
            if (!record.source().equals(db.toString())) {
                throw new MigrationRefusedException(prepared + " was prepared from " + record.source() + ", not " + db
                        + "; nothing was changed");
            }
            return record;
        }
    }

    private DatabasePrepare() {
    }

    /** Whether a finished prepare is waiting at {@code prepared} for its cutover. */
    public static boolean isPrepared(Path prepared) {
        return Files.isRegularFile(Record.file(prepared.toAbsolutePath().normalize())) && Files.isRegularFile(prepared);
    }

    /** Whether the prepare waiting at {@code prepared} is for this target and state mapping. */
    public static boolean isPreparedFor(Path prepared, int toVersion, List<String> mapState) {
        Record record = Record.read(prepared.toAbsolutePath().normalize());
        return record.to() == toVersion && record.mapState().equals(mapState);
    }

    public static Path baseOf(Path prepared) {
        return prepared.resolveSibling(prepared.getFileName() + ".base");
    }

    /** What lies beside a prepared database until its switch removes it: the base, a catch-up's copies, the applied keys. */
    static List<Path> companions(Path prepared) {
        return List.of(baseOf(prepared), DatabaseCatchUp.nextBaseOf(prepared), DatabaseCatchUp.partialOf(prepared),
                DatabaseCutover.appliedOf(prepared));
    }

    /**
     * @param reuse keep a finished prepare of this database for this target and mapping (an operator's retry), and
     *              remove an unfinished one (a killed prepare) to start over
     */
    public static Result prepare(DbTarget live, Path prepared, int toVersion, StateMapping states, boolean reuse) {
        long start = System.nanoTime();
        if (live.driver() != Driver.SQLITE3) {
            throw new MigrationRefusedException("an online upgrade needs a SQLite database; a MariaDB database is converted"
                    + " offline (`cc-migrator db convert`, or `upgrade` without --online); nothing was changed");
        }
        Path output = prepared.toAbsolutePath().normalize();
        try (PreparedLock lock = PreparedLock.acquire(output)) {
            return prepareLocked(live, output, toVersion, states, reuse, start);
        }
    }

    private static Result prepareLocked(DbTarget live, Path output, int toVersion, StateMapping states, boolean reuse, long start) {
        Path db = live.sqlitePath();
        Path base = baseOf(output);
        if (!Files.isRegularFile(db)) {
            throw new MigrationRefusedException(db + " does not exist: give cc-backend's database with --db; nothing was changed");
        }
        if (reuse && !isPrepared(output)) {
            // what a killed prepare, or a switched-back cutover, left: a copy without its record or a record without it
            deleteQuietly(output, Record.file(output), output.resolveSibling(output.getFileName() + "-journal"));
            deleteQuietly(companions(output).toArray(Path[]::new));
        }
        if (Files.exists(Record.file(output))) {
            if (reuse && isPrepared(output) && Record.read(output).source().equals(db.toString())
                    && isPreparedFor(output, toVersion, states.specs())) {
                Record r = Record.read(output);
                return new Result(db.toString(), output.toString(), r.base(), r.from(), r.to(), 0, 0, 0, true);
            }
            throw new MigrationRefusedException(output + (reuse ? " is prepared already for another database, target or"
                    + " --map-state: remove it" : " is prepared already: cut over with it, or remove it") + " and what lies"
                    + " beside it (" + output.getFileName() + ".*) to prepare again; nothing was changed");
        }
        for (Path p : java.util.stream.Stream.concat(java.util.stream.Stream.of(output), companions(output).stream()).toList()) {
            if (Files.exists(p)) {
                throw new MigrationRefusedException(p + " exists but is no finished prepare (an interrupted one, or not"
                        + " cc-migrator's): remove it and run again; nothing was changed");
            }
        }
        if (!Directories.sameFilesystem(db.getParent(), output.getParent())) {
            throw new MigrationRefusedException("--output " + output + " is on another filesystem than " + db + ": the cutover"
                    + " switches by renaming, so give a path beside the database; nothing was changed");
        }
        DbInspection now = DatabaseInspector.inspect(live);
        if (now.version() >= toVersion) {
            throw new MigrationRefusedException("the database is at schema " + now.version() + " already: nothing to prepare"
                    + " for schema " + toVersion);
        }
        long size = DatabaseInspector.sqliteSize(db);
        double factor = SqliteFileChecks.spaceFactor(now.version(), toVersion);
        SqliteFileChecks.checkFreeSpace(output, size, SqliteFileChecks.usableSpace(output), 1 + factor);
        try {
            snapshot(live, base);
            Files.copy(base, output);
            MigrationResult migrated = DatabaseMigrator.migrate(new DatabaseMigrator.Request(
                    DbTarget.parse(Driver.SQLITE3, output.toString()), toVersion, states, true, false));
            Files.writeString(Record.file(output), Json.pretty(new Record(db.toString(), base.toString(), migrated.from(),
                    toVersion, states.specs())));
            for (Path p : List.of(base, output, Record.file(output))) {
                FileOwnership.copy(db, p); // cc-backend's files, like the database they stand for
            }
            return new Result(db.toString(), output.toString(), base.toString(), migrated.from(), toVersion,
                    migrated.rowsAfter().getOrDefault("job", 0L), DatabaseInspector.sqliteSize(base)
                    + DatabaseInspector.sqliteSize(output), (System.nanoTime() - start) / 1_000_000, false);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(output, base, Record.file(output));
            if (e instanceof MigrationRefusedException refused) {
                throw refused;
            }
            throw new MigrationRefusedException("preparing " + output + " failed (" + e.getMessage() + "); the database was not"
                    + " changed and the partial copies were removed", e);
        }
    }

    /** A consistent copy of a database that may be written meanwhile: one read transaction, no lock on writers in WAL mode. */
    static void snapshot(DbTarget live, Path copy) {
        try (Connection c = live.openForReading(); Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            if (SqliteFileChecks.isCorrupt(e)) {
                throw SqliteFileChecks.corrupt(live.sqlitePath(), e);
            }
            throw new MigrationRefusedException("cannot copy " + live.sqlitePath() + ": " + e.getMessage()
                    + "; nothing was changed", e);
        }
    }

    static void deleteQuietly(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
                Files.deleteIfExists(Path.of(p + "-wal"));
                Files.deleteIfExists(Path.of(p + "-shm"));
            } catch (IOException e) {
                // best effort: the message names the files
            }
        }
    }
}
