package dev.ccbackend.operator.demo;

import dev.ccbackend.migrator.util.FileOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the kubelet does to a volume for a pod with {@code fsGroup} (block-backed volumes; NFS skips
 * it): every file and directory gets that group and group read/write, directories setgid. With
 * {@code fsGroupChangePolicy: OnRootMismatch} it is skipped when the volume's root already matches.
 * This is why the operator sets no fsGroup by default: on cc-backend's data it changes every file.
 */
final class FsGroupChange {
    private static final int SETGID = 02000;
    private static final int GROUP_RW = 060;
    private static final int GROUP_X = 010;

    private FsGroupChange() {
    }

    static void apply(Path volume, long fsGroup, String policy) throws IOException {
        FileOwnership.Owner root = FileOwnership.of(volume);
        boolean rootMatches = root.gid() == fsGroup && (root.mode() & (SETGID | GROUP_RW | GROUP_X)) == (SETGID | GROUP_RW | GROUP_X);
        if ("OnRootMismatch".equals(policy) && rootMatches) {
            return;
        }
        try (Stream<Path> paths = Files.walk(volume)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                FileOwnership.Owner now = FileOwnership.of(p);
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                int mode = now.mode() | GROUP_RW | (dir ? SETGID | GROUP_X : 0);
                FileOwnership.apply(new FileOwnership.Owner(now.uid(), (int) fsGroup, mode), p);
            }
        }
    }
}
