package io.battleroyale.functions.risk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.battleroyale.functions.risk.RiskFixtures.MINUTE;
import static io.battleroyale.functions.risk.RiskFixtures.T0;
import static io.battleroyale.functions.risk.RiskFixtures.buy;
import static io.battleroyale.functions.risk.RiskFixtures.withBar;
import static org.assertj.core.api.Assertions.assertThat;

class StaleMarketDataRuleTest {
    private final StaleMarketDataRule rule = new StaleMarketDataRule(Duration.ofMinutes(5));

    @Test
    void comparesTheOrdersEventTimeWithTheEndOfTheLastBar() {
        RiskState state = withBar("SPY", T0, 600);
        assertThat(rule.check(buy("trend", "SPY", 1, 600, T0), state)).isEmpty();
        assertThat(rule.check(buy("trend", "SPY", 1, 600, T0 + 5 * MINUTE), state)).isEmpty();
        assertThat(rule.check(buy("trend", "SPY", 1, 600, T0 + 5 * MINUTE + 1), state))
                .contains(
                        "max_data_age: SPY last bar ended 300001ms (300001 ms) before the order"
                                + " > limit 5m");
        assertThat(rule.check(buy("trend", "SPY", 1, 600, T0 + 2 * 60 * MINUTE), state))
                .contains(
                        "max_data_age: SPY last bar ended 2h (7200000 ms) before the order > limit 5m");
    }

    @Test
    void refusesASymbolWithNoBarSeen() {
        assertThat(rule.check(buy("trend", "QQQ", 1, 500, T0), withBar("SPY", T0, 600)))
                .contains("max_data_age: no bar seen for QQQ");
    }
}
