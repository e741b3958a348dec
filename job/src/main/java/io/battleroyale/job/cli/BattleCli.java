package io.battleroyale.job.cli;

import io.battleroyale.model.bounds.Refusals;
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
            "The execution gateway is its own deployable (gateway/target/battle-gateway.jar):"
                    + " ./battle gateway --help",
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
            ExplainCommand.class,
            StateCommand.class,
            ClusterCommand.class,
            SubmitCommand.class,
            StopCommand.class,
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
        return withOneLineErrors(new CommandLine(BattleCli.class));
    }

    /**
     * The {@code run} and {@code backtest} commands as a cluster runs them: in the environment the
     * cluster gives, with its configuration ({@link io.battleroyale.job.ClusterEntryPoint}).
     */
    public static CommandLine clusterCommandLine() {
        CommandLine.IFactory onCluster =
                new CommandLine.IFactory() {
                    @Override
                    public <K> K create(Class<K> type) throws Exception {
                        K made = CommandLine.defaultFactory().create(type);
                        if (made instanceof BattleCommand command) {
                            command.onCluster = true;
                        }
                        return made;
                    }
                };
        CommandLine cli = new CommandLine(new ClusterCommands(), onCluster);
        return withOneLineErrors(cli);
    }

    /** What a cluster runs: a battle on live or synthetic data, or a backtest. */
    @Command(
            name = "battle",
            mixinStandardHelpOptions = true,
            subcommands = {RunCommand.class, BacktestCommand.class})
    static final class ClusterCommands {}

    private static CommandLine withOneLineErrors(CommandLine cli) {
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    LOG.error("battle {} failed", commandLine.getCommandName(), e);
                    commandLine
                            .getErr()
                            .println(
                                    "error: "
                                            + Refusals.reason(e)
                                            + Refusals.logHint(commandLine.getCommandName()));
                    return Refusals.exitCode(e);
                });
        return cli;
    }
}
