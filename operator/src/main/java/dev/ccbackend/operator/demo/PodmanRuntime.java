package dev.ccbackend.operator.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs containers with podman, as a kubelet would with its runtime: the image's own entrypoint, the
 * pod's uid/gid and groups, read-only root and mounts, no capabilities, no privilege escalation,
 * never pulling (an image that is not in the local store is not there).
 */
public final class PodmanRuntime implements ContainerRuntime {
    private final String podman;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    private PodmanRuntime(String podman) {
        this.podman = podman;
    }

    /** The podman on PATH if it runs containers here, else empty (with why in {@code whyNot}). */
    public static java.util.Optional<PodmanRuntime> find(StringBuilder whyNot) {
        try {
            Process p = new ProcessBuilder("podman", "info", "--format", "{{.Host.OCIRuntime.Name}}")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                whyNot.append("podman info failed: ").append(out.lines().reduce((a, b) -> b).orElse(""));
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(withBinary("podman"));
        } catch (IOException e) {
            whyNot.append("no podman on PATH (Debian: apt-get install podman runc; see scripts/build-images.sh)");
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot.append("interrupted");
            return java.util.Optional.empty();
        }
    }

    /** A runtime calling {@code binary}, not checked (the command line can be built without podman). */
    static PodmanRuntime withBinary(String binary) {
        return new PodmanRuntime(binary);
    }

    @Override
    public boolean hasImage(String image) {
        try {
            return new ProcessBuilder(podman, "image", "exists", image).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** When {@code image} was built, if it is in the local store. */
    public java.util.Optional<java.time.Instant> imageCreated(String image) {
        try {
            Process inspect = new ProcessBuilder(podman, "image", "inspect", "--format", "{{.Created.Unix}}", image)
                    .redirectErrorStream(true).start();
            String out = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return inspect.waitFor() == 0 && out.matches("[0-9]+")
                    ? java.util.Optional.of(java.time.Instant.ofEpochSecond(Long.parseLong(out))) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    @Override
    public int run(ContainerRun c, Consumer<String> output) throws IOException, InterruptedException {
        String name = "ccup-" + c.name() + "-" + Long.toHexString(System.nanoTime());
        running.add(name);
        Process process = new ProcessBuilder(command(c, name)).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(output);
            return process.waitFor();
        } finally {
            running.remove(name);
        }
    }

    /** The podman command line for {@code c}. */
    List<String> command(ContainerRun c, String name) {
        List<String> cmd = new ArrayList<>(List.of(podman, "run", "--rm", "--name", name, "--pull", "never",
                // a pod has no init process of podman's and no tmpfs that Kubernetes would not give it
                "--read-only-tmpfs=false",
                // no Service network here: the host's loopback stands for the cluster's (a MariaDB on 127.0.0.1)
                "--network", "host"));
        if (c.uid() != null) {
            cmd.addAll(List.of("--user", c.uid() + (c.gid() != null ? ":" + c.gid() : "")));
        }
        c.supplementaryGroups().forEach(g -> cmd.addAll(List.of("--group-add", g.toString())));
        if (c.readOnlyRoot()) {
            cmd.add("--read-only");
        }
        if (c.dropAllCapabilities()) {
            cmd.addAll(List.of("--cap-drop", "ALL"));
        }
        if (c.noNewPrivileges()) {
            cmd.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        for (ContainerRun.Mount m : c.allMounts()) {
            cmd.addAll(List.of("-v", m.host() + ":" + m.path() + (m.readOnly() ? ":ro" : "")));
        }
        c.env().forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
        if (c.workingDir() != null) {
            cmd.addAll(List.of("-w", c.workingDir()));
        }
        if (!c.command().isEmpty()) {
            cmd.addAll(List.of("--entrypoint", dev.ccbackend.migrator.util.Json.compact(c.command())));
        }
        cmd.add(c.image());
        cmd.addAll(c.args());
        return cmd;
    }

    @Override
    public String describe() {
        return "podman (each Job pod runs as a container, as its securityContext says)";
    }

    /** Stops what is still running (a test or the demo ended mid-step). */
    @Override
    public void close() {
        for (String name : running) {
            try {
                new ProcessBuilder(podman, "rm", "-f", "-t", "0", name).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                // gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
