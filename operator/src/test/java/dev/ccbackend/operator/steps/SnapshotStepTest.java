package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.BackupMethod;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshot;
import dev.ccbackend.operator.kube.snapshot.VolumeSnapshotContent;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotStepTest {
    final StepFixture f = new StepFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void takesOneSnapshotPerClaimOnceAndWaitsForItsContent() {
        StepContext ctx = f.context(Phase.Snapshotting);
        assertThat(new SnapshotStep().run(ctx)).isInstanceOf(StepResult.Wait.class);
        assertThat(new SnapshotStep().run(ctx)).isInstanceOf(StepResult.Wait.class);

        var snapshots = f.client.resources(VolumeSnapshot.class).inNamespace(DemoInstallation.NAMESPACE).list().getItems();
        assertThat(snapshots).singleElement().satisfies(vs -> {
            assertThat(vs.getSpec().source.persistentVolumeClaimName).isEqualTo(DemoInstallation.CLAIM);
            assertThat(vs.getSpec().volumeSnapshotClassName).isEqualTo(DemoInstallation.SNAPSHOT_CLASS);
            assertThat(vs.getMetadata().getOwnerReferences()).as("snapshots outlive the CR").isNullOrEmpty();
        });
        assertThat(f.saves.get(0)).contains(snapshots.get(0).getMetadata().getName());

        // Ready on the snapshot alone is not enough: the bound content must be ready too.
        VolumeSnapshot vs = snapshots.get(0);
        vs.setStatus(new VolumeSnapshot.Status());
        vs.getStatus().readyToUse = true;
        vs.getStatus().boundVolumeSnapshotContentName = "content-1";
        f.client.resources(VolumeSnapshot.class).inNamespace(DemoInstallation.NAMESPACE).resource(vs).updateStatus();
        assertThat(new SnapshotStep().run(ctx)).isInstanceOf(StepResult.Wait.class);

        VolumeSnapshotContent content = new VolumeSnapshotContent();
        content.getMetadata().setName("content-1");
        content = f.client.resources(VolumeSnapshotContent.class).resource(content).create();
        content.setStatus(new VolumeSnapshotContent.Status());
        content.getStatus().readyToUse = true;
        f.client.resources(VolumeSnapshotContent.class).resource(content).updateStatus();

        assertThat(new SnapshotStep().run(ctx)).isInstanceOf(StepResult.Advance.class);
        assertThat(f.cr.getStatus().snapshots).singleElement().satisfies(s -> assertThat(s.readyToUse).isTrue());
        assertThat(f.cr.getStatus().rollbackable).isTrue();
    }

    @Test
    void snapshotsThatNeverBecomeReadyFailAfterTheirTimeout() {
        StepContext ctx = f.context(Phase.Snapshotting);
        new SnapshotStep().run(ctx);
        f.clock.advance(Duration.ofMinutes(31));
        assertThat(new SnapshotStep().run(ctx)).isInstanceOfSatisfying(StepResult.Fail.class,
                x -> assertThat(x.reason()).isEqualTo("SnapshotTimeout"));
    }

    @Test
    void aMissingSnapshotClassFailsAndMethodNoneSkips() {
        f.cr.getSpec().backup.volumeSnapshotClassName = "nope";
        assertThat(new SnapshotStep().run(f.context(Phase.Snapshotting))).isInstanceOfSatisfying(StepResult.Fail.class,
                x -> assertThat(x.reason()).isEqualTo("SnapshotClassNotFound"));

        f.cr.getSpec().backup.method = BackupMethod.None;
        assertThat(new SnapshotStep().run(f.context(Phase.Snapshotting))).isInstanceOf(StepResult.Skip.class);
        assertThat(f.cr.getStatus().rollbackable).isFalse();
        assertThat(f.client.resources(VolumeSnapshot.class).inAnyNamespace().list().getItems()).isEmpty();
    }
}
