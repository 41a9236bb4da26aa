package dev.ccbackend.operator.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GET on a pod's port through the API server's pod proxy ({@code pods/NAME:PORT/proxy/}): what reaches cc-backend
 * from where the operator runs without a Service, a NetworkPolicy exception or the pod IP being routable.
 */
public final class PodHttp {
    private static final long TIMEOUT_SECONDS = 10;

    /** The answer: status code, the Location of a redirect (or null), the first 200 characters of the body. */
    public record Answer(int code, String location, String body) {
        /** A page, or a redirect to cc-backend's login page: what an unauthenticated visitor gets from a working cc-backend. */
        public boolean servesPages() {
            return code == 200 || (code >= 300 && code < 400 && location != null && location.contains("login"));
        }

        @Override
        public String toString() {
            return "HTTP " + code + (location == null ? "" : " → " + location) + (body.isBlank() ? "" : ": " + body);
        }
    }

    private PodHttp() {
    }

    /** @throws IllegalStateException when the API server cannot be reached or does not answer in time */
    public static Answer get(KubernetesClient client, Pod pod, int port, String path) {
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + pod.getMetadata().getNamespace()
                + "/pods/" + pod.getMetadata().getName() + ":" + port + "/proxy" + path;
        // a 5xx is the answer, not a reason to retry as the client does for the API server's own errors
        HttpClient http = client.getHttpClient().newBuilder()
                .tag(new RequestConfigBuilder().withRequestRetryBackoffLimit(0).build()).build();
        HttpRequest request = http.newHttpRequestBuilder().uri(url).build();
        try {
            HttpResponse<String> r = http.sendAsync(request, String.class).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String body = r.body() == null ? "" : r.body().strip();
            return new Answer(r.code(), r.header("Location"), body.length() > 200 ? body.substring(0, 200) + "…" : body);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("GET " + path + " on port " + port + " of pod " + pod.getMetadata().getName()
                    + " through the API server failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
