package dev.ccbackend.migrator.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Our own DDL files under {@code db/<driver>/}: statements end with ';' at the end of a line. */
final class SqlScript {
    private SqlScript() {
    }

    static List<String> load(String resource) {
        try (InputStream in = SqlScript.class.getResourceAsStream("/db/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource db/" + resource + " in the jar");
            }
            return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> split(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** The statements that create schema {@code version} for a driver ("sqlite3" or "mysql") from nothing. */
    static List<String> createSchema(String driver, int version) {
        return load(driver + "/create-v" + version + ".sql");
    }
}
