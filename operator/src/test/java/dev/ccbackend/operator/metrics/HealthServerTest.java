package dev.ccbackend.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes a real HealthServer over HTTP on an ephemeral port. */
class HealthServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final OperatorMetrics metrics = new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private final AtomicBoolean live = new AtomicBoolean(true);
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private HealthServer server;

    @BeforeEach
    void start() throws IOException {
        server = HealthServer.start(0, metrics::scrape, live::get, ready::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void metricsEndpointServesThePrometheusTextFormat() throws Exception {
        metrics.upgradeStarted("hpc/cc-backend");
        metrics.reconcileError();

        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(HealthServer.PROMETHEUS_TEXT);
        assertThat(response.body())
                .contains("# TYPE ccupgrade_upgrades_started_total counter")
                .contains("ccupgrade_upgrades_started_total{resource=\"hpc/cc-backend\"} 1.0")
                .contains("ccupgrade_reconcile_errors_total 1.0");
    }

    @Test
    void readinessFollowsTheSupplier() throws Exception {
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        ready.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").body()).isEqualTo("ok\n");
    }

    @Test
    void livenessFollowsItsOwnSupplier() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        live.set(false);
        assertThat(get("/healthz").statusCode()).isEqualTo(503);
    }

    @Test
    void failingCheckMeansNotReady() throws Exception {
        try (HealthServer failing = HealthServer.start(0, metrics::scrape, () -> {
            throw new IllegalStateException("operator not started");
        })) {
            assertThat(get(failing, "/readyz").statusCode()).isEqualTo(503);
            assertThat(get(failing, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void onlyExactPathsAndReadMethodsAreServed() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
        assertThat(get("/metricsx").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri(server, "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(server, path);
    }

    private HttpResponse<String> get(HealthServer target, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(target, path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(HealthServer target, String path) {
        return URI.create("http://127.0.0.1:" + target.port() + path);
    }
}
