package dev.ccbackend.migrator.archive;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What an online prepare saw of each job directory, as one 64-bit signature of its entries (name,
 * type, size, mtime, device and inode): cc-backend rewrites meta.json in place and adds or removes whole job
 * directories, and each of those changes the signature. Taken before the job is read, so a change
 * while the prepare runs shows at the cutover too. One line per job: {@code <relative path>\t<hex>}.
 */
final class ArchiveManifest {
    /** Marks a job the cutover must redo whatever it finds (read while cc-backend wrote it, say). */
    static final long REDO = 0;

    private ArchiveManifest() {
    }

    static long signature(Path jobDir) throws IOException {
        long h = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(jobDir)) {
            for (Path p : stream) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                long entry = p.getFileName().toString().hashCode();
                entry = mix(entry * 31 + a.size());
                entry = mix(entry * 31 + a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
                entry = mix(entry * 31 + Objects.hashCode(a.fileKey())); // device and inode: a file replaced by rename
                entry = mix(entry * 31 + (a.isDirectory() ? 1 : a.isSymbolicLink() ? 2 : 3));
                h += entry; // order-free: no sort of the listing
            }
        }
        return h == REDO ? 1 : h;
    }

    /** A 64-bit finaliser (SplitMix64), so that the sum of entries still changes with any one of them. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static void write(Path file, Map<String, Long> jobs) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Long> e : jobs.entrySet()) {
                out.write(e.getKey());
                out.write('\t');
                out.write(Long.toHexString(e.getValue()));
                out.write('\n');
            }
        }
    }

    static ConcurrentHashMap<String, Long> read(Path file) throws IOException {
        ConcurrentHashMap<String, Long> jobs = new ConcurrentHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                int tab = line.lastIndexOf('\t');
                try {
                    jobs.put(line.substring(0, tab), Long.parseUnsignedLong(line.substring(tab + 1), 16));
                } catch (RuntimeException e) {
                    throw new ArchiveException(file + " is damaged (line '" + line + "'): remove the prepared archive and"
                            + " its .prepared directory and prepare again; the archive was not changed");
                }
            }
        }
        return jobs;
    }
}
