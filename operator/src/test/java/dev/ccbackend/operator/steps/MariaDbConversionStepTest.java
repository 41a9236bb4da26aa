package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.ClaimPath;
import dev.ccbackend.operator.api.DatabaseDriver;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.PlanSummary;
import dev.ccbackend.operator.api.SecretKey;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.kube.MigratorArgs;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** spec.database.convertToSqlite: the command lines, the two database Jobs, the mount check. */
class MariaDbConversionStepTest {
    final StepFixture f = new StepFixture().ccBackendStopped();

    @BeforeEach
    void mariaDbSite() {
        var db = f.cr.getSpec().database;
        db.driver = DatabaseDriver.MYSQL;
        db.sqlite = null;
        db.mysql = new SecretKey();
        db.mysql.secretName = "cc-backend-db";
        db.convertToSqlite = new ClaimPath("cc-backend-var", "job.db");
        f.client.secrets().inNamespace(DemoInstallation.NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName("cc-backend-db").withNamespace(DemoInstallation.NAMESPACE).endMetadata()
                .withStringData(Map.of("dsn", "cc:secret@tcp(mariadb:3306)/ccbackend")).build()).create();
        PlanSummary plan = new PlanSummary();
        plan.databaseFrom = 8;
        plan.databaseTo = 11;
        f.cr.getStatus().plan = plan;
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void planAndCheckArgsNameTheNewSqliteFileAndNeverTheDsn() {
        MigratorArgs args = new MigratorArgs(f.cr.getSpec());
        assertThat(args.plan(false)).containsSequence("--driver", "mysql", "--db", "env:CC_DB_DSN")
                .containsSequence("--sqlite-out", "/data/cc-backend-var/job.db");
        assertThat(args.checkVersions(null, null)).containsSequence("--driver", "sqlite3", "--db", "/data/cc-backend-var/job.db")
                .doesNotContain("--sqlite-out", "env:CC_DB_DSN");
    }

    @Test
    void convertsFirstThenMigratesTheNewFile() {
        assertThat(new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase))).isInstanceOf(StepResult.Wait.class);
        String convert = f.cr.getStatus().step(Phase.MigratingDatabase).orElseThrow().jobName;
        assertThat(convert).contains("-dbconvert-");
        var container = f.job(convert).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getArgs()).containsExactly("db", "convert", "--from-driver", "mysql", "--from", "env:CC_DB_DSN",
                "--to", "/data/cc-backend-var/job.db", "--result-file", "/dev/termination-log");
        assertThat(container.getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("CC_DB_DSN");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("cc-backend-db");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("dsn");
        });

        f.finishJob(convert, 0, "{\"exitCode\":0,\"result\":{}}");
        assertThat(new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase))).isInstanceOf(StepResult.Wait.class);
        String migrate = f.cr.getStatus().step(Phase.MigratingDatabase).orElseThrow().jobName;
        assertThat(f.job(migrate).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsSequence("db", "migrate", "--driver", "sqlite3", "--db", "/data/cc-backend-var/job.db",
                        "--to-version", "11");

        f.finishJob(migrate, 0, "{\"exitCode\":0,\"result\":{}}");
        assertThat(new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase)))
                .isInstanceOfSatisfying(StepResult.Advance.class, a -> assertThat(a.message())
                        .isEqualTo("MariaDB converted to SQLite; the converted SQLite database migrated from schema 8 to 11"));
    }

    @Test
    void aMariaDbBelowSchema8IsMigratedByTheConverterOnRequest() {
        f.cr.getStatus().plan.databaseFrom = 7;
        new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase));
        String convert = f.cr.getStatus().step(Phase.MigratingDatabase).orElseThrow().jobName;
        assertThat(f.job(convert).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--migrate-source");
    }

    @Test
    void aFailedConversionSaysMariaDbIsUntouched() {
        new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase));
        String convert = f.cr.getStatus().step(Phase.MigratingDatabase).orElseThrow().jobName;
        f.finishJob(convert, 1, "{\"exitCode\":1,\"result\":{\"error\":\"cannot connect to MariaDB\"}}");
        assertThat(new MigrateDatabaseStep().run(f.context(Phase.MigratingDatabase)))
                .isInstanceOfSatisfying(StepResult.Fail.class, x -> {
                    assertThat(x.reason()).isEqualTo("DatabaseMigrationFailed");
                    assertThat(x.message()).contains("cannot connect to MariaDB").contains("MariaDB was only read");
                });
    }

    @Test
    void theConfigPointsAtTheClaimWhereCcBackendMountsIt() {
        assertThat(ConvertedDatabase.pathInCcBackend(f.context(Phase.ConvertingConfig))).contains("/app/var/job.db");
        assertThat(InputCheck.check(f.context(Phase.Planning))).isEmpty();
    }

    @Test
    void aClaimTheDeploymentDoesNotMountIsRefusedBeforeAnyJob() {
        f.client.persistentVolumeClaims().inNamespace(DemoInstallation.NAMESPACE).resource(
                new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata().withName("sqlite-new")
                        .withNamespace(DemoInstallation.NAMESPACE).endMetadata().build()).create();
        f.cr.getSpec().database.convertToSqlite = new ClaimPath("sqlite-new", "job.db");
        assertThat(InputCheck.check(f.context(Phase.Planning))).hasValueSatisfying(r ->
                assertThat(r).isInstanceOfSatisfying(StepResult.Fail.class, x -> {
                    assertThat(x.reason()).isEqualTo("ClaimNotMounted");
                    assertThat(x.message()).contains("sqlite-new").contains("does not mount");
                }));
        assertThat(f.jobNames()).isEmpty();
    }
}
