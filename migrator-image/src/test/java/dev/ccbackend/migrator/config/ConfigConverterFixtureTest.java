package dev.ccbackend.migrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.catalog.ConfigFormat;
import dev.ccbackend.migrator.testing.SharedFixtures;
import dev.ccbackend.migrator.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real configs of v1.3.1 and v1.4.4 converted to v1.5.4 and checked against v1.5's structure. */
class ConfigConverterFixtureTest {
    private final ConfigConverter converter = new ConfigConverter();

    @TempDir
    Path tmp;

    @Test
    void v131ConfigBecomesSectioned() {
        ConversionResult r = converter.convert(SharedFixtures.release("v1.3.1").resolve("configs/config.json"), "v1.5.4", ConversionOptions.NONE);

        assertThat(r.fromFormat()).isEqualTo(ConfigFormat.FLAT_V1_2);
        assertThat(r.toFormat()).isEqualTo(ConfigFormat.SECTIONED_V1_5);
        assertThat(r.errors()).isEmpty();
        ObjectNode c = r.config();
        assertThat(fieldNames(c)).containsExactly("main", "auth", "archive", "metric-store-external");
        JsonNode main = c.get("main");
        assertThat(main.get("addr").asText()).isEqualTo("0.0.0.0:443");
        assertThat(main.get("https-cert-file").asText()).isEqualTo("/etc/letsencrypt/live/url/fullchain.pem");
        assertThat(main.get("short-running-jobs-duration").asInt()).isEqualTo(300);
        assertThat(main.get("validate").asBoolean()).isTrue();
        // v1.4.4 made apiAllowedIPs required; the v1.3.1 config passes through that hop.
        assertThat(main.get("api-allowed-ips").get(0).asText()).isEqualTo("*");
        JsonNode jwts = c.at("/auth/jwts");
        assertThat(jwts.get("max-age").asText()).isEqualTo("2000h");
        assertThat(jwts.has("cookie-name")).isTrue();
        assertThat(jwts.has("validate-user")).isTrue();
        assertThat(jwts.has("trusted-issuer")).isTrue();
        assertThat(c.at("/auth/ldap/user-base").asText()).isEqualTo("ou=people,ou=hpc,dc=test,dc=de");
        assertThat(c.at("/auth/ldap/user-filter").asText()).isEqualTo("(&(objectclass=posixAccount))");
        assertThat(c.at("/archive/kind").asText()).isEqualTo("file");
        assertThat(c.at("/archive/path").asText()).isEqualTo("./var/job-archive");
        JsonNode store = c.at("/metric-store-external/0");
        assertThat(store.get("scope").asText()).isEqualTo("test");
        assertThat(store.get("url").asText()).isEqualTo("http://localhost:8082");
        assertThat(store.get("token").asText()).isEqualTo("eyJhbGciOiJF-E-pQBQ");
        assertThat(r.unmapped()).extracting(UnmappedKey::key).containsExactly("clusters[0](test).filterRanges");
        assertAllKeysKebabCase(c, "");
    }

    @Test
    void v144ConfigBecomesSectionedWithResampling() {
        ConversionResult r = converter.convert(SharedFixtures.release("v1.4.4").resolve("configs/config.json"), "v1.5.4", ConversionOptions.NONE);

        assertThat(r.fromFormat()).isEqualTo(ConfigFormat.FLAT_V1_4_4);
        assertThat(r.errors()).isEmpty();
        ObjectNode c = r.config();
        assertThat(c.at("/main/resampling/trigger").asInt()).isEqualTo(30);
        assertThat(c.at("/main/resampling/resolutions").size()).isEqualTo(4);
        assertThat(c.at("/main/validate").asBoolean(true)).isFalse();
        assertThat(c.at("/main/api-allowed-ips/0").asText()).isEqualTo("*");
        assertThat(r.changes()).anySatisfy(ch -> {
            assertThat(ch.from()).isEqualTo("apiAllowedIPs");
            assertThat(ch.to()).isEqualTo("main.api-allowed-ips");
        });
        assertThat(r.warnings()).noneMatch(w -> w.contains("admin API accepts every address"));
        assertAllKeysKebabCase(c, "");
    }

