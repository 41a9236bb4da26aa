package dev.ccbackend.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Loads the shipped logback.xml the way the operator does and checks both output formats. */
class LogbackConfigTest {

    private final PrintStream originalOut = System.out;

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.clearProperty("LOG_FORMAT");
        System.clearProperty("LOG_LEVEL");
        MDC.clear();
    }

    @Test
    void jsonFormatWritesJsonLinesWithResourceAndStep() throws Exception {
        String out = logWithConfig("json", "INFO");

        JsonNode line = new ObjectMapper().readTree(out.lines().filter(l -> l.contains("quiesced")).findFirst()
                .orElseThrow(() -> new AssertionError("no log line in: " + out)));
        assertThat(line.path("message").asText()).isEqualTo("cc-backend quiesced");
        assertThat(line.path("resource").asText()).isEqualTo("hpc/cc-backend");
        assertThat(line.path("step").asText()).isEqualTo("Quiescing");
        assertThat(out).doesNotContain("debug detail");
        assertThat(out.lines()).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    }

    @Test
    void textFormatIsTheDefaultAndShowsTheMdc() throws Exception {
        String out = logWithConfig(null, "DEBUG");

        assertThat(out).contains("INFO ").contains("cc-backend quiesced")
                .contains("resource=hpc/cc-backend").contains("step=Quiescing")
                .contains("debug detail");
        assertThat(out.strip()).doesNotStartWith("{");
    }

    @Test
    void unknownFormatStillLogsAsText() throws Exception {
        String out = logWithConfig("xml", "INFO");

        assertThat(out).contains("INFO ").contains("cc-backend quiesced").contains("resource=hpc/cc-backend");
    }

    private String logWithConfig(String format, String level) throws Exception {
        if (format != null) {
            System.setProperty("LOG_FORMAT", format);
        }
        System.setProperty("LOG_LEVEL", level);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));

        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        Logger logger = context.getLogger("dev.ccbackend.operator.steps.QuiesceStep");
        MDC.put("resource", "hpc/cc-backend");
        MDC.put("step", "Quiescing");
        logger.info("cc-backend quiesced");
        logger.debug("debug detail");
        context.stop();
        return captured.toString(StandardCharsets.UTF_8);
    }
}
