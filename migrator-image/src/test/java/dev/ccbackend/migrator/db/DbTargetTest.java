package dev.ccbackend.migrator.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ccbackend.migrator.catalog.Driver;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DSNs as cc-backend's config spells them. */
class DbTargetTest {
    @Test
    void translatesGoSqlDriverDsns() {
        DbTarget t = DbTarget.parse(Driver.MYSQL, "cc:s3cret@tcp(db.example.org:3307)/ccbackend");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:mariadb://db.example.org:3307/ccbackend?user=cc&password=s3cret");
        assertThat(t.displayName()).doesNotContain("s3cret");
        assertThat(DbTarget.parse(Driver.MYSQL, "cc@tcp(db)/x").jdbcUrl()).isEqualTo("jdbc:mariadb://db:3306/x?user=cc");
        assertThat(DbTarget.parse(Driver.MYSQL, "cc:p@w@tcp(h:1)/x").jdbcUrl()).contains("password=p%40w");
    }

    @Test
    void readsEnvVariablesAndJdbcUrls() {
        Map<String, String> env = Map.of("CC_DB", "u:p@tcp(h:3306)/d", "URL", "jdbc:mariadb://h:1/d?user=u");
        assertThat(DbTarget.parse(Driver.MYSQL, "env:CC_DB", env::get).jdbcUrl()).isEqualTo("jdbc:mariadb://h:3306/d?user=u&password=p");
        assertThat(DbTarget.parse(Driver.MYSQL, "env:URL", env::get).jdbcUrl()).isEqualTo("jdbc:mariadb://h:1/d?user=u");
        assertThatThrownBy(() -> DbTarget.parse(Driver.MYSQL, "env:MISSING", env::get))
                .hasMessageContainingAll("MISSING", "not set");
    }

    @Test
    void sqlitePathsBecomeAbsoluteFiles() {
        DbTarget t = DbTarget.parse(Driver.SQLITE3, "./var/job.db");
        assertThat(t.sqlitePath()).isEqualTo(Path.of("var/job.db").toAbsolutePath().normalize());
        assertThat(DbTarget.parse(Driver.SQLITE3, "file:/data/job.db?_foreign_keys=on").sqlitePath()).isEqualTo(Path.of("/data/job.db"));
    }

    @Test
    void rejectsUnreadableDsns() {
        assertThatThrownBy(() -> DbTarget.parse(Driver.MYSQL, "not a dsn")).hasMessageContaining("user:password@tcp(host:port)/database");
        assertThatThrownBy(() -> DbTarget.parse(Driver.SQLITE3, " ")).hasMessageContaining("--db");
    }
}
