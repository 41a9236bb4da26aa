package dev.ccbackend.migrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.ConfigFormat;
import dev.ccbackend.migrator.util.Json;
import org.junit.jupiter.api.Test;

/** Each format hop on small constructed configs. */
class ConfigConverterTest {
    private final ConfigConverter converter = new ConfigConverter();

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void v10JwtsBecomeV12Jwts() {
        ConversionResult r = converter.convert(json("{'addr':'0.0.0.0:80','clusters':[],'jwts':{'max-age':9000000000000,"
                + "'forceJWTValidationViaDatabase':true,'trustedExternalIssuer':'idp'}}"), "v1.2.0", ConversionOptions.NONE);

        assertThat(r.fromFormat()).isEqualTo(ConfigFormat.FLAT_V1_0);
        assertThat(r.toFormat()).isEqualTo(ConfigFormat.FLAT_V1_2);
        assertThat(r.errors()).isEmpty();
        assertThat(r.config().at("/jwts/max-age").asText()).isEqualTo("2h30m");
        assertThat(r.config().at("/jwts/validateUser").asBoolean()).isTrue();
        assertThat(r.config().at("/jwts/trustedIssuer").asText()).isEqualTo("idp");
        assertThat(r.config().get("jwts").has("forceJWTValidationViaDatabase")).isFalse();
        assertThat(r.changes()).extracting(ConfigChange::to).contains("jwts.validateUser", "jwts.trustedIssuer", "jwts.max-age");
    }

    @Test
    void v10WithoutJwtsKeepsTokensWithoutExpiryAndSaysSo() {
        ConversionResult r = converter.convert(json("{'addr':'0.0.0.0:80','clusters':[]}"), "v1.2.2", ConversionOptions.NONE);

        assertThat(r.config().at("/jwts/max-age").asText("missing")).isEmpty();
        assertThat(r.warnings()).anyMatch(w -> w.contains("never expire"));
    }

    @Test
    void v10RenamedKeysReachV15InKebabCase() {
        ConversionResult r = converter.convert(json("{'addr':'0.0.0.0:80','jwts':{'max-age':0,'forceJWTValidationViaDatabase':true},"
                + "'clusters':[{'name':'a','metricDataRepository':{'kind':'cc-metric-store','url':'http://ms:8082'}}]}"),
                "v1.5.4", ConversionOptions.NONE);

        assertThat(r.errors()).isEmpty();
        assertThat(r.config().at("/auth/jwts/validate-user").asBoolean()).isTrue();
        assertThat(r.config().at("/auth/jwts/max-age").asText("missing")).isEmpty();
        assertThat(r.config().at("/metric-store-external/0/token").asText("missing")).isEmpty();
    }

    @Test
    void unparseableMaxAgeCannotBeConverted() {
        ConversionResult r = converter.convert(json("{'jwts':{'max-age':'two weeks'},'clusters':[]}"), "v1.5.4", ConversionOptions.NONE);

        assertThat(r.convertible()).isFalse();
        assertThat(r.errors()).anyMatch(e -> e.contains("two weeks") && e.contains("2000h"));
    }

    @Test
    void v13GetsTheApiAllowedIpsV144Requires() {
        ConversionResult r = converter.convert(json("{'addr':'0.0.0.0:80','jwts':{'max-age':'1h'},'clusters':[]}"), "v1.4.4", ConversionOptions.NONE);

        assertThat(r.fromFormat()).isEqualTo(ConfigFormat.FLAT_V1_2);
        assertThat(r.config().at("/apiAllowedIPs/0").asText()).isEqualTo("*");
        assertThat(r.warnings()).anyMatch(w -> w.contains("apiAllowedIPs"));
    }

    @Test
    void sameFormatChangesNothing() {
        ObjectNode in = json("{'addr':'0.0.0.0:80','apiAllowedIPs':['*'],'jwts':{'max-age':'1h'},'clusters':[]}");
        ConversionResult r = converter.convert(in, "v1.4.4", ConversionOptions.NONE);

        assertThat(r.converts()).isFalse();
        assertThat(r.changes()).isEmpty();
        assertThat(r.config()).isEqualTo(in);
    }

    @Test
    void mysqlOnFlatTargetSwitchesToTheNewSqliteFile() {
        ConversionResult r = converter.convert(json("{'addr':'0.0.0.0:80','apiAllowedIPs':['*'],'jwts':{'max-age':'1h'},"
                + "'clusters':[],'db-driver':'mysql','db':'u:p@tcp(db:3306)/cc'}"), "v1.4.4", new ConversionOptions("/data/job.db"));

        assertThat(r.config().get("db-driver").asText()).isEqualTo("sqlite3");
        assertThat(r.config().get("db").asText()).isEqualTo("/data/job.db");
    }

