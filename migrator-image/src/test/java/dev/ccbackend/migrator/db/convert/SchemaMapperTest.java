package dev.ccbackend.migrator.db.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ccbackend.migrator.db.convert.SchemaMapper.SourceColumn;
import dev.ccbackend.migrator.db.convert.SchemaMapper.TargetColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaMapperTest {

    /** A cut-down but faithful pair of schema-8 catalogs: MariaDB's and SQLite's spelling of the same tables. */
    private static Map<String, List<SourceColumn>> source() {
        Map<String, List<SourceColumn>> s = new HashMap<>();
        s.put("hpc_user", List.of(new SourceColumn("username", "varchar", false), new SourceColumn("ldap", "tinyint", false)));
        s.put("configuration", List.of(new SourceColumn("username", "varchar", false), new SourceColumn("confkey", "varchar", false),
                new SourceColumn("value", "text", true)));
        s.put("tag", List.of(new SourceColumn("id", "int", false), new SourceColumn("tag_name", "varchar", false),
                new SourceColumn("insert_time", "timestamp", true)));
        s.put("job", List.of(new SourceColumn("id", "int", false), new SourceColumn("cluster", "varchar", true),
                new SourceColumn("num_acc", "int", true), new SourceColumn("energy", "double", false),
                new SourceColumn("footprint", "longtext", true)));
        s.put("jobtag", List.of(new SourceColumn("job_id", "int", false), new SourceColumn("tag_id", "int", false),
                new SourceColumn("insert_time", "timestamp", true)));
        return s;
    }

    private static Map<String, List<TargetColumn>> target() {
        Map<String, List<TargetColumn>> t = new HashMap<>();
        t.put("hpc_user", List.of(new TargetColumn("username", "VARCHAR(255)", true, 1), new TargetColumn("ldap", "TINYINT", true, 0)));
        t.put("configuration", List.of(new TargetColumn("username", "VARCHAR(255)", false, 1),
                new TargetColumn("confkey", "VARCHAR(255)", false, 2), new TargetColumn("value", "TEXT", false, 0)));
        t.put("tag", List.of(new TargetColumn("id", "INTEGER", false, 1), new TargetColumn("tag_name", "VARCHAR(255)", true, 0),
                new TargetColumn("insert_ts", "TEXT", false, 0)));
        t.put("job", List.of(new TargetColumn("id", "INTEGER", false, 1), new TargetColumn("cluster", "VARCHAR(255)", true, 0),
                new TargetColumn("num_acc", "INT", false, 0), new TargetColumn("energy", "REAL", true, 0),
                new TargetColumn("footprint", "TEXT", false, 0)));
        t.put("jobtag", List.of(new TargetColumn("tag_id", "INTEGER", false, 2), new TargetColumn("job_id", "INTEGER", false, 1),
                new TargetColumn("insert_ts", "TEXT", false, 0)));
        return t;
    }

    private static TableMapping table(List<TableMapping> tables, String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void copiesParentsBeforeChildren() {
        assertThat(SchemaMapper.map(source(), target(), false)).extracting(TableMapping::name)
                .containsExactly("hpc_user", "configuration", "tag", "job", "jobtag");
    }

    @Test
    void mapsInsertTimeToInsertTsAsUtcText() {
        TableMapping jobtag = table(SchemaMapper.map(source(), target(), false), "jobtag");
        assertThat(jobtag.columns()).extracting(ColumnMapping::target).containsExactly("job_id", "tag_id", "insert_ts");
        assertThat(jobtag.columns().get(2)).isEqualTo(new ColumnMapping("insert_time", "insert_ts", ValueKind.TEXT, true, false, false));
        assertThat(jobtag.sourceSelect()).isEqualTo(
                "SELECT `job_id`, `tag_id`, DATE_FORMAT(`insert_time`, '%Y-%m-%d %H:%i:%s') FROM `jobtag` ORDER BY `job_id`, `tag_id`");
        assertThat(jobtag.targetInsert()).isEqualTo("INSERT INTO \"jobtag\" (\"job_id\", \"tag_id\", \"insert_ts\") VALUES (?, ?, ?)");
    }

    @Test
    void valueKindsFollowSqliteAffinity() {
        TableMapping job = table(SchemaMapper.map(source(), target(), false), "job");
        assertThat(job.columns()).extracting(ColumnMapping::kind)
                .containsExactly(ValueKind.INTEGER, ValueKind.TEXT, ValueKind.INTEGER, ValueKind.REAL, ValueKind.TEXT);
        assertThat(table(SchemaMapper.map(source(), target(), false), "hpc_user").columns().get(1).kind())
                .as("tinyint stays an integer, never a boolean").isEqualTo(ValueKind.INTEGER);
    }

    @Test
    void flagsNullableColumnsThatSqliteRequiresAndFillsThemOnlyOnRequest() {
        ColumnMapping plain = table(SchemaMapper.map(source(), target(), false), "job").columns().get(1);
        ColumnMapping filled = table(SchemaMapper.map(source(), target(), true), "job").columns().get(1);
        assertThat(plain.nullableIntoNotNull()).isTrue();
        assertThat(plain.emptyForNull()).isFalse();
        assertThat(filled.emptyForNull()).isTrue();
        assertThat(table(SchemaMapper.map(source(), target(), true), "job").columns().get(2).nullableIntoNotNull())
                .as("num_acc may be NULL on both sides").isFalse();
    }

    @Test
    void refusesTablesSchema8DoesNotKnow() {
        Map<String, List<SourceColumn>> source = source();
        source.put("site_notes", List.of(new SourceColumn("id", "int", false)));
        assertThatThrownBy(() -> SchemaMapper.map(source, target(), false))
                .isInstanceOf(ConversionException.class).hasMessageContaining("[site_notes]").hasMessageContaining("would be lost");
    }

    @Test
    void refusesASourceThatIsNotReallySchema8() {
        Map<String, List<SourceColumn>> renamed = source();
        renamed.put("job", List.of(new SourceColumn("id", "int", false), new SourceColumn("user", "varchar", true)));
        assertThatThrownBy(() -> SchemaMapper.map(renamed, target(), false))
                .isInstanceOf(ConversionException.class).hasMessageContaining("job.user");

        Map<String, List<SourceColumn>> missingTable = source();
        missingTable.remove("tag");
        assertThatThrownBy(() -> SchemaMapper.map(missingTable, target(), false))
                .isInstanceOf(ConversionException.class).hasMessageContaining("no table tag");

        Map<String, List<SourceColumn>> missingColumn = source();
        missingColumn.put("hpc_user", List.of(new SourceColumn("username", "varchar", false)));
        assertThatThrownBy(() -> SchemaMapper.map(missingColumn, target(), false))
                .isInstanceOf(ConversionException.class).hasMessageContaining("lacks column(s) [ldap]");
    }

    @Test
    void bookkeepingTablesAreNotData() {
        assertThat(SchemaMapper.isBookkeeping("schema_migrations")).isTrue();
        assertThat(SchemaMapper.isBookkeeping("flyway_schema_history")).isTrue();
        assertThat(SchemaMapper.isBookkeeping("job")).isFalse();
    }
}
