package dev.ccbackend.operator.kube;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeSpec;
import dev.ccbackend.operator.api.DatabaseDriver;
import dev.ccbackend.operator.api.MigratorSecurityContext;
import dev.ccbackend.operator.api.MigratorSpec;
import dev.ccbackend.operator.api.RunAs;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one shape of every Job the operator runs: cc-migrator (or the target image for a probe),
 * restricted security context, {@code backoffLimit: 0} (a failed migration is never retried
 * blindly), a deadline, a TTL that keeps logs for a while, and an owner reference.
 */
public final class MigrationJobBuilder {
    public static final String LABEL_UPGRADE = "cc-backend.dev/upgrade";
    public static final String LABEL_STEP = "cc-backend.dev/step";
    public static final String ANNOTATION_SPEC_HASH = "cc-backend.dev/spec-hash";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "cc-upgrade-operator";
    static final String DSN_ENV = "CC_DB_DSN";
    static final String CONTAINER = "cc-migrator";
    public static final String PROBE_CONTAINER = "cc-backend-probe";
    public static final String COMPLETION_INDEX_ENV = "JOB_COMPLETION_INDEX";
    public static final String COMPLETION_INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";

    private final CcBackendUpgrade cr;
    private final String image;
    private final Duration ttl;
    private final PodSpec ccBackendPod;
    private final RunAs runAs;

    /**
     * @param ccBackend cc-backend's Deployment: the Jobs run as its user and where its pods may run
     *                  (null when it is gone: then they run as decided at planning, with no placement)
     */
    public MigrationJobBuilder(CcBackendUpgrade cr, String defaultImage, Duration ttl, Deployment ccBackend) {
        this.cr = cr;
        MigratorSpec m = cr.getSpec().migratorOrDefault();
        this.image = m.image != null ? m.image : defaultImage;
        this.ttl = ttl;
        this.ccBackendPod = ccBackend == null ? new PodSpec() : ccBackend.getSpec().getTemplate().getSpec();
        RunAs decided = cr.getStatus() == null ? null : cr.getStatus().runAs;
        this.runAs = decided != null ? decided : MigratorUser.forPlan(m.securityContext, ccBackendPod,
                ccBackend == null ? null : Deployments.container(ccBackend, cr.getSpec().target.container).orElse(null));
    }

    /**
     * A short hash of everything in the spec that changes what a Job does (not {@code paused}, the approval, the
     * maintenance window or the retention: they say when, and what happens after, not what).
     */
    public static String specHash(CcBackendUpgradeSpec spec) {
        boolean paused = spec.paused;
        String approvedPlan = spec.approvedPlan;
        var window = spec.maintenanceWindow;
        var retention = spec.retention;
        spec.paused = false;
        spec.approvedPlan = null;
        spec.maintenanceWindow = null;
        spec.retention = null;
        try {
            return Names.shortHash(dev.ccbackend.migrator.util.Json.compact(spec));
        } finally {
            spec.paused = paused;
            spec.approvedPlan = approvedPlan;
            spec.maintenanceWindow = window;
            spec.retention = retention;
        }
    }

    /** The hash recorded when this attempt started, so names stay put if the spec changes mid-upgrade. */
    public static String attemptHash(CcBackendUpgrade cr) {
        String recorded = cr.getStatus() == null ? null : cr.getStatus().specHash;
        return recorded != null ? recorded : specHash(cr.getSpec());
    }

    /** A cc-migrator Job for {@code step} running {@code args} with the data volumes mounted. */
    public Job build(String step, List<String> args, boolean readOnly, boolean withConfig, Affinity affinity) {
        DataVolumes data = new DataVolumes(cr.getSpec());
        Container container = locked(new ContainerBuilder()
                .withName(CONTAINER).withImage(image).withArgs(args)
                .withEnv(env())
                .withVolumeMounts(data.mounts(readOnly, withConfig))
                .withResources(cr.getSpec().migratorOrDefault().resources));
        return job(step, container, data.volumes(withConfig), affinity);
    }

    /**
     * An Indexed Job running {@code args} once per index (0..completions-1), {@code parallelism} at a time.
     * {@code backoffLimitPerIndex: 0} lets the other indexes finish when one fails, and records the failed
     * index in {@code status.failedIndexes} so the operator can retry that shard alone.
     */
    public Job buildIndexed(String step, List<String> args, int completions, int parallelism) {
        Job job = build(step, args, false, false, null);
        job.getMetadata().setName(Names.indexedJob(cr, step, completions));
        job.getSpec().setCompletionMode("Indexed");
        job.getSpec().setCompletions(completions);
        job.getSpec().setParallelism(parallelism);
        job.getSpec().setBackoffLimitPerIndex(0);
        // With a per-index limit the Job-wide limit must not stop the other shards at the first failure.
        job.getSpec().setBackoffLimit(null);
        // The Job controller injects this too; declaring it makes $(JOB_COMPLETION_INDEX) in args explicit.
        job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().add(new EnvVarBuilder()
                .withName(COMPLETION_INDEX_ENV).withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.annotations['" + COMPLETION_INDEX_ANNOTATION + "']")
                .endFieldRef().endValueFrom().build());
        return job;
    }

