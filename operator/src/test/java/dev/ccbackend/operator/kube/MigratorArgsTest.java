package dev.ccbackend.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ccbackend.migrator.cli.CcMigrator;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.demo.DemoInstallation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's half of the CLI contract: every command line it builds is one cc-migrator accepts. */
class MigratorArgsTest {

    private static MigratorArgs online() {
        var spec = DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Automatic).getSpec();
        spec.mapStates = Map.of("stopped", "completed");
        return new MigratorArgs(spec);
    }

    @Test
    void theOnlineCommandLinesParse() {
        MigratorArgs args = online();
        for (List<String> line : List.of(args.plan(true), args.prepareDatabase(11), args.prepareArchive(3), args.cutOverDatabase(),
                args.cutOverArchive(), args.switchBackDatabase("job.db.v7-20261202T100000Z"), args.switchBackDatabase(null),
                args.switchBackArchive("job-archive.v1-20261202T100000Z"), args.switchBackArchive(null))) {
            assertThatCode(() -> CcMigrator.commandLine().parseArgs(line.toArray(String[]::new))).as(String.join(" ", line))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void theCopiesArePreparedBesideTheDataAndKeptOnARetry() {
        MigratorArgs args = online();
        assertThat(args.plan(true)).contains("--online");
        assertThat(args.plan(false)).doesNotContain("--online");
        assertThat(args.prepareDatabase(11)).containsSequence("--output", "/data/cc-backend-var/job.db.next", "--reuse")
                .containsSequence("--map-state", "stopped=completed");
        assertThat(args.cutOverArchive()).containsSequence("--prepared", "/data/cc-backend-var/job-archive.next");
        assertThat(args.switchBackArchive(null)).contains("--interrupted");
        var trailing = DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Automatic).getSpec();
        trailing.archive.path = "job-archive/./";
        assertThat(new MigratorArgs(trailing).prepareArchive(3)).as("beside the archive, never inside it")
                .containsSequence("--archive", "/data/cc-backend-var/job-archive", "--to-version", "3",
                        "--output", "/data/cc-backend-var/job-archive.next");
    }
}
