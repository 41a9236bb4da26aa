package dev.ccbackend.migrator.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every cc-backend release and what it needs on disk. The one source of truth: the migrator
 * plans with it and the operator depends on this class rather than keeping a copy.
 */
public final class ReleaseCatalog {

    private static final Set<Driver> BOTH = Set.of(Driver.SQLITE3, Driver.MYSQL);
    private static final Set<Driver> SQLITE_ONLY = Set.of(Driver.SQLITE3);

    private static final List<Release> RELEASES = List.of(
            // No MySQL schema 4 was ever published: rc.1 is SQLite-only here.
            new Release("v1.0.0-rc.1", 4, 1, ConfigFormat.FLAT_V1_0, SQLITE_ONLY),
            new Release("v1.0.0", 6, 1, ConfigFormat.FLAT_V1_0, BOTH),
            new Release("v1.1.0", 6, 1, ConfigFormat.FLAT_V1_0, BOTH),
            new Release("v1.2.0", 6, 1, ConfigFormat.FLAT_V1_2, BOTH),
            new Release("v1.2.1", 6, 1, ConfigFormat.FLAT_V1_2, BOTH),
            new Release("v1.2.2", 6, 1, ConfigFormat.FLAT_V1_2, BOTH),
            new Release("v1.3.0", 7, 1, ConfigFormat.FLAT_V1_2, BOTH),
            new Release("v1.3.1", 7, 1, ConfigFormat.FLAT_V1_2, BOTH),
            new Release("v1.4.0", 8, 2, ConfigFormat.FLAT_V1_2, BOTH),
            new Release("v1.4.1", 8, 2, ConfigFormat.FLAT_V1_2, BOTH),
            new Release("v1.4.2", 8, 2, ConfigFormat.FLAT_V1_2, BOTH),
            new Release("v1.4.3", 8, 2, ConfigFormat.FLAT_V1_2, BOTH),
            new Release("v1.4.4", 8, 2, ConfigFormat.FLAT_V1_4_4, BOTH),
            new Release("v1.5.0", 10, 3, ConfigFormat.SECTIONED_V1_5, SQLITE_ONLY),
            new Release("v1.5.1", 11, 3, ConfigFormat.SECTIONED_V1_5, SQLITE_ONLY),
            new Release("v1.5.2", 11, 3, ConfigFormat.SECTIONED_V1_5, SQLITE_ONLY),
            new Release("v1.5.3", 11, 3, ConfigFormat.SECTIONED_V1_5, SQLITE_ONLY),
            new Release("v1.5.4", 11, 3, ConfigFormat.SECTIONED_V1_5, SQLITE_ONLY));

    private ReleaseCatalog() {
    }

    /** All releases, oldest first. */
    public static List<Release> releases() {
        return RELEASES;
    }

    public static Optional<Release> find(String name) {
        String wanted = name == null ? "" : name.trim();
        return RELEASES.stream().filter(r -> r.name().equals(wanted)).findFirst();
    }

    /** The release by tag, or an error that lists the known ones and the way around it. */
    public static Release require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown cc-backend release '" + name + "': known are " + names()
                        + "; for a newer release give --target-db-version and --target-archive-version"
                        + " (or cc-migrator probe-output on the output of `cc-backend -version`)"));
    }

    public static List<String> names() {
        return RELEASES.stream().map(Release::name).collect(Collectors.toList());
    }

    /** Schema versions some release shipped, per driver: SQLite 4,6,7,8,10,11; MySQL 6,7,8. */
    public static SortedSet<Integer> shippedDbVersions(Driver driver) {
        return RELEASES.stream().filter(r -> r.supports(driver)).map(Release::dbVersion)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public static SortedSet<Integer> shippedArchiveVersions() {
        return RELEASES.stream().map(Release::archiveVersion).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The newest release that still supports the driver (v1.4.4 for MySQL/MariaDB). */
    public static Release newestSupporting(Driver driver) {
        return RELEASES.stream().filter(r -> r.supports(driver))
                .max(Comparator.comparing(Release::version)).orElseThrow();
    }

    /** The oldest release whose DB schema is {@code dbVersion}, if any shipped it. */
    public static Optional<Release> firstWithDbVersion(int dbVersion) {
        return RELEASES.stream().filter(r -> r.dbVersion() == dbVersion).findFirst();
    }

    public static Release latest() {
        return RELEASES.get(RELEASES.size() - 1);
    }

    /** Whether the release is one of the catalog's own (not described at run time). */
    public static boolean isKnown(Release release) {
        return RELEASES.contains(release);
    }

    /**
     * The target of an upgrade: a catalogued release, or one newer than the catalog described by
     * the versions its binary prints ({@code cc-backend -version}). A described release reads the
     * newest config format known here and, like v1.5, supports SQLite only.
     *
     * @param dbVersion      {@code --target-db-version}, null when not given
     * @param archiveVersion {@code --target-archive-version}, null when not given
     * @throws IllegalArgumentException with what to do when the description does not add up
     */
    public static Release describe(String name, Integer dbVersion, Integer archiveVersion) {
        Optional<Release> known = find(name);
        if (known.isPresent()) {
            Release r = known.get();
            if ((dbVersion != null && dbVersion != r.dbVersion())
                    || (archiveVersion != null && archiveVersion != r.archiveVersion())) {
                throw new IllegalArgumentException(r.name() + " is a known release (DB " + r.dbVersion() + ", archive "
                        + r.archiveVersion() + "): drop --target-db-version/--target-archive-version or name another release");
            }
            return r;
        }
        Version version = Version.parse(name);
        if (version.compareTo(latest().version()) <= 0) {
            throw new IllegalArgumentException("'" + name + "' is not a cc-backend release: known are " + names());
        }
        if (dbVersion == null || archiveVersion == null) {
            require(name); // throws the message that explains the flags
        }
        if (dbVersion < latest().dbVersion() || archiveVersion < latest().archiveVersion()) {
            throw new IllegalArgumentException(name + " is newer than " + latest().name() + " but described with DB "
                    + dbVersion + ", archive " + archiveVersion + ", older than " + latest().name()
                    + "'s (" + latest().dbVersion() + ", " + latest().archiveVersion() + "): check the versions");
        }
        return new Release(version.toString(), dbVersion, archiveVersion, latest().configFormat(), latest().drivers());
    }

    /** The config format a release reads; releases newer than the catalog are assumed to read the newest. */
    public static ConfigFormat configFormatOf(String name) {
        return find(name).map(Release::configFormat).orElseGet(() -> {
            if (Version.parse(name).compareTo(latest().version()) <= 0) {
                throw new IllegalArgumentException("'" + name + "' is not a cc-backend release: known are " + names());
            }
            return latest().configFormat();
        });
    }

    /** The newest schema this catalog (and so this cc-migrator) knows for the driver. */
    public static int maxDbVersion(Driver driver) {
        return shippedDbVersions(driver).last();
    }

    public static int maxArchiveVersion() {
        return shippedArchiveVersions().last();
    }
}
