package dev.ccbackend.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.util.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A result too large for a termination message keeps its shape and what decides something. */
class TerminationResultTest {
    static final int LIMIT = OutputOptions.TERMINATION_MESSAGE_LIMIT;

    @Test
    void aPlanWithManyClustersAndWarningsKeepsItsVersionsAndBlockers() throws Exception {
        ObjectNode plan = Json.MAPPER.createObjectNode();
        plan.putObject("database").put("currentVersion", 7).put("targetVersion", 11);
        var archive = plan.putObject("archive").put("currentVersion", 1).put("targetVersion", 3);
        for (int i = 0; i < 300; i++) {
            archive.withArray("clusters").add("cluster-with-a-long-name-" + i);
            plan.withArray("warnings").add("warning number " + i + " about something that does not block");
        }
        plan.withArray("blockers").addObject().put("code", "STOPPED_JOBS").put("message", "2 jobs are stopped");

        String text = TerminationResult.fit(plan, 0, LIMIT);

        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LIMIT);
        JsonNode read = Json.MAPPER.readTree(text);
        assertThat(read.path("truncated").asBoolean()).isTrue();
        assertThat(read.path("result").path("database").path("targetVersion").asInt()).isEqualTo(11);
        assertThat(read.path("result").path("archive").path("currentVersion").asInt()).isEqualTo(1);
        assertThat(read.path("result").path("blockers").get(0).path("code").asText()).isEqualTo("STOPPED_JOBS");
        assertThat(read.path("result").path("archive").path("clusters").size()).isPositive();
    }

    @Test
    void aLongErrorIsShortenedNotDropped() throws Exception {
        ObjectNode error = Json.MAPPER.createObjectNode().put("error", "cannot read " + "x".repeat(9000));

        JsonNode read = Json.MAPPER.readTree(TerminationResult.fit(error, 1, LIMIT));

        assertThat(read.path("exitCode").asInt()).isEqualTo(1);
        assertThat(read.path("result").path("error").asText()).startsWith("cannot read ").endsWith("…");
    }

    @Test
    void aResultThatFitsIsLeftAlone() {
        ObjectNode small = Json.MAPPER.createObjectNode().put("jobs", 4);

        assertThat(TerminationResult.fit(small, 0, LIMIT)).isEqualTo("{\"exitCode\":0,\"result\":{\"jobs\":4}}");
    }
}
