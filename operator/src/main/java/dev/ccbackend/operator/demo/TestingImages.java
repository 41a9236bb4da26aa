package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cc-backend images of the fake cluster: what {@code cc-backend -version} prints for an image's
 * tag. Every catalogued release is known; a test adds releases newer than the catalog.
 */
public final class TestingImages {
    private final Map<String, int[]> extra = new ConcurrentHashMap<>();

    /** Makes images tagged {@code release} report these versions. */
    public void add(String release, int dbVersion, int archiveVersion) {
        extra.put(release, new int[]{dbVersion, archiveVersion});
    }

    /** The output of {@code cc-backend -version} in that image, in the binary's own format. */
    public Optional<String> versionOutput(String image) {
        String tag = image.substring(image.lastIndexOf(':') + 1);
        int[] versions = ReleaseCatalog.find(tag).map(r -> new int[]{r.dbVersion(), r.archiveVersion()})
                .orElse(extra.get(tag));
        if (versions == null) {
            return Optional.empty();
        }
        return Optional.of("Version:\t" + tag.substring(1) + "\nGit hash:\tdemo\nBuild time:\t2026-01-01\n"
                + "SQL db version:\t" + versions[0] + "\nJob archive version:\t" + versions[1] + "\n");
    }
}
