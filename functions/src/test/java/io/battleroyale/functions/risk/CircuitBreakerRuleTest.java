package io.battleroyale.functions.risk;

import org.junit.jupiter.api.Test;

import static io.battleroyale.functions.risk.RiskFixtures.MINUTE;
import static io.battleroyale.functions.risk.RiskFixtures.T0;
import static io.battleroyale.functions.risk.RiskFixtures.buy;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerRuleTest {
    private final CircuitBreakerRule rule = new CircuitBreakerRule();

    @Test
    void refusesOrdersOnAPausedSymbolUntilThePauseEnds() {
        RiskState state = new RiskState();
        CircuitBreaker breaker = state;
        breaker.pause("SPY", T0 + 15 * MINUTE);

        assertThat(rule.check(buy("trend", "SPY", 1, 1, T0), state))
                .contains(
                        "circuit_breaker: SPY paused until "
                                + (T0 + 15 * MINUTE)
                                + ", order at "
                                + T0
                                + " (900000 ms early)");
        assertThat(rule.check(buy("trend", "QQQ", 1, 1, T0), state)).isEmpty();
        assertThat(rule.check(buy("trend", "SPY", 1, 1, T0 + 15 * MINUTE), state)).isEmpty();
    }

    @Test
    void aShorterPauseNeverShortensALongerOne() {
        RiskState state = new RiskState();
        state.pause("SPY", T0 + 10);
        state.pause("SPY", T0 + 5);
        assertThat(state.isPaused("SPY", T0 + 9)).isTrue();
        state.pause("SPY", T0 + 20);
        assertThat(state.isPaused("SPY", T0 + 19)).isTrue();
        assertThat(state.isPaused("SPY", T0 + 20)).isFalse();
    }
}
