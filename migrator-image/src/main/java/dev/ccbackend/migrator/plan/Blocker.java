package dev.ccbackend.migrator.plan;

/**
 * Something that stops the upgrade before it touches anything.
 *
 * @param code    machine-readable kind
 * @param message what is wrong, with the numbers (e.g. how many jobs)
 * @param fix     what the user does about it (a flag, a command, a spec field)
 */
public record Blocker(BlockerCode code, String message, String fix) {
}
