package dev.ccbackend.migrator.catalog;

/** The shapes cc-backend's config.json has had; each release reads exactly one of them. */
public enum ConfigFormat {
    /** v1.0: flat keys, optional {@code jwts}. */
    FLAT_V1_0,
    /** v1.2 – v1.4.3: {@code jwts} required, {@code max-age} a duration string, renamed validation keys. */
    FLAT_V1_2,
    /** v1.4.4: as v1.2 plus a required {@code apiAllowedIPs}. */
    FLAT_V1_4_4,
    /** v1.5+: sections {@code main}, {@code auth}, {@code archive}, … with kebab-case keys. */
    SECTIONED_V1_5;

    public boolean isSectioned() {
        return this == SECTIONED_V1_5;
    }
}
