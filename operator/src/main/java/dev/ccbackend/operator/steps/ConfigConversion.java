package dev.ccbackend.operator.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Converts config.json to the format a release reads. The operator runs this in-process with the
 * migrator's library rather than in a Job: a Job cannot write a ConfigMap, and its termination
 * message (4096 bytes) is too small to carry a real config back; the conversion is pure and fast.
 */
public interface ConfigConversion {

    /**
     * @param newDatabasePath the SQLite file cc-backend uses from now on (after a MariaDB conversion), or null
     * @throws IllegalArgumentException saying why the config cannot be converted and what to do
     */
    Converted convert(ObjectNode config, String toRelease, String newDatabasePath);

    record Converted(ObjectNode config, List<String> warnings) {
    }
}
