package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.util.FileOwnership;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Migrates one job directory: decides what changes ({@link #plan}), then applies it in place
 * (atomic replace of meta.json) or into the new archive (new meta.json, data files linked or copied).
 * meta.json is the only file a hop rewrites; data files keep their bytes (version 3 only drops
 * {@code thresholds} from the schema, which never forbade extra keys, so old data stays valid).
 */
public final class JobMigrator {
    private final int fromVersion;
    private final int toVersion;
    private final StateMapping states;
    private final Path output;
    private final boolean fsyncEachFile;
    private final FileCopier copier;
    private final boolean resuming;

    /** @param resuming a killed run of this shard may have left temp files (listed and removed) or output files (replaced) */
    public JobMigrator(int fromVersion, int toVersion, StateMapping states, Path output, boolean fsyncEachFile,
                       FileCopier copier, boolean resuming) {
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.states = states;
        this.output = output;
        this.fsyncEachFile = fsyncEachFile;
        this.copier = copier;
        this.resuming = resuming;
    }

    /**
     * What would happen to a job. Exactly one of {@code skip}, {@code error}, {@code unmappedState}
     * is set when the job cannot be migrated as asked.
     *
     * @param meta      meta.json as read
     * @param newMeta   meta.json to write, null when it stays as it is
     * @param warnings  things to report that do not stop the job (an empty data file)
     */
    public record JobPlan(JobFiles files, byte[] meta, byte[] newMeta, JobProblem skip, String error,
                          String unmappedState, List<JobProblem> warnings) {
        public boolean migratable() {
            return skip == null && error == null && unmappedState == null;
        }
    }

    public JobPlan plan(ArchiveLayout.JobDir job) throws IOException {
        if (output == null && !resuming) {
            byte[] meta = readMeta(job);
            if (meta != null) {
                JobFiles files = JobFiles.withMeta(job.dir(), meta.length);
                return decide(files, meta, dataWarnings(job, files));
            }
        }
        JobFiles files = JobFiles.list(job.dir());
        List<JobProblem> warnings = dataWarnings(job, files);
        JobFiles.FileEntry metaEntry = files.meta();
        if (metaEntry == null || metaEntry.size() == 0) {
            String reason = metaEntry == null ? "no meta.json" : "meta.json is empty";
            return new JobPlan(files, null, null, new JobProblem(job.relativePath(), metaEntry == null ? "MISSING_FILE" : "EMPTY_FILE",
                    reason + "; job skipped and kept as it is"), null, null, warnings);
        }
        return decide(files, Files.readAllBytes(metaEntry.path()), warnings);
    }

    /**
     * The pre-scan's view of a job: meta.json read by name, plus the data file's size in copy mode
     * (for the free-space check, also when hard links may be refused part-way); no directory listing. The full
     * {@link #plan} runs again in the migration pass.
     */
    public JobPlan preScan(ArchiveLayout.JobDir job) throws IOException {
        byte[] meta = readMeta(job);
        if (meta == null) {
            return plan(job);
        }
        Path metaPath = job.dir().resolve(ArchiveLayout.META_JSON);
        JobFiles files = output != null ? JobFiles.withMeta(job.dir(), meta.length)
                : new JobFiles(job.dir(), List.of(new JobFiles.FileEntry(metaPath, ArchiveLayout.META_JSON, meta.length)), List.of(),
                List.of());
        return decide(files, meta, List.of());
    }

    /** meta.json read by name; null when missing or empty (the caller lists the directory to report why). */
    private static byte[] readMeta(ArchiveLayout.JobDir job) throws IOException {
        try {
            byte[] meta = Files.readAllBytes(job.dir().resolve(ArchiveLayout.META_JSON));
            return meta.length == 0 ? null : meta;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static List<JobProblem> dataWarnings(ArchiveLayout.JobDir job, JobFiles files) {
        JobFiles.FileEntry data = files.data();
        if (data == null) {
            return List.of(new JobProblem(job.relativePath(), "MISSING_FILE", "no data.json.gz or data.json; kept as it is"));
        }
        if (data.dangling()) {
            return List.of(new JobProblem(job.relativePath(), "DANGLING_SYMLINK", data.name()
                    + " is a symbolic link to a file that does not exist; kept as it is"));
        }
        if (data.size() == 0) {
            return List.of(new JobProblem(job.relativePath(), "EMPTY_FILE", data.name() + " is empty; kept as it is"));
        }
        return List.of();
    }

    private JobPlan decide(JobFiles files, byte[] meta, List<JobProblem> warnings) {
        try {
            MetaJson.Scan scan = MetaJson.scan(meta);
            if (toVersion < 3 || fromVersion >= 3) {
                return new JobPlan(files, meta, null, null, null, null, warnings);
            }
            if (scan.jobState() != null && states.map(scan.jobState()) == null) {
                return new JobPlan(files, meta, null, null, null, scan.jobState(), warnings);
            }
            return new JobPlan(files, meta, MetaJson.toVersion3(meta, scan, states), null, null, null, warnings);
        } catch (JobException e) {
            return new JobPlan(files, meta, null, null, e.getMessage(), null, warnings);
        }
    }

    /** Applies a migratable plan. @return true when something was written */
    public boolean apply(ArchiveLayout.JobDir job, JobPlan plan) throws IOException {
        if (output == null) {
            for (Path temp : plan.files().leftoverTemps()) {
                Files.deleteIfExists(temp);
            }
            if (plan.newMeta() == null) {
                return false;
            }
            AtomicFiles.replace(plan.files().meta().path(), plan.newMeta(), fsyncEachFile);
            return true;
        }
        Path dir = output.resolve(job.relativePath());
        TreeCarrier.mirrorDirectory(job.dir(), dir);
        for (JobFiles.FileEntry file : plan.files().files()) {
            Path target = dir.resolve(file.name());
            if (file.name().equals(ArchiveLayout.META_JSON)) {
                if (resuming) {
                    Files.deleteIfExists(target); // never write through a name an earlier run may have linked
                }
                Files.write(target, plan.newMeta() != null ? plan.newMeta() : plan.meta(), StandardOpenOption.CREATE_NEW);
                FileOwnership.applyToNew(FileOwnership.of(file.path()), target, false);
            } else {
                copier.linkOrCopy(file.path(), file.symlink(), target, resuming);
            }
        }
        carryOthers(plan.files(), dir);
        return true;
    }

    /** Copy mode keeps jobs it cannot migrate exactly as they are, so nothing is lost. */
    public void keepAsIs(ArchiveLayout.JobDir job, JobFiles files) throws IOException {
        if (output == null) {
            return;
        }
        Path dir = output.resolve(job.relativePath());
        TreeCarrier.mirrorDirectory(job.dir(), dir);
        for (JobFiles.FileEntry file : files.files()) {
            copier.copy(file.path(), file.symlink(), dir.resolve(file.name()), true);
        }
        carryOthers(files, dir);
    }

    /** Copy mode keeps whatever else a job directory holds (subdirectories), as it is. */
    private void carryOthers(JobFiles files, Path dir) throws IOException {
        for (Path other : files.others()) {
            TreeCarrier.carry(other, dir.resolve(other.getFileName().toString()), copier);
        }
    }
}
