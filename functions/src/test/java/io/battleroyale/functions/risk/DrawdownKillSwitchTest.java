package io.battleroyale.functions.risk;

import org.junit.jupiter.api.Test;

import static io.battleroyale.functions.risk.RiskFixtures.T0;
import static io.battleroyale.functions.risk.RiskFixtures.buy;
import static org.assertj.core.api.Assertions.assertThat;

class DrawdownKillSwitchTest {
    private final DrawdownKillSwitch rule = new DrawdownKillSwitch(0.20);

    @Test
    void haltsWhenDrawdownFromPeakExceedsTheLimitAndStaysHalted() {
        RiskState state = new RiskState();
        AgentRisk agent = state.agent("trend");
        assertThat(rule.mark(agent, 100_000, T0)).isFalse();
        assertThat(rule.mark(agent, 125_000, T0 + 1)).isFalse();
        assertThat(rule.mark(agent, 100_000, T0 + 2)).isFalse(); // exactly 20%: not beyond
        assertThat(state.isHalted("trend")).isFalse();
        assertThat(rule.check(buy("trend", "SPY", 1, 1, T0 + 2), state)).isEmpty();

        assertThat(rule.mark(agent, 99_000, T0 + 3)).isTrue();
        assertThat(state.isHalted("trend")).isTrue();
        assertThat(agent.haltedAt).isEqualTo(T0 + 3);
        assertThat(agent.haltReason)
                .isEqualTo(
                        "drawdown 20.80% from peak 125,000.00 to 99,000.00 > limit 20.00% at "
                                + (T0 + 3));

        // recovery does not un-halt, and a later mark does not report a second halt
        assertThat(rule.mark(agent, 200_000, T0 + 4)).isFalse();
        assertThat(state.isHalted("trend")).isTrue();
        assertThat(rule.check(buy("trend", "SPY", 1, 1, T0 + 5), state))
                .contains(
                        "max_drawdown: agent trend is halted (drawdown 20.80% from peak"
                                + " 125,000.00 to 99,000.00 > limit 20.00% at "
                                + (T0 + 3)
                                + ")");
        assertThat(rule.check(buy("meanrev", "SPY", 1, 1, T0 + 5), state)).isEmpty();
    }
}
