package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Online strategy: what the cutovers kept the originals as, beside the live paths. */
public class KeptOriginals {
    @JsonPropertyDescription("The name the database file was kept under (job.db.v<old>-<time>), beside it.")
    public String database;
    @JsonPropertyDescription("The name the job archive was kept under (<archive>.v<old>-<time>), beside it.")
    public String archive;
    @JsonPropertyDescription("Whether a rollback has renamed the originals back.")
    public Boolean renamedBack;
}
