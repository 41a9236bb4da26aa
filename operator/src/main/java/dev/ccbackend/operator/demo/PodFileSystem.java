package dev.ccbackend.operator.demo;

import dev.ccbackend.operator.kube.MigratorArgs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Job's pod would see, on this machine: each mount path maps to a local directory (a claim's,
 * a ConfigMap written out, a scratch dir), and the container's args are rewritten to those paths.
 */
final class PodFileSystem {
    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Path resultFile;

    /** {@code podName} keeps each pod's scratch apart; {@code index} is its completion index (Indexed Jobs) or null. */
    PodFileSystem(KubernetesClient client, String ns, ClaimStore claims, Job job, String podName, Integer index)
            throws IOException {
        var podSpec = job.getSpec().getTemplate().getSpec();
        Container c = podSpec.getContainers().get(0);
        String jobName = podName;
        for (VolumeMount m : c.getVolumeMounts()) {
            Volume v = podSpec.getVolumes().stream().filter(x -> x.getName().equals(m.getName())).findFirst().orElseThrow();
            mounts.put(m.getMountPath(), local(client, ns, claims, jobName, v));
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            env.put(e.getName(), value(client, ns, e, index));
        }
        resultFile = claims.scratch(jobName).resolve("termination-log");
    }

    Path resultFile() {
        return resultFile;
    }

    /** The container's args with mount paths, the result file and $(VAR) references made local. */
    List<String> rewrite(Container c) {
        List<String> out = new ArrayList<>();
        List<String> paths = mounts.keySet().stream().sorted(Comparator.comparing(String::length).reversed()).toList();
        for (String arg : c.getArgs()) {
            if (arg.equals(MigratorArgs.RESULT_FILE)) {
                out.add(resultFile.toString());
                continue;
            }
            String a = arg;
            for (String p : paths) {
                if (a.equals(p) || a.startsWith(p + "/")) {
                    a = mounts.get(p) + a.substring(p.length());
                    break;
                }
            }
            for (var e : env.entrySet()) {
                a = a.replace("$(" + e.getKey() + ")", e.getValue());
                // In-process there is no pod environment: resolve cc-migrator's env:NAME here.
                a = a.equals("env:" + e.getKey()) ? e.getValue() : a;
            }
            out.add(a);
        }
        return out;
    }

    private static Path local(KubernetesClient client, String ns, ClaimStore claims, String job, Volume v) throws IOException {
        if (v.getPersistentVolumeClaim() != null) {
            String claim = v.getPersistentVolumeClaim().getClaimName();
            if (!claims.hasClaim(claim)) {
                throw new IllegalStateException("PersistentVolumeClaim " + claim + " does not exist");
            }
            return claims.claim(claim);
        }
        Path dir = claims.scratch(job + "/" + v.getName());
        if (v.getConfigMap() != null) {
            ConfigMap cm = client.configMaps().inNamespace(ns).withName(v.getConfigMap().getName()).get();
            if (cm == null) {
                throw new IllegalStateException("ConfigMap " + v.getConfigMap().getName() + " does not exist");
            }
            for (var e : cm.getData().entrySet()) {
                Files.writeString(dir.resolve(e.getKey()), e.getValue());
            }
        }
        if (v.getSecret() != null) {
            Secret secret = client.secrets().inNamespace(ns).withName(v.getSecret().getSecretName()).get();
            if (secret == null) {
                throw new IllegalStateException("Secret " + v.getSecret().getSecretName() + " does not exist");
            }
            for (var e : (secret.getData() == null ? Map.<String, String>of() : secret.getData()).entrySet()) {
                Files.write(dir.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
            }
        }
        return dir;
    }

    private static String value(KubernetesClient client, String ns, EnvVar e, Integer index) {
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
            throw new IllegalStateException("Secret " + ref.getName() + " does not exist");
        }
        String data = s.getData() == null ? null : s.getData().get(ref.getKey());
        return data != null ? new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8)
                : s.getStringData().get(ref.getKey());
    }
}
