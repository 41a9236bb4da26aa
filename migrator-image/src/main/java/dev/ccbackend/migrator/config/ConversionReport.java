package dev.ccbackend.migrator.config;

import java.util.ArrayList;
import java.util.List;

/** Collects what the hops did and found while converting one config. */
public final class ConversionReport {
    private final List<ConfigChange> changes = new ArrayList<>();
    private final List<UnmappedKey> unmapped = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    public void changed(String from, String to, String note) {
        changes.add(new ConfigChange(from, to, note));
    }

    public void unmapped(String key, String reason) {
        unmapped.add(new UnmappedKey(key, reason));
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    /** A value that cannot be converted: the output must not be used. */
    public void error(String error) {
        errors.add(error);
    }

    public List<ConfigChange> changes() {
        return List.copyOf(changes);
    }

    public List<UnmappedKey> unmapped() {
        return List.copyOf(unmapped);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }
}
