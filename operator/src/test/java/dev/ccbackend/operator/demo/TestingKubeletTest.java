package dev.ccbackend.operator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test cluster's kubelet is as strict as a real one: pods that cannot start stay Pending, messages are capped. */
class TestingKubeletTest {
    @TempDir
    Path work;
    final MockCluster cluster = MockCluster.start();

    /** A runtime that has one image and does what the test says. */
    static final class StubRuntime implements ContainerRuntime {
        final List<ContainerRun> runs = new java.util.ArrayList<>();
        String message = "";
        List<String> output = List.of();
        int exitCode;

        @Override
        public int run(ContainerRun container, Consumer<String> out) throws Exception {
            runs.add(container);
            output.forEach(out);
            Files.writeString(container.terminationMessage().host(), message);
            return exitCode;
        }

        @Override
        public boolean hasImage(String image) {
            return image.equals("cc-migrator:test");
        }

        @Override
        public String describe() {
            return "stub";
        }
    }

    final StubRuntime runtime = new StubRuntime();

    @AfterEach
    void close() {
        cluster.close();
    }

    private Integer run(PodBuilder pod) {
        Pod created = cluster.client().pods().inNamespace("hpc").resource(pod.build()).create();
        TestingKubelet kubelet = new TestingKubelet(cluster.client(), cluster.podLogs(), new ClaimStore(work), runtime, new TestingImages(),
                Faults.none(), ClusterProfile.ideal());
        try {
            return kubelet.run(created, null, "plan");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PodBuilder pod(String image, Long uid, boolean nonRoot) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("hpc").endMetadata()
                .withNewSpec().withNewSecurityContext().withRunAsUser(uid).withRunAsNonRoot(nonRoot).endSecurityContext()
                .addNewContainer().withName("c").withImage(image).withArgs("plan")
                .withTerminationMessagePolicy("FallbackToLogsOnError").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus();
    }

    private Pod stored() {
        return cluster.client().pods().inNamespace("hpc").withName("p").get();
    }

    @Test
    void anImageThatIsNotThereLeavesThePodPendingInImagePullBackOff() {
        assertThat(run(pod("registry.example.org/nothing:1", 1000L, true))).isNull();

        assertThat(stored().getStatus().getPhase()).isEqualTo("Pending");
        assertThat(stored().getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
        assertThat(runtime.runs).isEmpty();
    }

    @Test
    void runAsNonRootWithUidZeroIsACreateContainerConfigError() {
        assertThat(run(pod("cc-migrator:test", 0L, true))).isNull();

        assertThat(stored().getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("CreateContainerConfigError");
        assertThat(runtime.runs).isEmpty();
    }

    @Test
    void theTerminationMessageIsCappedAt4096BytesAsTheKubeletDoes() {
        runtime.message = "x".repeat(5000);

        assertThat(run(pod("cc-migrator:test", 1000L, true))).isZero();

        var terminated = stored().getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getMessage()).hasSize(TestingKubelet.MESSAGE_LIMIT);
        assertThat(stored().getStatus().getPhase()).isEqualTo("Succeeded");
        assertThat(runtime.runs.get(0).uid()).isEqualTo(1000L);
    }

    @Test
    void anEmptyMessageOfAFailedContainerFallsBackToTheLogsTail() {
        runtime.exitCode = 1;
        runtime.output = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "line " + i).toList();

        assertThat(run(pod("cc-migrator:test", 1000L, true))).isEqualTo(1);

        String message = stored().getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage();
        assertThat(message.lines()).hasSize(TestingKubelet.FALLBACK_LINES).last().isEqualTo("line 99");
        assertThat(stored().getStatus().getPhase()).isEqualTo("Failed");
    }
}
