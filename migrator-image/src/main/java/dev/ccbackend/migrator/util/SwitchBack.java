package dev.ccbackend.migrator.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Undoes an online cutover by renaming: the original the cutover kept ({@code NAME.v<old>-<time>}) takes its
 * name back, and what the cutover switched in is set aside as {@code NAME.rolled-back-<time>} (for inspection;
 * nothing is deleted). Safe to rerun after a kill: each rename is looked for before it is made.
 */
public final class SwitchBack {
    /**
     * @param path        the live database or archive
     * @param restored    the kept original now at {@code path}, or null when the cutover had not switched
     * @param setAside    where the upgraded data went, or null
     * @param switchedBack whether anything was renamed (or, removing a kept original, deleted) by this run
     */
    public record Result(String path, String restored, String setAside, boolean switchedBack, String message) {
    }

    /** Thrown for anything a switch-back refuses; the message says what to do, nothing was renamed. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    private SwitchBack() {
    }

    /**
     * Whether a switch file that names an existing backup is stale: a cutover it belongs to was stopped between or
     * after its renames, so either the live path is gone (moved to the backup) or the prepared copy is (moved into
     * place). Both still there means the file is from another, earlier cutover. {@code recorded}: the prepared path
     * the file names (null in files of older versions), {@code prepared}: the one at hand (null when not known),
     * which decides when given: the same path is prepared anew for every upgrade.
     */
    public static boolean stale(Path live, String recorded, Path prepared) {
        Path copy = prepared != null ? prepared : recorded != null ? Path.of(recorded) : null;
        return Files.exists(live) && (copy == null || Files.exists(copy));
    }

    /**
     * @param live       the database file or the archive directory
     * @param keptName   the name the cutover kept the original under (its result's "backup"), or empty for a cutover
     *                   that did not finish: its switch file names the original if it was renamed already
     * @param switchFile the cutover's switch file, {@code {"backup": NAME, ...}} while a switch is under way
     * @param companions suffixes of files that belong to {@code live} and move with it (SQLite's -wal, -shm)
     */
    public static Result run(Path live, Optional<String> keptName, Path switchFile, List<String> companions) {
        Path path = live.toAbsolutePath().normalize();
        keptName.ifPresent(k -> checkKept(path, k));
        String kept = keptName.orElseGet(() -> interruptedSwitch(path, switchFile));
        if (kept == null) {
            return new Result(path.toString(), null, null, false, "no interrupted cutover of " + path + (Files.exists(switchFile)
                    ? " (" + switchFile.getFileName() + " is left from an earlier cutover, with " + path.getFileName() + " and"
                    + " its prepared copy both in place: remove it)" : " (no " + switchFile.getFileName() + ")")
                    + ": it was never renamed, nothing to switch back");
        }
        String name = path.getFileName().toString();
        String prefix = name + ".v";
        Path original = path.resolveSibling(kept);
        Path aside = path.resolveSibling(name + ".rolled-back-" + kept.substring(kept.indexOf('-', prefix.length()) + 1));
        try {
            if (!Files.exists(original)) {
                if (Files.exists(path) && Files.exists(aside)) {
                    return new Result(path.toString(), original.toString(), aside.toString(), false,
                            path + " was switched back already (the upgraded one is " + aside + ")");
                }
                throw new RefusedException(original + " does not exist, so there is nothing to switch back to; " + path
                        + " was not renamed");
            }
            if (Files.exists(path)) {
                if (Files.exists(aside)) {
                    throw new RefusedException(aside + " exists already: move it away, then run again; nothing was renamed");
                }
                move(path, aside, companions);
            }
            move(original, path, companions);
            Files.deleteIfExists(switchFile);
            return new Result(path.toString(), original.toString(), aside.toString(), true, path + " is the original again"
                    + " (it was kept as " + kept + "); the upgraded one is set aside as " + aside.getFileName());
        } catch (IOException e) {
            throw new RefusedException("switching " + path + " back failed (" + e + "): run the same command again; it"
                    + " finishes what is left");
        }
    }

    /**
     * Deletes what a cutover kept ({@code kept}, beside {@code live}, with its companions) once it is no longer
     * wanted: the end of a rollback window. Refuses any other name; one already gone is reported, not an error.
     */
    public static Result removeKept(Path live, String kept, List<String> companions) {
        Path path = live.toAbsolutePath().normalize();
        checkKept(path, kept);
        Path original = path.resolveSibling(kept);
        try {
            boolean existed = Files.exists(original, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            for (String suffix : companions) {
                Files.deleteIfExists(original.resolveSibling(kept + suffix));
            }
            Directories.deleteRecursively(original);
            return new Result(path.toString(), original.toString(), null, existed, existed ? "removed " + original
                    + ", the original a cutover kept" : original + " was gone already");
        } catch (IOException e) {
            throw new RefusedException("removing " + original + " failed part-way (" + e + "): run the same command again");
        }
    }

    /** @throws RefusedException unless {@code kept} is a name a cutover keeps {@code live} under, beside it */
    public static void checkKept(Path live, String kept) {
        Path path = live.toAbsolutePath().normalize();
        if (path.getFileName() == null) {
            throw new RefusedException(path + " has no name to switch back: give the database file or the archive directory");
        }
        String name = path.getFileName().toString();
        String prefix = name + ".v";
        if (kept.contains("/") || !kept.startsWith(prefix) || kept.indexOf('-', prefix.length()) < 0) {
            throw new RefusedException("--kept " + kept + " is not a name a cutover keeps " + name + " under (" + name
                    + ".v<version>-<time>, the \"backup\" of its result); nothing was renamed");
        }
    }

    /** The backup a cutover interrupted after its first rename recorded; null when nothing was switched. */
    private static String interruptedSwitch(Path path, Path switchFile) {
        if (!Files.exists(switchFile)) {
            return null; // refused or stopped before its switch: the original was never renamed
        }
        try {
            var recorded = Json.MAPPER.readTree(Files.readString(switchFile));
            String backup = recorded.path("backup").asText(null);
            if (backup == null || !Files.exists(path.resolveSibling(backup))) {
                Files.delete(switchFile); // the cutover was stopped before its first rename
                return null;
            }
            if (stale(path, recorded.path("prepared").asText(null), null)) {
                return null; // from an earlier cutover: the last one refused before its first rename, seeing it
            }
            return backup;
        } catch (IOException e) {
            throw new RefusedException("cannot read " + switchFile + " (" + e.getMessage() + "): give --kept NAME; nothing was renamed");
        }
    }

    /** Companions first, then the file itself: a rerun after a kill sees the main name where it was and moves again. */
    private static void move(Path from, Path to, List<String> companions) throws IOException {
        for (String suffix : companions) {
            Path companion = from.resolveSibling(from.getFileName() + suffix);
            if (Files.exists(companion)) {
                Files.move(companion, to.resolveSibling(to.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }
}
