package dev.ccbackend.migrator.db.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogProgressTest {

    @Test
    void writesAStartLineProgressAndADoneLinePerPhase() {
        StringWriter log = new StringWriter();
        try (LogProgress progress = new LogProgress(new PrintWriter(log), Duration.ZERO)) {
            progress.start("copy job", 200);
            progress.advance(50);
            progress.advance(150);
            progress.finish();
            progress.start("create indexes", 2);
        }
        assertThat(log.toString().lines()).startsWith(
                "convert: copy job: 0/200",
                "convert: copy job: 50/200 (25%)",
                "convert: copy job: 200/200 (100%)");
        assertThat(log.toString().lines().filter(l -> l.contains(" done in "))).hasSize(2);
    }

    @Test
    void staysQuietBetweenIntervals() {
        StringWriter log = new StringWriter();
        LogProgress progress = new LogProgress(new PrintWriter(log), Duration.ofHours(1));
        progress.start("copy job", 1_000);
        for (int i = 0; i < 1_000; i++) {
            progress.advance(1);
        }
        progress.finish();
        assertThat(log.toString().lines()).containsExactly("convert: copy job: 0/1000", log.toString().lines().toList().get(1));
        assertThat(log.toString()).contains("1000/1000 done in");
    }

    @Test
    void aWriterOtherThanTheProcessStderrGetsLinesNeverABar() {
        StringWriter log = new StringWriter();
        try (ConvertProgress progress = ConvertProgress.forConsole(new PrintWriter(log), false, Duration.ZERO)) {
            assertThat(progress).isInstanceOf(LogProgress.class);
            progress.start("copy tag", 3);
        }
        assertThat(log.toString()).startsWith("convert: copy tag: 0/3").contains("done in");
    }
}
