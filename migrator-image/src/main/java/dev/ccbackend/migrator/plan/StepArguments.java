package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DbTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Where an online upgrade prepares the new database or archive: beside it, so that the switch is a rename. */
    public static String preparedPath(String path) {
        return path + ".next";
    }

    /** The SQLite file or the archive an online step works on (a {@code file:} or {@code env:} DSN resolved to its path). */
    public Path onlinePath(PlannedStep step) {
        return switch (step.kind()) {
            case DATABASE -> DbTarget.parse(Driver.SQLITE3, db).sqlitePath();
            case ARCHIVE -> Path.of(archive).toAbsolutePath().normalize();
            default -> throw new IllegalArgumentException(step.kind() + " has no online form");
        };
    }

    /** The --map-state replacements a step passes, as "OLD=NEW", sorted (what a prepare records). */
    public List<String> mapStateOf(PlannedStep step) {
        boolean reaches = step.toVersion() >= (step.kind() == PlannedStep.Kind.ARCHIVE ? ARCHIVE_STATES_CHANGE : DB_STATES_CHANGE);
        return reaches ? mapState.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList() : List.of();
    }

    /** The online upgrade's first half of a DATABASE or ARCHIVE step: {@code db prepare} or {@code archive prepare}. */
    public List<String> prepare(PlannedStep step) {
        String path = onlinePath(step).toString();
        List<String> args = new ArrayList<>(step.kind() == PlannedStep.Kind.DATABASE
                ? List.of("db", "prepare", "--driver", step.driver(), "--db", path, "--to-version", Integer.toString(step.toVersion()),
                "--output", preparedPath(path), "--reuse")
                : List.of("archive", "prepare", "--archive", path, "--to-version", Integer.toString(step.toVersion()),
                "--output", preparedPath(path), "--reuse"));
        mapStateOf(step).forEach(spec -> args.addAll(List.of("--map-state", spec)));
        return List.copyOf(args);
    }

    /**
     * Between the halves, while cc-backend runs: {@code db catch-up}, which applies what changed during the prepares, so
     * that the cutover has only the last moments' changes left. The archive's cutover finds its changes by their
     * times, so it has no catch-up: empty.
     */
    public Optional<List<String>> catchUp(PlannedStep step) {
        String path = onlinePath(step).toString();
        return step.kind() == PlannedStep.Kind.DATABASE
                ? Optional.of(List.of("db", "catch-up", "--driver", step.driver(), "--db", path, "--prepared", preparedPath(path)))
                : Optional.empty();
    }

    /** The online upgrade's second half: {@code db cutover} or {@code archive cutover}. */
    public List<String> cutover(PlannedStep step) {
        String path = onlinePath(step).toString();
        return step.kind() == PlannedStep.Kind.DATABASE
                ? List.of("db", "cutover", "--driver", step.driver(), "--db", path, "--prepared", preparedPath(path))
                : List.of("archive", "cutover", "--archive", path, "--prepared", preparedPath(path));
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
