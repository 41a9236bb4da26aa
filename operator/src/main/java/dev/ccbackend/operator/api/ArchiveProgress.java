package dev.ccbackend.operator.api;

import java.util.ArrayList;
import java.util.List;

/** How far the archive migration is, overall and per shard. */
public class ArchiveProgress {
    public long jobsDone;
    public long jobsTotal;
    public List<Shard> shards = new ArrayList<>();

    /** One shard of an Indexed archive Job. */
    public static class Shard {
        public int index;
        public long jobsDone;
        public long jobsTotal;
        public String state;
    }
}
