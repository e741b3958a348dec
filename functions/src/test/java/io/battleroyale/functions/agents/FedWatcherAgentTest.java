package io.battleroyale.functions.agents;

import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;

import static io.battleroyale.functions.agents.Snapshots.bar;
import static io.battleroyale.functions.agents.Snapshots.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FedWatcherAgentTest {

    @Test
    void signalsWhenHawkishnessCrossesTheThresholds() {
        FedWatcherAgent agent = new FedWatcherAgent(0.05);
        FedWatcherAgent.State state = agent.initialState();
        // H = +0.03: below the threshold
        assertThat(
                        agent.generateSignal(
                                bar(0, 1, reading("h", "fed_hike", 0.30, 0.33, -1.0)), state))
                .isEmpty();
        // H = +0.06 (hike +0.08, cut -0.02), crossing +0.05; SPY exposure -1 - 1 = -2 -> SELL
        Signal sell =
                agent.generateSignal(
                                bar(
                                        1,
                                        1,
                                        reading("h", "fed_hike", 0.30, 0.38, -1.0),
                                        reading("c", "fed_cut", 0.40, 0.42, 1.0),
                                        reading("x", "fed_hold", 0.10, 0.90, 1.0),
                                        reading("r", "recession", 0.10, 0.90, 1.0)),
                                state)
                        .orElseThrow();
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.rationale())
                .isEqualTo(
                        "Fed hawkishness +0.060 (hike +0.080, cut -0.020) crossed +0.05 from"
                                + " +0.030; SPY exposure -2.00 → SELL");
        assertThat(sell.attribution().get("fed_hike")).isCloseTo(-0.08, within(1e-12));
        assertThat(sell.attribution().get("fed_cut")).isCloseTo(0.02, within(1e-12));
        assertThat(state.lastScore).isCloseTo(0.06, within(1e-12));
        // staying hawkish is not a new cross
        assertThat(
                        agent.generateSignal(
                                bar(2, 1, reading("h", "fed_hike", 0.30, 0.40, -1.0)), state))
                .isEmpty();
        // cut odds jump: H = -0.10 crosses -0.05, dovish -> BUY for SPY
        Signal buy =
                agent.generateSignal(
                                bar(
                                        3,
                                        1,
                                        reading("h", "fed_hike", 0.40, 0.40, -1.0),
                                        reading("c", "fed_cut", 0.40, 0.50, 1.0)),
                                state)
                        .orElseThrow();
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.confidence()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void groupDirections() {
        assertThat(FedWatcherAgent.direction("fed_hike")).isEqualTo(1);
        assertThat(FedWatcherAgent.direction("FED_hike50")).isEqualTo(1);
        assertThat(FedWatcherAgent.direction("fed_cut")).isEqualTo(-1);
        assertThat(FedWatcherAgent.direction("fed_hold")).isZero();
        assertThat(FedWatcherAgent.direction("ecb_hike")).isZero();
    }
}
