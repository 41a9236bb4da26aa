package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** cc-backend's db-driver values, spelled as in its config. */
public enum DatabaseDriver {
    @JsonProperty("sqlite3") SQLITE3("sqlite3"),
    @JsonProperty("mysql") MYSQL("mysql");

    private final String configName;

    DatabaseDriver(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
