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
     * @param linkedBytes    what a new archive takes on disk when data files are hard-linked: a directory and a
     *                       meta.json per job, each rounded up to whole blocks (a 300-byte meta.json takes 4 KiB)
     * @param copiedBytes    the same when every file is copied
     * @param unmappedStates state → number of jobs in a state version 3 forbids, with no mapping given
     * @param errors         jobs that cannot be migrated
     */
    record Scan(long jobs, long linkedBytes, long copiedBytes, Map<String, Long> unmappedStates, long errors,
                JobProblem firstError, List<ArchiveLayout.Stray> strays) {
    }

    private MigrationPreflight() {
    }

    /** @param blockSize the output's allocation unit (copy mode), for the space estimate */
    static Scan scan(MigrationOptions options, List<String> clusters, JobMigrator migrator, JobReport report, long blockSize) {
        LongAdder jobs = new LongAdder();
        LongAdder linkedBytes = new LongAdder();
        LongAdder copiedBytes = new LongAdder();
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
                long metaBlocks = blocks(plan.newMeta() != null ? plan.newMeta().length : plan.meta() == null ? 0 : plan.meta().length,
                        blockSize);
                linkedBytes.add(blockSize + metaBlocks);
                copiedBytes.add(blockSize + metaBlocks);
                for (JobFiles.FileEntry file : plan.files().files()) {
                    if (!file.name().equals(ArchiveLayout.META_JSON)) {
                        copiedBytes.add(blocks(file.size(), blockSize));
                    }
                }
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
        return new Scan(jobs.sum(), linkedBytes.sum(), copiedBytes.sum(), states, errors.sum(), firstError.get(), List.copyOf(strays));
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

    /** A file's size rounded up to whole blocks: what it takes on disk. */
    private static long blocks(long size, long blockSize) {
        return size <= 0 ? 0 : (size + blockSize - 1) / blockSize * blockSize;
    }

    /** The output's allocation unit; 4 KiB where the filesystem does not say. */
    static long blockSize(Path output) {
        try {
            long size = Files.getFileStore(existingAncestor(output)).getBlockSize();
            return size > 0 ? size : 4096;
        } catch (IOException | UnsupportedOperationException e) {
            return 4096;
        }
    }

    /** What copy mode needs: room for what it cannot hard-link, plus a margin. */
    static long needed(Scan scan, boolean links) {
        long needed = links ? scan.linkedBytes() : scan.copiedBytes();
        return needed + needed / 100 + (1 << 20);
    }

    /** Copy mode needs room for what it cannot hard-link. */
    static void refuseIfNoSpace(Path output, boolean links, Scan scan) throws IOException {
        long needed = needed(scan, links);
        long usable = usableSpace(output);
        if (usable < needed) {
            throw new ArchiveException("not enough free space for the new archive at " + output + ": it needs about "
                    + mib(needed) + " MiB" + (links ? "" : " (another filesystem, so every file is copied)") + ", "
                    + mib(usable) + " MiB are free; free space or put NEWDIR on the archive's filesystem, where"
                    + " unchanged files are hard-linked; nothing was changed");
        }
    }

    /**
     * The check when hard links are refused part-way (e.g. {@code fs.protected_hardlinks} for files of another
     * uid, or NEWDIR on another mount of the same filesystem): from now on every data file is copied.
     */
    static void refuseIfCopiesDoNotFit(Path output, Scan scan, long jobsDone) throws IOException {
        double left = scan.jobs() == 0 ? 0 : (double) Math.max(0, scan.jobs() - jobsDone) / scan.jobs();
        long needed = (long) ((scan.copiedBytes() - scan.linkedBytes()) * left) + (1 << 20);
        long usable = usableSpace(output);
        if (usable < needed) {
            throw new JobPipeline.StopException("hard links into " + output + " are refused (another mount, or"
                    + " fs.protected_hardlinks for files another uid owns), so the remaining data files must be copied: about "
                    + mib(needed) + " MiB, but " + mib(usable) + " MiB are free. Free space on that volume, or run as the"
                    + " owner of the archive's files (links to one's own files are allowed), or give NEWDIR on the same mount"
                    + " as the archive; the archive was not changed, and a rerun continues the partial new archive");
        }
    }

    static long usableSpace(Path path) throws IOException {
        return Files.getFileStore(existingAncestor(path)).getUsableSpace();
    }

    static Path existingAncestor(Path p) {
        Path existing = p.toAbsolutePath();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    static String mib(long bytes) {
        return String.valueOf((bytes + (1 << 20) - 1) >> 20);
    }
}
