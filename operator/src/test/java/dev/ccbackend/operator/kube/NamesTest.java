package dev.ccbackend.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.api.RollbackPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every name the operator makes is valid for any resource and claim name the API server accepts. */
class NamesTest {
    static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";

    static CcBackendUpgrade named(String name) {
        CcBackendUpgrade cr = DemoInstallation.upgrade("v1.5.4", RollbackPolicy.Manual);
        cr.getMetadata().setName(name);
        return cr;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 45, 63, 120, 253})
    void namesFitTheirKindWhateverTheResourceName(int length) {
        String name = "c" + "x".repeat(length - 1);
        String claim = "claim-" + "y".repeat(Math.max(0, length - 6));
        CcBackendUpgrade cr = named(name);

        assertThat(Names.job(cr, "archive-finalize")).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        String indexed = Names.indexedJob(cr, "archive", 12);
        assertThat(indexed + "-11").as("an Indexed pod's hostname").hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(Names.volume(claim)).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(Names.snapshot(cr, claim)).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN);
        assertThat(Names.restoredClaim(cr, claim)).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN);
        assertThat(Names.configMap(claim, "v1.5.4", "abcdef12")).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN);
        assertThat(Names.labelValue(name)).hasSizeLessThanOrEqualTo(63).matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 200})
    void longNamesThatShareAPrefixStayApart(int length) {
        String a = "c".repeat(length) + "-a";
        String b = "c".repeat(length) + "-b";

        assertThat(Names.job(named(a), "db")).isNotEqualTo(Names.job(named(b), "db"));
        assertThat(Names.labelValue(a)).isNotEqualTo(Names.labelValue(b));
        assertThat(Names.volume(a)).isNotEqualTo(Names.volume(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cc-backend", "hpc.example.org"})
    void namesThatFitAreKeptAsTheyAre(String name) {
        assertThat(Names.labelValue(name)).isEqualTo(name);
        assertThat(Names.job(named(name), "db")).startsWith(Names.sanitize(name) + "-db-");
    }
}
