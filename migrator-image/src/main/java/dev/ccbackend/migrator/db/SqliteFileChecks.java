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
    /** Room for the rebuilt job table and its indexes next to the old ones, plus the journal. */
    static final double SPACE_FACTOR = 1.1;

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
     * cc-backend (or anyone) holding the file. In WAL mode, which cc-backend uses, every open
     * connection blocks leaving WAL, so trying that without waiting detects even an idle server.
     */
    static void checkNotInUse(DbTarget target) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(0);
        try (Connection c = config.createConnection(target.jdbcUrl()); Statement s = c.createStatement()) {
            String mode;
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                mode = rs.next() ? rs.getString(1) : "";
            }
            if (mode.equalsIgnoreCase("wal")) {
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=DELETE")) {
                    if (!rs.next() || rs.getString(1).equalsIgnoreCase("wal")) {
                        throw inUse(target, null);
                    }
                }
                s.executeQuery("PRAGMA journal_mode=WAL").close();
            }
            s.execute("BEGIN EXCLUSIVE");
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY") || String.valueOf(e.getMessage()).contains("locked")) {
                throw inUse(target, e);
            }
            throw new MigrationRefusedException("cannot open " + target.sqlitePath() + ": " + e.getMessage(), e);
        }
    }

    private static MigrationRefusedException inUse(DbTarget target, Throwable cause) {
        return new MigrationRefusedException(target.sqlitePath() + " is in use by another process (is cc-backend still"
                + " running?): stop it first, e.g. kubectl scale deployment/cc-backend --replicas=0; nothing was changed", cause);
    }

    /** Refuses when the file system has less usable space than the rebuild needs. */
    static void checkFreeSpace(Path db, long databaseBytes, long usableBytes) {
        long needed = (long) (databaseBytes * SPACE_FACTOR);
        if (usableBytes < needed) {
            throw new MigrationRefusedException("not enough free disk for the rebuild: " + usableBytes / (1024 * 1024)
                    + " MiB free next to " + db + ", " + needed / (1024 * 1024) + " MiB needed (about the database size);"
                    + " free space or enlarge the volume; nothing was changed");
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
