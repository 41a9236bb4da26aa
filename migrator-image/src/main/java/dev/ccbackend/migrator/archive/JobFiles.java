package dev.ccbackend.migrator.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one job directory, listed once: meta.json, the data file (cc-backend reads
 * data.json.gz first), anything else, and temp files a killed run left behind.
 *
 * @param files every regular file and symbolic link except leftover temps, with its size
 * @param others  anything else in the job directory (subdirectories), carried over as it is by copy mode
 */
public record JobFiles(Path dir, List<FileEntry> files, List<Path> leftoverTemps, List<Path> others) {

    /** @param size the file's size; for a symbolic link its target's, -1 when it dangles */
    public record FileEntry(Path path, String name, long size, boolean symlink) {
        public FileEntry(Path path, String name, long size) {
            this(path, name, size, false);
        }

        public boolean dangling() {
            return size < 0;
        }
    }

    public static JobFiles list(Path dir) throws IOException {
        List<FileEntry> files = new ArrayList<>(4);
        List<Path> temps = new ArrayList<>(0);
        List<Path> others = new ArrayList<>(0);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) {
                    files.add(new FileEntry(p, name, targetSize(p), true));
                } else if (!attributes.isRegularFile()) {
                    others.add(p);
                } else if (AtomicFiles.isTemp(name)) {
                    temps.add(p);
                } else {
                    files.add(new FileEntry(p, name, attributes.size()));
                }
            }
        }
        return new JobFiles(dir, files, temps, others);
    }

    private static long targetSize(Path link) {
        try {
            return Files.size(link);
        } catch (IOException e) {
            return -1; // dangling
        }
    }

    /**
     * The in-place fast path: meta.json was already read by name; stat the data file by name
     * instead of listing the directory (half the system calls per job).
     */
    public static JobFiles withMeta(Path dir, int metaSize) throws IOException {
        FileEntry meta = new FileEntry(dir.resolve(ArchiveLayout.META_JSON), ArchiveLayout.META_JSON, metaSize);
        FileEntry data = entry(dir, ArchiveLayout.DATA_JSON_GZ);
        if (data == null) {
            data = entry(dir, ArchiveLayout.DATA_JSON);
        }
        return new JobFiles(dir, data == null ? List.of(meta) : List.of(meta, data), List.of(), List.of());
    }

    private static FileEntry entry(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try {
            BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
            return attributes.isRegularFile() ? new FileEntry(p, name, attributes.size()) : null;
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    public FileEntry meta() {
        return find(ArchiveLayout.META_JSON);
    }

    /** The data file cc-backend would read, or null. */
    public FileEntry data() {
        FileEntry gz = find(ArchiveLayout.DATA_JSON_GZ);
        return gz != null ? gz : find(ArchiveLayout.DATA_JSON);
    }

    public long bytes() {
        long sum = 0;
        for (FileEntry f : files) {
            sum += Math.max(0, f.size());
        }
        return sum;
    }

    private FileEntry find(String name) {
        for (FileEntry f : files) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
