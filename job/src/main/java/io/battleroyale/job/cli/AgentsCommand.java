package io.battleroyale.job.cli;

import io.battleroyale.functions.agents.AgentCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the built-in agents and their parameters, as {@code --agents} accepts them. */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "Lists every built-in agent with its parameters and defaults.")
final class AgentsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(AgentCatalog.help());
    }
}
