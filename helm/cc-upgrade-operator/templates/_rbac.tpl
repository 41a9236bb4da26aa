{{/*
RBAC rules, grouped by where they must be granted. They mirror
operator/src/main/java/dev/ccbackend/operator/rbac/RequiredPermissions.java exactly: HelmChartTest
fails when the two differ, so change both together.
*/}}

{{/* Namespaced resources, granted in every watched namespace (or cluster-wide). */}}
{{- define "cc-upgrade-operator.rules.watched" -}}
- apiGroups: ["cc-backend.dev"]
  resources: ["ccbackendupgrades"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["cc-backend.dev"]
  resources: ["ccbackendupgrades/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["cc-backend.dev"]
  resources: ["ccbackendupgrades/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["pods/log", "pods/proxy", "secrets"]
  verbs: ["get"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["create", "get", "list", "watch", "delete"]
- apiGroups: [""]
  resources: ["persistentvolumeclaims", "configmaps"]
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: ["snapshot.storage.k8s.io"]
  resources: ["volumesnapshots"]
  verbs: ["create", "get", "list", "watch", "delete"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch", "list"]
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end -}}

{{/* Cluster-scoped resources: always in a ClusterRole. */}}
{{- define "cc-upgrade-operator.rules.cluster" -}}
- apiGroups: [""]
  resources: ["persistentvolumes"]
  verbs: ["get"]
- apiGroups: ["snapshot.storage.k8s.io"]
  resources: ["volumesnapshotclasses"]
  verbs: ["get", "list"]
- apiGroups: ["snapshot.storage.k8s.io"]
  resources: ["volumesnapshotcontents"]
  verbs: ["get"]
- apiGroups: ["apiextensions.k8s.io"]
  resources: ["customresourcedefinitions"]
  verbs: ["get"]
{{- end -}}

{{/* The leader-election Lease, in the operator's own namespace. */}}
{{- define "cc-upgrade-operator.rules.leaderElection" -}}
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "create", "update"]
{{- end -}}
