package dev.ccbackend.migrator.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cc-migrator command line that runs a planned step: the argument contracts of {@code db
 * convert}, {@code db migrate}, {@code archive migrate} and {@code config convert}.
 *
 * @param db           the database as given (SQLite path, DSN or env:VAR)
 * @param sqliteOut    the SQLite file a MariaDB database is converted to (null when not converting)
 * @param archive      the archive root
 * @param config       the config to convert (null when none)
 * @param configOut    where the converted config goes
 * @param release      the target release tag
 * @param mapState     job state replacements
 */
public record StepArguments(String db, String sqliteOut, String archive, String config, String configOut,
                            String release, Map<String, String> mapState) {
    /** Job states only need rewriting when a step reaches the versions that reject 'stopped'. */
    private static final int DB_STATES_CHANGE = DatabaseChecks.STOPPED_REJECTED_FROM_DB;
    private static final int ARCHIVE_STATES_CHANGE = DatabaseChecks.STOPPED_REJECTED_FROM_ARCHIVE;

    public List<String> of(PlannedStep step) {
        List<String> args = new ArrayList<>();
        switch (step.kind()) {
            case DATABASE_CONVERT -> args.addAll(List.of("db", "convert", "--from-driver", "mysql", "--from", db, "--to", require(sqliteOut, "--sqlite-out")));
            case DATABASE -> {
                boolean onConverted = "sqlite3".equals(step.driver()) && sqliteOut != null;
                args.addAll(List.of("db", "migrate", "--driver", step.driver(), "--db", onConverted ? sqliteOut : db,
                        "--to-version", Integer.toString(step.toVersion())));
                if (step.toVersion() >= DB_STATES_CHANGE) {
                    addMapState(args);
                }
            }
            case ARCHIVE -> {
                args.addAll(List.of("archive", "migrate", "--archive", archive, "--to-version", Integer.toString(step.toVersion()),
                        "--mode", "in-place"));
                if (step.toVersion() >= ARCHIVE_STATES_CHANGE) {
                    addMapState(args);
                }
            }
            case CONFIG -> {
                args.addAll(List.of("config", "convert", "--in", require(config, "--config"), "--to-release", release,
                        "--out", require(configOut, "--config-out")));
                if (sqliteOut != null) {
                    args.addAll(List.of("--db", sqliteOut));
                }
            }
        }
        return List.copyOf(args);
    }

    private void addMapState(List<String> args) {
        mapState.forEach((from, to) -> args.addAll(List.of("--map-state", from + "=" + to)));
    }

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalStateException("the plan needs " + option);
        }
        return value;
    }
}
