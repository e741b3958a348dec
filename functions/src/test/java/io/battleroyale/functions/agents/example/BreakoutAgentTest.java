package io.battleroyale.functions.agents.example;

import org.apache.flink.types.PojoTestUtils;

import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The docs/agents.md example, tested the way every agent is: plain Java, no Flink job. */
class BreakoutAgentTest {

    @Test
    void buysTheBreakAboveTheChannelAndSellsTheBreakBelow() {
        BreakoutAgent agent = new BreakoutAgent(3);
        BreakoutAgent.State state = agent.initialState();

        List<Optional<Signal>> signals = new ArrayList<>();
        double[] closes = {10, 11, 10.5, 11.5, 11.2, 9.9};
        for (int i = 0; i < closes.length; i++) {
            signals.add(agent.generateSignal(snapshot(i, closes[i]), state));
        }

        assertThat(signals.subList(0, 3)).allMatch(Optional::isEmpty); // channel still filling
        Signal buy = signals.get(3).orElseThrow();
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.rationale())
                .isEqualTo("close 11.50 broke above the 3-bar high 11.00 by +4.55%");
        assertThat(signals.get(4)).isEmpty();
        assertThat(signals.get(5).orElseThrow().side()).isEqualTo(Side.SELL);
    }

    @Test
    void itsStateCanLiveInFlinkStateWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(BreakoutAgent.State.class);
    }

    private static MarketSnapshot snapshot(long index, double close) {
        PriceBar bar = new PriceBar("SPY", index * 60_000, 60_000, close, close, close, close, 1);
        return new MarketSnapshot("SPY", index, bar, List.of(), List.of());
    }
}
