package io.battleroyale.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line explains itself and refuses bad options before anything runs. */
class CliTest {

    @Test
    void topLevelHelpListsTheCommands() {
        Cli cli = Cli.run("--help");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("run").contains("backtest").contains("agents");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "backtest", "agents"})
    void everyCommandExplainsItsOptions(String command) {
        Cli cli = Cli.run(command, "--help");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("Usage: battle " + command);
    }

    @Test
    void stopRefusesWhatIsNotAJobIdBeforeCallingAnyCluster() {
        // port 9 (discard) would only answer with a refused connection: the id is checked first
        Cli cli = Cli.run("stop", "--cluster", "http://127.0.0.1:9", "not-a-job");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("a job id is 32 hex digits, not `not-a-job`");
        assertThat(cli.err().lines().filter(l -> !l.isBlank()).count()).isEqualTo(1);
    }

    @Test
    void aClusterThatDoesNotAnswerIsOneLine() {
        Cli cli = Cli.run("stop", "--cluster", "http://127.0.0.1:9", "0".repeat(32));
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).startsWith("error: ").doesNotContain("\tat ");
        assertThat(cli.err().lines().count()).isEqualTo(1);
    }

    @Test
    void runHelpShowsDefaults() {
        assertThat(Cli.run("run", "--help").out())
                .contains("--epochs")
                .contains("--seed")
                .contains("Default: 42")
                .contains("--agents")
                .contains("--state-backend");
    }

    @Test
    void anUnknownAgentIsRefusedWithTheValidNames() {
        Cli cli = Cli.run("run", "--epochs", "1", "--agents", "trend;moonshot");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("moonshot").contains("trend").contains("meanrev");
    }

    @Test
    void anUnknownParameterIsRefusedWithTheAgentsKeys() {
        Cli cli = Cli.run("run", "--epochs", "1", "--agents", "trend:fastest=3");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("fastest").contains("fast").contains("slow");
    }

    @Test
    void aMissingPricesFileIsNamed() {
        Cli cli = Cli.run("backtest", "--prices", "/nowhere/prices.csv", "--out", "target/x");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("/nowhere/prices.csv");
    }

    @Test
    void aBadSizingIsExplained() {
        Cli cli = Cli.run("run", "--epochs", "1", "--sizing", "everything");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("everything");
    }

    @Test
    void agentsListsEveryBuiltInAgent() {
        assertThat(Cli.run("agents").out())
                .contains("trend")
                .contains("meanrev")
                .contains("event")
                .contains("fed")
                .contains("meta")
                .contains("shift_threshold");
    }
}
