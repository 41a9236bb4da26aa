package dev.ccbackend.migrator.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Refusals that protect a SQLite file before anything is written to it. */
final class SqliteFileChecks {
    private SqliteFileChecks() {
    }

    /** The file and its directory (journal, -wal, -shm live there) must be writable. */
    static void checkWritable(Path db) {
        Path dir = db.toAbsolutePath().getParent();
        if (Files.exists(db) && (!Files.isWritable(db) || lacksOwnerWrite(db))) {
            throw new MigrationRefusedException(db + " is read-only: make it writable (chmod u+w, or mount the volume"
                    + " read-write) and run again; nothing was changed");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new MigrationRefusedException("directory " + dir + " does not exist: create it or fix --db");
        }
        if (!Files.isWritable(dir) || lacksOwnerWrite(dir)) {
            throw new MigrationRefusedException("directory " + dir + " is read-only, and SQLite needs it for its journal:"
                    + " make it writable and run again; nothing was changed");
        }
    }

    /** Root may write anything; a cleared write bit still says "do not touch", so honour it. */
    private static boolean lacksOwnerWrite(Path p) {
        try {
            return !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    /**
     * Refuses a file cc-backend (or anyone) holds, and leaves it in rollback-journal mode for the
     * migration. In WAL mode, which cc-backend uses, every open connection blocks leaving WAL, so
     * this detects even an idle server. Rollback-journal mode also writes the rebuild once instead
     * of twice (WAL, then checkpoint) and needs far less disk.
     * @return the journal mode the file had, to restore with {@link #restoreWal} afterwards
     */
    static String claimForMigration(DbTarget target) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(0);
        try (Connection c = config.createConnection(target.jdbcUrl()); Statement s = c.createStatement()) {
            String mode = journalMode(s, "PRAGMA journal_mode");
            if (mode.equalsIgnoreCase("wal") && journalMode(s, "PRAGMA journal_mode=DELETE").equalsIgnoreCase("wal")) {
                throw inUse(target, null);
            }
            s.execute("BEGIN EXCLUSIVE");
            s.execute("ROLLBACK");
            return mode;
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY") || String.valueOf(e.getMessage()).contains("locked")) {
                throw inUse(target, e);
            }
            throw new MigrationRefusedException("cannot open " + target.sqlitePath() + ": " + e.getMessage()
                    + " (check the path and its permissions); nothing was changed", e);
        }
    }

    /** Back to WAL, as cc-backend had it. Best effort: rollback-journal mode is just as valid for cc-backend. */
    static void restoreWal(DbTarget target) {
        try (Connection c = new SQLiteConfig().createConnection(target.jdbcUrl()); Statement s = c.createStatement()) {
            journalMode(s, "PRAGMA journal_mode=WAL");
        } catch (SQLException e) {
            // The database is complete either way; cc-backend switches to WAL again when it opens it.
        }
    }

    private static String journalMode(Statement s, String pragma) throws SQLException {
        try (ResultSet rs = s.executeQuery(pragma)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static MigrationRefusedException inUse(DbTarget target, Throwable cause) {
        return new MigrationRefusedException(target.sqlitePath() + " is in use by another process (is cc-backend still"
                + " running?): stop it first, e.g. kubectl scale deployment/cc-backend --replicas=0; nothing was changed", cause);
    }

    /**
     * How much free space, relative to the database, a run needs: crossing schema 8 rebuilds job and
     * goes from 8 to dozens of indexes (the file about triples); other steps rewrite about the database once.
     */
    static double spaceFactor(int from, int to) {
        return from < 8 && to >= 8 ? 3.0 : 1.5;
    }

    /** Refuses when the file system has less usable space than the rebuild needs. */
    static void checkFreeSpace(Path db, long databaseBytes, long usableBytes, double factor) {
        long needed = (long) (databaseBytes * factor);
        if (usableBytes < needed) {
            throw new MigrationRefusedException("not enough free disk for the rebuild: " + usableBytes / (1024 * 1024)
                    + " MiB free next to " + db + ", " + needed / (1024 * 1024) + " MiB needed (" + factor
                    + " x the database size); free space or enlarge the volume; nothing was changed");
        }
    }

    static long usableSpace(Path db) {
        try {
            return Files.getFileStore(db.toAbsolutePath().getParent()).getUsableSpace();
        } catch (IOException e) {
            throw new MigrationRefusedException("cannot read free space next to " + db + ": " + e.getMessage(), e);
        }
    }
}
