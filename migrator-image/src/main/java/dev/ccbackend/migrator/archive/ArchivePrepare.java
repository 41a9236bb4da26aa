package dev.ccbackend.migrator.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.util.Directories;
import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code archive prepare}: the expensive half of an online upgrade, while cc-backend keeps running.
 * A copy-mode migration into a new directory beside the archive (data files hard-linked, meta.json
 * new), after a manifest of every job directory as it was before it was read. A job that cannot be
 * read cleanly (a meta.json cc-backend was rewriting) is copied as it is and marked for the cutover.
 * The manifest and the record live in {@code <prepared>.prepared/}, outside the new archive.
 */
public final class ArchivePrepare {
    /**
     * @param redo jobs marked for the cutover to migrate again (unreadable while prepared, or changed just before they were read)
     */
    /** {@code reused}: an earlier prepare for the same target was found and kept (its counts are not repeated: 0). */
    public record Result(String archive, String prepared, int from, int to, long jobs, long redo, long filesLinked,
                         long filesCopied, long durationMs, boolean reused) {
    }

    /** What the cutover needs to know about the prepare. */
    record Record(String source, int from, int to, List<String> mapState) {
    }

    static final String MANIFEST = "manifest.tsv";
    static final String RECORD = "prepared.json";
    /** What was beside the job directories (files between the levels): the cutover removes what is gone since. */
    static final String STRAYS = "strays.txt";
    /** Jobs the copy could not read cleanly (a meta.json being rewritten): the cutover migrates them again. */
    static final String REDO = "redo.txt";
    private static final Set<String> REDO_KINDS = Set.of("SKIPPED", "FAILED");

    private ArchivePrepare() {
    }

    public static Path stateDir(Path prepared) {
        Path p = prepared.toAbsolutePath().normalize();
        return p.resolveSibling(p.getFileName() + ".prepared");
    }

    /** Whether a finished prepare is waiting at {@code prepared} for its cutover. */
    public static boolean isPrepared(Path prepared) {
        return Files.isRegularFile(stateDir(prepared).resolve(RECORD)) && Files.isDirectory(prepared);
    }

    /** Whether the prepare waiting at {@code prepared} is for this target and state mapping. */
    public static boolean isPreparedFor(Path prepared, int toVersion, List<String> mapState) {
        Record record = readRecord(prepared);
        return record.to() == toVersion && record.mapState().equals(mapState);
    }

    static List<String> readStrays(Path prepared) throws IOException {
        Path file = stateDir(prepared).resolve(STRAYS);
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    static Record readRecord(Path prepared) {
        Path file = stateDir(prepared).resolve(RECORD);
        try {
            return Json.MAPPER.readValue(Files.readString(file), Record.class);
        } catch (IOException e) {
            throw new ArchiveException(prepared + " was not made by `cc-migrator archive prepare` ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "there is no " + file : "cannot read " + file + ": "
                    + e.getMessage()) + "); prepare again; nothing was changed");
        }
    }

