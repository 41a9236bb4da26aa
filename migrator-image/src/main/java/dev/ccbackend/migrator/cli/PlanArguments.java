package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.plan.InstallationPlanner;
import dev.ccbackend.migrator.plan.PlanOptions;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code plan} and {@code upgrade} share: what is installed and where it should go. */
public class PlanArguments {

    @Option(names = "--driver", required = true, paramLabel = "sqlite3|mysql", description = "The database driver (cc-backend's db-driver).")
    String driver;

    @Option(names = "--db", required = true, paramLabel = "DSN",
            description = "SQLite file, MariaDB DSN user:pass@tcp(host:3306)/db, or env:VAR naming an environment variable that holds it.")
    String db;

    @Option(names = "--archive", required = true, paramLabel = "DIR", description = "The job archive root (holding version.txt).")
    Path archive;

    @Option(names = "--config", paramLabel = "FILE", description = "cc-backend's config.json (checked, converted by upgrade).")
    Path config;

    @Option(names = "--env-file", paramLabel = "FILE", description = "The .env cc-backend reads (v1.5 refuses to start without one).")
    Path envFile;

    @Option(names = "--to-release", required = true, paramLabel = "vX.Y.Z", description = "The cc-backend release to upgrade to.")
    String toRelease;

    @Option(names = "--target-db-version", paramLabel = "N", description = "DB schema of a release newer than the catalog ('SQL db version' of cc-backend -version).")
    Integer targetDbVersion;

    @Option(names = "--target-archive-version", paramLabel = "N", description = "Archive version of a release newer than the catalog ('Job archive version').")
    Integer targetArchiveVersion;

    @Option(names = "--map-state", paramLabel = "OLD=NEW", description = "Rewrite a job state the target no longer accepts, e.g. stopped=completed.")
    Map<String, String> mapState;

    @Option(names = "--sqlite-out", paramLabel = "PATH", description = "For MariaDB: convert the database into this new SQLite file (needed for v1.5+).")
    String sqliteOut;

    InstallationPlanner.Request request() {
        try {
            PlanOptions.checkMapState(mapState == null ? Map.of() : mapState);
            return new InstallationPlanner.Request(Driver.fromConfigName(driver), db, archive, config, envFile, toRelease,
                    targetDbVersion, targetArchiveVersion, mapState == null ? Map.of() : mapState, sqliteOut);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }
}
