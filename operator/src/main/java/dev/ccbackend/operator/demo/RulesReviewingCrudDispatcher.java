package dev.ccbackend.operator.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.util.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock API server's CRUD dispatcher plus what CRUD mode lacks: {@link ApiServerValidation} of
 * every object created or replaced (422 when invalid), pod logs from {@link PodLogs} (400 before the
 * container started), what pods answer through the pod proxy ({@link PodWebServers}), and the one review JOSDK's leader election asks for before it takes a Lease,
 * a SelfSubjectRulesReview. It grants everything, as the real API server does for the operator's
 * ServiceAccount with the chart's RBAC.
 */
final class RulesReviewingCrudDispatcher extends KubernetesCrudDispatcher {
    private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
    private static final String GRANT_ALL = """
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","spec":{},
             "status":{"incomplete":false,"resourceRules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}}
            """;

    private static final Pattern POD_LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?(.*))?");
    private static final Pattern POD_PROXY = Pattern.compile("(/api/v1/namespaces/([^/]+)/pods/([^/:]+)(?::([0-9]+))?/proxy)(/[^?]*)?(\\?.*)?");
    private static final Pattern LABEL_SELECTOR = Pattern.compile("([?&])labelSelector=([^&]*)");
    private static final Pattern TAIL_LINES = Pattern.compile("(^|&)tailLines=([0-9]+)");

    private final PodLogs logs;
    private final PodWebServers web;

    RulesReviewingCrudDispatcher(PodLogs logs, PodWebServers web) {
        super(List.of());
        this.logs = logs;
        this.web = web;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if ("POST".equals(request.getMethod()) && request.getPath().startsWith(RULES_REVIEWS)) {
            return new MockResponse().setResponseCode(201).setBody(GRANT_ALL);
        }
        Matcher selector = LABEL_SELECTOR.matcher(request.getPath());
        if ("GET".equals(request.getMethod()) && selector.find() && !request.getPath().contains("watch=true")) {
            return selected(request, URLDecoder.decode(selector.group(2), StandardCharsets.UTF_8));
        }
        Matcher proxy = POD_PROXY.matcher(request.getPath());
        if ("GET".equals(request.getMethod()) && proxy.matches()) {
            // no port: the proxy takes the pod's first; the fakes all declare the one they serve on
            PodWebServers.Answer a = web.get(proxy.group(2), proxy.group(3), proxy.group(4) == null ? 80
                    : Integer.parseInt(proxy.group(4)), proxy.group(5) == null ? "/" : proxy.group(5), proxy.group(1));
            MockResponse response = new MockResponse().setResponseCode(a.code()).setBody(a.body());
            return a.location() == null ? response : response.addHeader("Location", a.location());
        }
        Matcher log = POD_LOG.matcher(request.getPath());
        if ("GET".equals(request.getMethod()) && log.matches()) {
            return podLog(log.group(1), log.group(2), log.group(4));
        }
        if (("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod())) && !request.getPath().contains("/status")) {
            // getBytes() leaves the body for the CRUD dispatcher; reading it would consume it
            Optional<MockResponse> invalid = invalid(request.getBody() == null ? null
                    : new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
            if (invalid.isPresent()) {
                return invalid.get();
            }
        }
        return super.dispatch(request);
    }

    /** A list with a label selector: listed without it, then filtered as the API server filters. */
    private MockResponse selected(RecordedRequest request, String selector) {
        LabelSelectorFilter filter;
        try {
            filter = LabelSelectorFilter.parse(selector);
        } catch (IllegalArgumentException e) {
            return status(400, "BadRequest", e.getMessage());
        }
        String path = request.getPath().replaceAll("([?&])labelSelector=[^&]*&?", "$1").replaceAll("[?&]$", "");
        MockResponse all = super.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), path,
                request.getHeaders(), request.getBody()));
        try {
            JsonNode list = Json.MAPPER.readTree(all.getBody().readUtf8());
            if (list.has("items")) {
                var kept = Json.MAPPER.createArrayNode();
                for (JsonNode item : list.get("items")) {
                    var labels = Json.MAPPER.convertValue(item.path("metadata").path("labels"),
                            new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() { });
                    if (filter.test(labels)) {
                        kept.add(item);
                    }
                }
                ((com.fasterxml.jackson.databind.node.ObjectNode) list).set("items", kept);
            }
            return new MockResponse().setResponseCode(all.code()).setBody(Json.compact(list));
        } catch (Exception e) {
            return all;
        }
    }

    private MockResponse podLog(String namespace, String pod, String query) {
        Matcher tail = TAIL_LINES.matcher(query == null ? "" : query);
        int lines = tail.find() ? Integer.parseInt(tail.group(2)) : PodLogs.KEPT;
        return logs.tail(namespace, pod, lines)
                .map(text -> new MockResponse().setResponseCode(200).setBody(text))
                .orElseGet(() -> status(400, "BadRequest", "container in pod \"" + pod + "\" is waiting to start: ContainerCreating"));
    }

    private static MockResponse status(int code, String reason, String message) {
        var status = Json.MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
        return new MockResponse().setResponseCode(code).setBody(Json.compact(status));
    }

    private static Optional<MockResponse> invalid(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode object;
        try {
            object = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return Optional.empty(); // not an object: CRUD mode answers as it does
        }
        List<String> errors = object == null ? List.of() : ApiServerValidation.errors(object);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        String message = object.path("kind").asText() + " \"" + object.path("metadata").path("name").asText() + "\" is invalid: "
                + String.join(", ", errors);
        return Optional.of(status(422, "Invalid", message));
    }
}
