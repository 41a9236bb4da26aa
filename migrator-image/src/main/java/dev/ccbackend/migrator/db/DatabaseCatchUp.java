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
 * the next copy, and applying the difference again is idempotent. Whoever finds a next copy (the next catch-up, the
 * cutover) first finishes that round ({@link #finishPending}).
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
        Path db = live.sqlitePath();
        Path output = prepared.toAbsolutePath().normalize();
        DatabasePrepare.Record record = DatabasePrepare.Record.read(output);
        if (!record.source().equals(db.toString())) {
            throw new MigrationRefusedException(output + " was prepared from " + record.source() + ", not " + db
                    + "; nothing was changed");
        }
        if (Files.exists(DatabaseCutover.switchFile(db))) {
            throw new MigrationRefusedException("a cutover of " + db + " was interrupted (" + DatabaseCutover.switchFile(db)
                    + " exists): run the cutover again to finish it; nothing was changed");
        }
        finishPending(output, record);
        Path partial = partialOf(output);
        DatabasePrepare.deleteQuietly(partial); // what a killed catch-up's copy left
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
                    + " and the prepared copy were not changed", e);
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
        DatabaseCutover.check(target, DbTarget.parse(Driver.SQLITE3, next.toString()), record.to());
        try {
            Files.move(next, Path.of(record.base()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MigrationRefusedException("cannot make " + next + " the base of " + prepared + " (" + e.getMessage()
                    + "); the database was not changed: run the catch-up again", e);
        }
        return Optional.of(changed);
    }
}
