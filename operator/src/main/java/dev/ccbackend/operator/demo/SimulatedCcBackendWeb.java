package dev.ccbackend.operator.demo;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * cc-backend's web server as a pod of it answers: on its declared container ports, {@code /} redirects a visitor
 * without a session to {@code /login}, which is served. A broken one (fault smoke-test) answers 500, as a binary
 * that starts but cannot render its pages does.
 */
final class SimulatedCcBackendWeb implements PodWebServers.Server {
    private final Set<Integer> ports;
    private final boolean healthy;

    SimulatedCcBackendWeb(Pod pod, boolean healthy) {
        this.ports = pod.getSpec().getContainers().stream().filter(c -> c.getPorts() != null).flatMap(c -> c.getPorts().stream())
                .map(ContainerPort::getContainerPort).collect(Collectors.toSet());
        this.healthy = healthy;
    }

    @Override
    public PodWebServers.Answer get(int port, String path, String proxyBase) {
        if (!ports.contains(port)) {
            return PodWebServers.refused(port);
        }
        if (!healthy) {
            return new PodWebServers.Answer(500, null, "Internal Server Error: template: login.tmpl: no such template");
        }
        return switch (path) {
            case "/" -> new PodWebServers.Answer(302, proxyBase + "/login", "");
            case "/login" -> new PodWebServers.Answer(200, null, "<!DOCTYPE html><html><head><title>ClusterCockpit - Login</title>");
            default -> new PodWebServers.Answer(404, null, "404 page not found");
        };
    }
}
