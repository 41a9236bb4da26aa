package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.archive.ArchiveInspection;
import dev.ccbackend.migrator.archive.ArchiveInspector;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.config.ConfigConverter;
import dev.ccbackend.migrator.config.ConversionOptions;
import dev.ccbackend.migrator.config.ConversionResult;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.db.DbInspection;
import dev.ccbackend.migrator.util.Directories;
import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Looks at an installation (database, archive, config, .env, free space) without changing it,
 * and hands what it found to the {@link Planner}.
 */
public final class InstallationPlanner {

    /**
     * The command line of {@code plan} and {@code upgrade}.
     *
     * @param db        SQLite path, MariaDB DSN or {@code env:VAR}
     * @param config    config.json, or null
     * @param envFile   the .env cc-backend will read, or null
     * @param sqliteOut where a MariaDB database is converted to, or null
     * @param readOnlyMount the data is mounted read-only on purpose: writability is not checked
     * @param online    plan an online upgrade (prepare beside the data, then cut over)
     */
    public record Request(Driver driver, String db, Path archive, Path config, Path envFile, String toRelease,
                          Integer targetDbVersion, Integer targetArchiveVersion, Map<String, String> mapState, String sqliteOut,
                          boolean readOnlyMount, boolean online) {

        /** The SQLite file the database ends up in after a conversion, else null. */
        public String convertedDatabase() {
            return driver == Driver.MYSQL ? sqliteOut : null;
        }
    }

    private InstallationPlanner() {
    }

    /** @throws IllegalArgumentException for a bad --map-state */
    public static UpgradePlan plan(Request r) {
        PlanTarget target = PlanTarget.resolve(r.toRelease(), r.targetDbVersion(), r.targetArchiveVersion());
        PlanOptions options = new PlanOptions(r.mapState(), r.sqliteOut(), r.sqliteOut() != null && Files.exists(Path.of(r.sqliteOut())),
                r.online());
        DbInspection db = null;
        String dbError = null;
        try {
            db = DatabaseInspector.inspect(r.driver(), r.db());
        } catch (RuntimeException e) {
            dbError = message(e);
        }
        ArchiveInspection archive = null;
        String archiveError = null;
        try {
            archive = ArchiveInspector.inspect(r.archive());
        } catch (RuntimeException e) {
            archiveError = message(e);
        }
        ConversionResult config = null;
        String configError = null;
        if (r.config() != null && target.release() != null) {
            try {
                config = new ConfigConverter().convert(r.config(), target.release().name(), new ConversionOptions(r.convertedDatabase()));
            } catch (RuntimeException e) {
                configError = message(e);
            }
        }
        Path dbDir = databaseDirectory(r);
        Path envFile = envFile(r);
        PlanInputs inputs = new PlanInputs(r.driver(), db, dbError, archive, archiveError,
                r.config() == null ? null : r.config().toString(), config, configError,
                envFile != null ? Boolean.TRUE : r.envFile() != null ? Boolean.FALSE : null, sessionKey(envFile),
                r.readOnlyMount() ? null : writable(dbDir), r.readOnlyMount() ? null : writable(r.archive()));
        return Planner.plan(target, inputs, options, space(dbDir, r.archive()))
                .withOwnership(new UpgradePlan.Ownership(owner(sqliteFile(r)), owner(r.archive())));
    }

    private static Path sqliteFile(Request r) {
        String file = r.driver() == Driver.SQLITE3 ? resolveEnv(r.db()) : null;
        return file == null ? null : Path.of(file);
    }

    private static FileOwnership.Owner owner(Path path) {
        try {
            return path == null || !Files.exists(path) ? null : FileOwnership.of(path);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Where SQLite data is written: the file's directory, or the conversion target's; null for a MariaDB server. */
    private static Path databaseDirectory(Request r) {
        String file = r.convertedDatabase() != null ? r.convertedDatabase() : r.driver() == Driver.SQLITE3 ? resolveEnv(r.db()) : null;
        if (file == null) {
            return null;
        }
        return Path.of(file).toAbsolutePath().getParent();
    }

    private static String resolveEnv(String dsn) {
        return dsn != null && dsn.startsWith("env:") ? System.getenv(dsn.substring(4)) : dsn;
    }

    /** The .env to check: the one given, else one beside the config; null when neither exists. */
    private static Path envFile(Request r) {
        Path candidate = r.envFile() != null ? r.envFile()
                : r.config() != null ? r.config().toAbsolutePath().resolveSibling(".env") : null;
        return candidate != null && Files.isRegularFile(candidate) ? candidate : null;
    }

    private static Boolean sessionKey(Path envFile) {
        try {
            return envFile == null ? null : Files.readAllLines(envFile).stream()
                    .map(String::strip).filter(l -> l.matches("(export\\s+)?SESSION_KEY\\s*=.*"))
                    .map(l -> l.substring(l.indexOf('=') + 1).strip().replaceAll("^[\"']|[\"']$", ""))
                    .anyMatch(v -> !v.isEmpty());
        } catch (IOException e) {
            return null;
        }
    }

    private static Boolean writable(Path dir) {
        return dir != null && Files.isDirectory(dir) ? Files.isWritable(dir) : null;
    }

    private static DiskSpace space(Path dbDir, Path archive) {
        FileStore dbStore = store(dbDir);
        FileStore archiveStore = store(archive);
        return new DiskSpace(free(dbStore), free(archiveStore), dbStore != null && dbStore.equals(archiveStore),
                archive != null && Files.isDirectory(archive) && Directories.isMountPoint(archive));
    }

    /** The filesystem of the nearest existing ancestor (the target directory may not exist yet). */
    private static FileStore store(Path path) {
        Path p = path == null ? null : path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? null : Files.getFileStore(p);
        } catch (IOException e) {
            return null;
        }
    }

    private static Long free(FileStore store) {
        try {
            return store == null ? null : store.getUsableSpace();
        } catch (IOException e) {
            return null;
        }
    }
}
