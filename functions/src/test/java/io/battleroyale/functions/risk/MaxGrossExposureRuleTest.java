package io.battleroyale.functions.risk;

import org.junit.jupiter.api.Test;

import static io.battleroyale.functions.risk.RiskFixtures.T0;
import static io.battleroyale.functions.risk.RiskFixtures.bar;
import static io.battleroyale.functions.risk.RiskFixtures.buy;
import static io.battleroyale.functions.risk.RiskFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;

class MaxGrossExposureRuleTest {
    private final MaxGrossExposureRule rule = new MaxGrossExposureRule(100_000);

    @Test
    void sumsAbsolutePositionsAcrossSymbolsAtLastPrices() {
        RiskState state = new RiskState();
        RiskGate none = new RiskGate(RiskLimits.none());
        none.onBar(state, bar("SPY", T0, 500));
        none.onBar(state, bar("TLT", T0, 100));
        state.agent("trend").positions.put("SPY", 100.0); // 50,000
        state.agent("trend").positions.put("TLT", -200.0); // 20,000 (short counts too)

        // 70,000 + 70 × 500 = 105,000
        assertThat(rule.check(buy("trend", "SPY", 70, 500, T0), state))
                .contains(
                        "max_gross_exposure: agent trend 70,000.00 -> 105,000.00 > limit 100,000.00");
        assertThat(rule.check(buy("trend", "SPY", 60, 500, T0), state)).isEmpty();
    }

    @Test
    void anOrderThatShrinksExposurePassesEvenAboveTheLimit() {
        RiskState state = new RiskState();
        state.agent("trend").positions.put("SPY", 1_000.0);
        state.agent("trend").marks.put("SPY", 500.0); // no bar: priced at its mark
        assertThat(rule.check(sell("trend", "SPY", 100, 500, T0), state)).isEmpty();
        assertThat(rule.check(buy("trend", "SPY", 1, 500, T0), state))
                .contains(
                        "max_gross_exposure: agent trend 500,000.00 -> 500,500.00 > limit 100,000.00");
    }

    @Test
    void aNewSymbolWithoutPriceUsesTheOrdersReferencePrice() {
        assertThat(rule.check(buy("trend", "BTC", 2, 60_000, T0), new RiskState()))
                .contains("max_gross_exposure: agent trend 0.00 -> 120,000.00 > limit 100,000.00");
    }
}
