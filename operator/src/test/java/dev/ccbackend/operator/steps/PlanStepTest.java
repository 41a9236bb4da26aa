package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.demo.DemoInstallation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlanStepTest {
    static final String PLAN = "{\"exitCode\":%d,\"result\":{\"targetRelease\":\"v1.5.4\","
            + "\"database\":{\"driver\":\"sqlite3\",\"currentVersion\":7,\"targetVersion\":11,\"dirty\":false,\"jobs\":6,\"stoppedJobs\":%d},"
            + "\"archive\":{\"path\":\"/data/cc-backend-var/job-archive\",\"currentVersion\":1,\"targetVersion\":3,\"clusters\":[\"emmy\"],\"jobs\":2,\"bytes\":100},"
            + "\"config\":{\"convert\":true,\"fromFormat\":\"FLAT_V1_2\",\"toFormat\":\"SECTIONED_V1_5\"},"
            + "\"steps\":[{\"kind\":\"DATABASE\",\"fromVersion\":7,\"toVersion\":11,\"description\":\"db 7 to 11\"}],"
            + "\"blockers\":%s,\"warnings\":[],\"estimate\":{\"jobs\":2,\"bytes\":100}}}";

    final StepFixture f = new StepFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void createsOneReadOnlyPlanJobBesideCcBackendAndRecordsItsNameFirst() {
        f.runCcBackendPod();
        StepResult first = new PlanStep().run(f.context(Phase.Planning));
        StepResult again = new PlanStep().run(f.context(Phase.Planning));

        assertThat(first).isInstanceOf(StepResult.Wait.class);
        assertThat(again).isInstanceOf(StepResult.Wait.class);
        String name = f.cr.getStatus().step(Phase.Planning).orElseThrow().jobName;
        assertThat(f.jobNames()).containsExactly(name);
        assertThat(name).startsWith("cc-backend-plan-");
        assertThat(f.saves).as("the name before creating it, then the uid of what was created").hasSize(2);
        assertThat(f.saves.get(0)).contains(name).doesNotContain("jobUid");
        assertThat(f.saves.get(1)).contains("jobUid");
        assertThat(f.jobsAtSave.get(0)).as("status written before the Job is created").isEmpty();
        var pod = f.job(name).getSpec().getTemplate().getSpec();
        assertThat(pod.getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
        assertThat(pod.getContainers().get(0).getArgs()).containsSubsequence("plan", "--driver", "sqlite3",
                "--db", "/data/cc-backend-var/job.db", "--archive", "/data/cc-backend-var/job-archive",
                "--config", "/config/config.json", "--to-release", "v1.5.4", "--result-file", "/dev/termination-log");
    }

    @Test
    void aRunnablePlanFillsTheStatusAndAdvances() {
        new PlanStep().run(f.context(Phase.Planning));
        String name = f.cr.getStatus().step(Phase.Planning).orElseThrow().jobName;
        f.finishJob(name, 0, PLAN.formatted(0, 0, "[]"));

        StepResult result = new PlanStep().run(f.context(Phase.Planning));

        assertThat(result).isInstanceOf(StepResult.Advance.class);
        var plan = f.cr.getStatus().plan;
        assertThat(plan.databaseFrom).isEqualTo(7);
        assertThat(plan.databaseTo).isEqualTo(11);
        assertThat(plan.archiveTo).isEqualTo(3);
        assertThat(plan.convertConfig).isTrue();
        assertThat(plan.steps).containsExactly("db 7 to 11");
        assertThat(f.cr.getStatus().fromVersion).isEqualTo("v1.3.1");
    }

    /** The plan as the migrator reports it for data owned by {@code uid}:{@code gid}. */
    static String ownedBy(String plan, int uid, int gid) {
        String owner = "{\"uid\":" + uid + ",\"gid\":" + gid + ",\"mode\":420}";
        return plan.replace("\"estimate\":{\"jobs\":2,\"bytes\":100}}", "\"estimate\":{\"jobs\":2,\"bytes\":100},"
                + "\"ownership\":{\"database\":" + owner + ",\"archive\":" + owner + "}}");
    }

    private void ccBackendStatesNoUser() {
        f.client.apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.DEPLOYMENT).edit(d -> {
            d.getSpec().getTemplate().getSpec().setSecurityContext(null);
            return d;
        });
    }

    @Test
    void theJobsRunAsTheOwnerOfTheDataWhenCcBackendStatesNoUser() {
        ccBackendStatesNoUser();
        new PlanStep().run(f.context(Phase.Planning));
        String name = f.cr.getStatus().step(Phase.Planning).orElseThrow().jobName;
        assertThat(f.job(name).getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                .as("the plan Job only reads").isEqualTo(65532L);
        f.finishJob(name, 0, ownedBy(PLAN.formatted(0, 0, "[]"), 1001, 1002));

        StepResult result = new PlanStep().run(f.context(Phase.Planning));

        assertThat(result).isInstanceOf(StepResult.Advance.class);
        assertThat(f.cr.getStatus().runAs.uid).isEqualTo(1001);
        assertThat(f.cr.getStatus().runAs.gid).isEqualTo(1002);
    }

    @Test
    void dataOwnedByRootBlocksThePlanWithTheFix() {
        ccBackendStatesNoUser();
        new PlanStep().run(f.context(Phase.Planning));
        String name = f.cr.getStatus().step(Phase.Planning).orElseThrow().jobName;
        f.finishJob(name, 0, ownedBy(PLAN.formatted(0, 0, "[]"), 0, 0));

        StepResult result = new PlanStep().run(f.context(Phase.Planning));

        assertThat(result).isInstanceOfSatisfying(StepResult.Fail.class, fail -> {
            assertThat(fail.reason()).isEqualTo("DataOwnedByRoot");
            assertThat(fail.message()).contains("spec.migrator.securityContext.runAsUser");
        });
        assertThat(f.cr.getStatus().runAs).isNull();
    }

    @Test
    void aBlockedPlanFailsWithTheBlockersReason() {
        new PlanStep().run(f.context(Phase.Planning));
        String name = f.cr.getStatus().step(Phase.Planning).orElseThrow().jobName;
        f.finishJob(name, 3, PLAN.formatted(3, 2, "[{\"code\":\"STOPPED_JOBS\",\"message\":\"2 jobs are stopped\","
                + "\"fix\":\"set spec.mapStates: {stopped: failed}\"}]"));

        StepResult result = new PlanStep().run(f.context(Phase.Planning));

        assertThat(result).isInstanceOfSatisfying(StepResult.Fail.class, fail -> {
            assertThat(fail.reason()).isEqualTo("StoppedJobs");
            assertThat(fail.message()).contains("2 jobs are stopped").contains("spec.mapStates");
        });
    }

    @Test
    void aCrashedPlanJobFailsWithTheMigratorsError() {
        new PlanStep().run(f.context(Phase.Planning));
        String name = f.cr.getStatus().step(Phase.Planning).orElseThrow().jobName;
        f.finishJob(name, 1, "{\"exitCode\":1,\"result\":{\"error\":\"cannot open /data/cc-backend-var/job.db\"}}");

        StepResult result = new PlanStep().run(f.context(Phase.Planning));

        assertThat(result).isInstanceOfSatisfying(StepResult.Fail.class, fail -> {
            assertThat(fail.reason()).isEqualTo("PlanFailed");
            assertThat(fail.message()).contains("cannot open").contains("kubectl logs job/" + name);
        });
    }

    @Test
    void aMissingDeploymentFailsBeforeAnyJob() {
        f.client.apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName("cc-backend").delete();
        assertThat(new PlanStep().run(f.context(Phase.Planning)))
                .isInstanceOfSatisfying(StepResult.Fail.class, x -> assertThat(x.reason()).isEqualTo("DeploymentNotFound"));
        assertThat(f.jobNames()).isEmpty();
    }

    @Test
    void aReleaseNewerThanTheCatalogIsProbedFromItsImageBeforePlanning() {
        f.cr.getSpec().version = "v1.6.0";
        assertThat(new PlanStep().run(f.context(Phase.Planning))).isInstanceOf(StepResult.Wait.class);
        String probe = f.jobNames().get(0);
        var container = f.job(probe).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(DemoInstallation.REPOSITORY + ":v1.6.0");
        assertThat(container.getArgs()).containsExactly("-version");
        assertThat(f.job(probe).getSpec().getTemplate().getSpec().getVolumes()).isEmpty();

        f.finishJob(probe, 0, "");
        "Version:\t1.6.0\nSQL db version:\t12\nJob archive version:\t3".lines()
                .forEach(line -> f.cluster.podLogs().append(DemoInstallation.NAMESPACE, probe + "-x", line));
        assertThat(new PlanStep().run(f.context(Phase.Planning))).isInstanceOf(StepResult.Wait.class);

        assertThat(f.cr.getStatus().probedRelease.dbVersion).isEqualTo(12);
        String plan = f.cr.getStatus().step(Phase.Planning).orElseThrow().jobName;
        assertThat(f.job(plan).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSubsequence("--to-release", "v1.6.0", "--target-db-version", "12", "--target-archive-version", "3");
    }

    @Test
    void anImageThatCannotTellItsVersionsFailsAsUnknownRelease() {
        f.cr.getSpec().version = "v1.6.0";
        new PlanStep().run(f.context(Phase.Planning));
        f.finishJob(f.jobNames().get(0), 1, "exec: cc-backend: not found");

        assertThat(new PlanStep().run(f.context(Phase.Planning))).isInstanceOfSatisfying(StepResult.Fail.class, x -> {
            assertThat(x.reason()).isEqualTo("UnknownRelease");
            assertThat(x.message()).contains("spec.targetDbVersion");
        });
    }

    @Test
    void aMissingSnapshotClassStopsBeforeAnyDowntimeUnlessBackupIsNone() {
        f.cr.getSpec().backup.volumeSnapshotClassName = "nope";
        assertThat(new PlanStep().run(f.context(Phase.Planning))).isInstanceOfSatisfying(StepResult.Fail.class,
                x -> assertThat(x.reason()).isEqualTo("SnapshotClassNotFound"));
        assertThat(f.cr.getStatus().conditions).anySatisfy(c -> {
            assertThat(c.type).isEqualTo("SnapshotCapable");
            assertThat(c.status).isEqualTo("False");
        });
        assertThat(f.jobNames()).isEmpty();

        f.cr.getSpec().backup.method = dev.ccbackend.operator.api.BackupMethod.None;
        assertThat(new PlanStep().run(f.context(Phase.Planning))).isInstanceOf(StepResult.Wait.class);
        assertThat(f.jobNames()).hasSize(1);
    }

    @Test
    void aSecondUpgradeOfTheSameDeploymentIsRefusedWhileTheFirstRuns() {
        var second = dev.ccbackend.operator.demo.DemoInstallation.upgrade("v1.5.4",
                dev.ccbackend.operator.api.RollbackPolicy.Manual);
        second.getMetadata().setName("cc-backend-again");
        second.getMetadata().setCreationTimestamp(null);
        second = f.client.resource(second).create();
        // created after f.cr (and second by name, should the creation times tie)
        StepContext ctx = new StepContext(second, Phase.Planning, f.client, f.clock, f.context(Phase.Planning).settings(),
                () -> { }, new dev.ccbackend.operator.status.EventRecorder(f.client, f.clock));
        second.setStatus(new dev.ccbackend.operator.api.CcBackendUpgradeStatus());

        assertThat(new PlanStep().run(ctx)).isInstanceOfSatisfying(StepResult.Fail.class, x -> {
            assertThat(x.reason()).isEqualTo("ConflictingUpgrade");
            assertThat(x.message()).contains("CcBackendUpgrade cc-backend is already upgrading");
        });
        assertThat(new PlanStep().run(f.context(Phase.Planning))).as("the first goes on").isInstanceOf(StepResult.Wait.class);
    }

    @Test
    void missingClaimConfigMapOrSecretFailsWithItsOwnReasonBeforeAnyJob() {
        f.cr.getSpec().config.envSecretName = "cc-backend-env";
        assertThat(new PlanStep().run(f.context(Phase.Planning))).isInstanceOfSatisfying(StepResult.Fail.class,
                x -> assertThat(x.reason()).isEqualTo("SecretNotFound"));
        f.cr.getSpec().config.key = "missing.json";
        assertThat(new PlanStep().run(f.context(Phase.Planning))).isInstanceOfSatisfying(StepResult.Fail.class,
                x -> assertThat(x.reason()).isEqualTo("ConfigMapNotFound"));
        f.cr.getSpec().archive.claimName = "nope";
        assertThat(new PlanStep().run(f.context(Phase.Planning))).isInstanceOfSatisfying(StepResult.Fail.class, x -> {
            assertThat(x.reason()).isEqualTo("ClaimNotFound");
            assertThat(x.message()).contains("nope");
        });
        assertThat(f.jobNames()).isEmpty();
    }
}
