package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
            throw new MigrationRefusedException(FileOwnership.notWritable(db) + ", then run again; nothing was changed");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new MigrationRefusedException("directory " + dir + " does not exist: create it or fix --db");
        }
        if (!Files.isWritable(dir) || lacksOwnerWrite(dir)) {
            throw new MigrationRefusedException("SQLite needs the database's directory for its journal: "
                    + FileOwnership.notWritable(dir) + ", then run again; nothing was changed");
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
     * of twice (WAL, then checkpoint) and needs far less disk. Leaving WAL is recorded in a file beside
     * the database first, so that a run killed before {@link #restoreWal} is repaired by the next one.
     * @return the journal mode the file had, to restore with {@link #restoreWal} afterwards
     */
    static String claimForMigration(DbTarget target) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(0);
        try (Connection c = config.createConnection(target.jdbcUrl()); Statement s = c.createStatement()) {
            String mode = journalMode(s, "PRAGMA journal_mode");
            if (mode.equalsIgnoreCase("wal")) {
                writeWalMarker(target.sqlitePath());
                String now;
                try {
                    now = journalMode(s, "PRAGMA journal_mode=DELETE");
                } catch (SQLException busy) {
                    Files.deleteIfExists(walMarker(target.sqlitePath())); // still WAL: nothing to restore later
                    throw busy;
                }
                if (now.equalsIgnoreCase("wal")) {
                    Files.deleteIfExists(walMarker(target.sqlitePath()));
                    throw inUse(target, null);
                }
            }
            s.execute("BEGIN EXCLUSIVE");
            s.execute("ROLLBACK");
            return mode;
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("SQLITE_BUSY") || String.valueOf(e.getMessage()).contains("locked")) {
                throw inUse(target, e);
            }
            throw cannotOpen(target.sqlitePath(), e);
        } catch (IOException e) {
            throw new MigrationRefusedException("cannot write " + walMarker(target.sqlitePath()) + " (" + e.getMessage()
                    + "): " + FileOwnership.notWritable(target.sqlitePath().toAbsolutePath().getParent())
                    + ", then run again; nothing was changed", e);
        }
    }

    /** Back to WAL, as cc-backend had it. Best effort: rollback-journal mode is just as valid for cc-backend. */
    static void restoreWal(DbTarget target) {
        try (Connection c = new SQLiteConfig().createConnection(target.jdbcUrl()); Statement s = c.createStatement()) {
            if (journalMode(s, "PRAGMA journal_mode=WAL").equalsIgnoreCase("wal")) {
                Files.deleteIfExists(walMarker(target.sqlitePath()));
            }
        } catch (SQLException | IOException e) {
            // The database is complete either way; the marker stays, and the next run restores WAL.
        }
    }

    /**
     * A run killed between leaving WAL and restoring it left the file in rollback-journal mode, where an idle
     * cc-backend would no longer be detected: put WAL back before anything else.
     */
    static void restoreInterruptedWal(DbTarget target) {
        if (Files.exists(walMarker(target.sqlitePath()))) {
            restoreWal(target);
        }
    }

    /** The file that records that the database was in WAL mode before a run switched it off. */
    static Path walMarker(Path db) {
        return db.resolveSibling(db.getFileName() + ".cc-migrator-wal");
    }

    private static void writeWalMarker(Path db) throws IOException {
        Path marker = walMarker(db);
        Files.write(marker, ("journal_mode was WAL before cc-migrator (pid " + ProcessHandle.current().pid()
                + ") switched it off for a migration; the next run restores it\n").getBytes(StandardCharsets.UTF_8));
        FileOwnership.applyToNew(FileOwnership.forNewFileIn(db.toAbsolutePath().getParent()), marker, false);
    }

    /** A file SQLite cannot open: corrupt, not a database, or not readable. */
    static MigrationRefusedException cannotOpen(Path db, SQLException e) {
        if (isCorrupt(e)) {
            return corrupt(db, e);
        }
        return new MigrationRefusedException("cannot open " + db + ": " + e.getMessage()
                + " (check the path and its permissions); nothing was changed", e);
    }

    /** SQLITE_CORRUPT or SQLITE_NOTADB anywhere in the chain. */
    static boolean isCorrupt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("SQLITE_CORRUPT") || m.contains("SQLITE_NOTADB")) {
                return true;
            }
        }
        return false;
    }

    static MigrationRefusedException corrupt(Path db, Throwable e) {
        return new MigrationRefusedException("the source database " + db + " is corrupt (" + firstLine(e)
                + "): restore it from the backup or snapshot taken before the upgrade, then run again;"
                + " migrating it would carry the damage over; nothing was changed", e);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int paren = m.indexOf(" (");
        return (paren > 0 ? m.substring(0, paren) : m).replace('\n', ' ');
    }

    private static String journalMode(Statement s, String pragma) throws SQLException {
        try (ResultSet rs = s.executeQuery(pragma)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static MigrationRefusedException inUse(DbTarget target, Throwable cause) {
        return new DatabaseInUseException(target.sqlitePath() + " is in use by another process (is cc-backend still"
                + " running?): stop it first, e.g. kubectl scale deployment/cc-backend --replicas=0; nothing was changed", cause);
    }

    /**
     * How much free space, relative to the database, a run needs: crossing schema 8 rebuilds job and
     * goes from 8 to dozens of indexes (the file about triples); other steps rewrite about the database once.
     */
    static double spaceFactor(int from, int to) {
        return from < 8 && to >= 8 ? 3.0 : 1.5;
    }

    /** Refuses when the file system has less usable space than a rebuild or a copy needs. */
    static void checkFreeSpace(Path db, long databaseBytes, long usableBytes, double factor) {
        long needed = (long) (databaseBytes * factor);
        if (usableBytes < needed) {
            throw new MigrationRefusedException("not enough free disk: " + usableBytes / (1024 * 1024)
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
