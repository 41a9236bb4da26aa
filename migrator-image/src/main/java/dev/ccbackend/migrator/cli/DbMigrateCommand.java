package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.db.DatabaseMigrator;
import dev.ccbackend.migrator.db.DbTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code db migrate}: step by step (fused where identical) to a shipped schema version. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Migrate the schema to a version some cc-backend release shipped and print a JSON summary.",
                "An empty database (or a missing SQLite file) gets that schema from scratch. Refuses (changing nothing) a dirty database,"
                        + " a downgrade, a SQLite file in use, read-only files, too little disk, and jobs in states"
                        + " the target rejects."})
public class DbMigrateCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static class Target {
        @Option(names = "--to-version", paramLabel = "N", description = "Target schema version (SQLite 4, 6, 7, 8, 10, 11; mysql 6, 7, 8).")
        Integer version;

        @Option(names = "--to-release", paramLabel = "vX.Y.Z", description = "Target cc-backend release; its schema version is used.")
        String release;
    }

    @Mixin
    MapStateOption mapState;

    @Option(names = "--step-by-step", description = "Run one step per shipped version instead of one fused step (slower; same result).")
    boolean stepByStep;

    @Option(names = "--retry-dirty", description = "Repeat the step a failed run left dirty (its statements converge when re-run).")
    boolean retryDirty;

    @Option(names = "--create", description = "Create the database when it is missing or empty (a new installation). "
            + "Without it a missing or empty database is refused: it is most likely a wrong --db.")
    boolean create;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Without a terminal, print a line 'progress {json}' this often while migrating: 'done' counts "
                    + "SQLite's work in thousands of VM steps and moves while a long step runs. Default: ${DEFAULT-VALUE}.")
    double progressInterval;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StateMapping states = mapState.mapping();
        int version;
        try {
            version = target.version != null ? target.version : releaseVersion(target.release);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        if (!create) {
            refuseMissing(connection.target(), connection.dsn, version);
        }
        DatabaseMigrator.Request request = new DatabaseMigrator.Request(connection.target(), version, states, !stepByStep, retryDirty);
        LongAdder work = new LongAdder();
        try (WorkHeartbeat heartbeat = WorkHeartbeat.start(spec.commandLine().getErr(), "database", work,
                Duration.ofMillis(Math.round(progressInterval * 1000)), System.console() == null)) {
            return output.emit(DatabaseMigrator.migrate(request, work), ExitCode.OK);
        }
    }

    /** A database that is not there is a typo far more often than a new installation: never create one silently. */
    private static void refuseMissing(DbTarget target, String dsn, int version) {
        String how = "; to create a new database at schema " + version + " give --create";
        if (target.driver() == Driver.SQLITE3) {
            Path file = target.sqlitePath();
            try {
                if (!Files.exists(file)) {
                    throw new CliException(ExitCode.FAILED, file + " does not exist: check --db (cc-backend's database, "
                            + "e.g. var/job.db)" + how);
                }
                if (Files.size(file) == 0) {
                    throw new CliException(ExitCode.FAILED, file + " is empty (0 bytes), not a cc-backend database: check --db" + how);
                }
            } catch (IOException e) {
                throw new CliException(ExitCode.FAILED, "cannot read " + file + ": " + e.getMessage());
            }
        } else if (DatabaseInspector.inspect(target.driver(), dsn).version() == 0) {
            throw new CliException(ExitCode.FAILED, "the MariaDB database " + target.displayName()
                    + " has no cc-backend schema: check --db (the database name in the DSN)" + how);
        }
    }

    private int releaseVersion(String name) {
        Release release = ReleaseCatalog.require(name);
        if (!release.supports(connection.driver)) {
            throw new IllegalArgumentException("cc-backend " + release.name() + " does not support " + connection.driver
                    + "; the newest release that does is " + ReleaseCatalog.newestSupporting(connection.driver).name()
                    + " (move MariaDB data to SQLite with `cc-migrator db convert`)");
        }
        return release.dbVersion();
    }
}
