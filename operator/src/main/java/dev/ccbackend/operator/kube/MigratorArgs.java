package dev.ccbackend.operator.kube;

import dev.ccbackend.migrator.plan.StepArguments;
import dev.ccbackend.operator.api.CcBackendUpgradeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** cc-migrator command lines for the Jobs: the operator's half of the CLI contract, in one place. */
public final class MigratorArgs {
    public static final String RESULT_FILE = "/dev/termination-log";

    private final CcBackendUpgradeSpec spec;
    private final DataVolumes data;

    public MigratorArgs(CcBackendUpgradeSpec spec) {
        this.spec = spec;
        this.data = new DataVolumes(spec);
    }

    /** {@code plan}: inspects database, archive and config against the target release, for the attempt's strategy. */
    public List<String> plan(boolean online) {
        return plan(spec.targetDbVersion, spec.targetArchiveVersion, online);
    }

    /** {@code plan} with the target's versions given (from the spec or a probe of the image). */
    public List<String> plan(Integer targetDbVersion, Integer targetArchiveVersion, boolean online) {
        List<String> args = plan(spec.database.driver.configName(), data.databaseArg(),
                spec.database.convertsToSqlite() ? data.convertedDatabaseArg() : null, targetDbVersion, targetArchiveVersion);
        if (online) {
            args.add(args.size() - 2, "--online"); // before --result-file
        }
        return args;
    }

    /** {@code plan} of what cc-backend will run on: after a conversion, the new SQLite file. */
    public List<String> checkVersions(Integer targetDbVersion, Integer targetArchiveVersion) {
        return spec.database.convertsToSqlite()
                ? plan("sqlite3", data.convertedDatabaseArg(), null, targetDbVersion, targetArchiveVersion)
                : plan(targetDbVersion, targetArchiveVersion, false);
    }

    /** {@code db inspect} of what cc-backend runs on (after a conversion, the new SQLite file): the smoke test's job count. */
    public List<String> inspectDatabase() {
        boolean converted = spec.database.convertsToSqlite();
        return withResultFile(new ArrayList<>(List.of("db", "inspect", "--driver", converted ? "sqlite3" : spec.database.driver.configName(),
                "--db", converted ? data.convertedDatabaseArg() : data.databaseArg())));
    }

    /** {@code db convert}: MariaDB (DSN from the env, only read unless migrateSource) into the new SQLite file. */
    public List<String> convertDatabase(boolean migrateSource) {
        List<String> args = new ArrayList<>(List.of("db", "convert", "--from-driver", "mysql", "--from", data.databaseArg(),
                "--to", data.convertedDatabaseArg()));
        if (migrateSource) {
            args.add("--migrate-source");
        }
        return withResultFile(args);
    }

    private List<String> plan(String driver, String db, String sqliteOut, Integer targetDbVersion, Integer targetArchiveVersion) {
        List<String> args = new ArrayList<>(List.of("plan", "--driver", driver,
                "--db", db, "--archive", data.archiveArg(), "--config", data.configArg(),
                "--to-release", spec.version,
                // the plan and check Jobs mount the data read-only: writability is the migration Jobs' uid's, decided from the owners
                "--read-only-mount"));
        if (sqliteOut != null) {
            args.addAll(List.of("--sqlite-out", sqliteOut));
        }
        if (targetDbVersion != null) {
            args.addAll(List.of("--target-db-version", targetDbVersion.toString()));
        }
        if (targetArchiveVersion != null) {
            args.addAll(List.of("--target-archive-version", targetArchiveVersion.toString()));
        }
        if (spec.config.envSecretName != null) {
            args.addAll(List.of("--env-file", DataVolumes.ENV_FILE));
        }
        args.addAll(mapStates());
        return withResultFile(args);
    }

    /** {@code db migrate}; after a conversion on the new SQLite file. */
    public List<String> migrateDatabase(int toVersion) {
        boolean converted = spec.database.convertsToSqlite();
        List<String> args = new ArrayList<>(List.of("db", "migrate", "--driver",
                converted ? "sqlite3" : spec.database.driver.configName(),
                "--db", converted ? data.convertedDatabaseArg() : data.databaseArg(), "--to-version", Integer.toString(toVersion)));
        args.addAll(mapStates());
        return withResultFile(args);
    }

    public List<String> migrateArchive(int toVersion) {
        List<String> args = new ArrayList<>(List.of("archive", "migrate", "--archive", data.archiveArg(),
                "--to-version", Integer.toString(toVersion), "--mode", "in-place"));
        args.addAll(mapStates());
        return withResultFile(args);
    }

