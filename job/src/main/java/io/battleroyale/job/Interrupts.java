package io.battleroyale.job;

import sun.misc.Signal;

import javax.annotation.Nullable;

/**
 * Ctrl-C handling without JVM shutdown hooks: the JVM keeps running while the job drains, and exits
 * normally once the leaderboard is written.
 */
final class Interrupts {
    @Nullable private static volatile Runnable action;
    private static boolean installed;

    private Interrupts() {}

    static synchronized void onInterrupt(Runnable onInterrupt) {
        action = onInterrupt;
        if (!installed) {
            try {
                Signal.handle(
                        new Signal("INT"),
                        signal -> {
                            Runnable current = action;
                            if (current != null) {
                                current.run();
                            } else {
                                System.exit(130);
                            }
                        });
                installed = true;
            } catch (IllegalArgumentException e) {
                // no console signals here (e.g. inside a test runner): nothing to install
            }
        }
    }

    /** Does what Ctrl-C does, if a run is listening; {@code false} when none is (yet). */
    static boolean interrupt() {
        Runnable current = action;
        if (current == null) {
            return false;
        }
        current.run();
        return true;
    }

    static void clear() {
        action = null;
    }
}
