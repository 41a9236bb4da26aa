package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.catalog.ReleaseCatalog;

/**
 * The release asked for, resolved against the catalog (or described at run time).
 *
 * @param name    as given ({@code --to-release})
 * @param release the resolved release; null when it cannot be resolved
 * @param problem why not, with what to do (null when resolved)
 */
public record PlanTarget(String name, Release release, String problem) {

    public static PlanTarget resolve(String name, Integer dbVersion, Integer archiveVersion) {
        try {
            return new PlanTarget(name, ReleaseCatalog.describe(name, dbVersion, archiveVersion), null);
        } catch (IllegalArgumentException e) {
            return new PlanTarget(name, null, e.getMessage());
        }
    }
}
