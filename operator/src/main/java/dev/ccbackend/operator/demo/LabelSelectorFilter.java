package dev.ccbackend.operator.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label selector in the API server's query syntax, matched the way the API server does, with the
 * set-based requirements ({@code in}, {@code notin}, {@code !key}) the mock server ignores.
 */
final class LabelSelectorFilter implements Predicate<Map<String, String>> {
    private static final Pattern SET = Pattern.compile("\\s*([^\\s!=,()]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*");
    private static final Pattern EQUALITY = Pattern.compile("\\s*([^\\s!=,()]+)\\s*(==|=|!=)\\s*([^\\s,()]*)\\s*");
    private static final Pattern EXISTS = Pattern.compile("\\s*(!?)([^\\s!=,()]+)\\s*");

    private final List<Predicate<Map<String, String>>> requirements;

    private LabelSelectorFilter(List<Predicate<Map<String, String>>> requirements) {
        this.requirements = requirements;
    }

    /** @throws IllegalArgumentException for a selector the API server would refuse */
    static LabelSelectorFilter parse(String selector) {
        List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
        for (String requirement : split(selector)) {
            Matcher set = SET.matcher(requirement);
            Matcher equality = EQUALITY.matcher(requirement);
            Matcher exists = EXISTS.matcher(requirement);
            if (set.matches()) {
                String key = set.group(1);
                Set<String> values = Set.of(set.group(3).trim().split("\\s*,\\s*"));
                boolean in = set.group(2).equals("in");
                requirements.add(labels -> labels.containsKey(key) ? values.contains(labels.get(key)) == in : !in);
            } else if (equality.matches()) {
                String key = equality.group(1);
                String value = equality.group(3);
                boolean equal = !equality.group(2).equals("!=");
                requirements.add(labels -> value.equals(labels.get(key)) == equal);
            } else if (exists.matches()) {
                String key = exists.group(2);
                boolean present = exists.group(1).isEmpty();
                requirements.add(labels -> labels.containsKey(key) == present);
            } else {
                throw new IllegalArgumentException("unable to parse requirement: " + requirement);
            }
        }
        return new LabelSelectorFilter(requirements);
    }

    /** Requirements are separated by commas outside parentheses. */
    private static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char ch : selector.toCharArray()) {
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            if (ch == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }

    @Override
    public boolean test(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.test(l));
    }
}
