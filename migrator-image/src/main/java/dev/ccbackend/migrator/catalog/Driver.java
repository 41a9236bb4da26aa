package dev.ccbackend.migrator.catalog;

import java.util.Arrays;

/** cc-backend's {@code db-driver} values. */
public enum Driver {
    SQLITE3("sqlite3"),
    MYSQL("mysql");

    private final String configName;

    Driver(String configName) {
        this.configName = configName;
    }

    /** The spelling cc-backend's config and our CLI use. */
    public String configName() {
        return configName;
    }

    public static Driver fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(d -> d.configName.equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown db driver '" + name + "': use sqlite3 or mysql"));
    }

    @Override
    public String toString() {
        return configName;
    }
}
