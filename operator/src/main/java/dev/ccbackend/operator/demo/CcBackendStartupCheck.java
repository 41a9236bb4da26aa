package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.db.DatabaseInspector;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What cc-backend checks when it starts, applied to a fake pod: the image's release must find the
 * database and archive versions it insists on, or the pod never becomes ready (as the real binary
 * exits with "unsupported database version"). Expects the demo's layout: job.db and job-archive/
 * on the pod's first claim.
 */
public class CcBackendStartupCheck implements Predicate<Pod> {
    private final ClaimStore claims;

    public CcBackendStartupCheck(ClaimStore claims) {
        this.claims = claims;
    }

    @Override
    public boolean test(Pod pod) {
        String image = pod.getSpec().getContainers().get(0).getImage();
        Optional<Release> release = ReleaseCatalog.find(image.substring(image.lastIndexOf(':') + 1));
        if (release.isEmpty()) {
            return false;
        }
        // The pod's data is on the claim its Deployment names (a rollback names a restored one).
        Path claim = claims.claim(pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName());
        int db = DatabaseInspector.inspect(Driver.SQLITE3, claim.resolve("job.db").toString()).version();
        return db == release.get().dbVersion() && archiveVersion(claim) == release.get().archiveVersion();
    }

    private static int archiveVersion(Path claim) {
        try {
            return Integer.parseInt(Files.readString(claim.resolve("job-archive/version.txt")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
