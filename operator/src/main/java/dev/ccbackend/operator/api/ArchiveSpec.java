package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** The job archive: a directory on a claim. */
public class ArchiveSpec extends ClaimPath {
    @Min(1)
    @JsonPropertyDescription("Shards of the archive migration run in parallel (ReadWriteMany claims only). Default 1.")
    public int parallelism = 1;
}
