package dev.ccbackend.operator.flow;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.demo.ClusterProfile;
import dev.ccbackend.operator.demo.DemoInstallation;
import dev.ccbackend.operator.demo.InProcessRuntime;
import dev.ccbackend.operator.demo.MigrationRunner;
import dev.ccbackend.operator.demo.RuntimeChoice;
import dev.ccbackend.operator.demo.TestingCluster;
import dev.ccbackend.operator.kube.LogSource;
import dev.ccbackend.operator.metrics.OperatorMetrics;
import dev.ccbackend.operator.reconciler.OperatorLauncher;
import dev.ccbackend.operator.steps.ConfigConversion;
import dev.ccbackend.operator.steps.OperatorSettings;
import io.fabric8.kubernetes.api.model.Event;
import io.javaoperatorsdk.operator.Operator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** A TestingCluster with the operator running on it, and ways to wait for and read what happened. */
final class OperatorHarness implements AutoCloseable {
    final TestingCluster cluster;
    private final OperatorSettings settings;
    private final ConfigConversion conversion;
    Operator operator;
    /** Every phase the resource went through, in order, as watch events showed them. */
    final List<Phase> phases = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The operator's metrics, as its /metrics serves them (kept across restarts, as a Prometheus would see them). */
    final OperatorMetrics metrics = new OperatorMetrics();
    private final io.fabric8.kubernetes.client.Watch watch;

    OperatorHarness(Path workDir, MigrationRunner runner, ConfigConversion conversion) {
        this(workDir, runner, conversion, pod -> true);
    }

    OperatorHarness(Path workDir, MigrationRunner runner, ConfigConversion conversion,
                    java.util.function.Predicate<io.fabric8.kubernetes.api.model.Pod> startup) {
        this(workDir, runner, conversion, startup, dev.ccbackend.operator.demo.Faults.none());
    }

    OperatorHarness(Path workDir, MigrationRunner runner, ConfigConversion conversion,
                    java.util.function.Predicate<io.fabric8.kubernetes.api.model.Pod> startup,
                    dev.ccbackend.operator.demo.Faults faults) {
        this(workDir, new RuntimeChoice(new InProcessRuntime(runner), "cc-migrator:test", "in-process"), conversion, startup, faults,
                ClusterProfile.realistic());
    }

    /**
     * The operator on a cluster that behaves as {@code profile} says (the tests' default: realistic), whose Job pods
     * run with {@code runtime} (podman: real containers of its image).
     */
    OperatorHarness(Path workDir, RuntimeChoice runtime, ConfigConversion conversion,
                    java.util.function.Predicate<io.fabric8.kubernetes.api.model.Pod> startup,
                    dev.ccbackend.operator.demo.Faults faults, ClusterProfile profile) {
        cluster = new TestingCluster(workDir, runtime.runtime(), faults.startup(startup, "v1.5.4"), faults, profile);
        conversion = faults.conversion(conversion);
        this.settings = new OperatorSettings(runtime.migratorImage(), Duration.ofMillis(100),
                LogSource.podLog(), Duration.ofDays(7));
        this.conversion = conversion;
        operator = startOperator();
        watch = cluster.client().resources(CcBackendUpgrade.class).inNamespace(DemoInstallation.NAMESPACE)
                .watch(new io.fabric8.kubernetes.client.Watcher<>() {
                    @Override
                    public void eventReceived(Action action, CcBackendUpgrade cr) {
                        Phase phase = cr.getStatus() == null ? null : cr.getStatus().phase;
                        if (phase != null && (phases.isEmpty() || phases.get(phases.size() - 1) != phase)) {
                            phases.add(phase);
                        }
                    }

                    @Override
                    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
                    }
                });
    }

    private Operator startOperator() {
        return OperatorLauncher.start(cluster.client(), settings, conversion, Clock.systemUTC(),
                metrics, Set.of(), null);
    }

    /** Stops the operator (as a crash or a lost lease would) and starts a fresh instance. */
    void restartOperator() {
        operator.stop();
        operator = startOperator();
    }

    CcBackendUpgrade get() {
        return cluster.client().resources(CcBackendUpgrade.class).inNamespace(DemoInstallation.NAMESPACE)
                .withName(DemoInstallation.DEPLOYMENT).get();
    }

    /** Applies the CcBackendUpgrade to v1.5.4 with {@code rollback} and the migrator settings {@code migrator} makes. */
    CcBackendUpgrade applyUpgrade(dev.ccbackend.operator.api.RollbackPolicy rollback,
                                  java.util.function.Consumer<dev.ccbackend.operator.api.MigratorSpec> migrator) {
        CcBackendUpgrade cr = DemoInstallation.upgrade("v1.5.4", rollback);
        cr.getSpec().migrator = new dev.ccbackend.operator.api.MigratorSpec();
        migrator.accept(cr.getSpec().migrator);
        return cluster.client().resource(cr).create();
    }

    /** Changes the upgrade's spec as a user would while the operator writes its status (409s retried). */
    void editSpec(java.util.function.Consumer<dev.ccbackend.operator.api.CcBackendUpgradeSpec> change) {
        DemoInstallation.DEFAULT.editSpec(cluster.client(), change);
    }

    /** Waits until the upgrade reaches a terminal phase; fails the test after {@code limit}. */
    CcBackendUpgrade awaitTerminal(Duration limit) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            CcBackendUpgrade cr = get();
            if (cr != null && cr.getStatus() != null && cr.getStatus().phase != null && cr.getStatus().phase.terminal()
                    && cr.getStatus().phase != Phase.Pending) {
                return cr;
            }
            Thread.sleep(50);
        }
        CcBackendUpgrade cr = get();
        throw new AssertionError("no terminal phase after " + limit + "; status: "
                + (cr == null ? null : dev.ccbackend.migrator.util.Json.pretty(cr.getStatus())));
    }

    /** Waits until the upgrade (with a status message) satisfies {@code condition}; fails the test after 20 s. */
    CcBackendUpgrade await(java.util.function.Predicate<CcBackendUpgrade> condition) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            CcBackendUpgrade cr = get();
            if (cr != null && cr.getStatus() != null && cr.getStatus().message != null && condition.test(cr)) {
                return cr;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never reached; status: " + dev.ccbackend.migrator.util.Json.pretty(get().getStatus()));
    }

    /** Waits until the fake Deployment controller runs cc-backend's pod, as a live site would. */
    void awaitCcBackendRunning() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (!cluster.client().pods().inNamespace(DemoInstallation.NAMESPACE)
                    .withLabel("app.kubernetes.io/name", DemoInstallation.DEPLOYMENT).list().getItems().isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("cc-backend pod never started");
    }

    /** Events on the upgrade in the order they were written. */
    List<Event> events() {
        return cluster.client().v1().events().inNamespace(DemoInstallation.NAMESPACE).list().getItems().stream()
                .sorted(Comparator.comparing(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .toList();
    }

    @Override
    public void close() {
        watch.close();
        operator.stop();
        cluster.close();
    }
}
