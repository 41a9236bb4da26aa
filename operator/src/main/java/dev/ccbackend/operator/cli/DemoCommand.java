package dev.ccbackend.operator.cli;

import dev.ccbackend.migrator.util.Directories;
import dev.ccbackend.operator.api.ApprovalPolicy;
import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.CcBackendUpgradeStatus;
import dev.ccbackend.operator.api.MigratorSpec;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.RollbackPolicy;
import dev.ccbackend.operator.api.UpgradeStrategy;
import dev.ccbackend.operator.demo.CcBackendStartupCheck;
import dev.ccbackend.operator.demo.ClaimStore;
import dev.ccbackend.operator.demo.ClusterProfile;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.Faults;
import dev.ccbackend.operator.demo.DataOwner;
import dev.ccbackend.operator.demo.RuntimeChoice;
import dev.ccbackend.operator.demo.SampleSite;
import dev.ccbackend.operator.demo.TestingCluster;
import dev.ccbackend.operator.kube.LogSource;
import dev.ccbackend.operator.metrics.OperatorMetrics;
import dev.ccbackend.operator.reconciler.OperatorLauncher;
import dev.ccbackend.operator.steps.MigratorConfigConversion;
import dev.ccbackend.operator.steps.OperatorSettings;
import io.javaoperatorsdk.operator.Operator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one command for a newcomer: an embedded API server with fake controllers, a cc-backend
 * v1.3.1 Deployment on generated sample data owned by a non-root uid, a CcBackendUpgrade to v1.5.4,
 * and its progress printed live. The migrations are real: the Job pods run as podman containers of
 * the cc-migrator image (or cc-migrator in this JVM where podman is not available).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Upgrade a simulated cc-backend v1.3.1 to v1.5.4 without a cluster and show every step.")
