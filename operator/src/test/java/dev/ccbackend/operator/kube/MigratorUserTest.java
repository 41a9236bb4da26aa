package dev.ccbackend.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.plan.UpgradePlan;
import dev.ccbackend.migrator.util.FileOwnership;
import dev.ccbackend.operator.api.MigratorSecurityContext;
import dev.ccbackend.operator.api.RunAs;
import dev.ccbackend.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import org.junit.jupiter.api.Test;

/** One test per rule of who the Jobs run as. */
class MigratorUserTest {
    static final UpgradePlan.Ownership OWNED_BY_1000 = owned(1000, 1000);
    static final Container PLAIN = new ContainerBuilder().withName("cc-backend").build();

    static UpgradePlan.Ownership owned(int dbUid, int archiveUid) {
        return new UpgradePlan.Ownership(new FileOwnership.Owner(dbUid, 100, 0644), new FileOwnership.Owner(archiveUid, 100, 0755));
    }

    static PodSpec podRunningAs(Long uid, Long gid) {
        return new PodSpecBuilder().withNewSecurityContext().withRunAsUser(uid).withRunAsGroup(gid).endSecurityContext().build();
    }

    @Test
    void theContainersSecurityContextWinsOverThePods() {
        Container container = new ContainerBuilder().withNewSecurityContext().withRunAsUser(2000L).endSecurityContext().build();

        RunAs runAs = MigratorUser.decide(null, podRunningAs(1500L, 1600L), container, OWNED_BY_1000).runAs();

        assertThat(runAs.uid).isEqualTo(2000);
        assertThat(runAs.gid).as("the pod's group when the container names none").isEqualTo(1600);
        assertThat(runAs.source).isEqualTo(MigratorUser.FROM_CONTAINER);
    }

    @Test
    void thePodsSecurityContextIsTakenWhenTheContainerStatesNone() {
        RunAs runAs = MigratorUser.decide(null, podRunningAs(1500L, null), PLAIN, OWNED_BY_1000).runAs();

        assertThat(runAs.uid).isEqualTo(1500);
        assertThat(runAs.gid).as("no group stated: the uid's").isEqualTo(1500);
        assertThat(runAs.source).isEqualTo(MigratorUser.FROM_POD);
        assertThat(MigratorUser.ownerMismatch(runAs, OWNED_BY_1000)).get().asString()
                .contains("owned by uid 1000").contains("run as uid 1500");
    }

    @Test
    void withNothingStatedTheOwnerOfTheDataIsTaken() {
        MigratorUser.Decision decision = MigratorUser.decide(null, new PodSpec(), PLAIN, OWNED_BY_1000);

        assertThat(decision.blocker()).isNull();
        assertThat(decision.runAs().uid).isEqualTo(1000);
        assertThat(decision.runAs().gid).isEqualTo(100);
        assertThat(decision.runAs().source).isEqualTo(MigratorUser.FROM_OWNER);
        assertThat(MigratorUser.ownerMismatch(decision.runAs(), OWNED_BY_1000)).isEmpty();
    }

    @Test
    void dataOwnedByRootIsRefusedWithTheFix() {
        MigratorUser.Decision decision = MigratorUser.decide(null, new PodSpec(), PLAIN, owned(0, 0));

        assertThat(decision.runAs()).isNull();
        assertThat(decision.blocker()).isEqualTo(Reason.DataOwnedByRoot);
        assertThat(decision.message()).contains("owned by root").contains("spec.migrator.securityContext.runAsUser: 0")
                .contains("baseline").contains("chown");
    }

    @Test
    void ccBackendRunningAsRootIsRefusedToo() {
        MigratorUser.Decision decision = MigratorUser.decide(null, podRunningAs(0L, 0L), PLAIN, owned(0, 0));

        assertThat(decision.blocker()).isEqualTo(Reason.DataOwnedByRoot);
        assertThat(decision.message()).contains("runs as root");
    }

    @Test
    void rootIsTakenWhenTheUserAsksForIt() {
        MigratorSecurityContext override = new MigratorSecurityContext();
        override.runAsUser = 0L;

        MigratorUser.Decision decision = MigratorUser.decide(override, new PodSpec(), PLAIN, owned(0, 0));

        assertThat(decision.runAs().uid).isZero();
        assertThat(decision.runAs().source).isEqualTo(MigratorUser.FROM_SPEC);
    }

    @Test
    void theOverrideWinsOverEverythingAndItsGroupOverTheOwners() {
        MigratorSecurityContext override = new MigratorSecurityContext();
        override.runAsUser = 3000L;
        override.runAsGroup = 3001L;

        RunAs runAs = MigratorUser.decide(override, podRunningAs(1500L, 1600L), PLAIN, OWNED_BY_1000).runAs();

        assertThat(runAs.uid).isEqualTo(3000);
        assertThat(runAs.gid).isEqualTo(3001);
        MigratorSecurityContext groupOnly = new MigratorSecurityContext();
        groupOnly.runAsGroup = 55L;
        assertThat(MigratorUser.decide(groupOnly, new PodSpec(), PLAIN, OWNED_BY_1000).runAs().gid).isEqualTo(55);
    }

    @Test
    void databaseAndArchiveOfDifferentOwnersAreRefused() {
        MigratorUser.Decision decision = MigratorUser.decide(null, new PodSpec(), PLAIN, owned(1000, 1001));

        assertThat(decision.blocker()).isEqualTo(Reason.DataOwnerMismatch);
        assertThat(decision.message()).contains("uid 1000").contains("uid 1001").contains("chown");
    }

    @Test
    void mariaDbHasOnlyTheArchiveToGoBy() {
        var archiveOnly = new UpgradePlan.Ownership(null, new FileOwnership.Owner(1200, 1300, 0755));

        RunAs runAs = MigratorUser.decide(null, new PodSpec(), PLAIN, archiveOnly).runAs();

        assertThat(runAs.uid).isEqualTo(1200);
        assertThat(runAs.gid).isEqualTo(1300);
    }

    @Test
    void thePlanJobReadsAsANonRootUserUntilTheOwnersAreKnown() {
        assertThat(MigratorUser.forPlan(null, new PodSpec(), PLAIN).uid).isEqualTo(MigratorUser.READER_UID);
        assertThat(MigratorUser.forPlan(null, podRunningAs(1500L, null), PLAIN).uid).isEqualTo(1500);
    }
}
