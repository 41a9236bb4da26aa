package dev.ccbackend.migrator.archive;

import java.nio.file.Path;

/** Walks a job archive without changing it. */
public final class ArchiveInspector {
    private ArchiveInspector() {
    }

    public static ArchiveInspection inspect(Path root) {
        // PLACEHOLDER: implemented by the archive engine.
        throw new UnsupportedOperationException("archive inspection is not implemented yet");
    }
}
