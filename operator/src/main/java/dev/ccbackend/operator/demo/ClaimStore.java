package dev.ccbackend.operator.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Directories standing for PersistentVolumeClaims and for snapshots of them. */
public final class ClaimStore {
    private final Path root;
    private final Map<String, Path> claims = new ConcurrentHashMap<>();

    public ClaimStore(Path root) {
        this.root = root;
    }

    /** The directory standing for {@code claim} (namespaces are not separated: the demo has one). */
    public Path claim(String claim) {
        return claims.computeIfAbsent(claim, c -> mkdirs(root.resolve("claims").resolve(c)));
    }

    /** Where a cc-backend pod's data is: the claim of its first PersistentVolumeClaim volume (the demo's layout). */
    public Path dataOf(io.fabric8.kubernetes.api.model.Pod pod) {
        return claim(pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName());
    }

    public boolean hasClaim(String claim) {
        return claims.containsKey(claim);
    }

    /** Copies the claim's directory as it is now into the snapshot's directory. */
    public Path snapshot(String claim, String snapshotName) {
        Path target = root.resolve("snapshots").resolve(snapshotName);
        copyTree(claim(claim), target);
        return target;
    }

    /** A new claim holding what the snapshot holds. */
    public Path restore(String snapshotName, String claim) {
        Path target = claim(claim);
        copyTree(root.resolve("snapshots").resolve(snapshotName), target);
        return target;
    }

    public Path scratch(String name) {
        return mkdirs(root.resolve("scratch").resolve(name));
    }

    /** Copies a tree as a volume snapshot does: owners, modes, times and hard links kept ({@code cp -a}). */
    public static void copyTree(Path from, Path to) {
        try {
            Files.createDirectories(to);
            Process cp = new ProcessBuilder("cp", "-a", from + "/.", to.toString()).redirectErrorStream(true).start();
            String output = new String(cp.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (cp.waitFor() != 0) {
                throw new IOException("cp -a " + from + " " + to + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying " + from, e);
        }
    }

    /** Puts data (a fixture, say) on a claim as an installation holds it: owned by {@code owner}, 0644/0755. */
    public static void install(Path from, Path to, DataOwner owner) throws IOException {
        copyTree(from, to);
        owner.install(to);
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
