package dev.ccbackend.migrator.catalog;

import java.util.ArrayList;
import java.util.List;

/** One successive version step, e.g. archive 1 → 2. */
public record Hop(int from, int to) {

    /**
     * The successive hops from {@code from} up to {@code to}: 1→3 gives 1→2, 2→3 (cc-backend's
     * archive only ever moves one version at a time). Empty when nothing is to do or on a downgrade.
     */
    public static List<Hop> successive(int from, int to) {
        List<Hop> hops = new ArrayList<>();
        for (int v = from; v < to; v++) {
            hops.add(new Hop(v, v + 1));
        }
        return List.copyOf(hops);
    }

    @Override
    public String toString() {
        return from + "→" + to;
    }
}
