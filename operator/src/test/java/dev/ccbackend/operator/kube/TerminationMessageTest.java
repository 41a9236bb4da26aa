package dev.ccbackend.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.cli.ExitCode;
import org.junit.jupiter.api.Test;

/** The operator's half of the result-file contract written by the migrator's OutputOptions. */
class TerminationMessageTest {

    @Test
    void readsResultAndExitCode() {
        TerminationMessage m = TerminationMessage.parse(3, "{\"exitCode\":3,\"result\":{\"blockers\":[]}}");
        assertThat(m.exitCode()).isEqualTo(ExitCode.BLOCKED);
        assertThat(m.result().has("blockers")).isTrue();
        assertThat(m.error()).isNull();
    }

    @Test
    void readsTheErrorOfAFailedCommand() {
        TerminationMessage m = TerminationMessage.parse(1, "{\"exitCode\":1,\"result\":{\"error\":\"database is dirty\"}}");
        assertThat(m.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(m.error()).isEqualTo("database is dirty");
    }

    @Test
    void aTruncatedResultSaysWhereTheRestIs() {
        TerminationMessage m = TerminationMessage.parse(0,
                "{\"exitCode\":0,\"truncated\":true,\"message\":\"result larger than 4096 bytes; see the Job's log\"}");
        assertThat(m.result()).isNull();
        assertThat(m.error()).contains("see the Job's log");
    }

    @Test
    void aLogTailStandsInWhenThereWasNoResultAndAnEmptyMessageLeavesItToTheJob() {
        assertThat(TerminationMessage.parse(1, "error: out of memory\n").error()).isEqualTo("error: out of memory");
        assertThat(TerminationMessage.parse(137, "").error()).isNull();
    }
}
