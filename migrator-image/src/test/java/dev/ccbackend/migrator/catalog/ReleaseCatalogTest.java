package dev.ccbackend.migrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ReleaseCatalogTest {

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (Release from : ReleaseCatalog.releases()) {
            for (Release to : ReleaseCatalog.releases()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @Test
    void releasesAreOrderedAndVersionsNeverGoBack() {
        List<Release> all = ReleaseCatalog.releases();
        assertThat(all).hasSize(18);
        for (int i = 1; i < all.size(); i++) {
            Release prev = all.get(i - 1);
            Release next = all.get(i);
            assertThat(next.version()).as(next.name()).isGreaterThan(prev.version());
            assertThat(next.dbVersion()).isGreaterThanOrEqualTo(prev.dbVersion());
            assertThat(next.archiveVersion()).isGreaterThanOrEqualTo(prev.archiveVersion());
            assertThat(next.configFormat().ordinal()).isGreaterThanOrEqualTo(prev.configFormat().ordinal());
        }
    }

    @Test
    void factsFromTheReleaseHistory() {
        assertThat(ReleaseCatalog.require("v1.3.1")).extracting(Release::dbVersion, Release::archiveVersion).containsExactly(7, 1);
        assertThat(ReleaseCatalog.require("v1.4.4").configFormat()).isEqualTo(ConfigFormat.FLAT_V1_4_4);
        assertThat(ReleaseCatalog.require("v1.5.0").dbVersion()).isEqualTo(10);
        assertThat(ReleaseCatalog.shippedDbVersions(Driver.SQLITE3)).containsExactly(4, 6, 7, 8, 10, 11);
        // No MySQL schema 4 was ever published: rc.1 is SQLite-only.
        assertThat(ReleaseCatalog.shippedDbVersions(Driver.MYSQL)).containsExactly(6, 7, 8);
        assertThat(ReleaseCatalog.require("v1.0.0-rc.1").supports(Driver.MYSQL)).isFalse();
        assertThat(ReleaseCatalog.shippedDbVersions(Driver.SQLITE3)).doesNotContain(9);
        assertThat(ReleaseCatalog.newestSupporting(Driver.MYSQL).name()).isEqualTo("v1.4.4");
        assertThat(ReleaseCatalog.maxDbVersion(Driver.SQLITE3)).isEqualTo(11);
        assertThat(ReleaseCatalog.maxArchiveVersion()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{index}: {0} → {1}")
    @MethodSource("everyPair")
    void everyReleasePair(Release from, Release to) {
        UpgradePath path = UpgradePath.between(from, to);
        boolean forward = to.version().compareTo(from.version()) >= 0;

        // Versions only grow with the release, so a downgrade is exactly an older target with other versions.
        assertThat(path.isDowngrade()).isEqualTo(!forward
                && (to.dbVersion() != from.dbVersion() || to.archiveVersion() != from.archiveVersion()));
        assertThat(path.migratesDatabase()).isEqualTo(forward && to.dbVersion() != from.dbVersion());
        // Archive hops are successive, start at the current version and end at the target's.
        List<Hop> hops = path.archiveHops();
        if (forward) {
            assertThat(hops).hasSize(to.archiveVersion() - from.archiveVersion());
            for (int i = 0; i < hops.size(); i++) {
                assertThat(hops.get(i)).isEqualTo(new Hop(from.archiveVersion() + i, from.archiveVersion() + i + 1));
            }
        } else {
            assertThat(hops).isEmpty();
        }
        assertThat(path.convertsConfig()).isEqualTo(from.configFormat() != to.configFormat());
        // MariaDB users reach v1.5 (and rc.1, which had no MySQL schema) only through the conversion.
        boolean mysqlFrom = !from.name().equals("v1.0.0-rc.1") && from.version().compareTo(Version.parse("v1.5.0")) < 0;
        boolean sqliteOnlyTo = to.name().equals("v1.0.0-rc.1") || to.version().compareTo(Version.parse("v1.5.0")) >= 0;
        assertThat(path.requiresDatabaseConversion(Driver.MYSQL)).isEqualTo(mysqlFrom && sqliteOnlyTo);
        assertThat(path.requiresDatabaseConversion(Driver.SQLITE3)).isFalse();
    }

    @Test
    void fromV131ToV154() {
        UpgradePath path = UpgradePath.between(ReleaseCatalog.require("v1.3.1"), ReleaseCatalog.require("v1.5.4"));

        assertThat(path.archiveHops()).extracting(Hop::toString).containsExactly("1→2", "2→3");
        assertThat(path.to().dbVersion()).isEqualTo(11);
        assertThat(path.convertsConfig()).isTrue();
        assertThat(path.requiresDatabaseConversion(Driver.MYSQL)).isTrue();
    }

    @Test
    void newerReleasesAreDescribedByTheirVersions() {
        Release custom = ReleaseCatalog.describe("v1.6.0", 12, 3);

        assertThat(custom).extracting(Release::name, Release::dbVersion, Release::archiveVersion).containsExactly("v1.6.0", 12, 3);
        assertThat(custom.configFormat()).isEqualTo(ConfigFormat.SECTIONED_V1_5);
        assertThat(custom.supports(Driver.MYSQL)).isFalse();
        assertThat(ReleaseCatalog.isKnown(custom)).isFalse();
        assertThat(ReleaseCatalog.describe("v1.5.4", null, null)).isSameAs(ReleaseCatalog.require("v1.5.4"));
        assertThat(ReleaseCatalog.describe("v1.5.4", 11, 3)).isSameAs(ReleaseCatalog.require("v1.5.4"));
    }

    @Test
    void descriptionsThatDoNotAddUpAreRefused() {
        assertThatThrownBy(() -> ReleaseCatalog.describe("v1.6.0", null, null)).hasMessageContaining("--target-db-version");
        assertThatThrownBy(() -> ReleaseCatalog.describe("v1.5.4", 12, 3)).hasMessageContaining("known release");
        assertThatThrownBy(() -> ReleaseCatalog.describe("v1.4.5", 8, 2)).hasMessageContaining("not a cc-backend release");
        assertThatThrownBy(() -> ReleaseCatalog.describe("v1.6.0", 9, 3)).hasMessageContaining("older than v1.5.4");
        assertThatThrownBy(() -> ReleaseCatalog.describe("1.6", 12, 3)).hasMessageContaining("vX.Y.Z");
    }
}
