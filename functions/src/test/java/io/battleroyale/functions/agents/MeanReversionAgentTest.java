package io.battleroyale.functions.agents;

import io.battleroyale.functions.agents.MeanReversionAgent.Mode;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.battleroyale.functions.agents.Snapshots.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MeanReversionAgentTest {

    @Test
    void rsiModeSignalsEveryBarPastTheThresholds() {
        MeanReversionAgent agent = new MeanReversionAgent(Mode.RSI, 2, 30, 70, 20, 2, 0);
        MeanReversionAgent.State state = agent.initialState();
        assertThat(agent.generateSignal(bar(0, 10), state)).isEmpty();
        assertThat(agent.generateSignal(bar(1, 9), state)).isEmpty();
        // changes -1, -1: avg gain 0, avg loss 1 -> RSI 0
        Signal buy = agent.generateSignal(bar(2, 8), state).orElseThrow();
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.rationale()).isEqualTo("RSI2 0.00 below 30 (oversold)");
        assertThat(buy.confidence()).isEqualTo(1.0);
        assertThat(buy.attribution()).containsEntry("rsi", 0.3);
        // repeats while oversold
        assertThat(agent.generateSignal(bar(3, 7), state).map(Signal::side)).contains(Side.BUY);
        // +13: avg gain 6.5, avg loss 0.5 -> RSI 100 - 100/14 = 92.86
        Signal sell = agent.generateSignal(bar(4, 20), state).orElseThrow();
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.rationale()).isEqualTo("RSI2 92.86 above 70 (overbought)");
        assertThat(sell.confidence()).isCloseTo((100 - 100 / 14.0 - 70) / 30, within(1e-12));
        assertThat(sell.attribution().get("rsi")).isNegative();
    }

    @Test
    void zscoreModeEntersAtTheExtremeAndExitsAtTheMean() {
        MeanReversionAgent agent = new MeanReversionAgent(Mode.ZSCORE, 14, 30, 70, 3, 1.0, 0.0);
        MeanReversionAgent.State state = agent.initialState();
        agent.generateSignal(bar(0, 10), state);
        agent.generateSignal(bar(1, 10), state);
        // {10, 10, 7}: mean 9, sd sqrt(2) -> z = -1.41
        Signal buy = agent.generateSignal(bar(2, 7), state).orElseThrow();
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.attribution().get("zscore")).isCloseTo(2 / Math.sqrt(2), within(1e-12));
        assertThat(buy.rationale())
                .isEqualTo("close 7.00 is 1.41 sd below its 3-bar mean 9.00 (entry at -1)");
        // {10, 7, 10}: z = +0.71 -> back above the exit level 0 after a BUY -> SELL once
        Signal exit = agent.generateSignal(bar(3, 10), state).orElseThrow();
        assertThat(exit.side()).isEqualTo(Side.SELL);
        assertThat(exit.rationale()).contains("reverted to z +0.71").contains("(exit at 0)");
        Optional<Signal> after = agent.generateSignal(bar(4, 10), state);
        assertThat(after).isEmpty();
        // {10, 10, 14}: z = +1.41 -> overbought SELL
        assertThat(agent.generateSignal(bar(5, 14), state).map(Signal::side)).contains(Side.SELL);
    }

    @Test
    void rejectsInconsistentParameters() {
        assertThatThrownBy(() -> new MeanReversionAgent(Mode.RSI, 14, 70, 30, 20, 2, 0))
                .hasMessageContaining("lower < upper");
        assertThatThrownBy(() -> new MeanReversionAgent(Mode.ZSCORE, 14, 30, 70, 20, 2, 2))
                .hasMessageContaining("exit_z < entry_z");
    }
}
