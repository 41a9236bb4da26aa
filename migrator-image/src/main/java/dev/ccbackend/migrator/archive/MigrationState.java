package dev.ccbackend.migrator.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ccbackend.migrator.util.Directories;
import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The journal of an unfinished migration, in {@code <target>/.cc-migrator/}: {@code run.json} (what
 * the migration does, written once by whichever shard starts first) and one
 * {@code shard-I-of-N.json} per shard (its progress and outcome). A rerun reads them to finish the
 * same migration; finalize reads them to decide whether version.txt may be written; finalize then
 * removes the directory, because cc-backend 1.5 would take it for a cluster.
 */
public final class MigrationState {
    private final Path dir;

    public MigrationState(Path targetRoot) {
        this.dir = targetRoot.resolve(ArchiveLayout.STATE_DIR);
    }

    /**
     * @param source        the archive read (same as the target in place)
     * @param mode          copy or in-place
     * @param mapState      {@code --map-state} entries in effect
     */
    public record Run(String source, String mode, int fromVersion, int toVersion, List<String> mapState,
                      boolean addFootprints, int shards) {
    }

    public enum ShardState { RUNNING, FINISHED, FAILED }

    /** @param problems the first failures and skips of this shard (all of them are in the report file) */
    public record ShardStatus(String shard, ShardState state, ArchiveProgress progress, List<JobProblem> problems,
                              String message) {
    }

    public Path dir() {
        return dir;
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    public Run readRun() {
        return read(dir.resolve("run.json"), Run.class);
    }

    /**
     * Records the run unless one is recorded already, atomically even when shards start together
     * (hard-link creation fails if the name exists). Returns the run in effect.
     */
    public Run recordRun(Run run) throws IOException {
        boolean created = !Files.isDirectory(dir);
        Files.createDirectories(dir);
        Path file = dir.resolve("run.json");
        Path temp = dir.resolve(".run-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + ".json");
        try {
            Files.writeString(temp, Json.pretty(run), StandardCharsets.UTF_8);
            Files.createLink(file, temp);
            AtomicFiles.syncDirectory(dir);
            return run;
        } catch (FileAlreadyExistsException e) {
            return readRun();
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            if (created) {
                Directories.deleteRecursively(dir); // e.g. a full volume: leave no journal that records nothing
            }
            throw e;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public ShardStatus readShard(Shard shard) {
        return read(shardFile(shard), ShardStatus.class);
    }

    public void writeShard(Shard shard, ShardStatus status, boolean sync) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.replace(shardFile(shard), Json.pretty(status).getBytes(StandardCharsets.UTF_8), sync);
    }

    public Path shardFile(Shard shard) {
        return dir.resolve(shard.fileStem() + ".json");
    }

    /** Removes the journal once the archive is complete. */
    public void remove() throws IOException {
        if (!exists()) {
            return;
        }
        Directories.deleteRecursively(dir);
        AtomicFiles.syncDirectory(dir.getParent());
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (NoSuchFileException e) {
            return null;
        } catch (JsonProcessingException e) {
            throw new ArchiveException(file + " is damaged (" + e.getOriginalMessage() + "); remove "
                    + file.getParent() + " and start the migration again");
        } catch (IOException e) {
            throw new ArchiveException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
