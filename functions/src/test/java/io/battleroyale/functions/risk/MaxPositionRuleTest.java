package io.battleroyale.functions.risk;

import org.junit.jupiter.api.Test;

import static io.battleroyale.functions.risk.RiskFixtures.T0;
import static io.battleroyale.functions.risk.RiskFixtures.buy;
import static io.battleroyale.functions.risk.RiskFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;

class MaxPositionRuleTest {
    private final MaxPositionRule rule = new MaxPositionRule(1_000);

    @Test
    void countsTheAgentsExistingPositionInThatSymbol() {
        RiskState state = new RiskState();
        state.agent("trend").positions.put("SPY", 800.0);
        state.agent("trend").positions.put("QQQ", 5_000.0); // other symbol: not counted
        state.agent("meanrev").positions.put("SPY", 5_000.0); // other agent: not counted

        assertThat(rule.check(buy("trend", "SPY", 300, 600, T0), state))
                .contains("max_position: SPY position 800 + 300 = 1,100, |1,100| > limit 1,000");
        assertThat(rule.check(buy("trend", "SPY", 200, 600, T0), state)).isEmpty();
    }

    @Test
    void appliesToShortPositionsAndLetsAnOversizedPositionShrink() {
        RiskState state = new RiskState();
        state.agent("trend").positions.put("SPY", -900.0);
        assertThat(rule.check(sell("trend", "SPY", 150.5, 600, T0), state))
                .contains(
                        "max_position: SPY position -900 - 150.5 = -1,050.5, |-1,050.5| > limit"
                                + " 1,000");

        state.agent("trend").positions.put("SPY", 3_000.0);
        assertThat(rule.check(sell("trend", "SPY", 500, 600, T0), state)).isEmpty();
    }
}
