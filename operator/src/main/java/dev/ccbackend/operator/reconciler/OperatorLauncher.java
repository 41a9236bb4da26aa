package dev.ccbackend.operator.reconciler;

import dev.ccbackend.operator.metrics.OperatorMetrics;
import dev.ccbackend.operator.steps.ConfigConversion;
import dev.ccbackend.operator.steps.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.util.Set;

/** All JOSDK wiring in one place: used by {@code run}, {@code demo} and the flow tests. */
public final class OperatorLauncher {
    private OperatorLauncher() {
    }

    /**
     * Starts the operator on {@code client}.
     *
     * @param namespaces     namespaces to watch; empty for all
     * @param leaderElection null to run without (tests, demo)
     */
    public static Operator start(KubernetesClient client, OperatorSettings settings, ConfigConversion conversion,
                                 Clock clock, OperatorMetrics metrics, Set<String> namespaces,
                                 LeaderElectionConfiguration leaderElection) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    // Status is written with JSON merge patches: no server-side apply anywhere, so the
                    // mock API server (which has none) behaves like a real one.
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    // Never System.exit from inside the library; the caller decides.
                    .withStopOnInformerErrorDuringStartup(false)
                    .withCloseClientOnStop(false);
            if (leaderElection != null) {
                o.withLeaderElectionConfiguration(leaderElection);
            }
        });
        CcBackendUpgradeReconciler reconciler = new CcBackendUpgradeReconciler(client,
                StepRegistry.standard(conversion), settings, clock, metrics);
        operator.register(reconciler, c -> {
            c.withName("ccbackendupgrade");
            // An API error mid-upgrade must never leave it stuck: keep retrying, at most once a minute.
            c.withRetry(new GenericRetry().setInitialInterval(1000).setIntervalMultiplier(2)
                    .setMaxInterval(60_000).withoutMaxAttempts());
            if (!namespaces.isEmpty()) {
                c.settingNamespaces(namespaces);
            }
        });
        operator.start();
        return operator;
    }
}
