package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.PlanSummary;
import dev.ccbackend.operator.demo.DemoInstallation;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MigrateDatabaseStep and MigrateArchiveStep: one Job each, skipped when already there. */
class MigrationStepsTest {
    final StepFixture f = new StepFixture().ccBackendStopped();

    @BeforeEach
    void plan() {
        PlanSummary plan = new PlanSummary();
        plan.databaseFrom = 7;
        plan.databaseTo = 11;
        plan.archiveFrom = 1;
        plan.archiveTo = 3;
        f.cr.getStatus().plan = plan;
        f.cr.getSpec().mapStates = Map.of("stopped", "completed");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void databaseJobMigratesToThePlansTargetWithMappedStates() {
        assertThat(new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase))).isInstanceOf(StepResult.Wait.class);
        String name = f.cr.getStatus().step(Phase.MigratingDatabase).orElseThrow().jobName;
        var container = f.job(name).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getArgs()).containsExactly("db", "migrate", "--driver", "sqlite3", "--db",
                "/data/cc-backend-var/job.db", "--to-version", "11", "--map-state", "stopped=completed",
                "--result-file", "/dev/termination-log");
        assertThat(container.getVolumeMounts()).noneMatch(m -> Boolean.TRUE.equals(m.getReadOnly()));

        f.finishJob(name, 1, "{\"exitCode\":1,\"result\":{\"error\":\"migration 9 failed: CHECK constraint\"}}");
        assertThat(new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase)))
                .isInstanceOfSatisfying(StepResult.Fail.class, x -> {
                    assertThat(x.reason()).isEqualTo("DatabaseMigrationFailed");
                    assertThat(x.message()).contains("migration 9 failed").contains("exit code 1");
                });
    }

    @Test
    void databaseAlreadyAtTargetIsSkippedWithoutAJob() {
        f.cr.getStatus().plan.databaseFrom = 11;
        assertThat(new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase))).isInstanceOf(StepResult.Skip.class);
        assertThat(f.jobNames()).isEmpty();
    }

    @Test
    void aPodThatHasNotStartedHasNoLogYetAndTheStepWaits() {
        new MigrateArchiveStep().run(f.context(Phase.MigratingArchive));
        String name = f.cr.getStatus().step(Phase.MigratingArchive).orElseThrow().jobName;
        f.client.pods().inNamespace(DemoInstallation.NAMESPACE).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName(name + "-x").withLabels(Map.of("job-name", name))
                .withCreationTimestamp(f.clock.instant().toString()).endMetadata()
                .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("cc-migrator").withNewState()
                .withNewWaiting().withReason("ContainerCreating").endWaiting().endState().endContainerStatus().endStatus()
                .build()).create();

        // the API server answers 400 for its log: that is no error, only nothing to read yet
        StepResult waiting = new MigrateArchiveStep().run(f.context(Phase.MigratingArchive));

        assertThat(waiting).isInstanceOf(StepResult.Wait.class);
        assertThat(f.cr.getStatus().archiveProgress).isNull();
    }

    @Test
    void archiveJobReportsProgressWhileRunningAndAdvancesWhenDone() {
        new MigrateArchiveStep().run(f.context(Phase.MigratingArchive));
        String name = f.cr.getStatus().step(Phase.MigratingArchive).orElseThrow().jobName;
        assertThat(f.job(name).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSubsequence("archive", "migrate", "--archive", "/data/cc-backend-var/job-archive",
                        "--to-version", "3", "--mode", "in-place");
        f.client.pods().inNamespace(DemoInstallation.NAMESPACE).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName(name + "-x").withLabels(Map.of("job-name", name)).endMetadata()
                .build()).create();
        "progress {\"jobsDone\":100,\"jobsTotal\":2000}\nsome other line\nprogress {\"jobsDone\":500,\"jobsTotal\":2000}".lines()
                .forEach(line -> f.cluster.podLogs().append(DemoInstallation.NAMESPACE, name + "-x", line));

        StepResult running = new MigrateArchiveStep().run(f.context(Phase.MigratingArchive));

        assertThat(running).isInstanceOfSatisfying(StepResult.Wait.class, w -> assertThat(w.message()).contains("500/2000"));
        assertThat(f.cr.getStatus().archiveProgress.jobsDone).isEqualTo(500);
        assertThat(f.cr.getStatus().archiveProgress.jobsTotal).isEqualTo(2000);
        f.client.batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).withName(name).editStatus(j -> {
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(1).build());
            return j;
        });
        assertThat(new MigrateArchiveStep().run(f.context(Phase.MigratingArchive))).isInstanceOf(StepResult.Advance.class);
    }
}
