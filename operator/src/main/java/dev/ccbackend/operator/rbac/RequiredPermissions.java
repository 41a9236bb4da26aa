package dev.ccbackend.operator.rbac;

import java.util.List;
import java.util.Set;

/**
 * Every Kubernetes permission the operator needs: the single source of truth for the Helm chart's
 * RBAC, whose rules a test compares with this list (no more, no less). Add a permission here in
 * the same change that makes the operator use it.
 */
public final class RequiredPermissions {

    /** Where a permission has to be granted. */
    public enum Scope {
        /** Namespaced resources in every watched namespace (the CRs and what they act on). */
        WATCHED_NAMESPACES,
        /** Cluster-scoped resources: always a ClusterRole. */
        CLUSTER,
        /** The operator's own namespace only (the leader-election Lease). */
        OPERATOR_NAMESPACE
    }

    /** One RBAC rule: verbs on one resource (or subresource, {@code "name/sub"}) of an API group. */
    public record Permission(String apiGroup, String resource, Set<String> verbs, Scope scope) {
        public Permission {
            verbs = Set.copyOf(verbs);
        }
    }

    public static final String GROUP = "cc-backend.dev";

    public static final List<Permission> ALL = List.of(
            // The custom resource: watched, finalized, status written.
            watched(GROUP, "ccbackendupgrades", "get", "list", "watch", "patch", "update"),
            watched(GROUP, "ccbackendupgrades/status", "get", "patch", "update"),
            watched(GROUP, "ccbackendupgrades/finalizers", "update"),
            // The cc-backend Deployment: scaled to 0, image and config swapped, rolled back.
            watched("apps", "deployments", "get", "list", "watch", "patch", "update"),
            // Pods: rollout verification and the migrator's termination message / logs.
            watched("", "pods", "get", "list", "watch"),
            watched("", "pods/log", "get"),
            // The smoke test: cc-backend's web page, reached through the API server's pod proxy.
            watched("", "pods/proxy", "get"),
            // Migration Jobs.
            watched("batch", "jobs", "create", "get", "list", "watch", "delete"),
            // Volumes: the new SQLite claim of a MariaDB conversion, restores from snapshots; spec.retention deletes
            // the operator's restored claims that nothing uses.
            watched("", "persistentvolumeclaims", "get", "list", "watch", "create", "delete"),
            // cc-backend config: the converted config is written as a new ConfigMap; spec.retention deletes the
            // operator's that nothing uses.
            watched("", "configmaps", "get", "list", "watch", "create", "delete"),
            // The MariaDB DSN and the .env Secret are only read.
            watched("", "secrets", "get"),
            watched("snapshot.storage.k8s.io", "volumesnapshots", "create", "get", "list", "watch", "delete"),
            cluster("snapshot.storage.k8s.io", "volumesnapshotclasses", "get", "list"),
            cluster("snapshot.storage.k8s.io", "volumesnapshotcontents", "get"),
            // The CSI driver of a claim's volume, checked against the snapshot class's before any downtime.
            cluster("", "persistentvolumes", "get"),
            // Events on the CR, through both the core and the events.k8s.io API; a provisioner's complaint about a restored claim is read.
            watched("", "events", "create", "patch", "list"),
            watched("events.k8s.io", "events", "create", "patch"),
            new Permission("coordination.k8s.io", "leases", Set.of("get", "create", "update"),
                    Scope.OPERATOR_NAMESPACE),
            // The operator checks on start that its CRD is installed.
            cluster("apiextensions.k8s.io", "customresourcedefinitions", "get"));

    private RequiredPermissions() {
    }

    private static Permission watched(String group, String resource, String... verbs) {
        return new Permission(group, resource, Set.of(verbs), Scope.WATCHED_NAMESPACES);
    }

    private static Permission cluster(String group, String resource, String... verbs) {
        return new Permission(group, resource, Set.of(verbs), Scope.CLUSTER);
    }
}
