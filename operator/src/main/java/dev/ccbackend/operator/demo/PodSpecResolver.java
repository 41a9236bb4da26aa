package dev.ccbackend.operator.demo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's part before a container starts: every volume becomes a host directory (a claim's,
 * a ConfigMap or Secret written out, an empty world-writable emptyDir), env is resolved (Secret
 * keys, the completion index), {@code $(VAR)} in args is expanded, and the securityContext becomes
 * a user, groups and flags. A missing claim, ConfigMap or Secret keeps the pod from starting, as
 * {@link PodStartError}.
 */
final class PodSpecResolver {
    /** Why a pod's container cannot be created; the kubelet's waiting reason. */
    static final class PodStartError extends Exception {
        final String reason;

        PodStartError(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    private final KubernetesClient client;
    private final ClaimStore claims;

    PodSpecResolver(KubernetesClient client, ClaimStore claims) {
        this.client = client;
        this.claims = claims;
    }

    /** {@code podName} keeps each pod's scratch apart; {@code index} is its completion index (Indexed Jobs) or null. */
    ContainerRun resolve(String ns, PodSpec pod, String podName, Integer index) throws IOException, PodStartError {
        Container c = pod.getContainers().get(0);
        PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        SecurityContext context = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
        Long uid = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
        Long gid = context.getRunAsGroup() != null ? context.getRunAsGroup() : podContext.getRunAsGroup();
        boolean nonRoot = Boolean.TRUE.equals(context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot());
        if (nonRoot && uid != null && uid == 0) {
            throw new PodStartError("CreateContainerConfigError", "container has runAsNonRoot and image will run as root");
        }
        List<Long> groups = new ArrayList<>();
        if (podContext.getFsGroup() != null) {
            groups.add(podContext.getFsGroup());
        }
        if (podContext.getSupplementalGroups() != null) {
            groups.addAll(podContext.getSupplementalGroups());
        }
        List<ContainerRun.Mount> mounts = new ArrayList<>();
        for (VolumeMount m : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
            Volume v = pod.getVolumes().stream().filter(x -> x.getName().equals(m.getName())).findFirst()
                    .orElseThrow(() -> new PodStartError("CreateContainerConfigError", "no volume " + m.getName()));
            Path host = volume(ns, podName, v);
            if (v.getPersistentVolumeClaim() != null && podContext.getFsGroup() != null) {
                FsGroupChange.apply(host, podContext.getFsGroup(), podContext.getFsGroupChangePolicy());
            }
            mounts.add(new ContainerRun.Mount(host, m.getMountPath(), Boolean.TRUE.equals(m.getReadOnly())));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            env.put(e.getName(), value(ns, e, index));
        }
        Path message = claims.scratch(podName).resolve("termination-log");
        Files.deleteIfExists(message);
        // The kubelet makes the file writable for whatever uid the container runs as.
        Files.createFile(message, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        Files.setPosixFilePermissions(message, PosixFilePermissions.fromString("rw-rw-rw-"));
        String messagePath = c.getTerminationMessagePath() == null ? "/dev/termination-log" : c.getTerminationMessagePath();
        var caps = context.getCapabilities();
        return new ContainerRun(podName, c.getImage(), orEmpty(c.getCommand()).stream().map(a -> expand(a, env)).toList(),
                orEmpty(c.getArgs()).stream().map(a -> expand(a, env)).toList(), env, mounts, uid, gid, groups,
                Boolean.TRUE.equals(context.getReadOnlyRootFilesystem()),
                caps != null && caps.getDrop() != null && caps.getDrop().contains("ALL"),
                Boolean.FALSE.equals(context.getAllowPrivilegeEscalation()),
                new ContainerRun.Mount(message, messagePath, false), c.getWorkingDir());
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    /** {@code $(NAME)} of a declared variable is replaced by its value, as the kubelet does; others stay. */
    private static String expand(String arg, Map<String, String> env) {
        String a = arg;
        for (var e : env.entrySet()) {
            a = a.replace("$(" + e.getKey() + ")", e.getValue());
        }
        return a;
    }

    private Path volume(String ns, String podName, Volume v) throws IOException, PodStartError {
        if (v.getPersistentVolumeClaim() != null) {
            String claim = v.getPersistentVolumeClaim().getClaimName();
            if (!claims.hasClaim(claim)) {
                throw new PodStartError("FailedMount", "persistentvolumeclaim \"" + claim + "\" not found");
            }
            return claims.claim(claim);
        }
        Path dir = claims.scratch(podName + "/" + v.getName());
        if (v.getEmptyDir() != null) {
            // emptyDir is world-writable, so any uid can use it
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        if (v.getConfigMap() != null) {
            ConfigMap cm = client.configMaps().inNamespace(ns).withName(v.getConfigMap().getName()).get();
            if (cm == null) {
                throw new PodStartError("FailedMount", "configmap \"" + v.getConfigMap().getName() + "\" not found");
            }
            for (var e : cm.getData().entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue());
            }
        }
        if (v.getSecret() != null) {
            Secret secret = client.secrets().inNamespace(ns).withName(v.getSecret().getSecretName()).get();
            if (secret == null) {
                throw new PodStartError("FailedMount", "secret \"" + v.getSecret().getSecretName() + "\" not found");
            }
            for (var e : (secret.getData() == null ? Map.<String, String>of() : secret.getData()).entrySet()) {
                Files.write(dir.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
            }
        }
        return dir;
    }

    private String value(String ns, EnvVar e, Integer index) throws PodStartError {
        if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
            // The only downward-API field the Jobs use: the completion index annotation.
            return String.valueOf(index);
        }
        if (e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null) {
            return e.getValue();
        }
        var ref = e.getValueFrom().getSecretKeyRef();
        Secret s = client.secrets().inNamespace(ns).withName(ref.getName()).get();
        if (s == null) {
            throw new PodStartError("CreateContainerConfigError", "secret \"" + ref.getName() + "\" not found");
        }
        String data = s.getData() == null ? null : s.getData().get(ref.getKey());
        if (data == null && (s.getStringData() == null || !s.getStringData().containsKey(ref.getKey()))) {
            throw new PodStartError("CreateContainerConfigError", "couldn't find key " + ref.getKey() + " in Secret " + ns + "/" + ref.getName());
        }
        return data != null ? new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8) : s.getStringData().get(ref.getKey());
    }
}
