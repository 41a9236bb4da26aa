package dev.ccbackend.migrator.archive;

import dev.ccbackend.migrator.catalog.StateMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaJsonTest {
    private static final StateMapping STOPPED_TO_COMPLETED = StateMapping.parse(List.of("stopped=completed"));

    private static String convert(String json, StateMapping states) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = MetaJson.toVersion3(bytes, MetaJson.scan(bytes), states);
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void metaJsonThatIsNotUtf8IsAJobErrorSayingWhatToDo() {
        String json = "{\"jobId\":1,\"exclusive\":1}";

        assertThatThrownBy(() -> MetaJson.scan(json.getBytes(StandardCharsets.UTF_16)))
                .isInstanceOf(JobException.class).hasMessageContaining("UTF-16").hasMessageContaining("iconv");
        assertThatThrownBy(() -> MetaJson.scan(json.getBytes(StandardCharsets.UTF_16LE)))
                .isInstanceOf(JobException.class).hasMessageContaining("UTF-16");
        byte[] bom = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MetaJson.scan(bom)).isInstanceOf(JobException.class).hasMessageContaining("byte order mark");
    }

    @Test
    void exclusiveBecomesSharedInPlaceWithEveryOtherByteKept() throws Exception {
        String in = "{\n    \"jobId\": 7,\n    \"exclusive\":   0 ,\n    \"jobState\": \"completed\",\n    \"x\": 1.50e3\n}\n";
        assertThat(convert(in, StateMapping.NONE))
                .isEqualTo("{\n    \"jobId\": 7,\n    \"shared\":   \"multi_user\" ,\n    \"jobState\": \"completed\",\n    \"x\": 1.50e3\n}\n");
        assertThat(convert("{\"exclusive\":1}", StateMapping.NONE)).isEqualTo("{\"shared\":\"none\"}");
        assertThat(convert("{\"exclusive\":2}", StateMapping.NONE)).isEqualTo("{\"shared\":\"single_user\"}");
        assertThat(convert("{\"exclusive\":1.0}", StateMapping.NONE)).isEqualTo("{\"shared\":\"none\"}");
    }

    @Test
    void keyOrderIsKept() throws Exception {
        String out = convert("{\"a\":1,\"exclusive\":1,\"jobState\":\"stopped\",\"z\":{\"exclusive\":5}}", STOPPED_TO_COMPLETED);
        JsonNode node = Json.MAPPER.readTree(out);
        assertThat(node.fieldNames()).toIterable().containsExactly("a", "shared", "jobState", "z");
        assertThat(node.get("jobState").asText()).isEqualTo("completed");
        assertThat(node.at("/z/exclusive").asInt()).as("nested keys are not touched").isEqualTo(5);
    }

    @Test
    void stateBeforeExclusiveIsMappedToo() throws Exception {
        assertThat(convert("{\"jobState\":\"stopped\",\"exclusive\":1}", STOPPED_TO_COMPLETED))
                .isEqualTo("{\"jobState\":\"completed\",\"shared\":\"none\"}");
    }

    @Test
    void alreadyConvertedFilesAreLeftAlone() throws Exception {
        assertThat(convert("{\"shared\":\"none\",\"jobState\":\"completed\"}", StateMapping.NONE)).isNull();
    }

    @Test
    void stoppedWithoutMappingAndBadValuesAreErrors() {
        assertThatThrownBy(() -> convert("{\"exclusive\":1,\"jobState\":\"stopped\"}", StateMapping.NONE))
                .isInstanceOf(JobException.class).hasMessageContaining("--map-state stopped=");
        assertThatThrownBy(() -> convert("{\"exclusive\":7}", StateMapping.NONE)).hasMessageContaining("'exclusive' is 7");
        assertThatThrownBy(() -> convert("{\"exclusive\":\"yes\"}", StateMapping.NONE)).hasMessageContaining("\"yes\"");
        assertThatThrownBy(() -> convert("{\"jobId\":1}", StateMapping.NONE)).hasMessageContaining("neither 'exclusive'");
        assertThatThrownBy(() -> convert("{\"exclusive\":1,\"shared\":\"none\"}", StateMapping.NONE)).hasMessageContaining("both");
    }

    @Test
    void brokenJsonIsDetectedWithItsPosition() {
        assertThatThrownBy(() -> MetaJson.scan("{\"jobId\": 1,\n \"x\": }".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JobException.class).hasMessageContaining("not valid JSON").hasMessageContaining("line 2");
        assertThatThrownBy(() -> MetaJson.scan("{} {}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("trailing");
        assertThatThrownBy(() -> MetaJson.scan("[1]".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not a JSON object");
    }

    @Test
    void mapStateRejectsTargetsVersion3DoesNotKnow() {
        assertThatThrownBy(() -> StateMapping.parse(List.of("stopped=stopped"))).hasMessageContaining("not a job state");
        assertThatThrownBy(() -> StateMapping.parse(List.of("stopped"))).hasMessageContaining("FROM=TO");
    }
}
