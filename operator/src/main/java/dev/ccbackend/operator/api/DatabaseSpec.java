package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The cc-backend database: a SQLite file on a claim or a MariaDB/MySQL DSN in a Secret. */
@ValidationRule(value = "self.driver != 'sqlite3' || has(self.sqlite)", message = "database.sqlite is required when driver is sqlite3")
@ValidationRule(value = "self.driver != 'mysql' || has(self.mysql)", message = "database.mysql is required when driver is mysql")
public class DatabaseSpec {
    @Required
    @JsonPropertyDescription("cc-backend's db-driver: sqlite3 or mysql.")
    public DatabaseDriver driver;

    @JsonPropertyDescription("The SQLite file (required when driver is sqlite3).")
    public ClaimPath sqlite;

    @JsonPropertyDescription("The MariaDB/MySQL DSN (required when driver is mysql).")
    public SecretKey mysql;

    @JsonPropertyDescription("Where a MariaDB database is converted to SQLite for targets from v1.5 on.")
    public ClaimPath convertToSqlite;

    /** MariaDB copied into the convertToSqlite file (issue 7); the MariaDB database itself is only read. */
    public boolean convertsToSqlite() {
        return driver == DatabaseDriver.MYSQL && convertToSqlite != null;
    }
}
