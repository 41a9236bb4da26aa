package dev.ccbackend.migrator.db;

import dev.ccbackend.migrator.catalog.Driver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * A database as cc-backend's config names it, resolved to something JDBC can open.
 *
 * @param driver      sqlite3 or mysql
 * @param sqlitePath  the SQLite file (null for mysql)
 * @param jdbcUrl     the JDBC URL; for mysql it carries user and password
 */
public record DbTarget(Driver driver, Path sqlitePath, String jdbcUrl) {

    /** go-sql-driver's {@code user:pass@tcp(host:port)/dbname}, password and protocol part optional. */
    private static final Pattern GO_MYSQL = Pattern.compile(
            "^(?<user>[^:@/]*)(?::(?<pass>.*))?@(?:(?<proto>tcp|unix)\\((?<addr>[^)]*)\\))?/(?<db>[^?]*)(?:\\?(?<params>.*))?$");

    public static DbTarget parse(Driver driver, String dsn) {
        return parse(driver, dsn, System::getenv);
    }

    /** @param env how {@code env:VARNAME} is looked up (tests pass a map) */
    public static DbTarget parse(Driver driver, String dsn, Function<String, String> env) {
        String resolved = resolveEnv(dsn, env);
        return switch (driver) {
            case SQLITE3 -> {
                String path = resolved.startsWith("file:") ? resolved.substring(5) : resolved;
                int query = path.indexOf('?');
                Path file = Path.of(query >= 0 ? path.substring(0, query) : path).toAbsolutePath().normalize();
                yield new DbTarget(driver, file, "jdbc:sqlite:" + file);
            }
            case MYSQL -> new DbTarget(driver, null, mysqlJdbcUrl(resolved));
        };
    }

    private static String resolveEnv(String dsn, Function<String, String> env) {
        if (dsn == null || dsn.isBlank()) {
            throw new IllegalArgumentException("no database given: pass --db with a SQLite path or user:pass@tcp(host:port)/db");
        }
        if (!dsn.startsWith("env:")) {
            return dsn.trim();
        }
        String name = dsn.substring(4);
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--db " + dsn + " names environment variable " + name
                    + ", which is not set: set it or pass the DSN directly");
        }
        return value.trim();
    }

    /** Accepts a JDBC URL as is (tests, MARIADB_URL) or translates a go-sql-driver DSN. */
    static String mysqlJdbcUrl(String dsn) {
        if (dsn.startsWith("jdbc:")) {
            return dsn;
        }
        Matcher m = GO_MYSQL.matcher(dsn);
        if (!m.matches() || m.group("db").isEmpty()) {
            throw new IllegalArgumentException("cannot read mysql DSN '" + redact(dsn)
                    + "': expected user:password@tcp(host:port)/database as in cc-backend's config");
        }
        if ("unix".equals(m.group("proto"))) {
            throw new IllegalArgumentException("unix-socket DSNs are not supported: use tcp(host:port)");
        }
        String addr = m.group("addr") == null || m.group("addr").isEmpty() ? "127.0.0.1:3306" : m.group("addr");
        if (!addr.contains(":")) {
            addr += ":3306";
        }
        StringBuilder url = new StringBuilder("jdbc:mariadb://").append(addr).append('/').append(m.group("db"))
                .append("?user=").append(encode(m.group("user")));
        if (m.group("pass") != null) {
            url.append("&password=").append(encode(m.group("pass")));
        }
        return url.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The DSN without its password, for messages. */
    static String redact(String dsn) {
        Matcher m = GO_MYSQL.matcher(dsn);
        if (m.matches() && m.group("pass") != null) {
            return m.group("user") + ":***" + dsn.substring(m.end("pass"));
        }
        return dsn.replaceAll("password=[^&]*", "password=***");
    }

    /** What to call this database in messages (never the password). */
    public String displayName() {
        return sqlitePath != null ? sqlitePath.toString() : redact(jdbcUrl);
    }

    /**
     * A SQLite data source for migrating: foreign keys OFF from the moment the connection opens
     * (a table rebuild inside a transaction would otherwise cascade-delete jobtag rows), no busy
     * wait (a held lock means cc-backend still runs), IMMEDIATE transactions (take the write lock up front),
     * and a page cache of up to 256 MiB (native memory, allocated as used): the rebuilt job table then
     * stays cached while its indexes are built, which halves a 200,000-job 7→11 run.
     */
    public DataSource sqliteMigrationDataSource() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(false);
        config.setBusyTimeout(0);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setCacheSize(-262144);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(jdbcUrl);
        return ds;
    }

    public DataSource mysqlDataSource() {
        org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource();
        try {
            ds.setUrl(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalArgumentException("bad mysql URL " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        return ds;
    }

    /**
     * Opens a connection for reading. SQLite read-only, and immutable when no -wal/-shm exists:
     * even a read-only open of a WAL database would otherwise create both files beside it.
     */
    public Connection openForReading() throws SQLException {
        if (driver == Driver.SQLITE3) {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(2000);
            boolean walInUse = Files.exists(Path.of(sqlitePath + "-wal")) || Files.exists(Path.of(sqlitePath + "-shm"));
            if (walInUse) {
                return config.createConnection(jdbcUrl);
            }
            config.setOpenMode(SQLiteOpenMode.OPEN_URI);
            return config.createConnection("jdbc:sqlite:" + sqlitePath.toUri() + "?immutable=1");
        }
        return DriverManager.getConnection(jdbcUrl, new java.util.Properties());
    }

    public Connection openForMigration() throws SQLException {
        return driver == Driver.SQLITE3 ? sqliteMigrationDataSource().getConnection() : mysqlDataSource().getConnection();
    }
}
