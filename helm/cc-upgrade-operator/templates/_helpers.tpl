{{/* Names and labels shared by every template. */}}

{{- define "cc-upgrade-operator.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cc-upgrade-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cc-upgrade-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cc-upgrade-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cc-upgrade-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "cc-upgrade-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cc-upgrade-operator
{{- end -}}

{{- define "cc-upgrade-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cc-upgrade-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Operator and migrator ship together: both image tags default to the chart's appVersion. */}}
{{- define "cc-upgrade-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "cc-upgrade-operator.migratorImage" -}}
{{- printf "%s:%s" .Values.migrator.image.repository (default .Chart.AppVersion .Values.migrator.image.tag) -}}
{{- end -}}

{{- define "cc-upgrade-operator.leaseName" -}}
{{- default (include "cc-upgrade-operator.fullname" .) .Values.leaderElection.leaseName -}}
{{- end -}}

{{/* The alerting rules of templates/prometheusrule.yaml (also checked with promtool by the chart's tests). */}}
{{- define "cc-upgrade-operator.alertRules" -}}
- alert: CcBackendUpgradeFailed
  expr: ccupgrade_phase{phase="Failed"} == 1
  for: 1m
  labels:
    severity: {{ .Values.prometheusRule.severity }}
  annotations:
    summary: "cc-backend upgrade {{ "{{" }} $labels.resource {{ "}}" }} failed"
    description: "kubectl describe ccup in its namespace: status.message says what happened and what to do next."
- alert: CcBackendUpgradeStalled
  expr: time() - ccupgrade_phase_started_timestamp_seconds{phase!~"Succeeded|Failed|RolledBack|Pending|AwaitingApproval"} > {{ .Values.prometheusRule.stalledAfterSeconds }}
  labels:
    severity: {{ .Values.prometheusRule.severity }}
  annotations:
    summary: "cc-backend upgrade {{ "{{" }} $labels.resource {{ "}}" }} has been in {{ "{{" }} $labels.phase {{ "}}" }} for {{ "{{" }} $value | humanizeDuration {{ "}}" }}"
    description: "A step that takes this long is stuck, or waits for a maintenance window (status.message says which)."
- alert: CcBackendUpgradeAwaitingApproval
  expr: time() - ccupgrade_phase_started_timestamp_seconds{phase="AwaitingApproval"} > {{ .Values.prometheusRule.approvalPendingAfterSeconds }}
  labels:
    severity: info
  annotations:
    summary: "cc-backend upgrade {{ "{{" }} $labels.resource {{ "}}" }} has waited {{ "{{" }} $value | humanizeDuration {{ "}}" }} for approval"
    description: "Read status.plan and set spec.approvedPlan to status.plan.hash, or delete the resource."
{{- end -}}
