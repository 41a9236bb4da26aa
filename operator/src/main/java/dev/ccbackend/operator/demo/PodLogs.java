package dev.ccbackend.operator.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's container logs: the kubelet appends each line of a started container; the API
 * server's log endpoint serves them. A pod whose container has not started has none, and asking
 * for its log is an error (400), as in a cluster.
 */
public final class PodLogs {
    /** Lines kept per pod: enough for every tail the operator asks for. */
    static final int KEPT = 1000;
    private final Map<String, List<String>> logs = new ConcurrentHashMap<>();

    /** The container of {@code namespace/pod} started: from now on it has a (possibly empty) log. */
    public void started(String namespace, String pod) {
        logs.putIfAbsent(key(namespace, pod), new ArrayList<>());
    }

    public void append(String namespace, String pod, String line) {
        List<String> lines = logs.computeIfAbsent(key(namespace, pod), k -> new ArrayList<>());
        synchronized (lines) {
            lines.add(line);
            if (lines.size() > KEPT) {
                lines.remove(0);
            }
        }
    }

    /** The last {@code lines} lines, or empty when the container never started. */
    public Optional<String> tail(String namespace, String pod, int lines) {
        List<String> log = logs.get(key(namespace, pod));
        if (log == null) {
            return Optional.empty();
        }
        synchronized (log) {
            List<String> tail = log.subList(Math.max(0, log.size() - lines), log.size());
            return Optional.of(tail.isEmpty() ? "" : String.join("\n", tail) + "\n");
        }
    }

    private static String key(String namespace, String pod) {
        return namespace + "/" + pod;
    }
}
