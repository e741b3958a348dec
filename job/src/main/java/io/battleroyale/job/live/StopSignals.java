package io.battleroyale.job.live;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named one-shot signals inside this JVM, used to end live sources of a locally run job (the {@code
 * battle} launcher's MiniCluster) when the bounded part of the run is over. On a cluster the signal
 * never crosses task managers; live deployments run unbounded and stop with a savepoint.
 */
public final class StopSignals {
    private static final Map<String, CompletableFuture<Void>> SIGNALS = new ConcurrentHashMap<>();

    private StopSignals() {}

    /** The future completed when {@code name} is raised. */
    public static CompletableFuture<Void> of(String name) {
        return SIGNALS.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    public static void raise(String name) {
        of(name).complete(null);
    }

    public static boolean raised(String name) {
        return of(name).isDone();
    }

    /** Drops a signal once its run is over. */
    public static void clear(String name) {
        SIGNALS.remove(name);
    }
}
