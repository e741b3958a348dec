package io.battleroyale.functions.agents;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
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

class EventDrivenAgentTest {

    private final EventDrivenAgent agent = new EventDrivenAgent(0.7, 0.15, "fed_hike");

    @Test
    void aHikeSurgeSellsASymbolWithNegativeSensitivityAndNamesTheShift() {
        EventDrivenAgent.State state = agent.initialState();
        EventReading hike = reading("fed_hike", "fed_hike", 0.41, 0.76, -1.0);
        Signal s =
                agent.generateSignal(
                                withShifts(
                                        bar(3, 100, hike),
                                        shift(hike, ShiftKind.SURGE, 0.41, 0.76, 38)),
                                state)
                        .orElseThrow();
        assertThat(s.side()).isEqualTo(Side.SELL);
        assertThat(s.rationale())
                .isEqualTo(
                        "surge fed_hike 0.41→0.76 in 38 min (kalshi KX-fed_hike) (threshold"
                                + " 0.15), SPY sensitivity -1.00 → SELL");
        // the score -0.35 split by Shapley between the deciding shift and the level (0.76 >= 0.7)
        // that would have decided without it with -0.76: -0.35 + 0.76 / 2 and -0.76 / 2
        assertThat(s.score()).isCloseTo(-0.35, within(1e-12));
        assertThat(s.attribution().get("fed_hike.shift")).isCloseTo(0.03, within(1e-12));
        assertThat(s.attribution().get("fed_hike.level")).isCloseTo(-0.38, within(1e-12));
        assertThat(s.confidence()).isEqualTo(1.0);
        assertThat(state.lastDirection).isEqualTo(-1);
    }

    @Test
    void aRawChangeWithoutAShiftIsNoShiftSignal() {
        // the reading moved 0.40 -> 0.65, but CEP reported no shift (e.g. too slow a climb)
        EventReading slow = reading("recession", "recession", 0.40, 0.65, 1.0);
        assertThat(agent.generateSignal(bar(0, 1, slow), agent.initialState())).isEmpty();
    }

    @Test
    void picksTheLargestImpactSkipsWhipsawsAndSmallShifts() {
        EventReading hike = reading("fed_hike", "fed_hike", 0.2, 0.4, -1.0);
        EventReading recession = reading("recession", "recession", 0.1, 0.6, 0.5);
        MarketSnapshot both =
                withShifts(
                        bar(0, 1, hike, recession),
                        shift(hike, ShiftKind.SURGE, 0.2, 0.4, 30), // -0.20
                        shift(recession, ShiftKind.SURGE, 0.1, 0.6, 30)); // +0.25
        Signal s = agent.generateSignal(both, agent.initialState()).orElseThrow();
        assertThat(s.side()).isEqualTo(Side.BUY);
        // +0.25 decides; without it -0.20 would: 0.25 + 0.20 / 2 and -0.20 / 2
        assertThat(s.attribution()).containsOnlyKeys("recession.shift", "fed_hike.shift");
        assertThat(s.attribution().get("recession.shift")).isCloseTo(0.35, within(1e-12));
        assertThat(s.attribution().get("fed_hike.shift")).isCloseTo(-0.10, within(1e-12));

        MarketSnapshot whipsawed =
                withShifts(
                        bar(0, 1, hike, recession),
                        shift(hike, ShiftKind.SURGE, 0.2, 0.4, 30),
                        shift(recession, ShiftKind.SURGE, 0.1, 0.6, 30),
                        shift(recession, ShiftKind.WHIPSAW, 0.1, 0.3, 90));
        assertThat(agent.generateSignal(whipsawed, agent.initialState()).orElseThrow().side())
                .isEqualTo(Side.SELL);

        MarketSnapshot small =
                withShifts(bar(0, 1, hike), shift(hike, ShiftKind.SURGE, 0.30, 0.40, 30));
        assertThat(agent.generateSignal(small, agent.initialState())).isEmpty();
    }

    @Test
    void likelyHikeWithoutAShiftTradesInTheDirectionOfTheSensitivity() {
        EventReading likely = reading("FOMC-2024-03:hike25+", "fed_hike", 0.78, 0.80, -1.0);
        Signal s = agent.generateSignal(bar(0, 1, likely), agent.initialState()).orElseThrow();
        assertThat(s.side()).isEqualTo(Side.SELL);
        assertThat(s.rationale())
                .isEqualTo(
                        "FOMC-2024-03:hike25+ (fed_hike) at 0.80 >= 0.7, SPY sensitivity -1.00 →"
                                + " SELL");
        EventReading tlt = reading("fed_hike", "fed_hike", 0.8, 0.8, 0.5);
        assertThat(agent.generateSignal(bar(0, 1, tlt), agent.initialState()).orElseThrow().side())
                .isEqualTo(Side.BUY);
    }

    @Test
    void quietMarketsSayNothing() {
        EventDrivenAgent.State state = agent.initialState();
        assertThat(agent.generateSignal(bar(0, 1), state)).isEmpty();
        // a 0.10 move, below the 0.15 shift threshold, at a 0.6 level, below 0.7
        assertThat(
                        agent.generateSignal(
                                bar(1, 1, reading("fed_hike", "fed_hike", 0.5, 0.6, -1)), state))
                .isEmpty();
        // unknown earlier probability: no change
        assertThat(agent.generateSignal(bar(2, 1, reading("k", "g", Double.NaN, 0.9, 1)), state))
                .isEmpty();
        // a likely event of another group
        assertThat(agent.generateSignal(bar(3, 1, reading("k", "fed_cut", 0.9, 0.9, 1)), state))
                .isEmpty();
        // zero sensitivity never decides
        assertThat(agent.generateSignal(bar(4, 1, reading("k", "fed_hike", 0.1, 0.9, 0)), state))
                .isEmpty();
        assertThat(state.signals).isZero();
    }
}
