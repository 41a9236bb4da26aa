package dev.ccbackend.operator.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the pods answer over HTTP, as the API server's pod proxy ({@code pods/NAME:PORT/proxy/PATH}) reaches them.
 * A pod that serves nothing, or a port nothing listens on, gets the proxy's 503, as from a real cluster.
 */
public final class PodWebServers {
    /** An HTTP answer: status, the Location of a redirect (or null), the body. */
    public record Answer(int code, String location, String body) {
    }

    /** A pod's web server: answers GET {@code path} on {@code port}; {@code proxyBase} is where the proxy serves it from. */
    public interface Server {
        Answer get(int port, String path, String proxyBase);
    }

    private final Map<String, Server> servers = new ConcurrentHashMap<>();

    void serve(String namespace, String pod, Server server) {
        servers.put(namespace + "/" + pod, server);
    }

    void stop(String namespace, String pod) {
        servers.remove(namespace + "/" + pod);
    }

    Answer get(String namespace, String pod, int port, String path, String proxyBase) {
        Server server = servers.get(namespace + "/" + pod);
        return server == null ? refused(port) : server.get(port, path, proxyBase);
    }

    static Answer refused(int port) {
        return new Answer(503, null, "error trying to reach service: dial tcp 10.244.0.17:" + port + ": connect: connection refused");
    }
}
