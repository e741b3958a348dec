package io.battleroyale.job;

import sun.misc.Signal;

import javax.annotation.Nullable;

/**
 * Ctrl-C and SIGTERM handling without JVM shutdown hooks: the JVM keeps running while the job
 * stops, and exits normally once the leaderboard is written. Ctrl-C (SIGINT) drains the graph;
 * SIGTERM ({@code kill PID}, what a process manager sends) keeps a savepoint without draining, for
 * an upgrade that resumes where the run was.
 */
final class Interrupts {
    @Nullable private static volatile Runnable onInterrupt;
    @Nullable private static volatile Runnable onTerminate;
    private static boolean installed;

    private Interrupts() {}

    static synchronized void on(Runnable interrupt, Runnable terminate) {
        onInterrupt = interrupt;
        onTerminate = terminate;
        if (!installed) {
            try {
                Signal.handle(new Signal("INT"), signal -> run(onInterrupt, 130));
                Signal.handle(new Signal("TERM"), signal -> run(onTerminate, 143));
                installed = true;
            } catch (IllegalArgumentException e) {
                // no console signals here (e.g. inside a test runner): nothing to install
            }
        }
    }

    private static void run(@Nullable Runnable action, int exitWithoutARun) {
        if (action != null) {
            action.run();
        } else {
            System.exit(exitWithoutARun);
        }
    }

    /** Does what Ctrl-C does, if a run is listening; {@code false} when none is (yet). */
    static boolean interrupt() {
        Runnable current = onInterrupt;
        if (current == null) {
            return false;
        }
        current.run();
        return true;
    }

    static void clear() {
        onInterrupt = null;
        onTerminate = null;
    }
}
