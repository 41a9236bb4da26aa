package dev.ccbackend.operator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.archive.ArchiveVersion;
import dev.ccbackend.migrator.catalog.Driver;
import dev.ccbackend.migrator.db.DatabaseCutover;
import dev.ccbackend.migrator.db.DatabaseInspector;
import dev.ccbackend.migrator.db.DbTarget;
import dev.ccbackend.migrator.util.Json;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.api.StepState;
import dev.ccbackend.operator.api.UpgradeStrategy;
import dev.ccbackend.operator.demo.CcBackendStartupCheck;
import dev.ccbackend.operator.demo.ClaimStore;
import dev.ccbackend.operator.demo.ClusterProfile;
import dev.ccbackend.operator.demo.DataOwner;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import dev.ccbackend.operator.demo.InProcessMigrationRunner;
import dev.ccbackend.operator.demo.InProcessRuntime;
import dev.ccbackend.operator.demo.RuntimeChoice;
import dev.ccbackend.operator.demo.SampleSite;
import dev.ccbackend.operator.kube.Names;
import dev.ccbackend.operator.steps.MigratorConfigConversion;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * spec.strategy: Online on the realistic cluster with the real engines: the prepares run beside a cc-backend that
 * holds its database, what it writes meanwhile reaches the new version, and a failure renames the originals back.
 */
class OnlineUpgradeFlowTest {
    private static final long NEW_JOB = 900_001;

    @TempDir
    Path work;

    private OperatorHarness harness(RuntimeChoice runtime, Faults faults) throws Exception {
        OperatorHarness h = new OperatorHarness(work, runtime, new MigratorConfigConversion(),
                new CcBackendStartupCheck(new ClaimStore(work)), faults, ClusterProfile.realistic());
        SampleSite sample = SampleSite.write(h.cluster.claims().claim(DemoInstallation.CLAIM), 300);
        h.cluster.install("v1.3.1", sample.configJson(), DataOwner.forThisMachine());
        return h;
    }

    private static CcBackendUpgrade applyOnline(OperatorHarness h, RollbackPolicy rollback) {
        return applyOnline(h, DemoInstallation.upgrade("v1.5.4", rollback));
    }

    private static CcBackendUpgrade applyOnline(OperatorHarness h, CcBackendUpgrade cr) {
        cr.getSpec().strategy = UpgradeStrategy.Online;
        cr.getSpec().backup.volumeSnapshotClassName = "not-installed"; // online needs no snapshots
        cr.getSpec().migrator = new dev.ccbackend.operator.api.MigratorSpec();
        cr.getSpec().migrator.timeouts.rollout = "5s";
        return h.cluster.client().resource(cr).create();
    }

    private Path claim(OperatorHarness h) {
        return h.cluster.claims().claim(DemoInstallation.CLAIM);
    }