    @Test
    void sectionedConfigIsNotConvertedBackwards() {
        ConversionResult r = converter.convert(json("{'main':{'addr':'0.0.0.0:80'},'auth':{'jwts':{'max-age':'1h'}}}"), "v1.4.4", ConversionOptions.NONE);

        assertThat(r.convertible()).isFalse();
        assertThat(r.errors()).anyMatch(e -> e.contains("not converted backwards"));
    }

    @Test
    void unknownAndObsoleteKeysAreListedNotDropped() {
        ConversionResult r = converter.convert(json("{'addr':'0.0.0.0:80','apiAllowedIPs':['*'],'jwts':{'max-age':'1h','colour':'x'},"
                + "'clusters':[{'name':'p','metricDataRepository':{'kind':'prometheus','url':'http://p'}}],"
                + "'disable-archive':true,'frobnicate':1,'ui-defaults':{'plot_general_lineWidth':2,'plot_list_jobsPerPage':10}}"),
                "v1.5.4", ConversionOptions.NONE);

        assertThat(r.unmapped()).extracting(UnmappedKey::key).containsExactlyInAnyOrder(
                "frobnicate", "jwts.colour", "clusters[0](p).metricDataRepository", "disable-archive", "ui-defaults.plot_list_jobsPerPage");
        assertThat(r.config().at("/ui/plot-configuration/line-width").asInt()).isEqualTo(2);
        assertThat(r.warnings()).anyMatch(w -> w.contains("metric-store-external"));
    }

    @Test
    void retentionLocationBecomesAFileTarget() {
        ConversionResult r = converter.convert(json("{'addr':'0.0.0.0:80','apiAllowedIPs':['*'],'jwts':{'max-age':'1h'},'clusters':[],"
                + "'archive':{'kind':'file','path':'/a','compression':7,'retention':{'policy':'move','includeDB':false,'age':30,'location':'/old'}},"
                + "'cron-frequency':{'duration-worker':'5m'}}"), "v1.5.4", ConversionOptions.NONE);

        assertThat(r.errors()).isEmpty();
        assertThat(r.config().at("/archive/compression").asInt()).isEqualTo(7);
        assertThat(r.config().at("/archive/retention/include-db").asBoolean(true)).isFalse();
        assertThat(r.config().at("/archive/retention/target-kind").asText()).isEqualTo("file");
        assertThat(r.config().at("/archive/retention/target-path").asText()).isEqualTo("/old");
        assertThat(r.config().at("/cron/duration-worker").asText()).isEqualTo("5m");
    }

    @Test
    void missingAddrDefaultsToLocalhostAndIsReported() {
        ConversionResult r = converter.convert(json("{'apiAllowedIPs':['*'],'jwts':{'max-age':'1h'},'clusters':[]}"), "v1.4.4", ConversionOptions.NONE);

        assertThat(r.warnings()).anyMatch(w -> w.contains("addr is \"localhost:8080\" (the default)"));
    }

    @Test
    void newerReleaseThanTheCatalogUsesTheNewestFormat() {
        ConversionResult r = converter.convert(json("{'addr':'0.0.0.0:80','apiAllowedIPs':['*'],'jwts':{'max-age':'1h'},'clusters':[]}"),
                "v1.6.0", ConversionOptions.NONE);

        assertThat(r.toFormat()).isEqualTo(ConfigFormat.SECTIONED_V1_5);
        assertThat(r.warnings()).anyMatch(w -> w.contains("v1.6.0 is newer than the catalog"));
        assertThatThrownBy(() -> converter.convert(json("{}"), "v1.4.9", ConversionOptions.NONE))
                .hasMessageContaining("not a cc-backend release");
    }

    @Test
    void goDurationsAndKebabCase() {
        assertThat(GoDuration.ofNanos(3_600_000_000_000L * 2000)).isEqualTo("2000h");
        assertThat(GoDuration.ofNanos(1_500_000L)).isEqualTo("1ms500us");
        assertThat(GoDuration.isValid("2000h")).isTrue();
        assertThat(GoDuration.isValid("1h30m0.5s")).isTrue();
        assertThat(GoDuration.isValid("0")).isTrue();
        assertThat(GoDuration.isValid("h")).isFalse();
        assertThat(GoDuration.isValid("2 days")).isFalse();
        assertThat(KebabCase.of("syncUserOnLogin")).isEqualTo("sync-user-on-login");
        assertThat(KebabCase.of("user_base")).isEqualTo("user-base");
        assertThat(KebabCase.of("includeDB")).isEqualTo("include-db");
        assertThat(KebabCase.of("apiAllowedIPs")).isEqualTo("api-allowed-ips");
    }
}
