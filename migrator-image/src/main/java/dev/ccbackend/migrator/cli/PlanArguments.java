package dev.ccbackend.migrator.cli;

import dev.ccbackend.migrator.plan.InstallationPlanner;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Mixin: the options {@code plan} and {@code upgrade} share: what is installed and where it should go. */
public class PlanArguments {

    @Mixin
    ConnectionOptions connection;

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

    @Mixin
    MapStateOption mapState;

    @Option(names = "--sqlite-out", paramLabel = "PATH", description = "For MariaDB: convert the database into this new SQLite file (needed for v1.5+).")
    String sqliteOut;

    @Option(names = "--read-only-mount", description = "The data is mounted read-only for planning (as the operator's plan Job does): "
            + "do not check whether it is writable; the owners are reported instead.")
    boolean readOnlyMount;

    /** @throws CliException (usage) for a bad --map-state */
    InstallationPlanner.Request request(boolean online) {
        return new InstallationPlanner.Request(connection.driver, connection.dsn, archive, config, envFile, toRelease,
                targetDbVersion, targetArchiveVersion, mapState.mapping().replacements(), sqliteOut, readOnlyMount, online);
    }
}
