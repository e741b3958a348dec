package io.battleroyale.functions.risk;

import org.junit.jupiter.api.Test;

import static io.battleroyale.functions.risk.RiskFixtures.T0;
import static io.battleroyale.functions.risk.RiskFixtures.buy;
import static io.battleroyale.functions.risk.RiskFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;

class MaxOrderNotionalRuleTest {
    private final MaxOrderNotionalRule rule = new MaxOrderNotionalRule(100_000);

    @Test
    void refusesAnOrderAboveTheLimitWithTheNumbers() {
        assertThat(rule.check(buy("trend", "SPY", 250, 609.20, T0), new RiskState()))
                .contains("max_order_notional: 152,300.00 > limit 100,000.00");
    }

    @Test
    void passesAtTheLimitAndForSellsBelowIt() {
        assertThat(rule.check(buy("trend", "SPY", 1000, 100, T0), new RiskState())).isEmpty();
        assertThat(rule.check(sell("trend", "SPY", 999, 100, T0), new RiskState())).isEmpty();
        assertThat(rule.check(sell("trend", "SPY", 1001, 100, T0), new RiskState()))
                .contains("max_order_notional: 100,100.00 > limit 100,000.00");
    }
}
