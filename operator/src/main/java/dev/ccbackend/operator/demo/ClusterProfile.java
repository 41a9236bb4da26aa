package dev.ccbackend.operator.demo;

import java.time.Duration;

/**
 * How hard the test cluster is on the operator. {@link #realistic()} (the default of the demo and the
 * flow tests) behaves like a real cluster: pods take time to start and to go away, claims bind as
 * their storage class says (WaitForFirstConsumer: only once a pod uses them), snapshots take time
 * and report a restoreSize rounded up to whole GiB. {@link #ideal()} does everything at once.
 *
 * @param podStartDelay        Pending/ContainerCreating before a container runs
 * @param podTerminationDelay  a deleted pod stays (terminating) this long
 * @param snapshotReadyDelay   a snapshot becomes readyToUse after this long
 * @param restoreSizeWholeGiB  a snapshot's restoreSize is its claim's size rounded up to whole GiB
 * @param volumeBindingMode    the default storage class's: Immediate or WaitForFirstConsumer
 */
public record ClusterProfile(String name, Duration podStartDelay, Duration podTerminationDelay, Duration snapshotReadyDelay,
                             boolean restoreSizeWholeGiB, String volumeBindingMode) {
    public static final String IMMEDIATE = "Immediate";
    public static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

    public static ClusterProfile ideal() {
        return new ClusterProfile("ideal", Duration.ZERO, Duration.ZERO, Duration.ZERO, false, IMMEDIATE);
    }

    public static ClusterProfile realistic() {
        return new ClusterProfile("realistic", Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500), true,
                WAIT_FOR_FIRST_CONSUMER);
    }

    /** {@code ideal} or {@code realistic}. */
    public static ClusterProfile parse(String name) {
        return switch (name) {
            case "ideal" -> ideal();
            case "realistic" -> realistic();
            default -> throw new IllegalArgumentException("--cluster must be realistic or ideal, not '" + name + "'");
        };
    }

    public ClusterProfile withBinding(String mode) {
        if (!IMMEDIATE.equals(mode) && !WAIT_FOR_FIRST_CONSUMER.equals(mode)) {
            throw new IllegalArgumentException("--storage-binding must be Immediate or WaitForFirstConsumer, not '" + mode + "'");
        }
        return new ClusterProfile(name, podStartDelay, podTerminationDelay, snapshotReadyDelay, restoreSizeWholeGiB, mode);
    }
}
