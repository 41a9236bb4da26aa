package dev.ccbackend.migrator.archive;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What an online prepare saw of the archive, so that the cutover finds what changed since without listing
 * what did not. In walk order: every cluster and level directory with a stamp taken before it was listed
 * (mtime and inode: adding, removing or renaming an entry changes them), and every job directory with a
 * signature of it and its entries (name, type, size, mtime, inode) plus the entry names, which the cutover
 * reads again with one lstat each. cc-backend adds and removes whole job directories and rewrites meta.json
 * in place; each of those changes a stamp or a signature.
 * <p>
 * Something changed less than {@link #RACY_NANOS} before it was read may share its timestamp with a later
 * change in the same clock tick (coarse file times, 1 s on some NFS servers): it is recorded as {@link #REDO},
 * and the cutover lists that directory or migrates that job again. Lines: {@code D <path> <stamp>} and
 * {@code J <path> <signature> <name>/<name>...}, tab-separated, hex values, tab, newline and backslash escaped.
 */
final class ArchiveManifest {
    /** Look at it again at the cutover, whatever it finds. */
    static final long REDO = 0;
    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final String FORMAT = "# cc-migrator archive manifest 2";

    enum Kind { DIRECTORY, JOB }

    /** One line: a directory's stamp, or a job's signature with its entry names; depth 0 is a cluster. */
    record Entry(Kind kind, String relativePath, int depth, long value, List<String> names) {
    }

    /** A job directory as the prepare read it. */
    record Signature(long value, List<String> names) {
    }

    private ArchiveManifest() {
    }

    /**
     * "Now" as the archive's filesystem sets file times (an NFS server's clock may differ from this node's): the
     * offset is measured once, from a file written beside the manifest.
     */
    static final class FileClock {
        private final long offsetMillis;

        FileClock(Path probeDir) throws IOException {
            Path probe = probeDir.resolve("clock.probe");
            long before = System.currentTimeMillis();
            Files.writeString(probe, "");
            long written = lstat(probe).lastModifiedTime().toMillis();
            Files.delete(probe);
            offsetMillis = written - before;
        }

        long nowMillis() {
            return System.currentTimeMillis() + offsetMillis;
        }
    }

    /**
     * A cluster or level directory's stamp, taken before it is listed; {@link #REDO} when it changed just now or
     * is gone (cc-backend's retention removed it meanwhile: the cutover lists its parent, whose stamp changed).
     */
    static long stamp(Path dir, FileClock clock) throws IOException {
        try {
            BasicFileAttributes a = lstat(dir);
            return racy(a, clock.nowMillis()) ? REDO : directoryPart(a);
        } catch (NoSuchFileException e) {
            return REDO;
        }
    }

    /** The stamp as it is now, for the cutover to compare (cc-backend is stopped: nothing is racy). */
    static long currentStamp(Path dir) throws IOException {
        return directoryPart(lstat(dir));
    }

    /**
     * Lists a job directory (its own attributes first, so that an entry added after the listing still shows). An
     * entry removed between the listing and its lstat makes it {@link #REDO}.
     * @return empty when the job directory is gone (removed by cc-backend meanwhile)
     */
    static Optional<Signature> read(Path jobDir, FileClock clock) throws IOException {
        long now = clock.nowMillis();
        List<String> names = new ArrayList<>();
        boolean racy;
        long h;
        try {
            BasicFileAttributes own = lstat(jobDir);
            racy = racy(own, now);
            h = directoryPart(own);
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(jobDir)) {
                for (Path p : stream) {
                    String name = p.getFileName().toString();
                    names.add(name);
                    try {
                        BasicFileAttributes a = lstat(p);
                        racy |= racy(a, now);
                        h += entry(name, a);
                    } catch (NoSuchFileException e) {
                        racy = true;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        names.sort(null);
        return Optional.of(new Signature(racy ? REDO : nonZero(h), List.copyOf(names)));
    }

    /**
     * The signature of a job directory with the entries the prepare listed, from one lstat each: equal to the
     * prepare's unless something was added, removed, renamed or written since. A missing entry throws.
     */
    static long signature(Path jobDir, List<String> names) throws IOException {
        long h = directoryPart(lstat(jobDir));
        for (String name : names) {
            h += entry(name, lstat(jobDir.resolve(name)));
        }
        return nonZero(h);
    }

    private static BasicFileAttributes lstat(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean racy(BasicFileAttributes a, long nowMillis) {
        return TimeUnit.MILLISECONDS.toNanos(nowMillis) - a.lastModifiedTime().to(TimeUnit.NANOSECONDS) < RACY_NANOS;
    }

    private static long directoryPart(BasicFileAttributes a) {
        return nonZero(mix(mix(a.lastModifiedTime().to(TimeUnit.NANOSECONDS)) * 31 + Objects.hashCode(a.fileKey())));
    }

    private static long entry(String name, BasicFileAttributes a) {
        long entry = name.hashCode();
        entry = mix(entry * 31 + a.size());
        entry = mix(entry * 31 + a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        entry = mix(entry * 31 + Objects.hashCode(a.fileKey())); // device and inode: a file replaced by rename
        return mix(entry * 31 + (a.isDirectory() ? 1 : a.isSymbolicLink() ? 2 : 3)); // summed: no sort of the listing
    }

    private static long nonZero(long h) {
        return h == REDO ? 1 : h;
    }

    /** A 64-bit finaliser (SplitMix64), so that the sum of entries still changes with any one of them. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Writes the manifest as the walk goes: memory does not grow with the archive. */
    static final class Writer implements Closeable {
        private final BufferedWriter out;
        private long redo;

        Writer(Path file) throws IOException {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(FORMAT);
            out.write('\n');
        }

        void directory(String relativePath, long stamp) throws IOException {
            line("D", relativePath, stamp, "");
        }

        void job(String relativePath, Signature signature) throws IOException {
            redo += signature.value() == REDO ? 1 : 0;
            line("J", relativePath, signature.value(), String.join("/", signature.names().stream().map(Writer::escape).toList()));
        }

        /** Jobs recorded as {@link #REDO}. */
        long redo() {
            return redo;
        }

        private void line(String kind, String relativePath, long value, String names) throws IOException {
            out.write(kind + '\t' + escape(relativePath) + '\t' + Long.toHexString(value) + '\t' + names + '\n');
        }

        private static String escape(String s) {
            return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Whether {@code file} is a manifest in this version's format (a prepare by an older cc-migrator is not reused). */
    static boolean isCurrent(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return FORMAT.equals(in.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the manifest in the order it was written, one entry of lookahead. */
    static final class Reader implements Closeable {
        private final Path file;
        private final BufferedReader in;
        private Entry next;

        Reader(Path file) throws IOException {
            this.file = file;
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            String first = in.readLine();
            if (!FORMAT.equals(first)) {
                in.close();
                throw new ArchiveException(file + " is not a manifest this cc-migrator reads (prepared by another version?):"
                        + " remove the prepared archive and its .prepared directory and prepare again; the archive was not changed");
            }
            next = parse(in.readLine());
        }

        /** The next entry without taking it; null at the end. */
        Entry peek() {
            return next;
        }

        /** Whether the next entry is below a directory at {@code depth} (the rest of its subtree). */
        boolean hasBelow(int depth) {
            return next != null && next.depth() > depth;
        }

        Entry next() throws IOException {
            Entry e = next;
            next = e == null ? null : parse(in.readLine());
            return e;
        }

        private Entry parse(String line) {
            if (line == null) {
                return null;
            }
            String[] f = line.split("\t", -1);
            try {
                Kind kind = switch (f[0]) {
                    case "D" -> Kind.DIRECTORY;
                    case "J" -> Kind.JOB;
                    default -> throw new IllegalArgumentException(f[0]);
                };
                List<String> names = f[3].isEmpty() ? List.of() : List.of(f[3].split("/")).stream().map(Reader::unescape).toList();
                String relativePath = unescape(f[1]);
                int depth = (int) relativePath.chars().filter(c -> c == '/').count();
                return new Entry(kind, relativePath, depth, Long.parseUnsignedLong(f[2], 16), names);
            } catch (RuntimeException e) {
                throw new ArchiveException(file + " is damaged (line '" + line + "'): remove the prepared archive and"
                        + " its .prepared directory and prepare again; the archive was not changed");
            }
        }

        private static String unescape(String s) {
            if (s.indexOf('\\') < 0) {
                return s;
            }
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\\' || i + 1 == s.length()) {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(++i);
                b.append(switch (e) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> e;
                });
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
