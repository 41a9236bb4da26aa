package dev.ccbackend.migrator.catalog;

import java.util.Set;

/**
 * One cc-backend release and the on-disk versions its binary insists on at startup.
 *
 * @param name            the tag, e.g. {@code v1.4.4}
 * @param dbVersion       golang-migrate schema version ({@code SQL db version})
 * @param archiveVersion  {@code version.txt} of the job archive ({@code Job archive version})
 * @param configFormat    the config.json shape the binary accepts
 * @param drivers         supported {@code db-driver} values
 */
public record Release(String name, int dbVersion, int archiveVersion, ConfigFormat configFormat, Set<Driver> drivers) {

    public boolean supports(Driver driver) {
        return drivers.contains(driver);
    }

    public Version version() {
        return Version.parse(name);
    }
}