    /** What cc-backend writes while the copies are prepared: a new job in the database and in the archive. */
    private static void ccBackendWrites(Path claim) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + claim.resolve("job.db")); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE fresh AS SELECT * FROM job WHERE id = (SELECT MIN(id) FROM job)");
            s.execute("UPDATE fresh SET id = " + NEW_JOB + ", job_id = " + NEW_JOB);
            s.execute("INSERT INTO job SELECT * FROM fresh");
        }
        Path someJob;
        try (Stream<Path> metas = Files.walk(claim.resolve("job-archive"))) {
            someJob = metas.filter(p -> p.getFileName().toString().equals("meta.json")).findFirst().orElseThrow().getParent();
        }
        Path added = someJob.resolveSibling("1700000999");
        ClaimStore.copyTree(someJob, added);
        DataOwner.forThisMachine().install(added);
    }

    @Test
    void preparesBesideTheRunningCcBackendAndCarriesOverWhatItWroteMeanwhile() throws Exception {
        try (OperatorHarness h = harness(RuntimeChoice.choose(RuntimeChoice.Requested.AUTO, RuntimeChoice.DEFAULT_IMAGE),
                Faults.none())) {
            h.awaitCcBackendRunning();
            CcBackendUpgrade cr = DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual);
            cr.getSpec().retention = RetentionFlowTest.keepFor("3s");
            cr = applyOnline(h, cr);
            // the database is prepared, the archive is being prepared: cc-backend goes on writing both
            h.await(cu -> cu.getStatus().phase == Phase.Preparing && cu.getStatus().message.contains("preparing the archive"));
            Path claim = claim(h);
            assertThat(DatabaseCutover.heldByAnotherProcess(DbTarget.parse(Driver.SQLITE3, claim.resolve("job.db").toString())))
                    .as("cc-backend holds its database while the copies are prepared").isTrue();
            assertThat(claim.resolve("job.db.next")).exists();
            ccBackendWrites(claim);

            CcBackendUpgradeStatus s = h.awaitTerminal(Duration.ofMinutes(3)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Succeeded);
            assertThat(s.steps).extracting(st -> st.name).doesNotContain(Phase.Snapshotting.name(), Phase.MigratingDatabase.name());
            assertThat(s.stepFor(Phase.Preparing).state).isEqualTo(StepState.Succeeded);
            assertThat(s.snapshots).as("no snapshots: the originals are kept").isEmpty();
            assertThat(DatabaseInspector.inspect(Driver.SQLITE3, claim.resolve("job.db").toString()).version()).isEqualTo(11);
            assertThat(rows(claim.resolve("job.db"), "SELECT COUNT(*) FROM job WHERE id = " + NEW_JOB)).isEqualTo(1);
            assertThat(ArchiveVersion.read(claim.resolve("job-archive"))).isEqualTo(3);
            try (Stream<Path> added = Files.walk(claim.resolve("job-archive"))) {
                assertThat(added.filter(p -> p.getFileName().toString().equals("1700000999"))).hasSize(1);
            }
            assertThat(DatabaseInspector.inspect(Driver.SQLITE3, claim.resolve(s.keptOriginals.database).toString()).version())
                    .as("the original, kept beside it").isEqualTo(7);
            assertThat(ArchiveVersion.read(claim.resolve(s.keptOriginals.archive))).isEqualTo(1);
            assertThat(s.downtimeSeconds).isNotNull();
            assertThat(s.plan.estimatedDowntimeSeconds).isLessThan(70);
            Job prepare = h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(Names.job(cr, "dbprepare")).get();
            assertThat(prepare.getSpec().getTemplate().getSpec().getAffinity().getPodAffinity())
                    .as("beside cc-backend: a ReadWriteOnce claim attaches to its node only").isNotNull();
            Job catchUp = h.cluster.client().batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(Names.job(cr, "dbcatchup")).get();
            assertThat(catchUp.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                    .as("the database caught up with what cc-backend wrote while the archive was prepared").contains("catch-up");
            assertThat(catchUp.getSpec().getTemplate().getSpec().getAffinity().getPodAffinity()).isNotNull();
            assertThat(catchUp.getStatus().getSucceeded()).isEqualTo(1);

            String keptDatabase = s.keptOriginals.database;
            String keptArchive = s.keptOriginals.archive;
            h.await(c -> c.getStatus().cleanedUpAt != null); // spec.retention: the kept originals go after the window
            assertThat(claim.resolve(keptDatabase)).doesNotExist();
            assertThat(claim.resolve(keptArchive)).doesNotExist();
            assertThat(DatabaseInspector.inspect(Driver.SQLITE3, claim.resolve("job.db").toString()).version()).isEqualTo(11);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Faults.Step.class, names = {"cutover", "verify"})
    void aFailureAfterTheDatabaseWasSwitchedRenamesTheOriginalsBack(Faults.Step step) throws Exception {
        try (OperatorHarness h = harness(new RuntimeChoice(new InProcessRuntime(new InProcessMigrationRunner()),
                "cc-migrator:test", "in-process"), Faults.at(step))) {
            Path claim = claim(h);
            long jobs = rows(claim.resolve("job.db"), "SELECT COUNT(*) FROM job");
            h.awaitCcBackendRunning();
            applyOnline(h, RollbackPolicy.Automatic);

            CcBackendUpgradeStatus s = h.awaitTerminal(Duration.ofMinutes(2)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.RolledBack);
            assertThat(s.keptOriginals.renamedBack).isTrue();
            assertThat(DatabaseInspector.inspect(Driver.SQLITE3, claim.resolve("job.db").toString()).version()).isEqualTo(7);
            assertThat(rows(claim.resolve("job.db"), "SELECT COUNT(*) FROM job")).isEqualTo(jobs);
            assertThat(ArchiveVersion.read(claim.resolve("job-archive"))).isEqualTo(1);
            try (Stream<Path> aside = Files.list(claim)) {
                assertThat(aside.map(p -> p.getFileName().toString())).as("the upgraded database, set aside")
                        .anyMatch(n -> n.startsWith("job.db.rolled-back-"));
            }
            var d = h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get();
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":v1.3.1");
            assertThat(d.getStatus().getReadyReplicas()).as("the old version runs on the originals").isEqualTo(1);
            assertThat(s.snapshots).isEmpty();
            assertThat(s.downtimeSeconds).isNotNull();
        }
    }

    @Test
    void aRetryAfterARolledBackOnlineAttemptSwitchesAndRenamesBackAgain() throws Exception {
        try (OperatorHarness h = harness(new RuntimeChoice(new InProcessRuntime(new InProcessMigrationRunner()),
                "cc-migrator:test", "in-process"), Faults.at(Faults.Step.verify))) {
            Path claim = claim(h);
            h.awaitCcBackendRunning();
            applyOnline(h, RollbackPolicy.Automatic);
            CcBackendUpgradeStatus first = h.awaitTerminal(Duration.ofMinutes(2)).getStatus();
            assertThat(first.phase).as(Json.pretty(first)).isEqualTo(Phase.RolledBack);

            h.editSpec(spec -> spec.retry = 1); // the new version still fails: the second rollback must rename back too
            h.await(cr -> cr.getStatus().observedRetry == 1 && cr.getStatus().phase != Phase.RolledBack);
            CcBackendUpgradeStatus second = h.awaitTerminal(Duration.ofMinutes(2)).getStatus();

            assertThat(second.phase).as(Json.pretty(second)).isEqualTo(Phase.RolledBack);
            assertThat(second.keptOriginals.database).as("this attempt's names").isNotEqualTo(first.keptOriginals.database);
            assertThat(DatabaseInspector.inspect(Driver.SQLITE3, claim.resolve("job.db").toString()).version()).isEqualTo(7);
            assertThat(ArchiveVersion.read(claim.resolve("job-archive"))).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Faults.Step.class, names = {"prepare", "catch_up"})
    void aFailedPrepareOrCatchUpEndsTheUpgradeWithCcBackendNeverStopped(Faults.Step step) throws Exception {
        try (OperatorHarness h = harness(new RuntimeChoice(new InProcessRuntime(new InProcessMigrationRunner()),
                "cc-migrator:test", "in-process"), Faults.at(step))) {
            h.awaitCcBackendRunning();
            applyOnline(h, RollbackPolicy.Automatic);

            CcBackendUpgradeStatus s = h.awaitTerminal(Duration.ofMinutes(1)).getStatus();

            assertThat(s.phase).as(Json.pretty(s)).isEqualTo(Phase.Failed);
            assertThat(s.currentStep).isEqualTo(step == Faults.Step.prepare ? Phase.Preparing.name() : Phase.Quiescing.name());
            assertThat(s.message).contains("spec.retry", step == Faults.Step.prepare ? "PrepareFailed" : "CatchUpFailed",
                    step == Faults.Step.prepare ? "never the data itself" : "cc-backend was not stopped");
            assertThat(h.phases).doesNotContain(Phase.RollingBack);
            assertThat(h.cluster.client().apps().deployments().inNamespace(DemoInstallation.NAMESPACE)
                    .withName(DemoInstallation.DEPLOYMENT).get().getSpec().getReplicas()).isEqualTo(1);
        }
    }

    private static long rows(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            return rs.getLong(1);
        }
    }
}
