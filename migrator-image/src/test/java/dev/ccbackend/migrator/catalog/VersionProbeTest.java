package dev.ccbackend.migrator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionProbeTest {
    /** What cc-backend -version prints after its ASCII logo. */
    private static final String OUTPUT = """
              ____ _           _             ____           _          _ _
             / ___| |_   _ ___| |_ ___ _ __ / ___|___   ___| | ___ __ (_) |_
            Version:\t1.5.4
            Git hash:\tabc1234
            Build time:\t2026-01-01T00:00:00Z
            SQL db version:\t11
            Job archive version:\t3
            """;

    @Test
    void parsesTheVersionLines() {
        VersionProbe probe = VersionProbe.parse(OUTPUT);

        assertThat(probe.dbVersion()).isEqualTo(11);
        assertThat(probe.archiveVersion()).isEqualTo(3);
        assertThat(probe.version()).isEqualTo("1.5.4");
        assertThat(probe.gitHash()).isEqualTo("abc1234");
        assertThat(probe.knownRelease()).isEqualTo("v1.5.4");
    }

    @Test
    void unknownBuildsAreStillUsable() {
        VersionProbe probe = VersionProbe.parse("Version:\t1.6.0-dev\r\nSQL db version:\t12\r\nJob archive version:\t4\r\n");

        assertThat(probe.dbVersion()).isEqualTo(12);
        assertThat(probe.archiveVersion()).isEqualTo(4);
        assertThat(probe.knownRelease()).isNull();
    }

    @Test
    void garbageIsRefusedWithTheLineThatIsMissing() {
        assertThatThrownBy(() -> VersionProbe.parse("flag provided but not defined: -version\n"))
                .hasMessageContaining("SQL db version");
        assertThatThrownBy(() -> VersionProbe.parse("SQL db version:\t11\n"))
                .hasMessageContaining("Job archive version");
        assertThatThrownBy(() -> VersionProbe.parse("SQL db version:\televen\nJob archive version:\t3\n"))
                .hasMessageContaining("not a version number");
    }
}
