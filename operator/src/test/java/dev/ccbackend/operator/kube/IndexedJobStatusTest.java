package dev.ccbackend.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexedJobStatusTest {

    @Test
    void parsesAndFormatsKubernetesIntervalLists() {
        assertThat(IndexedJobStatus.parse("0,2-4,7")).containsExactly(0, 2, 3, 4, 7);
        assertThat(IndexedJobStatus.parse(null)).isEmpty();
        assertThat(IndexedJobStatus.format(Set.of(7, 0, 3, 2, 4))).isEqualTo("0,2-4,7");
        assertThat(IndexedJobStatus.format(Set.of())).isEmpty();
    }

    @Test
    void anIndexLeftOverWhenTheJobEndedCountsAsFailed() {
        var job = new JobBuilder().withNewStatus().withCompletedIndexes("0").withFailedIndexes("2")
                .addNewCondition().withType("Failed").withStatus("True").withReason("DeadlineExceeded").endCondition()
                .endStatus().build();
        IndexedJobStatus s = IndexedJobStatus.of(job);
        assertThat(s.failed(0)).isFalse();
        assertThat(s.failed(1)).as("never ran: the Job hit its deadline").isTrue();
        assertThat(s.failed(2)).isTrue();

        var running = new JobBuilder().withNewStatus().withCompletedIndexes("0").endStatus().build();
        assertThat(IndexedJobStatus.of(running).failed(1)).isFalse();
    }
}
