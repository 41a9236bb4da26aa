package dev.ccbackend.operator.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data of a v1.3.1 site on the claim: {@code job.db} (schema 7) and {@code job-archive/}
 * (version 1), plus the config.json that goes into the ConfigMap.
 */
public record SampleSite(Path claim, int jobs) {
    static final String CONFIG = """
            {
              "addr": "0.0.0.0:8080",
              "archive": {"kind": "file", "path": "./var/job-archive"},
              "db-driver": "sqlite3",
              "db": "./var/job.db",
              "jwts": {"max-age": "2000h"},
              "clusters": [{"name": "emmy", "filterRanges": {"numNodes": {"from": 1, "to": 64},
                "duration": {"from": 0, "to": 86400}, "startTime": {"from": "2020-01-01T00:00:00Z", "to": null}}}]
            }
            """;

    /** Writes the sample site into {@code claim}. */
    public static SampleSite write(Path claim, int jobs) throws IOException {
        // Until the migrator's sample generators land: an empty archive of version 1 and no database.
        Path archive = Files.createDirectories(claim.resolve("job-archive"));
        Files.writeString(archive.resolve("version.txt"), "1\n");
        return new SampleSite(claim, 0);
    }

    public String describe() {
        return jobs + " jobs (database schema 7, archive version 1) on claim " + DemoInstallation.CLAIM;
    }

    public String configJson() {
        return CONFIG;
    }
}
