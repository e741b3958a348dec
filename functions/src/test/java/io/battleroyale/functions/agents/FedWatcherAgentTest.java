package io.battleroyale.functions.agents;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.ShiftKind;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;

import static io.battleroyale.functions.agents.Snapshots.bar;
import static io.battleroyale.functions.agents.Snapshots.reading;
import static io.battleroyale.functions.agents.Snapshots.shift;
import static io.battleroyale.functions.agents.Snapshots.withShifts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FedWatcherAgentTest {

    @Test
    void signalsWhenTheHawkishnessOfFedShiftsCrossesTheThresholds() {
        FedWatcherAgent agent = new FedWatcherAgent(0.05);
        FedWatcherAgent.State state = agent.initialState();
        EventReading hike = reading("fed_hike", "fed_hike", 0.30, 0.48, -1.0);
        EventReading cut = reading("fed_cut", "fed_cut", 0.30, 0.30, 1.0);
        EventReading hold = reading("x", "fed_hold", 0.10, 0.90, 1.0);
        EventReading recession = reading("r", "recession", 0.10, 0.90, 1.0);
        // readings that moved, but no shift: nothing (raw changes are not shifts)
        assertThat(agent.generateSignal(bar(0, 1, hike, cut, hold, recession), state)).isEmpty();
        // a hike SURGE +0.18 (and a neutral hold surge): H = +0.18 crosses +0.05;
        // SPY exposure -1 - 1 = -2 -> SELL
        Signal sell =
                agent.generateSignal(
                                withShifts(
                                        bar(1, 1, hike, cut, hold, recession),
                                        shift(hike, ShiftKind.SURGE, 0.30, 0.48, 38),
                                        shift(hold, ShiftKind.SURGE, 0.10, 0.90, 20)),
                                state)
                        .orElseThrow();
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.rationale())
                .isEqualTo(
                        "Fed hawkishness +0.180 (hike +0.180, cut +0.000) crossed +0.05 from"
                                + " +0.000 on fed_hike 0.30→0.48 in 38 min (kalshi KX-fed_hike);"
                                + " SPY exposure -2.00 → SELL");
        // H's terms: the hike shift's +0.18; the neutral hold shift is no factor
        assertThat(sell.attribution()).containsOnlyKeys("fed_hike.shift");
        assertThat(sell.attribution().get("fed_hike.shift")).isCloseTo(0.18, within(1e-12));
        assertThat(sell.score()).isCloseTo(0.18, within(1e-12));
        // the shift is still in the window on the next bar: not a new cross
        assertThat(
                        agent.generateSignal(
                                withShifts(
                                        bar(2, 1, hike, cut),
                                        shift(hike, ShiftKind.SURGE, 0.30, 0.48, 38)),
                                state))
                .isEmpty();
        // cut odds surge: H = -0.20 crosses -0.05, dovish -> BUY for SPY
        Signal buy =
                agent.generateSignal(
                                withShifts(
                                        bar(3, 1, hike, cut),
                                        shift(cut, ShiftKind.SURGE, 0.30, 0.50, 45)),
                                state)
                        .orElseThrow();
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.confidence()).isCloseTo(1.0, within(1e-12));
        assertThat(buy.rationale()).contains("on fed_cut 0.30→0.50 in 45 min (kalshi KX-fed_cut)");
    }

    @Test
    void aWhipsawedMarketIsIgnored() {
        FedWatcherAgent agent = new FedWatcherAgent(0.05);
        EventReading hike = reading("fed_hike", "fed_hike", 0.30, 0.31, -1.0);
        assertThat(
                        agent.generateSignal(
                                withShifts(
                                        bar(0, 1, hike),
                                        shift(hike, ShiftKind.SURGE, 0.30, 0.48, 38),
                                        shift(hike, ShiftKind.WHIPSAW, 0.30, 0.31, 90)),
                                agent.initialState()))
                .isEmpty();
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
