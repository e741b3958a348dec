package io.battleroyale.model.bounds;

/**
 * How a failure reads on a console: one line, the reason a user can act on, never a stack trace. A
 * refused input ({@link IllegalArgumentException} anywhere in the cause chain) exits 2, anything
 * else 1. Every command line of the project (the battle job's, the gateway's) answers this way.
 */
public final class Refusals {

    /** Exit code of a refused input: a bad flag, file, row or request. */
    public static final int BAD_INPUT = 2;

    /** Exit code of any other failure. */
    public static final int FAILED = 1;

    private Refusals() {}

    /** The first message in the cause chain that is not a wrapper's (Flink's, a future's). */
    public static String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                return oneLine(cause.getMessage());
            }
        }
        Throwable chosen = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            chosen = cause;
            String type = cause.getClass().getName();
            boolean wrapper =
                    type.startsWith("org.apache.flink.")
                            || type.startsWith("java.util.concurrent.")
                            || type.startsWith("picocli.")
                            || cause.getMessage() == null;
            if (!wrapper) {
                break;
            }
        }
        String message = chosen.getMessage();
        return message == null ? chosen.getClass().getSimpleName() : oneLine(message);
    }

    /** {@link #BAD_INPUT} when the failure is a refused input, else {@link #FAILED}. */
    public static int exitCode(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException) {
                return BAD_INPUT;
            }
        }
        return FAILED;
    }

    /** Where the trace went, when the launcher set up a log file ({@code battle.log.dir}). */
    public static String logHint(String command) {
        String dir = System.getProperty("battle.log.dir");
        String name = System.getProperty("battle.command", command);
        return dir == null ? "" : " (trace in " + dir + "/battle-" + name + ".log)";
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
