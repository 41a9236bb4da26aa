package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * {@code db catch-up}, with cc-backend still running: brings a prepared database up to date, so that the cutover
 * (cc-backend stopped) only applies what changed in the last moments. A new consistent copy of the live database
 * ({@code VACUUM INTO}) is taken; what differs between it and the base is applied to the prepared database, through
 * the cutover's own apply and checks; then the new copy becomes the base.
 * <p>
 * Safe to kill at any point: the copy is taken under a temporary name and renamed into {@code <prepared>.base.next}
 * once complete; the apply is one transaction, so the prepared database is the migration of either the base or
 * the next copy (apart from rows an unfinished apply changed, whose keys it keeps: {@link DatabaseCutover#apply}), and
 * applying the difference again is idempotent. Whoever finds a next copy (the next catch-up, the cutover) first
 * finishes that round ({@link #finishPending}). One at a time: {@link PreparedLock}.
 */
public final class DatabaseCatchUp {
    /** @param changed per table, the rows that differed from the base and were applied */
    public record Result(String database, String prepared, Map<String, Long> changed, long durationMs) {
    }

    private DatabaseCatchUp() {
    }

    static Path nextBaseOf(Path prepared) {
        return prepared.resolveSibling(prepared.getFileName() + ".base.next");
    }

    /** Where the next copy is written until it is complete. */
    static Path partialOf(Path prepared) {
        return prepared.resolveSibling(prepared.getFileName() + ".base.partial");
    }

    public static Result catchUp(DbTarget live, Path prepared) {
        long start = System.nanoTime();
        if (live.driver() != Driver.SQLITE3) {
            throw new MigrationRefusedException("only a SQLite database is prepared online, and caught up; nothing was changed");
        }
        Path output = prepared.toAbsolutePath().normalize();
        try (PreparedLock lock = PreparedLock.acquire(output)) {
            return catchUpLocked(live, output, start);
        }
    }

    private static Result catchUpLocked(DbTarget live, Path output, long start) {
        Path db = live.sqlitePath();
        if (Files.exists(DatabaseCutover.switchFile(db))) {
            throw new MigrationRefusedException("a cutover of " + db + " was interrupted (" + DatabaseCutover.switchFile(db)
                    + " exists): stop cc-backend and run the cutover again to finish it; nothing was changed");
        }
        DatabasePrepare.Record record = DatabasePrepare.Record.readFor(output, db);
        Path partial = partialOf(output);
        DatabasePrepare.deleteQuietly(partial); // what a killed catch-up's copy left
        SqliteFileChecks.checkFreeSpace(output, DatabaseInspector.sqliteSize(db), SqliteFileChecks.usableSpace(output), 1);
        finishPending(output, record);
        try {
            DatabasePrepare.snapshot(live, partial);
            FileOwnership.copy(db, partial);
            Files.move(partial, nextBaseOf(output), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            DatabasePrepare.deleteQuietly(partial);
            if (e instanceof MigrationRefusedException refused) {
                throw refused;
            }
            throw new MigrationRefusedException("copying " + db + " to catch up failed (" + e.getMessage() + "); the database"
                    + " was not changed", e);
        }
        Map<String, Long> changed = finishPending(output, record).orElseThrow();
        return new Result(db.toString(), output.toString(), changed, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Finishes a round whose copy is complete: applies what differs between it and the base to the prepared database,
     * checks the result against it, and makes it the base. @return the rows applied per table, or empty: no round pending
     */
    static Optional<Map<String, Long>> finishPending(Path prepared, DatabasePrepare.Record record) {
        Path next = nextBaseOf(prepared);
        if (!Files.exists(next)) {
            return Optional.empty();
        }
        DbTarget target = DbTarget.parse(Driver.SQLITE3, prepared.toString());
        Map<String, Long> changed = DatabaseCutover.apply(target, next, Path.of(record.base()), record);
        try {
            DatabaseCutover.check(target, DbTarget.parse(Driver.SQLITE3, next.toString()), record.to());
        } catch (MigrationRefusedException e) {
            throw new MigrationRefusedException("after catching up, " + prepared + " does not match the copy it caught up with ("
                    + e.getMessage() + "): remove " + prepared + " and what lies beside it (" + prepared.getFileName()
                    + ".*), then prepare again", e);
        }
        try {
            Files.move(next, Path.of(record.base()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MigrationRefusedException("cannot make " + next + " the base of " + prepared + " (" + e.getMessage()
                    + "); the database was not changed: run the catch-up or the cutover again", e);
        }
        DatabasePrepare.deleteQuietly(DatabaseCutover.appliedOf(prepared)); // the base has them now
        return Optional.of(changed);
    }
}