    /** A Job running the target image's {@code cc-backend -version} (its entrypoint), touching no data. */
    public Job buildProbe() {
        Container container = locked(new ContainerBuilder().withName(PROBE_CONTAINER)
                .withImage(cr.getSpec().targetImage()).withArgs("-version"));
        return job("probe", container, List.of(), null);
    }

    /** Restricted security context; the result comes back as the termination message. */
    private Container locked(ContainerBuilder builder) {
        return builder
                .withTerminationMessagePath("/dev/termination-log")
                // An empty result file (e.g. the JVM died) falls back to the log tail, which holds the error line.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewSecurityContext()
                .withRunAsNonRoot(runAs.uid != 0).withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .build();
    }

    private Job job(String step, Container container, List<io.fabric8.kubernetes.api.model.Volume> volumes,
                    Affinity affinity) {
        Map<String, String> labels = Map.of(MANAGED_BY, OPERATOR, LABEL_UPGRADE, Names.labelValue(cr.getMetadata().getName()),
                LABEL_STEP, step);
        return new JobBuilder()
                .withNewMetadata()
                .withName(Names.job(cr, step)).withNamespace(cr.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(Map.of(ANNOTATION_SPEC_HASH, attemptHash(cr)))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(cr.getApiVersion())
                        .withKind(cr.getKind()).withName(cr.getMetadata().getName()).withUid(cr.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                // a pod evicted by a node drain is replaced instead of failing the migration (it resumes from its journal)
                .withNewPodFailurePolicy().addNewRule().withAction("Ignore")
                .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
                .endRule().endPodFailurePolicy()
                .withTtlSecondsAfterFinished((int) ttl.toSeconds())
                .withActiveDeadlineSeconds(cr.getSpec().migratorOrDefault().timeouts.jobTimeout().map(Duration::toSeconds).orElse(null))
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAffinity(affinity)
                .withSecurityContext(podSecurityContext())
                // what a node needs to run them where cc-backend runs
                .withImagePullSecrets(ccBackendPod.getImagePullSecrets())
                .withNodeSelector(ccBackendPod.getNodeSelector())
                .withTolerations(ccBackendPod.getTolerations())
                .withPriorityClassName(ccBackendPod.getPriorityClassName())
                .withServiceAccountName(inheritServiceAccount() ? ccBackendPod.getServiceAccountName() : null)
                .withAutomountServiceAccountToken(inheritServiceAccount() ? null : false)
                .withContainers(container)
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * cc-backend's uid and gid, so files written stay its own. No fsGroup unless asked for: the kubelet
     * would chown the whole volume at every pod start (hours on a large archive), and NFS ignores it.
     */
    private PodSecurityContext podSecurityContext() {
        MigratorSecurityContext override = cr.getSpec().migratorOrDefault().securityContext;
        PodSecurityContextBuilder context = new PodSecurityContextBuilder()
                .withRunAsNonRoot(runAs.uid != 0).withRunAsUser(runAs.uid).withRunAsGroup(runAs.gid)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile();
        if (override != null && override.fsGroup != null) {
            context.withFsGroup(override.fsGroup).withFsGroupChangePolicy("OnRootMismatch");
        }
        if (override != null && override.supplementalGroups != null) {
            context.withSupplementalGroups(override.supplementalGroups);
        }
        return context.build();
    }

    private boolean inheritServiceAccount() {
        return cr.getSpec().migratorOrDefault().inheritServiceAccount;
    }

    private List<EnvVar> env() {
        List<EnvVar> env = new ArrayList<>();
        if (cr.getSpec().database.driver == DatabaseDriver.MYSQL) {
            // The DSN stays in its Secret; Kubernetes expands $(CC_DB_DSN) in the args.
            env.add(new EnvVarBuilder().withName(DSN_ENV).withNewValueFrom().withNewSecretKeyRef()
                    .withName(cr.getSpec().database.mysql.secretName).withKey(cr.getSpec().database.mysql.key)
                    .endSecretKeyRef().endValueFrom().build());
        }
        return env;
    }
}
