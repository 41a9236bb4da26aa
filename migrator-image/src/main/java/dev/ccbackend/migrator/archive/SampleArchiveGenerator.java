package dev.ccbackend.migrator.archive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.migrator.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Makes a job archive like a real site's: cc-backend's layout, cluster.json and meta.json shaped
 * like cc-backend's own test archives (valid against the schemas of the chosen version), data
 * files of a chosen size. Used by tests, benchmarks and the operator's demo.
 */
public final class SampleArchiveGenerator {
    /** Metrics in every generated cluster, job and data file: the ones the schemas require. */
    private static final List<String[]> METRICS = List.of(
            new String[]{"cpu_user", "", "avg"}, new String[]{"cpu_load", "", "avg"}, new String[]{"mem_used", "B", "sum"},
            new String[]{"flops_any", "F/s", "sum"}, new String[]{"mem_bw", "B/s", "sum"}, new String[]{"net_bw", "B/s", "sum"});
    private static final String[] STATES = {"completed", "completed", "completed", "failed", "cancelled", "timeout"};

    /**
     * @param version     archive version to write (1, 2 or 3)
     * @param jobs        number of jobs, spread round-robin over the clusters
     * @param dataBytes   size of each data file (gzip: approximately)
     * @param gzip        data.json.gz instead of data.json
     * @param stoppedJobs jobs in state 'stopped' (versions 1 and 2 only)
     */
    public record Spec(int version, int jobs, List<String> clusters, int dataBytes, boolean gzip, int stoppedJobs, long seed) {
        public Spec {
            if (version < 1 || version > ArchiveVersion.LATEST) {
                throw new IllegalArgumentException("archive version must be 1.." + ArchiveVersion.LATEST);
            }
            if (stoppedJobs > 0 && version >= 3) {
                throw new IllegalArgumentException("archive version 3 has no state 'stopped'");
            }
            clusters = List.copyOf(clusters);
        }

        public static Spec of(int version, int jobs) {
            return new Spec(version, jobs, List.of("alex", "emmy", "fritz"), 4096, true, 0, 42);
        }

        public Spec withData(int bytes, boolean gz) {
            return new Spec(version, jobs, clusters, bytes, gz, stoppedJobs, seed);
        }

        public Spec withStopped(int stopped) {
            return new Spec(version, jobs, clusters, dataBytes, gzip, stopped, seed);
        }
    }

    /** @param bytes bytes written */
    public record Generated(Path root, int version, long jobs, long bytes) {
    }

    private SampleArchiveGenerator() {
    }

    public static Generated generate(Path root, Spec spec) throws IOException {
        if (Files.isDirectory(root)) {
            try (var children = Files.list(root)) {
                if (children.findAny().isPresent()) {
                    throw new ArchiveException(root + " exists and is not empty; give a new directory");
                }
            }
        }
        Files.createDirectories(root);
        long bytes = 0;
        for (String cluster : spec.clusters()) {
            Files.createDirectories(root.resolve(cluster));
            byte[] json = (Json.pretty(clusterJson(cluster)) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(root.resolve(cluster).resolve(ArchiveLayout.CLUSTER_JSON), json);
            bytes += json.length;
        }
        Random random = new Random(spec.seed());
        byte[] data = dataFile(spec.dataBytes(), spec.gzip(), random);
        String dataName = spec.gzip() ? ArchiveLayout.DATA_JSON_GZ : ArchiveLayout.DATA_JSON;
        int stoppedEvery = spec.stoppedJobs() > 0 ? Math.max(1, spec.jobs() / spec.stoppedJobs()) : 0;
        int stopped = 0;
        for (int i = 0; i < spec.jobs(); i++) {
            String cluster = spec.clusters().get(i % spec.clusters().size());
            long jobId = 1_000_000L + i;
            long startTime = 1_600_000_000L + i * 37L;
            Path dir = root.resolve(cluster).resolve(Long.toString(jobId / 1000))
                    .resolve(String.format(Locale.ROOT, "%03d", jobId % 1000)).resolve(Long.toString(startTime));
            if (!Files.isDirectory(dir.getParent())) {
                Files.createDirectories(dir.getParent());
            }
            Files.createDirectory(dir);
            boolean isStopped = stoppedEvery > 0 && i % stoppedEvery == 0 && stopped < spec.stoppedJobs();
            stopped += isStopped ? 1 : 0;
            String state = isStopped ? "stopped" : STATES[random.nextInt(STATES.length)];
            byte[] meta = (Json.pretty(meta(spec.version(), cluster, jobId, startTime, state, random)) + "\n")
                    .replace("  ", "    ").getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(ArchiveLayout.META_JSON), meta);
            Files.write(dir.resolve(dataName), data);
            bytes += meta.length + data.length;
        }
        ArchiveVersion.write(root, spec.version(), false);
        return new Generated(root, spec.version(), spec.jobs(), bytes);
    }

