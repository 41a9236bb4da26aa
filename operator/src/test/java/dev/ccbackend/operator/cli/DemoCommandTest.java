package dev.ccbackend.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.CcUpgradeOperator;
import dev.ccbackend.operator.MigratorEngines;
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
        MigratorEngines.assumeMerged();
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
}
