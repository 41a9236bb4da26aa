package dev.ccbackend.operator.demo;

import java.util.function.Consumer;

/** What runs a container for the test cluster's kubelet: podman, or the migrator inside this JVM. */
public interface ContainerRuntime extends AutoCloseable {

    /** Runs the container to its end; every output line goes to {@code output}; returns the exit code. */
    int run(ContainerRun container, Consumer<String> output) throws Exception;

    /** Whether {@code image} is present (the kubelet's pull). */
    boolean hasImage(String image);

    /** One line for the user: what runs the pods. */
    String describe();

    @Override
    default void close() {
    }
}
