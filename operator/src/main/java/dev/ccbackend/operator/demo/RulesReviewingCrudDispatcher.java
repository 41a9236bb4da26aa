package dev.ccbackend.operator.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.migrator.util.Json;
import java.util.List;
import java.util.Optional;

/**
 * The mock API server's CRUD dispatcher plus what CRUD mode lacks: {@link ApiServerValidation} of
 * every object created or replaced (422 when invalid), and the one review JOSDK's leader election
 * asks for before it takes a Lease, a SelfSubjectRulesReview. It grants everything, as the real API
 * server does for the operator's ServiceAccount with the chart's RBAC.
 */
final class RulesReviewingCrudDispatcher extends KubernetesCrudDispatcher {
    private static final String RULES_REVIEWS = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
    private static final String GRANT_ALL = """
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","spec":{},
             "status":{"incomplete":false,"resourceRules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}}
            """;

    RulesReviewingCrudDispatcher() {
        super(List.of());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if ("POST".equals(request.getMethod()) && request.getPath().startsWith(RULES_REVIEWS)) {
            return new MockResponse().setResponseCode(201).setBody(GRANT_ALL);
        }
        if (("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod())) && !request.getPath().contains("/status")) {
            // getBytes() leaves the body for the CRUD dispatcher; reading it would consume it
            Optional<MockResponse> invalid = invalid(request.getBody() == null ? null
                    : new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8));
            if (invalid.isPresent()) {
                return invalid.get();
            }
        }
        return super.dispatch(request);
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
        var status = Json.MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", "Invalid").put("code", 422);
        return Optional.of(new MockResponse().setResponseCode(422).setBody(Json.compact(status)));
    }
}
