package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.util.FileOwnership;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a running cc-backend does to its database: it opens job.db in WAL mode (creating -wal and -shm as the
 * database's owner) and holds it until its pod is gone. While it does, a migration or cutover of that file is
 * refused and a read-only look has to cope with WAL, as against the real server.
 */
final class CcBackendDatabaseHolds implements AutoCloseable {
    private final ClaimStore claims;
    /** Open connections by pod uid. */
    private final Map<String, Connection> open = new ConcurrentHashMap<>();

    CcBackendDatabaseHolds(ClaimStore claims) {
        this.claims = claims;
    }

    /** The pod became ready: cc-backend has opened its database. */
    void started(Pod pod) {
        Path db = claims.dataOf(pod).resolve("job.db");
        if (!Files.isRegularFile(db)) {
            return;
        }
        open.computeIfAbsent(pod.getMetadata().getUid(), uid -> {
            try {
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.executeQuery("SELECT COUNT(*) FROM sqlite_master").close();
                }
                for (String suffix : new String[]{"-wal", "-shm"}) {
                    Path companion = db.resolveSibling(db.getFileName() + suffix);
                    if (Files.exists(companion)) {
                        FileOwnership.copy(db, companion);
                    }
                }
                return c;
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("the simulated cc-backend cannot open " + db + ": " + e.getMessage(), e);
            }
        });
    }

    /** The pod is gone: its process, and with it the database's locks, too. */
    void stopped(Pod pod) {
        Connection c = open.remove(pod.getMetadata().getUid());
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // the process is gone either way
            }
        }
    }

    @Override
    public void close() {
        open.keySet().forEach(uid -> {
            Connection c = open.remove(uid);
            try {
                c.close();
            } catch (SQLException e) {
                // closing the cluster
            }
        });
    }
}
