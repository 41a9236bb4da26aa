package dev.ccbackend.operator.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a pod spec names a ConfigMap: {@code configMap} volumes, {@code projected} volume sources,
 * {@code envFrom} and {@code env[].valueFrom.configMapKeyRef} of every container. Swapping the
 * config (and rolling it back) renames them all, wherever the site put its config.json.
 */
public final class ConfigMapReferences {
    private ConfigMapReferences() {
    }

    /** How many places in {@code pod} name ConfigMap {@code name}. */
    public static int count(PodSpec pod, String name) {
        return rename(pod, name, name);
    }

    /** Renames every reference to ConfigMap {@code from} into {@code to}; returns how many there were. */
    public static int rename(PodSpec pod, String from, String to) {
        int renamed = 0;
        for (var v : orEmpty(pod.getVolumes())) {
            if (v.getConfigMap() != null && from.equals(v.getConfigMap().getName())) {
                v.getConfigMap().setName(to);
                renamed++;
            }
            if (v.getProjected() != null) {
                for (var source : orEmpty(v.getProjected().getSources())) {
                    if (source.getConfigMap() != null && from.equals(source.getConfigMap().getName())) {
                        source.getConfigMap().setName(to);
                        renamed++;
                    }
                }
            }
        }
        for (Container c : containers(pod)) {
            for (var envFrom : orEmpty(c.getEnvFrom())) {
                if (envFrom.getConfigMapRef() != null && from.equals(envFrom.getConfigMapRef().getName())) {
                    envFrom.getConfigMapRef().setName(to);
                    renamed++;
                }
            }
            for (var env : orEmpty(c.getEnv())) {
                var ref = env.getValueFrom() == null ? null : env.getValueFrom().getConfigMapKeyRef();
                if (ref != null && from.equals(ref.getName())) {
                    ref.setName(to);
                    renamed++;
                }
            }
        }
        return renamed;
    }

    private static List<Container> containers(PodSpec pod) {
        return Stream.concat(orEmpty(pod.getInitContainers()).stream(), orEmpty(pod.getContainers()).stream()).toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }
}
