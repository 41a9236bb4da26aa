package dev.ccbackend.operator.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One container of a pod as the kubelet hands it to a runtime: volumes already made into host
 * directories, env and {@code $(VAR)} references resolved, the securityContext reduced to a user.
 *
 * @param command            replaces the image's entrypoint when not empty
 * @param uid                runAsUser, or null for the image's user
 * @param gid                runAsGroup, or null
 * @param supplementaryGroups fsGroup and supplementalGroups
 * @param terminationMessage the host file mounted at the container's terminationMessagePath
 */
public record ContainerRun(String name, String image, List<String> command, List<String> args, Map<String, String> env,
                           List<Mount> mounts, Long uid, Long gid, List<Long> supplementaryGroups, boolean readOnlyRoot,
                           boolean dropAllCapabilities, boolean noNewPrivileges, Mount terminationMessage,
                           String workingDir) {

    /** A host path visible at {@code path} inside the container. */
    public record Mount(Path host, String path, boolean readOnly) {
    }

    /** Every mount, the termination message's included. */
    public List<Mount> allMounts() {
        return java.util.stream.Stream.concat(mounts.stream(), java.util.stream.Stream.of(terminationMessage)).toList();
    }
}