    /**
     * @param reuse keep a finished prepare of this archive for this target and mapping (an operator's retry), and
     *              remove an unfinished one (a killed prepare: its state directory has no record yet) to start over
     */
    public static Result prepare(Path archiveDir, Path preparedDir, int toVersion, StateMapping states, int workers,
                                 boolean reuse, PrintWriter err) throws IOException {
        long start = System.nanoTime();
        Path archive = archiveDir.toAbsolutePath().normalize();
        Path prepared = preparedDir.toAbsolutePath().normalize();
        Path state = stateDir(prepared);
        if (reuse && isPrepared(prepared) && ArchiveManifest.isCurrent(state.resolve(MANIFEST))) {
            Record r = readRecord(prepared);
            if (r.source().equals(archive.toString()) && isPreparedFor(prepared, toVersion, states.specs())) {
                return new Result(archive.toString(), prepared.toString(), r.from(), r.to(), 0, 0, 0, 0, 0, true);
            }
            throw new ArchiveException(prepared + " is prepared already for another archive, target or --map-state: remove it"
                    + " and " + state + ", then prepare again; nothing was changed");
        }
        if (reuse && Files.isDirectory(state)) {
            // not prepared (checked above): a killed prepare's partial copy, one by an older cc-migrator, or what a switched cutover left
            Directories.deleteRecursively(prepared);
            Directories.deleteRecursively(state);
        }
        if (Files.exists(state) || Files.exists(prepared)) {
            throw new ArchiveException((Files.exists(state) ? state : prepared) + " exists already: remove it (an earlier"
                    + " prepare) or cut over with it; nothing was changed");
        }
        int from = ArchiveVersion.read(archive);
        if (from >= toVersion) {
            throw new ArchiveException("the archive is at version " + from + " already: nothing to prepare for version " + toVersion);
        }
        if (!Directories.sameFilesystem(archive, MigrationPreflight.existingAncestor(prepared))) {
            throw new ArchiveException("--output " + prepared + " is on another filesystem than the archive: an online upgrade"
                    + " hard-links the data files and switches by renaming, so give a directory beside the archive");
        }
        Files.createDirectories(state);
        try {
            long racy = writeManifest(archive, state);
            Path report = state.resolve("report.jsonl");
            MigrationResult copied = new ArchiveMigrator(err).migrate(new MigrationOptions(archive, prepared, toVersion, states,
                    MigrationOptions.OnError.SKIP, workers, report, null, false, Shard.ALL, false, Duration.ofSeconds(5), false));
            List<String> unreadable = unreadable(report);
            Files.write(state.resolve(REDO), unreadable);
            Files.writeString(state.resolve(RECORD), Json.pretty(new Record(archive.toString(), from, toVersion, states.specs())));
            return new Result(archive.toString(), prepared.toString(), from, toVersion, copied.jobs(), racy + unreadable.size(),
                    copied.linkedFiles(), copied.copiedFiles(), (System.nanoTime() - start) / 1_000_000, false);
        } catch (IOException | RuntimeException e) {
            Directories.deleteRecursively(prepared); // it did not exist before: all of it is this run's partial copy
            Directories.deleteRecursively(state);
            throw e;
        }
    }

    /**
     * The manifest, walking the archive once before the copy reads it (a job changed while the copy runs differs
     * at the cutover). One thread: this runs while cc-backend is up, and the manifest is written in walk order.
     * @return the jobs it marked to be done again (changed just before they were read)
     */
    private static long writeManifest(Path archive, Path state) throws IOException {
        List<String> strays = new ArrayList<>();
        ArchiveManifest.FileClock clock = new ArchiveManifest.FileClock(state);
        try (ArchiveManifest.Writer manifest = new ArchiveManifest.Writer(state.resolve(MANIFEST))) {
            ArchiveLayout.TreeVisitor visitor = new ArchiveLayout.TreeVisitor() {
                @Override
                public void directory(Path dir, String relativePath, int depth) throws IOException {
                    manifest.directory(relativePath, ArchiveManifest.stamp(dir, clock));
                }

                @Override
                public boolean job(ArchiveLayout.JobDir job) {
                    try {
                        Optional<ArchiveManifest.Signature> read = ArchiveManifest.read(job.dir(), clock);
                        if (read.isPresent()) { // a job removed meanwhile: its bucket's stamp changed, the cutover lists it
                            manifest.job(job.relativePath(), read.get());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + job.dir() + ": " + e.getMessage(), e);
                    }
                    return true;
                }

                @Override
                public void stray(ArchiveLayout.Stray stray) {
                    strays.add(stray.relativePath());
                }
            };
            ArchiveLayout.walkTree(archive, ArchiveLayout.rootEntries(archive).clusters(), visitor);
            Files.write(state.resolve(STRAYS), strays);
            return manifest.redo();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + archive, e);
        }
    }

    /** Jobs the copy kept as they were (unreadable meta.json, say): the cutover migrates them again. */
    private static List<String> unreadable(Path report) throws IOException {
        List<String> jobs = new ArrayList<>();
        if (Files.exists(report)) {
            for (String line : Files.readAllLines(report)) {
                JsonNode problem = Json.MAPPER.readTree(line);
                if (REDO_KINDS.contains(problem.path("kind").asText())) {
                    jobs.add(problem.path("job").asText());
                }
            }
        }
        return jobs;
    }

    static Set<String> readRedo(Path prepared) throws IOException {
        Path file = stateDir(prepared).resolve(REDO);
        return Files.exists(file) ? Set.copyOf(Files.readAllLines(file)) : Set.of();
    }
}
