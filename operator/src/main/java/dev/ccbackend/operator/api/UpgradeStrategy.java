package dev.ccbackend.operator.api;

/** How the data is migrated: with cc-backend stopped throughout, or prepared while it runs. */
public enum UpgradeStrategy {
    /** Stop cc-backend, snapshot the claims, migrate in place; downtime grows with the data. */
    Offline,
    /**
     * Prepare migrated copies beside the data while cc-backend runs, then stop it only to apply what changed since
     * and switch by renaming; the originals are kept, and a rollback renames them back. SQLite only.
     */
    Online
}
