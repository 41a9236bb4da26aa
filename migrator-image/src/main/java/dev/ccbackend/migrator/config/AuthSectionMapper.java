package dev.ccbackend.migrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** {@code jwts}, {@code ldap}, {@code oidc} → section {@code auth}, kebab-case. */
final class AuthSectionMapper {
    static final Set<String> SOURCE_KEYS = Set.of("jwts", "ldap", "oidc");

    private static final Set<String> JWTS = Set.of("max-age", "cookie-name", "validate-user", "trusted-issuer",
            "sync-user-on-login", "update-user-on-login");
    private static final Set<String> LDAP = Set.of("url", "user-base", "search-dn", "user-bind", "user-filter",
            "username-attr", "uid-attr", "sync-interval", "sync-del-old-users", "sync-user-on-login", "update-user-on-login");
    private static final Set<String> OIDC = Set.of("provider", "sync-user-on-login", "update-user-on-login");

    private AuthSectionMapper() {
    }

    static ObjectNode map(ObjectNode flat, ConversionReport report) {
        ObjectNode auth = flat.objectNode();
        copy(flat, "jwts", JWTS, auth, report);
        copy(flat, "ldap", LDAP, auth, report);
        copy(flat, "oidc", OIDC, auth, report);
        if (!auth.has("jwts")) {
            report.error("auth.jwts is required by v1.5 and the input has no jwts object: add \"jwts\": {\"max-age\": \"2000h\"}");
        }
        JsonNode maxAge = auth.path("jwts").path("max-age");
        if (!maxAge.isMissingNode() && !(maxAge.isTextual() && (maxAge.asText().isEmpty() || GoDuration.isValid(maxAge.asText())))) {
            report.error("auth.jwts.max-age " + maxAge + " is not a duration string (e.g. \"2000h\", \"30m\")");
        }
        ObjectNode ldap = (ObjectNode) auth.get("ldap");
        if (ldap != null && ldap.path("user-filter").asText().contains("(uid=*)")) {
            report.warn("auth.ldap.user-filter contains (uid=*): since v1.2 it must not include the uid wildcard");
        }
        return auth;
    }

    private static void copy(ObjectNode flat, String key, Set<String> allowed, ObjectNode auth, ConversionReport report) {
        ObjectNode source = KebabCopier.object(flat, key, key, report);
        if (source != null) {
            KebabCopier.copy(source, key, auth.putObject(key), "auth." + key, allowed, report);
        }
    }
}