public class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--to", defaultValue = "v1.5.4", description = "Release to upgrade to. Default: ${DEFAULT-VALUE}.")
    String toRelease;

    @Option(names = "--jobs", defaultValue = "200", description = "Jobs in the sample archive and database. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @Option(names = "--approval", paramLabel = "Automatic|Manual", defaultValue = "Automatic",
            description = "Manual: the upgrade waits after planning for spec.approvedPlan; the demo shows the plan and"
                    + " approves it itself after 3 s, as an admin would. Default: ${DEFAULT-VALUE}.")
    ApprovalPolicy approval;

    @Option(names = "--strategy", paramLabel = "Offline|Online", defaultValue = "Offline",
            description = "Offline: migrate with cc-backend stopped; Online: prepare while it runs, stop it only for the"
                    + " cutover (compare the downtime each prints). Default: ${DEFAULT-VALUE}.")
    UpgradeStrategy strategy;

    @Option(names = "--fail-at", paramLabel = "STEP", description = "Break the fake cluster at one step: plan, prepare,"
            + " quiesce, snapshot, database, archive, cutover, config, swap, verify, smoke-test (cc-backend runs but answers"
            + " HTTP 500).")
    String failAt;

    @Option(names = "--fault", paramLabel = "NAME",
            description = "Make the cluster misbehave as real ones do (repeatable): image-pull, unschedulable, evicted-pod, "
                    + "snapshot-transient-error, node-drain, rollout-deadline.")
    java.util.List<String> clusterFaults = new java.util.ArrayList<>();

    @Option(names = "--cluster", defaultValue = "realistic", paramLabel = "realistic|ideal",
            description = "realistic: pods take time to start and stop, claims bind as their storage class says, snapshots "
                    + "take time and round their size up; ideal: everything at once. Default: ${DEFAULT-VALUE}.")
    String cluster;

    @Option(names = "--storage-binding", paramLabel = "MODE",
            description = "The storage class's volumeBindingMode: Immediate or WaitForFirstConsumer (default: the profile's, "
                    + "WaitForFirstConsumer when realistic).")
    String storageBinding;

    @Option(names = "--rollback", defaultValue = "Manual", description = "Automatic or Manual. Default: ${DEFAULT-VALUE}.")
    RollbackPolicy rollback;

    @Option(names = "--work-dir", description = "Where the claims and snapshots live (default: a new temporary directory).")
    Path workDir;

    @Option(names = "--runtime", defaultValue = "auto", paramLabel = "podman|in-process|auto",
            description = "What runs the Job pods: podman (each pod a real container, as its securityContext says), "
                    + "in-process (cc-migrator in this JVM), or auto: podman when it works and has the image. Default: ${DEFAULT-VALUE}.")
    String runtime;

    @Option(names = "--migrator-image", defaultValue = RuntimeChoice.DEFAULT_IMAGE,
            description = "The cc-migrator image podman runs (scripts/build-images.sh builds it). Default: ${DEFAULT-VALUE}.")
    String migratorImage;

    @Option(names = "--data-owner", paramLabel = "UID:GID",
            description = "Who owns the sample data and runs cc-backend (never root on a real site). "
                    + "Default: 1000:1000 when run as root, else your own uid:gid.")
    String dataOwner;

    @Option(names = "--name", defaultValue = DemoInstallation.DEPLOYMENT,
            description = "Name of the CcBackendUpgrade and the Deployment (claim <name>-var, ConfigMap <name>-config); "
                    + "a DNS label of up to 63 characters. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--archive-parallelism", defaultValue = "1", paramLabel = "N",
            description = "Migrate the archive in N shards (an Indexed Job) on a ReadWriteMany claim. Default: ${DEFAULT-VALUE}.")
    int archiveParallelism;

    @Option(names = "--verbose", description = "Show the operator's own log lines too.")
    boolean verbose;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "Give up after this long (ISO-8601). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!verbose) {
            // The operator's INFO lines would drown the progress lines.
            if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
                root.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
        if (workDir != null) {
            out.println("demo: claims and snapshots under " + Files.createDirectories(workDir));
            return runDemo(workDir, out);
        }
        // Without --work-dir the sample site is scratch: leave nothing behind in /tmp.
        Path work = Files.createTempDirectory("cc-upgrade-demo");
        try {
            return runDemo(work, out);
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    private int runDemo(Path work, PrintWriter out) throws Exception {
        Faults faults = (failAt == null ? Faults.none() : Faults.at(Faults.Step.parse(failAt)))
                .with(clusterFaults.stream().map(Faults.ClusterFault::parse).toList());
        ClusterProfile profile = ClusterProfile.parse(cluster);
        profile = storageBinding == null ? profile : profile.withBinding(storageBinding);
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be 1 or more, not " + jobs);
        }
        DataOwner owner = dataOwner == null ? DataOwner.forThisMachine() : DataOwner.parse(dataOwner);
        DemoInstallation site = site();
        RuntimeChoice choice = RuntimeChoice.choose(RuntimeChoice.Requested.parse(runtime), migratorImage);
        out.println("demo: " + choice.line());
        out.println("demo: cluster " + profile.name() + " (storage binding " + profile.volumeBindingMode() + ")"
                + (clusterFaults.isEmpty() ? "" : ", faults: " + String.join(", ", clusterFaults)));
        try (TestingCluster cluster = new TestingCluster(work, choice.runtime(),
                faults.startup(new CcBackendStartupCheck(new ClaimStore(work)), toRelease),
                faults, profile)) {
            SampleSite sample = SampleSite.write(cluster.claims().claim(site.claim()), jobs);
            out.println("demo: cc-backend v1.3.1 as uid:gid " + owner + " with " + sample.describe() + " on claim " + site.claim());
            cluster.install(site, "v1.3.1", sample.configJson(), owner);
            OperatorSettings settings = new OperatorSettings(choice.migratorImage(), Duration.ofMillis(250),
                    LogSource.podLog(), Duration.ofDays(1));
            Operator operator = OperatorLauncher.start(cluster.client(), settings, faults.conversion(new MigratorConfigConversion()),
                    Clock.systemUTC(), new OperatorMetrics(), Set.of(), null);
            try {
                awaitCcBackend(cluster, site);
                CcBackendUpgrade upgrade = site.upgradeTo(toRelease, rollback);
                upgrade.getSpec().archive.parallelism = archiveParallelism;
                upgrade.getSpec().migrator = new MigratorSpec();
                upgrade.getSpec().migrator.timeouts.rollout = "20s"; // a demo need not wait 10 minutes for stuck pods
                upgrade.getSpec().migrator.timeouts.podStart = "10s";
                upgrade.getSpec().migrator.timeouts.snapshot = "15s";
                upgrade.getSpec().approval = approval;
                upgrade.getSpec().strategy = strategy;
                cluster.client().resource(upgrade).create();
                out.println("demo: applied CcBackendUpgrade " + DemoInstallation.NAMESPACE + "/" + site.name()
                        + " (v1.3.1 -> " + toRelease + ", strategy " + strategy + ")");
                return follow(cluster, site, out);
            } finally {
                operator.stop();
            }
        }
    }

    /** The sample site: named, and on a ReadWriteMany claim when the archive is sharded. */
    private DemoInstallation site() {
        if (name.length() > 63 || !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("--name must be a DNS label (lower-case letters, digits, '-', at most 63 characters), not '"
                    + name + "'");
        }
        if (archiveParallelism < 1) {
            throw new IllegalArgumentException("--archive-parallelism must be 1 or more, not " + archiveParallelism);
        }
        DemoInstallation site = DemoInstallation.named(name);
        return archiveParallelism > 1 ? site.readWriteMany() : site;
    }

    private static void awaitCcBackend(TestingCluster cluster, DemoInstallation site) throws InterruptedException {
        while (cluster.client().pods().inNamespace(DemoInstallation.NAMESPACE)
                .withLabel("app.kubernetes.io/name", site.name()).list().getItems().isEmpty()) {
            Thread.sleep(50);
        }
    }

    /** Prints each change of phase or message until the upgrade ends; returns the exit code. */
    private int follow(TestingCluster cluster, DemoInstallation site, PrintWriter out) throws InterruptedException {
        Instant start = Instant.now();
        String last = "";
        while (Duration.between(start, Instant.now()).compareTo(timeout) < 0) {
            CcBackendUpgrade cr = cluster.client().resources(CcBackendUpgrade.class)
                    .inNamespace(DemoInstallation.NAMESPACE).withName(site.name()).get();
            CcBackendUpgradeStatus s = cr.getStatus();
            if (s != null && s.phase != null) {
                String line = String.format("%6.1fs  %-18s %s", Duration.between(start, Instant.now()).toMillis() / 1000.0,
                        s.phase, Objects.toString(s.message, ""));
                if (!line.substring(8).equals(last)) {
                    out.println(line);
                    out.flush();
                    last = line.substring(8);
                }
                if (s.phase.terminal() && s.phase != Phase.Pending) {
                    return exitCode(s, out);
                }
                if (s.phase == Phase.AwaitingApproval && s.plan != null && cr.getSpec().approvedPlan == null
                        && Objects.toString(s.message, "").startsWith("waiting for approval")) {
                    approveLater(cluster, site, s, out);
                }
            }
            Thread.sleep(100);
        }
        out.println("demo: no result after " + timeout);
        return 1;
    }

    /** What an admin does with approval: Manual: read the plan, then approve exactly its hash. */
    private static void approveLater(TestingCluster cluster, DemoInstallation site, CcBackendUpgradeStatus s, PrintWriter out)
            throws InterruptedException {
        out.println("demo: the plan waiting for approval (status.plan): " + String.join("; ", s.plan.steps) + "; "
                + s.plan.databaseJobs + " database jobs, " + s.plan.jobs + " archived jobs, about " + s.plan.estimatedDowntimeSeconds
                + " s of downtime, hash " + s.plan.hash);
        out.println("demo: approving it in 3 s, as an admin would: kubectl patch ccup " + site.name()
                + " --type merge -p '{\"spec\":{\"approvedPlan\":\"" + s.plan.hash + "\"}}'");
        out.flush();
        Thread.sleep(3000);
        site.editSpec(cluster.client(), spec -> spec.approvedPlan = s.plan.hash);
    }

    private static int exitCode(CcBackendUpgradeStatus s, PrintWriter out) {
        s.steps.forEach(step -> out.printf("  %-18s %-9s %s%n", step.name, step.state, Objects.toString(step.message, "")));
        switch (s.phase) {
            case Succeeded -> {
                out.println("demo: Succeeded: " + s.message);
                return 0;
            }
            case RolledBack -> {
                out.println("demo: RolledBack: " + s.message);
                if (s.downtimeSeconds != null) {
                    out.println("demo: cc-backend was down for " + s.downtimeSeconds + " s (from its scale-down until the old version ran again)");
                }
                return 2;
            }
            default -> {
                s.conditions.stream().filter(c -> "Failed".equals(c.type)).findFirst()
                        .ifPresent(c -> out.println("demo: Failed (" + c.reason + "): " + c.message));
                return 1;
            }
        }
    }
}
