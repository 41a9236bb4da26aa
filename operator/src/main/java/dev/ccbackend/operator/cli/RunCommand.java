package dev.ccbackend.operator.cli;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import dev.ccbackend.operator.kube.LogSource;
import dev.ccbackend.operator.metrics.HealthServer;
import dev.ccbackend.operator.metrics.OperatorMetrics;
import dev.ccbackend.operator.reconciler.OperatorLauncher;
import dev.ccbackend.operator.steps.MigratorConfigConversion;
import dev.ccbackend.operator.steps.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the operator against the cluster of the current kubeconfig or the pod's service account.
 * Every option has an environment variable (the Helm chart sets those).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the operator against a cluster.")
public class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--namespaces", defaultValue = "${env:WATCH_NAMESPACES:-}", paramLabel = "NS[,NS]",
            description = "Namespaces to watch, comma-separated; empty: all (env WATCH_NAMESPACES).")
    String namespaces;

    @Option(names = "--migrator-image", defaultValue = "${env:MIGRATOR_IMAGE:-ghcr.io/cc-upgrade-operator/cc-migrator:0.1.0}",
            description = "cc-migrator image for resources that name none (env MIGRATOR_IMAGE). Default: ${DEFAULT-VALUE}.")
    String migratorImage;

    @Option(names = "--leader-election", defaultValue = "${env:LEADER_ELECTION_ENABLED:-true}", arity = "1",
            description = "Take a Lease so that only one replica acts (env LEADER_ELECTION_ENABLED). Default: ${DEFAULT-VALUE}.")
    boolean leaderElection;

    @Option(names = "--lease-name", defaultValue = "${env:LEADER_ELECTION_LEASE_NAME:-cc-upgrade-operator}",
            description = "Name of the Lease (env LEADER_ELECTION_LEASE_NAME).")
    String leaseName;

    @Option(names = "--lease-namespace", defaultValue = "${env:OPERATOR_NAMESPACE:-}",
            description = "Namespace of the Lease (env OPERATOR_NAMESPACE); default: the kubeconfig's namespace.")
    String leaseNamespace;

    @Option(names = "--identity", defaultValue = "${env:POD_NAME:-}", description = "Leader identity (env POD_NAME).")
    String identity;

    @Option(names = "--health-port", defaultValue = "${env:HEALTH_PORT:-8080}",
            description = "Port of /metrics, /healthz and /readyz (env HEALTH_PORT); -1 turns it off. Default: ${DEFAULT-VALUE}.")
    int healthPort;

    @Option(names = "--poll-interval", defaultValue = "10s", description = "How often a waiting step looks again (Go duration).")
    String pollInterval;

    @Override
    public Integer call() throws Exception {
        KubernetesClient client = new KubernetesClientBuilder().build();
        String crd = HasMetadata.getFullResourceName(CcBackendUpgrade.class);
        boolean installed;
        try {
            installed = client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String why = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName(); // ConnectException has none
            spec.commandLine().getErr().println("error: cannot reach the Kubernetes API server at "
                    + client.getConfiguration().getMasterUrl() + " (" + why + "): check the kubeconfig "
                    + "(KUBECONFIG, ~/.kube/config) or, in a pod, its service account");
            return 1;
        }
        if (!installed) {
            spec.commandLine().getErr().println("error: the CRD " + crd
                    + " is not installed: kubectl apply -f crds/ (or install the Helm chart)");
            return 1;
        }
        OperatorMetrics metrics = new OperatorMetrics();
        OperatorSettings settings = new OperatorSettings(migratorImage,
                dev.ccbackend.operator.api.GoDuration.parse(pollInterval), LogSource.podLog(), Duration.ofDays(7));
        Operator operator = OperatorLauncher.start(client, settings, new MigratorConfigConversion(), Clock.systemUTC(),
                metrics, watched(), leaderElection ? lease(client) : null);
        HealthServer health = healthPort < 0 ? null : HealthServer.start(healthPort, metrics::scrape,
                () -> operator.getRuntimeInfo().isStarted());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.stop();
            if (health != null) {
                health.close();
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    Set<String> watched() {
        return Arrays.stream(namespaces.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private LeaderElectionConfiguration lease(KubernetesClient client) {
        String ns = leaseNamespace.isBlank() ? client.getNamespace() : leaseNamespace;
        return new LeaderElectionConfiguration(leaseName, ns, identity.isBlank() ? null : identity);
    }
}
