package dev.ccbackend.migrator.config;

/**
 * A key of the input that has no place in the output: listed, never dropped silently.
 *
 * @param key    dotted path in the input
 * @param reason why it cannot be carried over and what to do
 */
public record UnmappedKey(String key, String reason) {
}
