package dev.ccbackend.migrator.plan;

import java.util.ArrayList;
import java.util.List;

/** Blockers and warnings the checks collect while a plan is made. */
final class Findings {
    private final List<Blocker> blockers = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void block(BlockerCode code, String message, String fix) {
        blockers.add(new Blocker(code, message, fix));
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    List<Blocker> blockers() {
        return List.copyOf(blockers);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
