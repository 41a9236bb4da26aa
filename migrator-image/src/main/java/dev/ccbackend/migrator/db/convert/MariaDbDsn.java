package dev.ccbackend.migrator.db.convert;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the MariaDB source lives. Accepts what cc-backend ≤ 1.4 accepts in {@code db}
 * ({@code user:pass@tcp(host:port)/dbname}, {@code user:pass@unix(/path.sock)/dbname}, {@code env:VAR})
 * and, for convenience, a {@code jdbc:mariadb://} or {@code jdbc:mysql://} URL.
 */
public record MariaDbDsn(String host, int port, String socket, String database, String user, String password) {
    static final int DEFAULT_PORT = 3306;

    // go-sql-driver: [user[:password]@][net[(addr)]]/dbname[?params]; the password may contain '@'.
    private static final Pattern GO_SQL = Pattern.compile(
            "^(?:(?<user>[^:@/]*)(?::(?<pass>.*))?@)?(?:(?<net>[a-z0-9]+)(?:\\((?<addr>[^)]*)\\))?)?/(?<db>[^?/]*)(?:\\?.*)?$");

    public static MariaDbDsn parse(String dsn) {
        return parse(dsn, System::getenv);
    }

    static MariaDbDsn parse(String dsn, UnaryOperator<String> env) {
        if (dsn == null || dsn.isBlank()) {
            throw new IllegalArgumentException("empty MariaDB DSN: give user:pass@tcp(host:port)/dbname");
        }
        String text = dsn.strip();
        if (text.startsWith("env:")) {
            String name = text.substring(4);
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("environment variable " + name + " named by the DSN is not set");
            }
            text = value.strip();
        }
        MariaDbDsn parsed = text.startsWith("jdbc:") ? fromJdbc(text) : fromGoSql(text);
        if (parsed.database.isEmpty()) {
            throw new IllegalArgumentException("the MariaDB DSN names no database: add /dbname, e.g. user:pass@tcp(host:3306)/ccbackend");
        }
        return parsed;
    }

    private static MariaDbDsn fromGoSql(String text) {
        Matcher m = GO_SQL.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read MariaDB DSN '" + redact(text)
                    + "': expected user:pass@tcp(host:port)/dbname");
        }
        String net = m.group("net") == null ? "tcp" : m.group("net");
        String addr = m.group("addr") == null ? "" : m.group("addr");
        String user = nullToEmpty(m.group("user"));
        String pass = nullToEmpty(m.group("pass"));
        return switch (net) {
            case "tcp", "tcp4", "tcp6" -> {
                String host = addr.isEmpty() ? "127.0.0.1" : addr;
                int port = DEFAULT_PORT;
                int colon = host.lastIndexOf(':');
                if (colon >= 0 && !host.endsWith("]")) {
                    port = parsePort(host.substring(colon + 1), text);
                    host = host.substring(0, colon);
                }
                yield new MariaDbDsn(host.replace("[", "").replace("]", ""), port, null, m.group("db"), user, pass);
            }
            case "unix" -> new MariaDbDsn("localhost", DEFAULT_PORT, addr, m.group("db"), user, pass);
            default -> throw new IllegalArgumentException("unsupported network '" + net + "' in MariaDB DSN: use tcp(host:port) or unix(/path)");
        };
    }

    private static MariaDbDsn fromJdbc(String text) {
        if (!text.startsWith("jdbc:mariadb://") && !text.startsWith("jdbc:mysql://")) {
            throw new IllegalArgumentException("unsupported JDBC URL: use jdbc:mariadb://host:port/dbname");
        }
        URI uri = URI.create(text.substring("jdbc:".length()));
        String user = "";
        String pass = "";
        String socket = null;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> pass = value;
                    case "localSocket" -> socket = value;
                    default -> { }
                }
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String db = path.startsWith("/") ? path.substring(1) : path;
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new MariaDbDsn(uri.getHost() == null ? "localhost" : uri.getHost(), port, socket, db, user, pass);
    }

    /** The JDBC URL without credentials; those travel in {@link #properties()}. */
    public String jdbcUrl() {
        String base = "jdbc:mariadb://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
        return socket == null ? base : base + "?localSocket=" + socket;
    }

    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }

    /** The same DSN in cc-backend's form, as the {@code db} commands accept it. */
    public String goSqlForm() {
        String auth = user + (password.isEmpty() ? "" : ":" + password) + "@";
        String addr = socket != null ? "unix(" + socket + ")" : "tcp(" + host + ":" + port + ")";
        return auth + addr + "/" + database;
    }

    /** For messages and JSON: never shows the password. */
    public String describe() {
        return (user.isEmpty() ? "" : user + "@") + (socket != null ? "unix(" + socket + ")" : "tcp(" + host + ":" + port + ")")
                + "/" + database;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static int parsePort(String text, String dsn) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + text + "' in MariaDB DSN " + redact(dsn));
        }
    }

    private static String redact(String dsn) {
        return dsn.replaceFirst("^([^:@/]*):.*@", "$1:***@");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