    @Test
    void sectionNamesAndKeyStyleMatchTheV154Configs() throws Exception {
        ObjectNode reference = (ObjectNode) Json.MAPPER.readTree(Files.readString(SharedFixtures.release("v1.5.4").resolve("configs/config.json")));
        ConversionResult r = converter.convert(SharedFixtures.release("v1.4.4").resolve("configs/config-demo.json"), "v1.5.4", ConversionOptions.NONE);

        assertThat(fieldNames(reference)).containsAll(fieldNames(r.config()));
        // Keys both sides have are spelled the same way.
        assertThat(fieldNames(reference.get("main"))).contains("short-running-jobs-duration", "api-allowed-ips", "resampling");
        assertThat(fieldNames(r.config().get("main"))).contains("short-running-jobs-duration", "api-allowed-ips", "resampling", "emission-constant");
        assertThat(r.config().at("/auth/jwts/max-age").asText()).isEqualTo(reference.at("/auth/jwts/max-age").asText());
        assertThat(r.config().get("metric-store-external").size()).isEqualTo(2);
    }

    @Test
    void demoConfigBindingLocalhostIsReported() {
        ConversionResult r = converter.convert(SharedFixtures.release("v1.4.4").resolve("configs/config-demo.json"), "v1.5.4", ConversionOptions.NONE);

        assertThat(r.warnings()).anyMatch(w -> w.startsWith("main.addr is \"127.0.0.1:8080\"") && w.contains("0.0.0.0:8080"));
    }

    @Test
    void mariadbConfigIsRefusedWithoutTheNewSqliteFile() {
        ConversionResult r = converter.convert(SharedFixtures.release("v1.4.4").resolve("configs/config-mariadb.json"), "v1.5.4", ConversionOptions.NONE);

        assertThat(r.convertible()).isFalse();
        assertThat(r.errors()).anyMatch(e -> e.contains("db-driver is mysql") && e.contains("--db"));
    }

    @Test
    void mariadbConfigIsSwitchedToTheConvertedSqliteFile() {
        ConversionResult r = converter.convert(SharedFixtures.release("v1.4.4").resolve("configs/config-mariadb.json"), "v1.5.4",
                new ConversionOptions("./var/job.db"));

        assertThat(r.errors()).isEmpty();
        assertThat(r.config().at("/main/db").asText()).isEqualTo("./var/job.db");
        assertThat(r.config().toString()).doesNotContain("mysql").doesNotContain("clustercockpit:demo@tcp");
        assertThat(r.changes()).anyMatch(ch -> "db".equals(ch.from()) && "main.db".equals(ch.to()));
    }

    @Test
    void inputIsNeverModifiedAndOutputIsDeterministic() throws Exception {
        Path in = tmp.resolve("config.json");
        Files.copy(SharedFixtures.release("v1.3.1").resolve("configs/config.json"), in);
        byte[] before = Files.readAllBytes(in);

        ConversionResult r = converter.convert(in, "v1.5.4", ConversionOptions.NONE);
        ConfigFileWriter.write(r, in, tmp.resolve("a.json"));
        ConfigFileWriter.write(converter.convert(in, "v1.5.4", ConversionOptions.NONE), in, tmp.resolve("b.json"));

        assertThat(Files.readAllBytes(in)).isEqualTo(before);
        assertThat(Files.readString(tmp.resolve("a.json"))).isEqualTo(Files.readString(tmp.resolve("b.json")));
        assertThat(Files.readString(tmp.resolve("a.json"))).startsWith("{\n  \"main\"");
        assertThatThrownBy(() -> ConfigFileWriter.write(r, in, in)).hasMessageContaining("never modified");
        assertThat(Files.readAllBytes(in)).isEqualTo(before);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** v1.5 spells every config key in kebab-case; values (URLs, filters, tokens) are not keys. */
    static void assertAllKeysKebabCase(JsonNode node, String path) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                assertThat(f.getKey()).as(path + "/" + f.getKey()).matches("[a-z0-9-]+");
                assertAllKeysKebabCase(f.getValue(), path + "/" + f.getKey());
            });
        } else if (node.isArray()) {
            node.forEach(e -> assertAllKeysKebabCase(e, path + "[]"));
        }
    }
}
