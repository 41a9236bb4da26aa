package dev.ccbackend.migrator.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * {@code archive verify}: validates version.txt, every cluster.json, every meta.json (and with
 * {@code deep} every data file) against the schemas of the archive's version. With a baseline (the
 * archive before migration) a job's violations are compared with the same job's there, file by
 * file, as it goes, so memory stays flat: a migration must add none.
 */
public final class ArchiveVerifier {
    static final int EXAMPLES = 50;

    private final List<ArchiveSchemas.Violation> examples = new ArrayList<>();
    private final List<ArchiveSchemas.Violation> newExamples = new ArrayList<>();
    private final LongAdder violations = new LongAdder();
    private final LongAdder newViolations = new LongAdder();
    private final LongAdder files = new LongAdder();
    private final LongAdder jobs = new LongAdder();

    private ArchiveVerifier() {
    }

    public static ArchiveVerification verify(Path archive, Path baseline, boolean deep, boolean strict, int workers) {
        return new ArchiveVerifier().run(archive, baseline, deep, strict, workers);
    }

    private ArchiveVerification run(Path archive, Path baseline, boolean deep, boolean strict, int workers) {
        int version = ArchiveVersion.read(archive);
        ArchiveSchemas schemas = ArchiveSchemas.forVersion(version);
        ArchiveSchemas baselineSchemas = baseline == null ? null : ArchiveSchemas.forVersion(ArchiveVersion.read(baseline));
        List<String> clusters = ArchiveLayout.rootEntries(archive).clusters();
        for (String cluster : clusters) {
            check(archive, baseline, cluster + "/" + ArchiveLayout.CLUSTER_JSON, ArchiveSchemas.Kind.CLUSTER, schemas, baselineSchemas);
        }
        JobPipeline.run(archive, clusters, Shard.ALL, workers, job -> {
            jobs.increment();
            String meta = job.relativePath() + "/" + ArchiveLayout.META_JSON;
            if (Files.exists(archive.resolve(meta))) {
                check(archive, baseline, meta, ArchiveSchemas.Kind.META, schemas, baselineSchemas);
            }
            if (deep) {
                for (String name : List.of(ArchiveLayout.DATA_JSON_GZ, ArchiveLayout.DATA_JSON)) {
                    if (Files.exists(job.dir().resolve(name))) {
                        check(archive, baseline, job.relativePath() + "/" + name, ArchiveSchemas.Kind.DATA, schemas, baselineSchemas);
                        break;
                    }
                }
            }
        });
        long total = violations.sum();
        Long added = baseline == null ? null : newViolations.sum();
        ArchiveCompleteness.Result completeness = baseline == null ? null : completeness(baseline, archive);
        boolean ok = (added == null || added == 0) && (!strict || total == 0) && (completeness == null || completeness.missing() == 0);
        return new ArchiveVerification(archive.toString(), version, baseline == null ? null : baseline.toString(), deep, strict,
                clusters, jobs.sum(), files.sum(), total, added, List.copyOf(examples), List.copyOf(newExamples),
                completeness == null ? null : completeness.missing(), completeness == null ? List.of() : completeness.examples(), ok);
    }

    /** With a baseline: is everything of it still there (a copy-mode archive must hold all the old one held)? */
    private static ArchiveCompleteness.Result completeness(Path baseline, Path archive) {
        try {
            return ArchiveCompleteness.compare(baseline.toAbsolutePath().normalize(), archive.toAbsolutePath().normalize());
        } catch (java.io.IOException e) {
            throw new ArchiveException("cannot compare " + archive + " with " + baseline + ": " + e.getMessage());
        }
    }

    private void check(Path archive, Path baseline, String file, ArchiveSchemas.Kind kind, ArchiveSchemas schemas,
                       ArchiveSchemas baselineSchemas) {
        files.increment();
        List<ArchiveSchemas.Violation> found = validate(archive, file, kind, schemas);
        if (found.isEmpty()) {
            return;
        }
        violations.add(found.size());
        synchronized (examples) {
            found.stream().limit(Math.max(0, EXAMPLES - examples.size())).forEach(examples::add);
        }
        if (baseline == null) {
            return;
        }
        Set<String> before = new HashSet<>();
        if (Files.exists(baseline.resolve(file))) {
            validate(baseline, file, kind, baselineSchemas).forEach(v -> before.add(v.key()));
        }
        for (ArchiveSchemas.Violation v : found) {
            if (!before.contains(v.key())) {
                newViolations.increment();
                synchronized (newExamples) {
                    if (newExamples.size() < EXAMPLES) {
                        newExamples.add(v);
                    }
                }
            }
        }
    }

    static List<ArchiveSchemas.Violation> validate(Path root, String file, ArchiveSchemas.Kind kind, ArchiveSchemas schemas) {
        JsonNode document;
        try (InputStream in = open(root.resolve(file))) {
            document = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            return List.of(new ArchiveSchemas.Violation(file, "$", "parse", null, "not readable JSON: " + e.getMessage()));
        }
        if (document == null || document.isMissingNode()) {
            return List.of(new ArchiveSchemas.Violation(file, "$", "parse", null, "empty file"));
        }
        return schemas.validate(kind, file, document);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 65536) : in;
    }
}
