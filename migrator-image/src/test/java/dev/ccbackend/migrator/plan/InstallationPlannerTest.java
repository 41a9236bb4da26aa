package dev.ccbackend.migrator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.migrator.catalog.Driver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the installation planner finds beside the inspections: .env, SESSION_KEY, free space. */
class InstallationPlannerTest {
    @TempDir
    Path tmp;

    private UpgradePlan plan(Path config, Path envFile) {
        return InstallationPlanner.plan(new InstallationPlanner.Request(Driver.SQLITE3, tmp.resolve("var/job.db").toString(),
                tmp.resolve("var/job-archive"), config, envFile, "v1.5.4", null, null, Map.of(), null, false, false));
    }

    @Test
    void missingEnvFileGivenBlocks() {
        UpgradePlan plan = plan(null, tmp.resolve(".env"));

        assertThat(plan.blockers()).extracting(Blocker::code).contains(BlockerCode.ENV_FILE_MISSING);
    }

    @Test
    void envFileBesideTheConfigIsFoundAndItsSessionKeyChecked() throws Exception {
        Path config = Files.writeString(tmp.resolve("config.json"), "{\"addr\":\"0.0.0.0:80\",\"jwts\":{\"max-age\":\"1h\"},\"clusters\":[]}");
        Files.writeString(tmp.resolve(".env"), "JWT_PUBLIC_KEY=\"x\"\nSESSION_KEY=\"\"\n");

        UpgradePlan plan = plan(config, null);

        assertThat(plan.blockers()).extracting(Blocker::code).doesNotContain(BlockerCode.ENV_FILE_MISSING);
        assertThat(plan.warnings()).anyMatch(w -> w.contains("no SESSION_KEY")).noneMatch(w -> w.contains("--env-file"));
        assertThat(plan.config().convert()).isTrue();

        Files.writeString(tmp.resolve(".env"), "export SESSION_KEY='67d829bf61dc5f87a73fd814e2c9f629'\n");
        assertThat(plan(config, null).warnings()).noneMatch(w -> w.contains("SESSION_KEY"));
    }

    @Test
    void withoutAnyEnvFileItOnlyWarns() {
        UpgradePlan plan = plan(null, null);

        assertThat(plan.blockers()).extracting(Blocker::code).doesNotContain(BlockerCode.ENV_FILE_MISSING);
        assertThat(plan.warnings()).anyMatch(w -> w.contains("--env-file"));
        assertThat(plan.estimate().freeBytes()).isPositive();
    }
}
