package io.battleroyale.functions.risk;

import org.junit.jupiter.api.Test;

import static io.battleroyale.functions.risk.RiskFixtures.T0;
import static io.battleroyale.functions.risk.RiskFixtures.buy;
import static io.battleroyale.functions.risk.RiskFixtures.withBar;
import static org.assertj.core.api.Assertions.assertThat;

class PriceBandRuleTest {
    private final PriceBandRule rule = new PriceBandRule(0.05);

    @Test
    void refusesAPriceFarFromTheLastClose() {
        RiskState state = withBar("SPY", T0, 600);
        assertThat(rule.check(buy("trend", "SPY", 1, 6_000, T0), state))
                .contains(
                        "price_band: SPY price 6,000.00 is 900.00% from last 600.00 > limit 5.00%");
        assertThat(rule.check(buy("trend", "SPY", 1, 560, T0), state))
                .contains("price_band: SPY price 560.00 is 6.67% from last 600.00 > limit 5.00%");
    }

    @Test
    void passesInsideTheBandAndWithoutALastPrice() {
        assertThat(rule.check(buy("trend", "SPY", 1, 629, T0), withBar("SPY", T0, 600))).isEmpty();
        assertThat(rule.check(buy("trend", "SPY", 1, 6_000, T0), new RiskState())).isEmpty();
    }

    @Test
    void aNonFinitePriceIsOutsideAnyBand() {
        assertThat(rule.check(buy("trend", "SPY", 1, Double.NaN, T0), withBar("SPY", T0, 600)))
                .isPresent();
    }
}
