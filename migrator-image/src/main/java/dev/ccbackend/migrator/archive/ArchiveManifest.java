package dev.ccbackend.migrator.archive;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an online prepare saw of each job directory, as one 64-bit signature of its entries (name,
 * type, size, mtime, inode): cc-backend rewrites meta.json in place and adds or removes whole job
 * directories, and each of those changes the signature. Taken before the job is read, so a change
 * while the prepare runs shows at the cutover too. One line per job: {@code <relative path>\t<hex>}.
 */
final class ArchiveManifest {
    /** Marks a job the cutover must redo whatever it finds (read while cc-backend wrote it, say). */
    static final long REDO = 0;

    private ArchiveManifest() {
    }

    static long signature(Path jobDir) throws IOException {
        List<String> entries = new ArrayList<>(4);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(jobDir)) {
            for (Path p : stream) {
                Map<String, Object> a = Files.readAttributes(p, "unix:size,lastModifiedTime,ino,mode", LinkOption.NOFOLLOW_LINKS);
                entries.add(p.getFileName() + "/" + a.get("mode") + "/" + a.get("size") + "/"
                        + ((FileTime) a.get("lastModifiedTime")).toInstant() + "/" + a.get("ino"));
            }
        }
        entries.sort(null);
        long h = 0xcbf29ce484222325L; // FNV-1a over the sorted entries
        for (String entry : entries) {
            for (byte b : entry.getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ '\n') * 0x100000001b3L;
        }
        return h == REDO ? 1 : h;
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
                jobs.put(line.substring(0, tab), Long.parseUnsignedLong(line.substring(tab + 1), 16));
            }
        }
        return jobs;
    }
}
