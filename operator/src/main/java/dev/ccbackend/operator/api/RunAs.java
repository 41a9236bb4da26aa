package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The uid and gid the migration Jobs run as, decided at planning and kept for the attempt. */
public class RunAs {
    public long uid;
    public long gid;
    @JsonPropertyDescription("Where the uid came from: spec.migrator.securityContext, the cc-backend container's or pod's "
            + "securityContext, or the owner of the data.")
    public String source;

    public RunAs() {
    }

    public RunAs(long uid, long gid, String source) {
        this.uid = uid;
        this.gid = gid;
        this.source = source;
    }

    @Override
    public String toString() {
        return uid + ":" + gid + " (" + source + ")";
    }
}
