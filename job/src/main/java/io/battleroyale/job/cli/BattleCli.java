package io.battleroyale.job.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code battle} command line. */
@Command(
        name = "battle",
        mixinStandardHelpOptions = true,
        version = "battle royale 0.1.0",
        description = {
            "Trading agents compete on market prices enriched with prediction-market event"
                    + " probabilities, in one Flink job.",
            ""
        },
        footer = {
            "",
            "Logs: one file per command, job/target/local/battle-<command>.log (appended, each line"
                    + " with its process id, rotated at 10 MB, 5 kept). The console shows one line"
                    + " per failure; the full trace is in the log."
        },
        subcommands = {
            RunCommand.class,
            BacktestCommand.class,
            StressCommand.class,
            AgentsCommand.class,
            MarketsCommand.class,
            RecordCommand.class,
            BenchCommand.class,
            GatewayCommand.class,
            CommandLine.HelpCommand.class
        })
public final class BattleCli {

    private static final Logger LOG = LoggerFactory.getLogger(BattleCli.class);

    private BattleCli() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command on the process's console, flushes it and returns the exit code. */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    /**
     * The command line with its error handling: every failure prints one line, {@code error:
     * <reason>}, and exits non-zero (2 for bad input, 1 otherwise); the stack trace goes to the log
     * only.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(BattleCli.class);
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    LOG.error("battle {} failed", commandLine.getCommandName(), e);
                    commandLine.getErr().println("error: " + reason(e) + logHint(commandLine));
                    return isBadInput(e) ? 2 : 1;
                });
        return cli;
    }

    /** The first message in the cause chain that is not a wrapper's (Flink's, a future's). */
    static String reason(Throwable e) {
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

    private static boolean isBadInput(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Where the trace went, when the launcher set up a log file. */
    private static String logHint(CommandLine commandLine) {
        String dir = System.getProperty("battle.log.dir");
        String command = System.getProperty("battle.command");
        return dir == null || command == null
                ? ""
                : " (trace in " + dir + "/battle-" + command + ".log)";
    }
}
