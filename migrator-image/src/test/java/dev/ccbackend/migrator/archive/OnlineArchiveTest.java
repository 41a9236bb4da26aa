package dev.ccbackend.migrator.archive;

import static dev.ccbackend.migrator.archive.TestingArchives.cli;
import static dev.ccbackend.migrator.archive.TestingArchives.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.StateMapping;
import dev.ccbackend.migrator.util.Directories;
import dev.ccbackend.migrator.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepare while cc-backend writes, cut over once it is stopped: the result is what an offline migration gives. */
class OnlineArchiveTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final StateMapping STOPPED = StateMapping.parse(List.of("stopped=completed"));

    @TempDir
    Path tmp;

    /** Prepares an archive whose jobs were written long before (see {@link TestingArchives#age}). */
    private static ArchivePrepare.Result prepare(Path archive, Path prepared) throws IOException {
        TestingArchives.age(archive);
        return ArchivePrepare.prepare(archive, prepared, 3, STOPPED, 2, false, new PrintWriter(new StringWriter()));
    }

    private static List<Path> jobs(Path archive) throws IOException {
        try (Stream<Path> metas = Files.walk(archive)) {
            return metas.filter(p -> p.getFileName().toString().equals("meta.json")).map(Path::getParent).sorted().toList();
        }
    }

    /** cc-backend's ways of changing an archive: new jobs, removed ones, tags written into meta.json in place, new data. */
    static void changeAsCcBackendDoes(Path archive) throws IOException {
        List<Path> jobs = jobs(archive);
        for (int i = 0; i < 20; i++) {
            Path source = jobs.get(i);
            Path added = source.resolveSibling(String.valueOf(1_700_000_000L + i));
            Files.createDirectories(added);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.toList()) {
                    Files.copy(f, added.resolve(f.getFileName()));
                }
            }
        }
        for (Path gone : jobs.subList(jobs.size() - 10, jobs.size())) {
            Directories.deleteRecursively(gone);
        }
        for (Path tagged : jobs.subList(40, 50)) {
            ObjectNode meta = (ObjectNode) Json.MAPPER.readTree(tagged.resolve("meta.json").toFile());
            ArrayNode tags = meta.has("tags") && meta.get("tags").isArray() ? (ArrayNode) meta.get("tags") : meta.putArray("tags");
            tags.addObject().put("id", 9001).put("type", "issue").put("name", "tagged-while-prepared");
            Files.write(tagged.resolve("meta.json"), Json.MAPPER.writeValueAsBytes(meta)); // in place, as cc-backend writes it
        }
        for (Path rewritten : jobs.subList(60, 65)) {
            Path data = Files.exists(rewritten.resolve("data.json.gz")) ? rewritten.resolve("data.json.gz") : rewritten.resolve("data.json");
            Files.delete(data);
            Files.writeString(data, "{\"rewritten\": true}");
        }
        Files.writeString(archive.resolve("alex/README"), "added between the levels while prepared\n");
        Files.delete(archive.resolve("emmy/1000/STALE"));     // beside the jobs at the prepare, gone since
        Files.delete(archive.resolve("fritz/notes.txt"));     // a cluster's own file, gone since
    }

    @Test
    void theCutoverAppliesEveryKindOfChangeAndEqualsAnOfflineMigrationOfTheChangedArchive() throws Exception {
        Path archive = tmp.resolve("job-archive");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 300));
        Path prepared = tmp.resolve("job-archive.next");
        Files.writeString(archive.resolve("emmy/1000/STALE"), "removed after the prepare\n");
        Files.writeString(archive.resolve("fritz/notes.txt"), "removed after the prepare\n");

        ArchivePrepare.Result prep = prepare(archive, prepared);
        assertThat(prep.jobs()).isEqualTo(300);
        assertThat(prep.filesLinked()).isPositive();
        changeAsCcBackendDoes(archive);
        TestingArchives.Run copy = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "copy",
                "--output", tmp.resolve("offline").toString(), "--map-state", "stopped=completed");
        assertThat(copy.exitCode()).as(copy.err()).isZero();

        ArchiveCutover.Result cut = ArchiveCutover.cutover(archive, prepared, CLOCK, 2);

        assertThat(cut.jobsRedone()).as("20 added, 10 tagged, 5 with new data").isEqualTo(35);
        assertThat(cut.jobsRemoved()).isEqualTo(10);
        assertThat(cut.backup()).isEqualTo(tmp.resolve("job-archive.v2-20261202T100000Z").toString());
        assertThat(ArchiveVersion.read(Path.of(cut.backup()))).isEqualTo(2);
        assertThat(digest(archive)).isEqualTo(digest(tmp.resolve("offline")));
        assertThat(prepared).doesNotExist();
        assertThat(ArchivePrepare.stateDir(prepared)).doesNotExist();
    }

    /** The cutover lists only directories whose stamp changed: what is added or removed at every level must still show. */
    @Test
    void directoriesAddedAndRemovedAtEveryLevelSinceThePrepareShow() throws Exception {
        Path archive = tmp.resolve("job-archive");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 120));
        Path prepared = tmp.resolve("job-archive.next");
        Files.createDirectories(archive.resolve("emmy/7/001")); // an empty bucket: a job written into it later must show
        prepare(archive, prepared);
        List<Path> jobs = jobs(archive);
        Path template = jobs.get(0);
        copyJob(template, archive.resolve("alex/999/001/1700000001"));  // a new first-level directory
        copyJob(template, archive.resolve("emmy/7/001/1700000002"));    // into the bucket that was empty
        Path bucket = jobs.get(5).getParent();
        copyJob(template, bucket.resolveSibling("999").resolve("1700000003")); // a new bucket beside existing ones
        Path level1 = jobs.get(jobs.size() - 1).getParent().getParent();
        Directories.deleteRecursively(level1);                            // a first-level directory with its jobs gone
        Files.createDirectories(archive.resolve("newcluster"));
        Files.copy(archive.resolve("alex/cluster.json"), archive.resolve("newcluster/cluster.json"));
        copyJob(template, archive.resolve("newcluster/1/002/1700000004")); // a cluster that came after the prepare
        Files.writeString(jobs.get(60).getParent().resolve("NOTE"), "a file between the levels, new\n");
        long goneJobs = jobs.stream().filter(j -> j.startsWith(level1)).count();
        TestingArchives.Run copy = cli("archive", "migrate", "--archive", archive.toString(), "--to-version", "3", "--mode", "copy",
                "--output", tmp.resolve("offline").toString(), "--map-state", "stopped=completed");
        assertThat(copy.exitCode()).as(copy.err()).isZero();

        ArchiveCutover.Result cut = ArchiveCutover.cutover(archive, prepared, CLOCK, 2);

        assertThat(cut.jobsRedone()).as("4 new jobs, nothing else").isEqualTo(4);
        assertThat(cut.jobsRemoved()).isEqualTo(goneJobs);
        assertThat(cut.jobsChecked()).isEqualTo(120 - goneJobs + 4);
        assertThat(digest(archive)).isEqualTo(digest(tmp.resolve("offline")));
    }

    /**
     * Level directories moved elsewhere and replaced by links since the prepare: refused as an offline migration
     * refuses them, before the archive changes, and nothing outside it is deleted or written through a link.
     */
    @Test
    void levelDirectoriesReplacedByLinksAreRefusedAndNothingOutsideTheArchiveChanges() throws Exception {
        Path archive = tmp.resolve("job-archive");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 60));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        List<Path> jobs = jobs(archive);
        Path bucket = jobs.get(3).getParent();
        Files.writeString(bucket.resolve("NOTE"), "beside the jobs\n");
        Path prepared = tmp.resolve("job-archive.next");
        prepare(archive, prepared);
        Files.move(bucket, elsewhere.resolve("bucket"));
        Files.createSymbolicLink(bucket, elsewhere.resolve("bucket"));
        Path level1 = jobs.get(jobs.size() - 1).getParent().getParent();
        Files.move(level1, elsewhere.resolve("level1"));
        Files.createSymbolicLink(level1, elsewhere.resolve("level1")); // on the same filesystem: inodes and times kept
        var elsewhereBefore = digest(elsewhere);
        var before = digest(archive);

        assertThatThrownBy(() -> ArchiveCutover.cutover(archive, prepared, CLOCK, 2))
                .hasMessageContaining("is a symbolic link to a directory").hasMessageContaining("nothing was changed");
        assertThat(digest(archive)).isEqualTo(before);
        assertThat(digest(elsewhere)).isEqualTo(elsewhereBefore);
        assertThat(ArchiveVersion.read(archive)).isEqualTo(2);
    }

    /** The copy runs after the manifest: a job it copied that cc-backend removed before the cutover must not come back. */
    @Test
    void aJobAddedAfterTheManifestAndRemovedBeforeTheCutoverIsNotInTheResult() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 20));
        Path prepared = tmp.resolve("next");
        prepare(archive, prepared);
        Path late = jobs(archive).get(2).resolveSibling("1700000042");
        copyJob(jobs(archive).get(2), late);
        copyJob(late, prepared.resolve(archive.relativize(late).toString())); // as the copy after the manifest would have
        Files.writeString(late.getParent().resolve("LATE"), "a file that came and went\n");
        Files.copy(late.getParent().resolve("LATE"), prepared.resolve(archive.relativize(late.getParent()).toString()).resolve("LATE"));
        Directories.deleteRecursively(late);
        Files.delete(late.getParent().resolve("LATE"));

        ArchiveCutover.cutover(archive, prepared, CLOCK, 2);

        assertThat(late).doesNotExist();
        assertThat(late.resolveSibling("LATE")).doesNotExist();
    }

    @Test
    void aJobChangedJustBeforeThePrepareReadItIsMigratedAgainAtTheCutover() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 20));
        TestingArchives.age(archive);
        Path job = jobs(archive).get(4);
        Files.write(job.resolve("meta.json"), Files.readAllBytes(job.resolve("meta.json"))); // now: another write may share its time

        ArchivePrepare.Result prep = ArchivePrepare.prepare(archive, tmp.resolve("next"), 3, STOPPED, 2, false,
                new PrintWriter(new StringWriter()));
        ArchiveCutover.Result cut = ArchiveCutover.cutover(archive, tmp.resolve("next"), CLOCK, 2);

        assertThat(prep.redo()).isEqualTo(1);
        assertThat(cut.jobsRedone()).isEqualTo(1);
    }

    @Test
    void aManifestOfAnotherFormatIsRefusedBeforeAnythingChanges() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 5));
        Path prepared = tmp.resolve("next");
        prepare(archive, prepared);
        Files.writeString(ArchivePrepare.stateDir(prepared).resolve(ArchivePrepare.MANIFEST), "emmy/0/001/1600000000\t1f\n");
        var before = digest(archive);

        assertThatThrownBy(() -> ArchiveCutover.cutover(archive, prepared, CLOCK, 2))
                .hasMessageContaining("prepare again").hasMessageContaining("the archive was not changed");
        assertThat(digest(archive)).isEqualTo(before);
        assertThat(ArchiveVersion.read(archive)).isEqualTo(2);
    }

    private static void copyJob(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void aMetaJsonTornWhilePreparedIsMigratedAgainAtTheCutover() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 30));
        Path job = jobs(archive).get(3);
        byte[] whole = Files.readAllBytes(job.resolve("meta.json"));
        Files.write(job.resolve("meta.json"), java.util.Arrays.copyOf(whole, whole.length / 2)); // read mid-write

        ArchivePrepare.Result prep = prepare(archive, tmp.resolve("next"));
        assertThat(prep.redo()).isEqualTo(1);
        Files.write(job.resolve("meta.json"), whole); // cc-backend finished writing
        ArchiveCutover.Result cut = ArchiveCutover.cutover(archive, tmp.resolve("next"), CLOCK, 2);

        assertThat(cut.jobsRedone()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(archive.resolve(archive.relativize(job)).resolve("meta.json").toFile()).has("shared"))
                .as("migrated to version 3").isTrue();
    }

    @Test
    void aCutoverKilledBetweenItsRenamesIsFinishedByTheRerun() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 10));
        Path prepared = tmp.resolve("next");
        prepare(archive, prepared);
        Path backup = tmp.resolve("a.v2-20261202T100000Z");
        Files.writeString(ArchiveCutover.switchFile(archive), Json.compact(new ArchiveCutover.Switch(backup.getFileName().toString(), 2, 3, prepared.toString())));
        Files.move(archive, backup);

        ArchiveCutover.Result rerun = ArchiveCutover.cutover(archive, prepared, CLOCK, 2);

        assertThat(rerun.backup()).isEqualTo(backup.toString());
        assertThat(ArchiveVersion.read(archive)).isEqualTo(3);
        assertThat(ArchiveCutover.switchFile(archive)).doesNotExist();
    }

    @Test
    void switchBackRestoresTheOriginalTreeAndKeepsTheUpgradedOneAside() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 10));
        var before = digest(archive);
        Path prepared = tmp.resolve("a.next");
        prepare(archive, prepared);
        ArchiveCutover.Result cut = ArchiveCutover.cutover(archive, prepared, CLOCK, 2);

        var back = cli("archive", "switch-back", "--archive", archive.toString(), "--kept", Path.of(cut.backup()).getFileName().toString());

        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(digest(archive)).isEqualTo(before);
        assertThat(ArchiveVersion.read(tmp.resolve("a.rolled-back-20261202T100000Z"))).isEqualTo(3);
        assertThat(Path.of(cut.backup())).doesNotExist();
        var missing = cli("archive", "switch-back", "--archive", archive.toString(), "--kept", "a.v2-20200101T000000Z");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).startsWith("error: ").contains("does not exist", "was not renamed");
        var root = cli("archive", "switch-back", "--archive", "/", "--interrupted");
        assertThat(root.err().strip()).startsWith("error: ").contains("give the archive's directory");
    }

    @Test
    void reuseKeepsAFinishedPrepareAndRemovesAKilledOne() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 10));
        Path prepared = tmp.resolve("a.next");
        prepare(archive, prepared);
        var first = digest(prepared);
        PrintWriter quiet = new PrintWriter(new StringWriter());

        ArchivePrepare.Result reused = ArchivePrepare.prepare(archive, prepared, 3, STOPPED, 2, true, quiet);
        assertThat(reused.reused()).isTrue();
        assertThat(digest(prepared)).isEqualTo(first);
        assertThatThrownBy(() -> ArchivePrepare.prepare(archive, prepared, 3, StateMapping.NONE, 2, true, quiet))
                .hasMessageContaining("prepared already for another archive, target or --map-state");

        Files.delete(ArchivePrepare.stateDir(prepared).resolve(ArchivePrepare.RECORD)); // a kill before the record
        ArchivePrepare.Result redone = ArchivePrepare.prepare(archive, prepared, 3, STOPPED, 2, true, quiet);
        assertThat(redone.reused()).isFalse();
        assertThat(redone.jobs()).isPositive();
        assertThat(ArchivePrepare.isPreparedFor(prepared, 3, List.of("stopped=completed"))).isTrue();
    }

    @Test
    void aStaleSwitchFileFromAKillBeforeTheFirstRenameStartsTheCutoverOver() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 10));
        Path prepared = tmp.resolve("next");
        prepare(archive, prepared);
        Files.writeString(ArchiveCutover.switchFile(archive), Json.compact(new ArchiveCutover.Switch("a.v2-20261202T095900Z", 2, 3, prepared.toString())));

        ArchiveCutover.Result cut = ArchiveCutover.cutover(archive, prepared, CLOCK, 2);

        assertThat(ArchiveVersion.read(Path.of(cut.backup()))).as("the original, kept").isEqualTo(2);
        assertThat(ArchiveVersion.read(archive)).isEqualTo(3);
        assertThat(cut.jobsChecked()).isEqualTo(10);
    }

    @Test
    void aJobThatCannotBeMigratedRefusesTheCutoverBeforeTheSwitch() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 10));
        Path prepared = tmp.resolve("next");
        prepare(archive, prepared);
        Path broken = jobs(archive).get(2).resolve("meta.json");
        Files.writeString(broken, "{ not json");
        var before = digest(archive);

        assertThatThrownBy(() -> ArchiveCutover.cutover(archive, prepared, CLOCK, 2))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("1 job cannot be migrated")
                .hasMessageContaining("the archive was not changed");
        assertThat(digest(archive)).isEqualTo(before);
        assertThat(ArchiveVersion.read(archive)).isEqualTo(2);
    }

    @Test
    void aRerunAfterAKillThatRemovedJobsAndTheirDirectoriesFinishes() throws Exception {
        Path archive = tmp.resolve("a");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 30));
        Path prepared = tmp.resolve("next");
        prepare(archive, prepared);
        Path gone = jobs(archive).get(7);
        Path bucket = gone.getParent();
        Directories.deleteRecursively(bucket); // cc-backend's cleanup removes the job and its bucket
        Directories.deleteRecursively(prepared.resolve(archive.relativize(bucket))); // as far as a killed cutover got

        ArchiveCutover.Result cut = ArchiveCutover.cutover(archive, prepared, CLOCK, 2);

        assertThat(cut.jobsRemoved()).isEqualTo(1);
        assertThat(archive.resolve(archive.relativize(bucket))).doesNotExist();
    }

    @Test
    void aCutoverOfAnotherArchivesPreparationIsRefused() throws Exception {
        Path archive = tmp.resolve("a");
        Path other = tmp.resolve("b");
        SampleArchiveGenerator.generate(archive, SampleArchiveGenerator.Spec.of(2, 5));
        SampleArchiveGenerator.generate(other, SampleArchiveGenerator.Spec.of(2, 5));
        prepare(archive, tmp.resolve("next"));
        var before = digest(other);

        assertThatThrownBy(() -> ArchiveCutover.cutover(other, tmp.resolve("next"), CLOCK, 2))
                .hasMessageContaining("was prepared from " + archive);
        assertThat(digest(other)).isEqualTo(before);
    }
}
