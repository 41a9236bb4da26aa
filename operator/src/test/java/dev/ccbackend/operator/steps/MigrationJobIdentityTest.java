package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.MigratorSecurityContext;
import dev.ccbackend.operator.api.MigratorSpec;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.PlanSummary;
import dev.ccbackend.operator.api.RunAs;
import dev.ccbackend.operator.demo.DemoInstallation;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Jobs run as cc-backend and where cc-backend may run; fsGroup and its service account only on request. */
class MigrationJobIdentityTest {
    final StepFixture f = new StepFixture().ccBackendStopped();

    @AfterEach
    void close() {
        f.close();
    }

    private PodSpec planJobPod() {
        new PlanStep().run(f.context(Phase.Planning));
        return f.job(f.cr.getStatus().step(Phase.Planning).orElseThrow().jobName).getSpec().getTemplate().getSpec();
    }

    @Test
    void thePlanJobRunsAsCcBackendsUserWithoutFsGroup() {
        var context = planJobPod().getSecurityContext();

        assertThat(context.getRunAsUser()).as("the demo Deployment's runAsUser").isEqualTo(1000L);
        assertThat(context.getRunAsGroup()).isEqualTo(1000L);
        assertThat(context.getRunAsNonRoot()).isTrue();
        assertThat(context.getFsGroup()).as("no recursive chown of cc-backend's volume").isNull();
        assertThat(context.getFsGroupChangePolicy()).isNull();
    }

    @Test
    void migrationJobsRunAsTheUserDecidedAtPlanning() {
        f.cr.getStatus().runAs = new RunAs(1234, 5678, "owner of the data");
        f.cr.getStatus().plan = new PlanSummary();
        f.cr.getStatus().plan.databaseFrom = 7;
        f.cr.getStatus().plan.databaseTo = 11;

        new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase));

        var job = f.job(f.cr.getStatus().step(Phase.MigratingDatabase).orElseThrow().jobName);
        var context = job.getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(context.getRunAsUser()).isEqualTo(1234L);
        assertThat(context.getRunAsGroup()).isEqualTo(5678L);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void fsGroupOnlyWhenAskedForAndThenOnlyOnRootMismatch() {
        f.cr.getSpec().migrator = new MigratorSpec();
        f.cr.getSpec().migrator.securityContext = new MigratorSecurityContext();
        f.cr.getSpec().migrator.securityContext.fsGroup = 4242L;
        f.cr.getSpec().migrator.securityContext.supplementalGroups = List.of(7L);

        var context = planJobPod().getSecurityContext();

        assertThat(context.getFsGroup()).isEqualTo(4242L);
        assertThat(context.getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
        assertThat(context.getSupplementalGroups()).containsExactly(7L);
    }

    @Test
    void jobsInheritWhatANodeNeedsToRunThemFromCcBackendsPodTemplate() {
        f.client.apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.DEPLOYMENT).edit(d -> {
            var pod = d.getSpec().getTemplate().getSpec();
            pod.setImagePullSecrets(List.of(new LocalObjectReference("registry-cred")));
            pod.setNodeSelector(Map.of("hpc.example.org/storage", "fast"));
            pod.setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withValue("hpc").withEffect("NoSchedule").build()));
            pod.setPriorityClassName("hpc-services");
            pod.setServiceAccountName("cc-backend");
            return d;
        });

        PodSpec pod = planJobPod();

        assertThat(pod.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("registry-cred");
        assertThat(pod.getNodeSelector()).containsEntry("hpc.example.org/storage", "fast");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(pod.getPriorityClassName()).isEqualTo("hpc-services");
        assertThat(pod.getServiceAccountName()).as("not without spec.migrator.inheritServiceAccount").isNull();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void theServiceAccountOnlyWhenAskedFor() {
        f.client.apps().deployments().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.DEPLOYMENT).edit(d -> {
            d.getSpec().getTemplate().getSpec().setServiceAccountName("cc-backend");
            return d;
        });
        f.cr.getSpec().migrator = new MigratorSpec();
        f.cr.getSpec().migrator.inheritServiceAccount = true;

        PodSpec pod = planJobPod();

        assertThat(pod.getServiceAccountName()).isEqualTo("cc-backend");
        assertThat(pod.getAutomountServiceAccountToken()).isNull();
    }
}
