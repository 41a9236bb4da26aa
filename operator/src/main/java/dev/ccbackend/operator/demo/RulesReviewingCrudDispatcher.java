package dev.ccbackend.operator.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;

/**
 * The mock API server's CRUD dispatcher plus the one review JOSDK's leader election asks for before
 * it takes a Lease: a SelfSubjectRulesReview, which CRUD mode cannot answer. It grants everything,
 * as the real API server does for the operator's ServiceAccount with the chart's RBAC.
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
        return super.dispatch(request);
    }
}
