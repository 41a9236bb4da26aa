package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Who the migration Jobs run as, when cc-backend's own uid is not the right answer. */
public class MigratorSecurityContext {
    @ValidationRule(value = "self >= 0", message = "a uid is 0 or more")
    @JsonPropertyDescription("uid of the plan and migration Jobs. Default: cc-backend's runAsUser (container, then pod), "
            + "else the owner of its data. 0 (root) needs a namespace that allows Pod Security level 'baseline'.")
    public Long runAsUser;

    @ValidationRule(value = "self >= 0", message = "a gid is 0 or more")
    @JsonPropertyDescription("gid of the Jobs. Default: cc-backend's runAsGroup, else the group of its data.")
    public Long runAsGroup;

    @ValidationRule(value = "self >= 0", message = "a gid is 0 or more")
    @JsonPropertyDescription("fsGroup for the Jobs' pods, only if you need one (applied with fsGroupChangePolicy "
            + "OnRootMismatch). Unset by default: a recursive fsGroup change of a large archive takes hours and "
            + "changes the ownership of cc-backend's files.")
    public Long fsGroup;

    @JsonPropertyDescription("Extra groups of the Jobs' processes.")
    public List<Long> supplementalGroups;
}
