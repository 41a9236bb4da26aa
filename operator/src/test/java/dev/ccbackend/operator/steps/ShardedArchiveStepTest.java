package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.ArchiveProgress;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.PlanSummary;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.kube.MigrationJobBuilder;
import dev.ccbackend.operator.kube.Names;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MigrateArchiveStep with {@code spec.archive.parallelism: 3}: Indexed Job, lone shard retries, finalize last. */
class ShardedArchiveStepTest {
    final StepFixture f = new StepFixture().ccBackendStopped();

    @BeforeEach
    void plan() {
        PlanSummary plan = new PlanSummary();
        plan.archiveFrom = 1;
        plan.archiveTo = 3;
        f.cr.getStatus().plan = plan;
        f.cr.getSpec().archive.parallelism = 3;
    }

    @AfterEach
    void close() {
        f.close();
    }

    void claimAccess(String mode) {
        f.client.persistentVolumeClaims().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.CLAIM)
                .edit(c -> {
                    c.getSpec().setAccessModes(java.util.List.of(mode));
                    return c;
                });
    }

    StepResult run() {
        return new MigrateArchiveStep().run(f.context(Phase.MigratingArchive));
    }

    String indexedJob() {
        return f.cr.getStatus().step(Phase.MigratingArchive).orElseThrow().jobName;
    }

    String jobFor(String step) {
        return Names.job(f.cr, step);
    }

    /** The Job controller's view after the indexes ran: pods with progress and termination messages, the index lists. */
    void indexesEnded(String completed, String failed, String failedMessage) {
        String name = indexedJob();
        for (int i = 0; i < 3; i++) {
            boolean ok = !failed.contains(Integer.toString(i));
            f.client.pods().inNamespace(DemoInstallation.NAMESPACE).resource(new PodBuilder()
                    .withNewMetadata().withName(name + "-" + i).withLabels(Map.of("job-name", name))
                    .withAnnotations(Map.of(MigrationJobBuilder.COMPLETION_INDEX_ANNOTATION, Integer.toString(i)))
                    .endMetadata()
                    .withNewStatus().addNewContainerStatus().withName("cc-migrator").withNewState().withNewTerminated()
                    .withExitCode(ok ? 0 : 1).withMessage(ok ? "{\"exitCode\":0,\"result\":{\"jobs\":40}}" : failedMessage)
                    .endTerminated().endState().endContainerStatus().endStatus().build()).create();
            f.cluster.podLogs().append(DemoInstallation.NAMESPACE, name + "-" + i, "progress {\"jobsDone\":10,\"jobsTotal\":40}");
        }
        f.client.batch().v1().jobs().inNamespace(DemoInstallation.NAMESPACE).withName(name).editStatus(j -> {
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withCompletedIndexes(completed)
                    .withFailedIndexes(failed).addNewCondition().withType("Failed").withStatus("True")
                    .withReason("FailedIndexes").endCondition().build());
            return j;
        });
    }

    @Test
    void aReadWriteManyClaimGetsOneIndexedJobWithTheIndexFromItsEnv() {
        claimAccess("ReadWriteMany");

        assertThat(run()).isInstanceOfSatisfying(StepResult.Wait.class,
                w -> assertThat(w.message()).contains("3 shards").contains("0/3 shards"));

        Job job = f.job(indexedJob());
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(3);
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
        assertThat(job.getSpec().getBackoffLimitPerIndex()).isZero();
        assertThat(job.getSpec().getBackoffLimit()).isNull();
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getArgs()).containsSubsequence("archive", "migrate", "--mode", "in-place",
                "--shard", "$(JOB_COMPLETION_INDEX)/3", "--result-file", "/dev/termination-log");
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("JOB_COMPLETION_INDEX");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        });
        assertThat(f.jobNames()).containsExactly(indexedJob());
        assertThat(f.cr.getStatus().archiveProgress.shards).extracting(s -> s.state)
                .containsExactly("Pending", "Pending", "Pending");
    }

    @Test
    void aFailedShardIsRetriedAloneAndFinalizeRunsOnlyAfterAllShards() {
        claimAccess("ReadWriteMany");
        run();
        indexesEnded("0,2", "1", "{\"exitCode\":1,\"result\":{\"error\":\"job 17: meta.json is not JSON\"}}");

        assertThat(run()).isInstanceOfSatisfying(StepResult.Wait.class, w -> assertThat(w.message())
                .contains("2/3 shards").contains("shard 1 rerun alone after: job 17: meta.json is not JSON"));
        String retry = jobFor(ShardedArchiveMigration.retryStep(1, 1));
        assertThat(f.jobNames()).containsExactlyInAnyOrder(indexedJob(), retry);
        assertThat(f.job(retry).getSpec().getCompletionMode()).isNull();
        assertThat(f.job(retry).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSubsequence("--shard", "1/3");
        ArchiveProgress progress = f.cr.getStatus().archiveProgress;
        assertThat(progress.shards).extracting(s -> s.state).containsExactly("Succeeded", "Retrying", "Succeeded");
        assertThat(progress.shards).extracting(s -> s.index).containsExactly(0, 1, 2);
        assertThat(progress.shards.get(0).jobsDone).isEqualTo(40);
        assertThat(progress.jobsTotal).isEqualTo(80);

        f.finishJob(retry, 0, "{\"exitCode\":0,\"result\":{\"jobs\":40}}");
        assertThat(run()).isInstanceOf(StepResult.Wait.class);
        String finalizer = jobFor("archive-finalize");
        assertThat(f.job(finalizer).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("archive", "finalize", "--archive", "/data/cc-backend-var/job-archive",
                        "--shards", "3", "--to-version", "3", "--result-file", "/dev/termination-log");
        assertThat(f.cr.getStatus().archiveProgress.shards).extracting(s -> s.state).containsOnly("Succeeded");

        f.finishJob(finalizer, 0, "{\"exitCode\":0,\"result\":{}}");
        assertThat(run()).isInstanceOfSatisfying(StepResult.Advance.class,
                a -> assertThat(a.message()).contains("3 shards"));
        assertThat(f.jobNames()).hasSize(3);
    }

    @Test
    void aShardFailingEveryRetryFailsTheStepNamingTheShardAndItsError() {
        claimAccess("ReadWriteMany");
        run();
        indexesEnded("0,2", "1", "{\"exitCode\":1,\"result\":{\"error\":\"first\"}}");
        for (int attempt = 1; attempt <= ShardedArchiveMigration.RETRIES; attempt++) {
            assertThat(run()).isInstanceOf(StepResult.Wait.class);
            f.finishJob(jobFor(ShardedArchiveMigration.retryStep(1, attempt)), 1,
                    "{\"exitCode\":1,\"result\":{\"error\":\"disk full (attempt " + attempt + ")\"}}");
        }

        assertThat(run()).isInstanceOfSatisfying(StepResult.Fail.class, x -> {
            assertThat(x.reason()).isEqualTo("ArchiveMigrationFailed");
            assertThat(x.message()).contains("shard 1 of 3 failed 3 times").contains("disk full (attempt 2)")
                    .contains(ShardedArchiveMigration.retryStep(1, 2));
        });
        assertThat(f.cr.getStatus().archiveProgress.shards).extracting(s -> s.state)
                .containsExactly("Succeeded", "Failed", "Succeeded");
        assertThat(f.jobNames()).noneMatch(n -> n.contains("finalize"));
    }

    @Test
    void aReadWriteOnceClaimFallsBackToOneJobAndSaysSo() {
        assertThat(run()).isInstanceOfSatisfying(StepResult.Wait.class,
                w -> assertThat(w.message()).contains("needs a ReadWriteMany archive claim"));
        assertThat(f.jobNames()).containsExactly(indexedJob());
        Job job = f.job(indexedJob());
        assertThat(job.getSpec().getCompletionMode()).isNull();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).doesNotContain("--shard");
        assertThat(f.client.v1().events().inNamespace(DemoInstallation.NAMESPACE).list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getType()).isEqualTo("Normal");
                    assertThat(e.getReason()).isEqualTo("ShardingUnavailable");
                    assertThat(e.getMessage()).contains("parallelism 3");
                });
        run();
        assertThat(f.client.v1().events().inNamespace(DemoInstallation.NAMESPACE).list().getItems())
                .filteredOn(e -> "ShardingUnavailable".equals(e.getReason())).hasSize(1);
    }
}
