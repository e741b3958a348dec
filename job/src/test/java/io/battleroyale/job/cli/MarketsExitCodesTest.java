package io.battleroyale.job.cli;

import io.battleroyale.sources.venues.MarketsInspector.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit codes {@code ./battle markets --help} promises, one per outcome of a listing. */
class MarketsExitCodesTest {
    @Test
    void everyOutcomeHasTheExitCodeTheHelpPromises() {
        assertThat(Arrays.stream(Outcome.values()).map(MarketsCommand::exitCode))
                .containsExactly(0, 1, 2, 3, 4);
        String help = BattleCli.commandLine().getSubcommands().get("markets").getUsageMessage();
        assertThat(help.replaceAll("\\s+", " "))
                .contains("0 the venue answered; 1 not reachable after retries")
                .contains("2 bad arguments; 3 listing cut by the paging guard; 4 no Polymarket");
    }
}
