package dev.ccbackend.operator.kube;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Set;
import java.util.TreeSet;

/** Which indexes of an Indexed Job completed and which failed, from {@code status.completedIndexes/failedIndexes}. */
public record IndexedJobStatus(Set<Integer> completed, Set<Integer> failed, boolean finished) {

    public static IndexedJobStatus of(Job job) {
        var s = job == null ? null : job.getStatus();
        if (s == null) {
            return new IndexedJobStatus(Set.of(), Set.of(), false);
        }
        boolean finished = s.getConditions() != null && s.getConditions().stream().anyMatch(c ->
                ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
        return new IndexedJobStatus(parse(s.getCompletedIndexes()), parse(s.getFailedIndexes()), finished);
    }

    /** Whether index {@code i} ended without success: listed as failed, or left over when the Job ended (deadline). */
    public boolean failed(int i) {
        return failed.contains(i) || (finished && !completed.contains(i));
    }

    /** Parses Kubernetes' interval list, e.g. {@code "0,2-4,7"}. */
    public static Set<Integer> parse(String intervals) {
        Set<Integer> out = new TreeSet<>();
        if (intervals == null || intervals.isBlank()) {
            return out;
        }
        for (String part : intervals.split(",")) {
            String[] range = part.strip().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return out;
    }

    /** The inverse of {@link #parse}: {@code [0,2,3,4,7]} becomes {@code "0,2-4,7"}. */
    public static String format(Set<Integer> indexes) {
        StringBuilder sb = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : new TreeSet<>(indexes)) {
            if (prev != null && i == prev + 1) {
                prev = i;
                continue;
            }
            append(sb, start, prev);
            start = i;
            prev = i;
        }
        append(sb, start, prev);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append(',');
        }
        sb.append(start);
        if (!end.equals(start)) {
            sb.append('-').append(end);
        }
    }
}
