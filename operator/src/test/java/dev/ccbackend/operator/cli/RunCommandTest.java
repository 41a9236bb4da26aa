package dev.ccbackend.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ccbackend.operator.CcUpgradeOperator;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    /** Runs {@code test} with the client pointed at {@code master} and no kubeconfig, then restores the properties. */
    private static void withApiServer(String master, Runnable test) {
        String before = System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, master);
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        System.setProperty("kubernetes.request.retry.backoffLimit", "0");
        try {
            test.run();
        } finally {
            if (before == null) {
                System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
            } else {
                System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, before);
            }
            System.clearProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
            System.clearProperty("kubernetes.request.retry.backoffLimit");
        }
    }

    private static String run(int expectedCode) {
        StringWriter err = new StringWriter();
        CommandLine cli = CcUpgradeOperator.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("run", "--health-port", "-1", "--leader-election", "false")).isEqualTo(expectedCode);
        return err.toString();
    }

    @Test
    void refusesToStartWhenTheCrdIsNotInstalled() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        try {
            withApiServer(server.createClient().getMasterUrl().toString(), () -> assertThat(run(1))
                    .startsWith("error: the CRD ccbackendupgrades.cc-backend.dev is not installed").contains("kubectl apply -f crds/"));
        } finally {
            server.destroy();
        }
    }

    @Test
    void anUnreachableApiServerIsOneErrorLineSayingWhatToCheck() {
        withApiServer("https://127.0.0.1:1", () -> assertThat(run(1).strip())
                .startsWith("error: cannot reach the Kubernetes API server at https://127.0.0.1:1").contains("kubeconfig")
                .hasLineCount(1));
    }

    @Test
    void theVersionIsPrinted() {
        StringWriter out = new StringWriter();
        CommandLine cli = CcUpgradeOperator.commandLine();
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("cc-upgrade-operator ");
    }

    @Test
    void watchedNamespacesComeFromACommaSeparatedList() {
        RunCommand run = new RunCommand();
        run.namespaces = " hpc, ,lab ";
        assertThat(run.watched()).containsExactlyInAnyOrder("hpc", "lab");
        run.namespaces = "";
        assertThat(run.watched()).isEmpty();
    }
}
