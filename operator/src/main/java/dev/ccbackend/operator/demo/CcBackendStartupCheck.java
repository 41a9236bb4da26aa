package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.util.FileOwnership;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What cc-backend checks when it starts, applied to a fake pod: the image's release must find the
 * database and archive versions it insists on, or the pod never becomes ready (as the real binary
 * exits with "unsupported database version"). As the uid its pod runs as, it must also be able to
 * open its database for writing (job.db and its directory, for the WAL) and add jobs to the archive
 * (its root and cluster directories). Expects the demo's layout: job.db and job-archive/ on the
 * pod's first claim.
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
        Path claim = claims.dataOf(pod);
        int db = DatabaseInspector.inspect(Driver.SQLITE3, claim.resolve("job.db").toString()).version();
        return db == release.get().dbVersion() && archiveVersion(claim) == release.get().archiveVersion()
                && writable(claim, pod);
    }

    /** Whether the pod's uid may write job.db, its directory, the archive root and each cluster directory. */
    private static boolean writable(Path claim, Pod pod) {
        var context = pod.getSpec().getSecurityContext();
        if (context == null || context.getRunAsUser() == null) {
            return true; // runs as the image's user: nothing to compare with
        }
        long uid = context.getRunAsUser();
        long gid = context.getRunAsGroup() == null ? uid : context.getRunAsGroup();
        try (Stream<Path> archive = Files.walk(claim.resolve("job-archive"), 1)) {
            return writableBy(claim.resolve("job.db"), uid, gid) && writableBy(claim, uid, gid)
                    && archive.filter(Files::isDirectory).allMatch(p -> writableBy(p, uid, gid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean writableBy(Path path, long uid, long gid) {
        try {
            FileOwnership.Owner o = FileOwnership.of(path);
            return uid == 0 || (o.uid() == uid && (o.mode() & 0200) != 0) || (o.gid() == gid && (o.mode() & 020) != 0)
                    || (o.mode() & 02) != 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int archiveVersion(Path claim) {
        try {
            return Integer.parseInt(Files.readString(claim.resolve("job-archive/version.txt")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
