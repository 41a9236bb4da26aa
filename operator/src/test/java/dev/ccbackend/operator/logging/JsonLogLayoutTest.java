package dev.ccbackend.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogLayoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final JsonLogLayout layout = new JsonLogLayout();

    JsonLogLayoutTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @Test
    void writesOneJsonObjectPerLineWithTheMdc() throws Exception {
        LoggingEvent event = event(Level.INFO, "snapshot {} of claim {} is ready", null, "snap-1", "cc-backend-var");
        event.setMDCPropertyMap(Map.of("resource", "hpc/cc-backend", "step", "Snapshotting"));
        event.setTimeStamp(1_764_000_000_123L);

        String line = layout.doLayout(event);

        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = JSON.readTree(line);
        assertThat(json.path("timestamp").asText()).isEqualTo("2025-11-24T16:00:00.123Z");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("logger").asText()).isEqualTo("dev.ccbackend.operator.steps.SnapshotStep");
        assertThat(json.path("thread").asText()).isEqualTo("reconciler-1");
        assertThat(json.path("message").asText()).isEqualTo("snapshot snap-1 of claim cc-backend-var is ready");
        assertThat(json.path("resource").asText()).isEqualTo("hpc/cc-backend");
        assertThat(json.path("step").asText()).isEqualTo("Snapshotting");
        assertThat(json.has("exception")).isFalse();
    }

    @Test
    void exceptionCarriesTheWholeStackTraceAndCause() throws Exception {
        IllegalStateException failure = new IllegalStateException("job failed", new RuntimeException("exit 3"));
        LoggingEvent event = event(Level.ERROR, "migration failed", failure);

        JsonNode json = JSON.readTree(layout.doLayout(event));

        assertThat(json.path("level").asText()).isEqualTo("ERROR");
        assertThat(json.path("exception").asText())
                .contains("java.lang.IllegalStateException: job failed")
                .contains("Caused by: java.lang.RuntimeException: exit 3")
                .contains("at dev.ccbackend.operator.logging.JsonLogLayoutTest");
    }

    @Test
    void messagesThatBreakJsonAreEscaped() throws Exception {
        String nasty = "quote \" backslash \\ newline\nend \u0001 ünïcode";
        LoggingEvent event = event(Level.WARN, nasty, null);
        event.setMDCPropertyMap(Map.of("resource", "a\"b"));

        JsonNode json = JSON.readTree(layout.doLayout(event));

        assertThat(json.path("message").asText()).isEqualTo(nasty);
        assertThat(json.path("resource").asText()).isEqualTo("a\"b");
    }

    @Test
    void mdcKeysNeverOverwriteTheFixedFields() throws Exception {
        LoggingEvent event = event(Level.INFO, "real message", null);
        event.setMDCPropertyMap(Map.of("message", "from mdc", "level", "x"));

        JsonNode json = JSON.readTree(layout.doLayout(event));

        assertThat(json.path("message").asText()).isEqualTo("real message");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("mdc.message").asText()).isEqualTo("from mdc");
        assertThat(json.path("mdc.level").asText()).isEqualTo("x");
    }

    @Test
    void keyValuePairsBecomeFields() throws Exception {
        LoggingEvent event = event(Level.INFO, "progress", null);
        event.addKeyValuePair(new org.slf4j.event.KeyValuePair("jobsDone", 42));

        assertThat(JSON.readTree(layout.doLayout(event)).path("jobsDone").asText()).isEqualTo("42");
    }

    private LoggingEvent event(Level level, String message, Throwable thrown, Object... args) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.ccbackend.operator.steps.SnapshotStep"),
                level, message, thrown, args);
        event.setThreadName("reconciler-1");
        return event;
    }
}
