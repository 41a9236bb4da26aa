package dev.ccbackend.migrator.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads every job of the shard once before anything is written, so that the refusals the issue asks
 * for (jobs in state 'stopped' without {@code --map-state}, broken jobs with {@code --on-error fail},
 * unwritable directories, too little space) happen while the archive is still untouched. It also
 * gives the progress bar its total.
 */
final class MigrationPreflight {

    /**
     * @param unmappedStates state → number of jobs in a state version 3 forbids, with no mapping given
     * @param errors         jobs that cannot be migrated
     */
    record Scan(long jobs, long bytes, long metaBytes, Map<String, Long> unmappedStates, long errors, JobProblem firstError,
                List<ArchiveLayout.Stray> strays) {
    }

    private MigrationPreflight() {
    }

    static Scan scan(MigrationOptions options, List<String> clusters, JobMigrator migrator, JobReport report) {
        LongAdder jobs = new LongAdder();
        LongAdder bytes = new LongAdder();
        LongAdder metaBytes = new LongAdder();
        LongAdder errors = new LongAdder();
        Map<String, LongAdder> unmapped = new ConcurrentHashMap<>();
        AtomicReference<JobProblem> firstError = new AtomicReference<>();
        boolean inPlace = !options.copyMode();
        List<ArchiveLayout.Stray> strays = new java.util.concurrent.CopyOnWriteArrayList<>();
        JobPipeline.run(options.archive(), clusters, options.shard(), options.workers(), job -> {
            jobs.increment();
            JobProblem problem;
            try {
                JobMigrator.JobPlan plan = migrator.preScan(job);
                bytes.add(plan.files().bytes());
                metaBytes.add(plan.meta() == null ? 0 : plan.meta().length);
                if (plan.unmappedState() != null) {
                    unmapped.computeIfAbsent(plan.unmappedState(), s -> new LongAdder()).increment();
                    problem = new JobProblem(job.relativePath(), "UNMAPPED_STATE", "job state '" + plan.unmappedState()
                            + "' does not exist in archive version 3");
                } else if (plan.error() != null) {
                    problem = new JobProblem(job.relativePath(), "FAILED", plan.error());
                } else if (inPlace && plan.newMeta() != null && !Files.isWritable(job.dir())) {
                    problem = new JobProblem(job.relativePath(), "FAILED", "directory is not writable");
                } else {
                    return;
                }
            } catch (IOException e) {
                problem = new JobProblem(job.relativePath(), "FAILED", "cannot read: " + e.getMessage());
            }
            if (!"UNMAPPED_STATE".equals(problem.kind())) {
                errors.increment();
                firstError.compareAndSet(null, problem);
            }
            report.add(problem);
        }, strays::add);
        Map<String, Long> states = new TreeMap<>();
        unmapped.forEach((state, count) -> states.put(state, count.sum()));
        return new Scan(jobs.sum(), bytes.sum(), metaBytes.sum(), states, errors.sum(), firstError.get(), List.copyOf(strays));
    }

    /** The refusals that must come before the first write. */
    static void refuseIfBlocked(MigrationOptions options, Scan scan) {
        scan.strays().stream().filter(ArchiveLayout.Stray::symlinkedDirectory).findFirst().ifPresent(link -> {
            throw symlinkedDirectory(link.relativePath(), link.path());
        });
        if (!scan.unmappedStates().isEmpty()) {
            StringBuilder counts = new StringBuilder();
            scan.unmappedStates().forEach((state, n) -> counts.append(counts.length() > 0 ? ", " : "")
                    .append(n).append(n == 1 ? " job" : " jobs").append(" in state '").append(state).append('\''));
            String example = scan.unmappedStates().keySet().iterator().next();
            throw new ArchiveException(counts + " cannot be written in archive version 3, which no longer has "
                    + (scan.unmappedStates().size() == 1 ? "that state" : "those states")
                    + "; nothing was changed. Rerun with --map-state " + example + "=completed (or another state),"
                    + " the same mapping as for the database");
        }
        if (scan.errors() > 0 && options.onError() == MigrationOptions.OnError.FAIL) {
            JobProblem first = scan.firstError();
            throw new ArchiveException(scan.errors() + (scan.errors() == 1 ? " job" : " jobs") + " cannot be migrated (first: "
                    + first.job() + ": " + first.reason() + "); nothing was changed. Fix "
                    + (scan.errors() == 1 ? "it" : "them") + ", or rerun with --on-error skip to keep "
                    + (scan.errors() == 1 ? "it" : "them") + " as they are and list them in --report");
        }
    }

    /**
     * A directory of the archive that is a symbolic link: its jobs live elsewhere, where a volume snapshot of
     * the archive does not reach, so migrating them would leave no way back.
     */
    static ArchiveException symlinkedDirectory(String relative, Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            target = "?";
        }
        return new ArchiveException(relative + " is a symbolic link to a directory (" + target + "): its jobs are outside "
                + "the archive, where a snapshot of the archive's volume does not reach; move that data into the archive "
                + "(replace the link by the directory) and run again; nothing was changed");
    }

    /** Copy mode needs room for what it cannot hard-link. */
    static void refuseIfNoSpace(Path output, boolean links, Scan scan) throws IOException {
        long needed = links ? scan.metaBytes() : scan.bytes();
        needed += needed / 100 + (1 << 20);
        Path existing = output;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        long usable = Files.getFileStore(existing == null ? Path.of(".") : existing).getUsableSpace();
        if (usable < needed) {
            throw new ArchiveException("not enough free space for the new archive at " + output + ": it needs about "
                    + mib(needed) + " MiB" + (links ? "" : " (another filesystem, so every file is copied)") + ", "
                    + mib(usable) + " MiB are free; free space or put NEWDIR on the archive's filesystem, where"
                    + " unchanged files are hard-linked");
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
