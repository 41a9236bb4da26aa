package dev.ccbackend.migrator.archive;

import java.util.List;

/**
 * What {@code cc-migrator archive inspect} reports.
 *
 * @param path      the archive root
 * @param version   version.txt, null when missing or unreadable
 * @param clusters  cluster directories (those holding cluster.json)
 * @param jobs      job directories found
 * @param bytes     bytes of all files
 * @param problems  what is wrong, each with a path
 */
public record ArchiveInspection(String path, Integer version, List<String> clusters, long jobs, long bytes,
                                List<Problem> problems) {

    /** @param kind e.g. VERSION_UNREADABLE, NON_CLUSTER_DIRECTORY, LOST_FOUND, EMPTY_FILE, MISSING_FILE */
    public record Problem(String kind, String path, String message) {
    }
}
