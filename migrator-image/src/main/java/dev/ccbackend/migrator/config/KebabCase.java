package dev.ccbackend.migrator.config;

import java.util.Locale;

/** v1.5's key spelling: {@code syncUserOnLogin}, {@code user_base}, {@code includeDB} → kebab-case. */
final class KebabCase {
    private KebabCase() {
    }

    static String of(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
