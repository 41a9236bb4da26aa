package dev.ccbackend.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.migrator.archive.ArchiveInspector;
import dev.ccbackend.operator.CcUpgradeOperator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's one command: the demo upgrades its generated v1.3.1 site to v1.5.4 and exits 0. */
class DemoCommandTest {
    @TempDir
    Path work;

    @Test
    void demoUpgradesTheSampleSiteAndExitsZero() {
        assumeEnginesMerged();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new CcUpgradeOperator());
        cli.setOut(new PrintWriter(out, true));

        int code = cli.execute("demo", "--jobs", "30", "--work-dir", work.toString(), "--timeout", "PT3M");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("cc-backend v1.3.1 with 30 jobs")
                .contains("MigratingArchive")
                .contains("demo: Succeeded: cc-backend upgraded from v1.3.1 to v1.5.4");
    }

    /** Skips until the migrator's engines are merged (their inspectors still throw). */
    static void assumeEnginesMerged() {
        try {
            ArchiveInspector.inspect(Path.of("/nonexistent"));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "the migrator's engines are not merged yet: " + e.getMessage());
        } catch (RuntimeException e) {
            // implemented: it refused the missing directory
        }
    }
}
