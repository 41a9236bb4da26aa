package dev.ccbackend.migrator.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.Driver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema of one version as our own DDL defines it: the statements that create it, split into
 * tables and indexes, and its normalized JSON, extracted from a freshly created database. That
 * JSON is what {@code db verify} compares with, so the jar needs no reference files.
 */
public final class TargetSchema {
    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE TABLE (\\S+) \\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE (?:UNIQUE )?INDEX (\\S+) ON ", Pattern.CASE_INSENSITIVE);
    private static final Map<Integer, ObjectNode> SQLITE_CACHE = new ConcurrentHashMap<>();

    private final Driver driver;
    private final int version;
    private final List<String> statements;
    private final Map<String, String> tables = new LinkedHashMap<>();
    private final Map<String, String> indexes = new LinkedHashMap<>();

    private TargetSchema(Driver driver, int version) {
        this.driver = driver;
        this.version = version;
        this.statements = SqlScript.createSchema(driver.configName(), version);
        for (String sql : statements) {
            Matcher t = CREATE_TABLE.matcher(sql);
            Matcher i = CREATE_INDEX.matcher(sql);
            if (t.find()) {
                tables.put(unquote(t.group(1)), sql);
            } else if (i.find()) {
                indexes.put(unquote(i.group(1)), sql);
            }
        }
    }

    public static TargetSchema of(Driver driver, int version) {
        return new TargetSchema(driver, version);
    }

    public int version() {
        return version;
    }

    /** Every statement, tables first, in the order they must run on an empty database. */
    public List<String> statements() {
        return statements;
    }

    /** Table name → CREATE TABLE statement, in creation order. */
    public Map<String, String> tables() {
        return tables;
    }

    /** Index name → CREATE INDEX statement (named indexes only; constraint indexes come with their table). */
    public Map<String, String> indexes() {
        return indexes;
    }

    /** The CREATE TABLE statement for {@code table}, creating it under another name. */
    public String createTableAs(String table, String newName) {
        Matcher m = CREATE_TABLE.matcher(tables.get(table));
        return m.replaceFirst("CREATE TABLE " + newName + " (");
    }

    /** The normalized JSON ({@code tables} node) of this version, as a fresh database shows it. */
    public ObjectNode expectedJson(Connection sameServer) throws SQLException {
        if (driver == Driver.SQLITE3) {
            ObjectNode cached = SQLITE_CACHE.get(version);
            if (cached == null) {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                    create(c);
                    cached = SchemaExtractor.extract(c, driver);
                }
                SQLITE_CACHE.put(version, cached);
            }
            return cached.deepCopy();
        }
        return mysqlExpectedJson(sameServer);
    }

    /** MariaDB's information_schema is the only faithful renderer of its types: build the schema in a scratch database. */
    private ObjectNode mysqlExpectedJson(Connection c) throws SQLException {
        String original = c.getCatalog();
        String scratch = "ccm_expected_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + scratch);
        } catch (SQLException e) {
            throw new SQLException("cannot create scratch database to build the expected schema (" + e.getMessage()
                    + "): grant CREATE and DROP on ccm_expected_* to the user, or verify on a copy", e);
        }
        try {
            c.setCatalog(scratch);
            create(c);
            return SchemaExtractor.extract(c, driver);
        } finally {
            c.setCatalog(original);
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + scratch);
            }
        }
    }

    /** Creates this version on an empty database (tables, then indexes). */
    public void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static String unquote(String name) {
        return name.replace("\"", "").replace("`", "");
    }
}
