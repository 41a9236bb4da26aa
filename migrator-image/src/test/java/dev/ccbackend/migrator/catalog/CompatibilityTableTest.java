package dev.ccbackend.migrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compatibility table in the docs is the catalog's, row for row. */
class CompatibilityTableTest {
    private static final String BEGIN = "<!-- compatibility-table:begin -->\n";
    private static final String END = "<!-- compatibility-table:end -->";

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/readme-plan-config.md"})
    void docsShowTheCatalog(String file) throws Exception {
        Path doc = Path.of(System.getProperty("project.root", "..")).resolve(file);
        assumeTrue(Files.isRegularFile(doc), "skipped: " + doc + " is absent");
        String text = Files.readString(doc);
        assertThat(text).as("%s has the compatibility-table markers", doc).contains(BEGIN).contains(END);
        String table = text.substring(text.indexOf(BEGIN) + BEGIN.length(), text.indexOf(END));

        assertThat(table).as("regenerate the table in %s from CompatibilityTable.markdown()", doc)
                .isEqualTo(CompatibilityTable.markdown());
    }

    @Test
    void everyReleaseHasItsRow() {
        String table = CompatibilityTable.markdown();

        assertThat(table.lines()).hasSize(ReleaseCatalog.releases().size() + 2);
        assertThat(table).contains("| v1.0.0-rc.1 | 4 | 1 | FLAT_V1_0 | SQLite |\n")
                .contains("| v1.4.4 | 8 | 2 | FLAT_V1_4_4 | SQLite, MariaDB/MySQL |\n")
                .contains("| v1.5.0 | 10 | 3 | SECTIONED_V1_5 | SQLite |\n");
    }
}