    private static ObjectNode meta(int version, String cluster, long jobId, long startTime, String state, Random random) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        int nodes = 1 + random.nextInt(4);
        m.put("jobId", jobId);
        m.put("user", "user" + random.nextInt(200));
        m.put("project", "project" + random.nextInt(40));
        m.put("cluster", cluster);
        m.put("subCluster", "main");
        m.put("partition", random.nextBoolean() ? "work" : "devel");
        m.put("arrayJobId", 0);
        m.put("numNodes", nodes);
        m.put("numHwthreads", nodes * 72);
        int exclusive = random.nextInt(10) < 7 ? 1 : random.nextInt(3);
        if (version >= 3) {
            m.put("shared", exclusive == 0 ? "multi_user" : exclusive == 1 ? "none" : "single_user");
        } else {
            m.put("exclusive", exclusive);
        }
        m.put("monitoringStatus", 1);
        m.put("smt", 1);
        m.put("jobState", state);
        m.put("startTime", startTime);
        m.put("duration", 60 + random.nextInt(86_000));
        m.put("walltime", 86_400);
        ArrayNode resources = m.putArray("resources");
        for (int n = 0; n < nodes; n++) {
            resources.addObject().put("hostname", cluster.charAt(0) + String.format(Locale.ROOT, "%04d", random.nextInt(1000)));
        }
        m.putObject("metaData").put("jobName", "job-" + jobId).put("jobScript", "#!/bin/bash\nsrun ./a.out\n");
        m.putArray("tags");
        ObjectNode statistics = m.putObject("statistics");
        for (String[] metric : METRICS) {
            double avg = Math.round(random.nextDouble() * 10000) / 100.0;
            ObjectNode s = statistics.putObject(metric[0]);
            s.set("unit", unit(metric[1]));
            s.put("avg", avg).put("min", 0).put("max", Math.round(avg * 150) / 100.0);
        }
        return m;
    }

    private static ObjectNode clusterJson(String name) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("name", name);
        ArrayNode metrics = c.putArray("metricConfig");
        for (String[] metric : METRICS) {
            ObjectNode mc = metrics.addObject();
            mc.put("name", metric[0]);
            mc.set("unit", unit(metric[1]));
            mc.put("scope", "node").put("timestep", 60).put("aggregation", metric[2]);
            mc.put("peak", 100).put("normal", 50).put("caution", 20).put("alert", 5);
        }
        ObjectNode sc = c.putArray("subClusters").addObject();
        sc.put("name", "main").put("processorType", "Intel Xeon Platinum 8360Y");
        sc.put("socketsPerNode", 2).put("coresPerSocket", 36).put("threadsPerCore", 1);
        sc.set("flopRateScalar", rate("F/s", 432));
        sc.set("flopRateSimd", rate("F/s", 9216));
        sc.set("memoryBandwidth", rate("B/s", 350));
        sc.put("nodes", name.charAt(0) + "[0001-0999]");
        ObjectNode topology = sc.putObject("topology");
        ArrayNode node = topology.putArray("node");
        ArrayNode sockets = topology.putArray("socket");
        ArrayNode domains = topology.putArray("memoryDomain");
        ArrayNode cores = topology.putArray("core");
        for (int s = 0; s < 2; s++) {
            ArrayNode socket = sockets.addArray();
            ArrayNode domain = domains.addArray();
            for (int i = s * 36; i < (s + 1) * 36; i++) {
                node.add(i);
                socket.add(i);
                domain.add(i);
                cores.addArray().add(i);
            }
        }
        return c;
    }

    private static ObjectNode rate(String base, int value) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.set("unit", unit(base).put("prefix", "G"));
        r.put("value", value);
        return r;
    }

    private static ObjectNode unit(String base) {
        return Json.MAPPER.createObjectNode().put("base", base);
    }

    /** A job-data document of about {@code size} bytes (exact for plain JSON, padded with whitespace). */
    static byte[] dataFile(int size, boolean gzip, Random random) throws IOException {
        int samples = Math.max(1, size / 60);
        byte[] result = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            byte[] json = dataJson(samples, random);
            result = gzip ? gzip(json) : json;
            if (result.length <= size && result.length > size * 0.95 || result.length == 0) {
                break;
            }
            samples = Math.max(1, (int) (samples * (double) size / result.length));
        }
        if (!gzip && result.length < size) {
            byte[] padded = new byte[size];
            System.arraycopy(result, 0, padded, 0, result.length);
            java.util.Arrays.fill(padded, result.length, size, (byte) '\n');
            return padded;
        }
        return result;
    }

    private static byte[] dataJson(int samples, Random random) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        int perMetric = Math.max(1, samples / METRICS.size());
        for (String[] metric : METRICS) {
            root.putObject(metric[0]).set("node", series(metric[1], perMetric, random));
        }
        ObjectNode fs = root.putArray("filesystems").addObject().put("name", "home").put("type", "nfs");
        fs.putObject("read_bw").set("node", series("B/s", 3, random));
        fs.putObject("write_bw").set("node", series("B/s", 3, random));
        return Json.compact(root).getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode series(String unit, int samples, Random random) {
        ObjectNode metric = Json.MAPPER.createObjectNode();
        metric.set("unit", unit(unit));
        metric.put("timestep", 60);
        ObjectNode s = metric.putArray("series").addObject();
        s.put("hostname", "n0001");
        s.putObject("statistics").put("avg", 1.5).put("min", 0).put("max", 3);
        ArrayNode data = s.putArray("data");
        for (int i = 0; i < samples; i++) {
            data.add(Math.round(random.nextDouble() * 100000) / 100.0);
        }
        return metric;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
