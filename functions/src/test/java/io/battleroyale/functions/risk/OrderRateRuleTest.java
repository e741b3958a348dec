package io.battleroyale.functions.risk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.battleroyale.functions.risk.RiskFixtures.T0;
import static io.battleroyale.functions.risk.RiskFixtures.buy;
import static org.assertj.core.api.Assertions.assertThat;

class OrderRateRuleTest {
    private final OrderRateRule rule = new OrderRateRule(3, Duration.ofSeconds(10));

    @Test
    void countsTheAgentsOrdersInTheSlidingEventTimeWindow() {
        RiskState state = new RiskState();
        state.agent("trend").orderTimestamps.addAll(java.util.List.of(T0, T0 + 4_000, T0 + 8_000));
        state.agent("meanrev").orderTimestamps.addAll(java.util.List.of(T0, T0, T0)); // not counted

        assertThat(rule.check(buy("trend", "SPY", 1, 1, T0 + 9_000), state))
                .contains("order_rate: agent trend 4 orders in 10s > limit 3");
        // at T0 + 10s the order at T0 has left the window (t > ts - window)
        assertThat(rule.check(buy("trend", "SPY", 1, 1, T0 + 10_000), state)).isEmpty();
        assertThat(rule.check(buy("meanrev", "SPY", 1, 1, T0 + 20_000), state)).isEmpty();
    }

    @Test
    void theGateRecordsApprovedOrdersAndPrunesOldOnes() {
        RiskGate gate = new RiskGate(RiskLimits.parse("max_orders=3,order_rate_window=10s"));
        RiskState state = new RiskState();
        for (int i = 0; i < 3; i++) {
            var order = buy("trend", "SPY", 1, 1, T0 + i * 1_000);
            assertThat(gate.check(order, state)).isEmpty();
            gate.recordOrder(state, order);
        }
        assertThat(gate.check(buy("trend", "SPY", 1, 1, T0 + 3_000), state)).isPresent();

        gate.recordOrder(state, buy("trend", "SPY", 1, 1, T0 + 60_000));
        assertThat(state.agent("trend").orderTimestamps).containsExactly(T0 + 60_000);
    }
}
