package dev.ccbackend.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccbackend.operator.CcUpgradeOperator;
import dev.ccbackend.operator.MigratorEngines;
import java.io.PrintWriter;
import java.io.StringWriter;
import dev.ccbackend.migrator.util.FileOwnership;
import dev.ccbackend.operator.PodmanForTests;
import dev.ccbackend.operator.demo.DemoInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's one command: the demo upgrades its generated v1.3.1 site to v1.5.4 and exits 0. */
class DemoCommandTest {
    @TempDir
    Path work;

    /** What the demo printed and how it exited. */
    private record Demo(int code, String out) {
    }

    /** {@code demo OPTIONS} on 30 sample jobs in {@code work}, given three minutes. */
    private Demo demo(String... options) {
        StringWriter out = new StringWriter();
        CommandLine cli = CcUpgradeOperator.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        List<String> args = new ArrayList<>(List.of("demo"));
        args.addAll(List.of(options));
        args.addAll(List.of("--jobs", "30", "--work-dir", work.toString(), "--timeout", "PT3M"));
        int code = cli.execute(args.toArray(String[]::new));
        return new Demo(code, out.toString());
    }

    @Test
    void demoUpgradesTheSampleSiteAndExitsZero() {
        MigratorEngines.assumeMerged();

        Demo demo = demo("--runtime", "in-process");

        assertThat(demo.code()).as(demo.out()).isZero();
        assertThat(demo.out())
                .contains("demo: runtime: in-process")
                .contains("with 30 jobs")
                .contains("MigratingArchive")
                .contains("demo: Succeeded: cc-backend upgraded from v1.3.1 to v1.5.4");
    }

    @Test
    void demoInContainersLeavesEveryFileWithItsOwnerAndMode() throws IOException {
        assumeTrue(FileOwnership.processUid() == 0, "giving the sample data to uid 1000 needs root: skipping");
        PodmanForTests.podmanOrSkip();

        Demo demo = demo("--runtime", "podman", "--data-owner", "1000:1000");

        assertThat(demo.code()).as(demo.out()).isZero();
        assertThat(demo.out()).contains("demo: runtime: podman").contains("as uid:gid 1000:1000");
        try (Stream<Path> paths = Files.walk(work.resolve("claims").resolve(DemoInstallation.CLAIM))) {
            assertThat(paths.toList()).allSatisfy(p -> {
                FileOwnership.Owner o = FileOwnership.of(p);
                assertThat(o.uid() + ":" + o.gid()).as(p.toString()).isEqualTo("1000:1000");
                assertThat(o.mode()).as(p.toString()).isEqualTo(Files.isDirectory(p) ? 0755 : 0644);
            });
        }
    }

    @Test
    void withManualApprovalTheDemoShowsThePlanApprovesItsHashAndFinishes() {
        MigratorEngines.assumeMerged();

        Demo demo = demo("--runtime", "in-process", "--approval", "Manual");

        assertThat(demo.code()).as(demo.out()).isZero();
        assertThat(demo.out()).contains("AwaitingApproval   waiting for approval of plan ", "cc-backend keeps running",
                "demo: approving it in 3 s, as an admin would: kubectl patch ccup cc-backend --type merge",
                "demo: Succeeded: cc-backend upgraded from v1.3.1 to v1.5.4");
        assertThat(demo.out()).containsPattern("AwaitingApproval +Succeeded +plan [0-9a-f]{8} approved");
    }

    @Test
    void aSixtyThreeCharacterNameUpgradesWithAShardedArchive() {
        MigratorEngines.assumeMerged();
        String name = "c" + "x".repeat(62);

        Demo demo = demo("--runtime", "in-process", "--name", name, "--archive-parallelism", "3");

        assertThat(demo.code()).as(demo.out()).isZero();
        assertThat(demo.out()).contains("applied CcBackendUpgrade hpc/" + name).contains("in 3 shards");
    }

    @Test
    void aRollbackOnWaitForFirstConsumerStorageEndsRolledBack() {
        MigratorEngines.assumeMerged();

        Demo demo = demo("--runtime", "in-process", "--cluster", "realistic", "--storage-binding", "WaitForFirstConsumer",
                "--fail-at", "archive", "--rollback", "Automatic");

        assertThat(demo.code()).as(demo.out()).isEqualTo(2);
        assertThat(demo.out()).contains("storage binding WaitForFirstConsumer").contains("demo: RolledBack");
    }

    @Test
    void aFailedSmokeTestRollsBack() {
        MigratorEngines.assumeMerged();

        Demo smoke = demo("--runtime", "in-process", "--fail-at", "smoke-test", "--rollback", "Automatic");

        assertThat(smoke.code()).as(smoke.out()).isEqualTo(2);
        assertThat(smoke.out()).contains("does not serve its pages", "answered HTTP 500", "demo: RolledBack");
    }

    @Test
    void theOnlineStrategyPreparesCutsOverAndPrintsItsDowntime() {
        MigratorEngines.assumeMerged();

        Demo online = demo("--runtime", "in-process", "--strategy", "Online");

        assertThat(online.code()).as(online.out()).isZero();
        assertThat(online.out()).contains("strategy Online", "Preparing", "CuttingOver").containsPattern("down for [0-9]+ s");
    }

    @Test
    void anUnknownFailPointIsOneErrorNamingTheSteps() {
        Demo wrong = demo("--runtime", "in-process", "--fail-at", "smoke_test");

        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.out()).contains("no step 'smoke_test'", "smoke-test");
    }

    @Test
    void aMigratorImageThatCannotBePulledEndsFailedWithinAMinuteWithCcBackendRunning() {
        MigratorEngines.assumeMerged();
        long started = System.nanoTime();

        Demo demo = demo("--runtime", "in-process", "--cluster", "realistic", "--fault", "image-pull");

        assertThat(demo.code()).as(demo.out()).isEqualTo(1);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofMinutes(1));
        assertThat(demo.out()).contains("demo: Failed (PodCannotStart)").contains("ImagePullBackOff")
                .contains("cc-backend runs again with 1 replicas");
    }

    @ParameterizedTest
    @CsvSource({"--runtime, docker, '--runtime must be podman, in-process or auto'",
            "--data-owner, root, is not UID:GID", "--name, Upper_Case, --name must be a DNS label",
            "--fault, chaos-monkey, no fault 'chaos-monkey'", "--jobs, -5, --jobs must be 1 or more", "--cluster, perfect, --cluster must be realistic or ideal"})
    void badOptionsGetOneErrorLine(String option, String value, String message) {
        StringWriter err = new StringWriter();
        CommandLine cli = CcUpgradeOperator.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("demo", option, value, "--work-dir", work.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("error: ").contains(message).doesNotContain("Exception").hasLineCount(1);
    }
}
