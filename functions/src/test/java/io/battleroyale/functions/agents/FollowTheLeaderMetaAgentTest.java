package io.battleroyale.functions.agents;

import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.battleroyale.functions.agents.Snapshots.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FollowTheLeaderMetaAgentTest {

    @Test
    void followsTheSignallingAgentWithTheBestVirtualReturn() {
        FollowTheLeaderMetaAgent meta = new FollowTheLeaderMetaAgent(false);
        FollowTheLeaderMetaAgent.State state = meta.initialState();

        MarketSnapshot b0 = bar(0, 100);
        // both at 0: the tie goes to the alphabetically first, meanrev
        Signal first =
                meta.choose(
                                b0,
                                List.of(
                                        signal(b0, "trend", Side.BUY),
                                        signal(b0, "meanrev", Side.SELL)),
                                state)
                        .orElseThrow();
        assertThat(first.side()).isEqualTo(Side.SELL);
        assertThat(first.agent()).isEqualTo("leader");
        assertThat(first.rationale())
                .isEqualTo("followed meanrev SELL (virtual return +0.0%) over trend BUY (+0.0%)");

        // trend long from 100 to 110: +10%; meanrev flat (long-only virtual book)
        MarketSnapshot b1 = bar(1, 110);
        Signal second =
                meta.choose(
                                b1,
                                List.of(
                                        signal(b1, "meanrev", Side.BUY),
                                        signal(b1, "trend", Side.SELL)),
                                state)
                        .orElseThrow();
        assertThat(second.side()).isEqualTo(Side.SELL);
        assertThat(second.rationale())
                .isEqualTo("followed trend SELL (virtual return +10.0%) over meanrev BUY (+0.0%)");
        assertThat(second.attribution().get("trend.virtual_return")).isCloseTo(0.1, within(1e-12));
        assertThat(second.barIndex()).isEqualTo(1);

        // meanrev long from 110 to 99: -10%; no signals, no choice
        assertThat(meta.choose(bar(2, 99), List.of(), state)).isEmpty();
        assertThat(state.virtualReturn.get("meanrev")).isCloseTo(-0.1, within(1e-12));
        assertThat(state.virtualReturn.get("trend")).isCloseTo(0.1, within(1e-12));

        MarketSnapshot b3 = bar(3, 99);
        Signal alone =
                meta.choose(b3, List.of(signal(b3, "meanrev", Side.SELL)), state).orElseThrow();
        assertThat(alone.rationale())
                .isEqualTo(
                        "followed meanrev SELL (virtual return -10.0%), the only agent signalling");
    }

    @Test
    void shortVirtualPositionsEarnOnFalls() {
        FollowTheLeaderMetaAgent meta = new FollowTheLeaderMetaAgent(true);
        FollowTheLeaderMetaAgent.State state = meta.initialState();
        MarketSnapshot b0 = bar(0, 100);
        meta.choose(b0, List.of(signal(b0, "trend", Side.SELL)), state);
        meta.choose(bar(1, 90), List.of(), state);
        assertThat(state.virtualReturn.get("trend")).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void ignoresItsOwnSignals() {
        FollowTheLeaderMetaAgent meta = new FollowTheLeaderMetaAgent(false);
        MarketSnapshot b0 = bar(0, 100);
        assertThat(meta.choose(b0, List.of(signal(b0, "leader", Side.BUY)), meta.initialState()))
                .isEmpty();
    }

    private static Signal signal(MarketSnapshot s, String agent, Side side) {
        return Signals.of(agent, s, side, 0.7, agent + " says " + side, Map.of(), 0.0, 0.0);
    }
}
