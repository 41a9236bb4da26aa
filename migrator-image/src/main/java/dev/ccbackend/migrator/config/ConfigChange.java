package dev.ccbackend.migrator.config;

/**
 * One thing the conversion did to a key.
 *
 * @param from  dotted path in the input ({@code null} when a key was added)
 * @param to    dotted path in the output ({@code null} when a key was dropped on purpose)
 * @param note  why, for people
 */
public record ConfigChange(String from, String to, String note) {
}
