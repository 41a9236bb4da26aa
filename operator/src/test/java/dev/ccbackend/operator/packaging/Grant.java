package dev.ccbackend.operator.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccbackend.operator.rbac.RequiredPermissions;
import dev.ccbackend.operator.rbac.RequiredPermissions.Scope;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One verb on one resource of one API group: RBAC rules and RequiredPermissions both expand to
 * sets of these, so "equal permissions" is plain set equality however the rules are grouped.
 */
record Grant(String apiGroup, String resource, String verb) implements Comparable<Grant> {

    @Override
    public int compareTo(Grant other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource + ":" + verb;
    }

    /** What RequiredPermissions says must be granted in the given scopes. */
    static Set<Grant> required(Scope... scopes) {
        Set<Scope> wanted = Set.of(scopes);
        return RequiredPermissions.ALL.stream()
                .filter(p -> wanted.contains(p.scope()))
                .flatMap(p -> p.verbs().stream().map(v -> new Grant(p.apiGroup(), p.resource(), v)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<Grant> required() {
        return required(Scope.values());
    }

    /** Everything the {@code rules} of the given Roles / ClusterRoles grant. */
    static Set<Grant> granted(Collection<JsonNode> roles) {
        Set<Grant> grants = new TreeSet<>();
        for (JsonNode role : roles) {
            for (JsonNode rule : role.path("rules")) {
                for (JsonNode group : rule.path("apiGroups")) {
                    for (JsonNode resource : rule.path("resources")) {
                        for (JsonNode verb : rule.path("verbs")) {
                            grants.add(new Grant(group.asText(), resource.asText(), verb.asText()));
                        }
                    }
                }
            }
        }
        return grants;
    }

    static Set<Grant> granted(JsonNode... roles) {
        return granted(Arrays.asList(roles));
    }
}
