package io.battleroyale.job.cli;

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

    private BattleCli() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: input problems print one line, not a stack. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(BattleCli.class);
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                        if (cause instanceof IllegalArgumentException) {
                            commandLine.getErr().println("error: " + cause.getMessage());
                            return 2;
                        }
                    }
                    throw e;
                });
        return cli;
    }
}