    /**
     * One shard of a sharded in-place migration. {@code index} is a number or {@code $(JOB_COMPLETION_INDEX)},
     * which Kubernetes expands from the container's env in an Indexed Job (no shell needed).
     */
    public List<String> migrateArchiveShard(int toVersion, String index, int shards) {
        List<String> args = migrateArchive(toVersion);
        args.addAll(args.size() - 2, List.of("--shard", index + "/" + shards));
        return args;
    }

    /** {@code archive finalize}: checks every shard finished, then writes version.txt. */
    public List<String> finalizeArchive(int toVersion, int shards) {
        return withResultFile(new ArrayList<>(List.of("archive", "finalize", "--archive", data.archiveArg(),
                "--shards", Integer.toString(shards), "--to-version", Integer.toString(toVersion))));
    }

    /** {@code db prepare} (Online, cc-backend running): a migrated copy beside the database, kept on a retry. */
    public List<String> prepareDatabase(int toVersion) {
        List<String> args = new ArrayList<>(List.of("db", "prepare", "--driver", "sqlite3", "--db", data.databaseArg(),
                "--to-version", Integer.toString(toVersion), "--output", StepArguments.preparedPath(data.databaseArg()), "--reuse"));
        args.addAll(mapStates());
        return withResultFile(args);
    }

    /** {@code archive prepare} (Online, cc-backend running): a migrated copy beside the archive, kept on a retry. */
    public List<String> prepareArchive(int toVersion) {
        List<String> args = new ArrayList<>(List.of("archive", "prepare", "--archive", data.archiveArg(),
                "--to-version", Integer.toString(toVersion), "--output", StepArguments.preparedPath(data.archiveArg()), "--reuse"));
        args.addAll(mapStates());
        return withResultFile(args);
    }

    /** {@code db catch-up} (Online, cc-backend running, right before it is stopped): what changed since the prepare. */
    public List<String> catchUpDatabase() {
        return withResultFile(new ArrayList<>(List.of("db", "catch-up", "--driver", "sqlite3", "--db", data.databaseArg(),
                "--prepared", StepArguments.preparedPath(data.databaseArg()))));
    }

    /** {@code db cutover} (cc-backend stopped): what changed since the prepare, then the switch by renaming. */
    public List<String> cutOverDatabase() {
        return withResultFile(new ArrayList<>(List.of("db", "cutover", "--driver", "sqlite3", "--db", data.databaseArg(),
                "--prepared", StepArguments.preparedPath(data.databaseArg()))));
    }

    public List<String> cutOverArchive() {
        return withResultFile(new ArrayList<>(List.of("archive", "cutover", "--archive", data.archiveArg(),
                "--prepared", StepArguments.preparedPath(data.archiveArg()))));
    }

    /** {@code db switch-back}: the original the cutover kept under {@code kept} back; null: an interrupted cutover's. */
    public List<String> switchBackDatabase(String kept) {
        List<String> args = new ArrayList<>(List.of("db", "switch-back", "--driver", "sqlite3", "--db", data.databaseArg()));
        args.addAll(kept == null ? List.of("--interrupted") : List.of("--kept", kept));
        return withResultFile(args);
    }

    public List<String> switchBackArchive(String kept) {
        List<String> args = new ArrayList<>(List.of("archive", "switch-back", "--archive", data.archiveArg()));
        args.addAll(kept == null ? List.of("--interrupted") : List.of("--kept", kept));
        return withResultFile(args);
    }

    /** {@code db remove-kept}: the end of the rollback window (spec.retention). */
    public List<String> removeKeptDatabase(String kept) {
        return withResultFile(new ArrayList<>(List.of("db", "remove-kept", "--driver", "sqlite3", "--db", data.databaseArg(),
                "--kept", kept)));
    }

    public List<String> removeKeptArchive(String kept) {
        return withResultFile(new ArrayList<>(List.of("archive", "remove-kept", "--archive", data.archiveArg(), "--kept", kept)));
    }

    private List<String> mapStates() {
        List<String> args = new ArrayList<>();
        Map<String, String> sorted = new TreeMap<>(spec.mapStates == null ? Map.of() : spec.mapStates);
        sorted.forEach((from, to) -> args.addAll(List.of("--map-state", from + "=" + to)));
        return args;
    }

    private static List<String> withResultFile(List<String> args) {
        args.addAll(List.of("--result-file", RESULT_FILE));
        return args;
    }
}
