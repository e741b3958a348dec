package io.battleroyale.functions;

import io.battleroyale.functions.agents.TrendAgent;
import io.battleroyale.functions.book.Execution;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.book.Sizing;
import io.battleroyale.functions.book.Sleeve;
import io.battleroyale.functions.book.SleeveState;
import io.battleroyale.functions.metrics.EquityCurve;
import io.battleroyale.model.Decision;
import io.battleroyale.model.Fill;
import io.battleroyale.model.LeaderboardRow;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Agent, sleeve and equity curve driven together the way the Flink host drives them, on a long
 * random series: every order decided on bar i fills at the open of bar i + 1, never later, and
 * nothing is decided during warm-up.
 */
class BacktestContractTest {

    private static final long DAY = 86_400_000L;

    @Test
    void everyOrderFillsAtTheOpenOfTheNextBar() {
        Random random = new Random(23);
        TrendAgent agent = new TrendAgent(5, 20);
        TrendAgent.State agentState = agent.initialState();
        ExecutionSettings settings = new ExecutionSettings(10_000, 5, 2, Sizing.allIn(), 50);
        Sleeve sleeve = new Sleeve(agent.name(), "SPY", settings, true);
        SleeveState state = sleeve.initialState();
        EquityCurve curve = new EquityCurve();

        List<PriceBar> bars = new ArrayList<>();
        Map<String, Long> orderBar = new HashMap<>();
        List<Fill> fills = new ArrayList<>();
        double close = 100;
        LeaderboardRow row = null;
        for (int i = 0; i < 2_000; i++) {
            double open = close * (1 + 0.005 * random.nextGaussian());
            close = open * (1 + 0.01 * random.nextGaussian());
            PriceBar bar =
                    new PriceBar(
                            "SPY",
                            i * DAY,
                            DAY,
                            open,
                            Math.max(open, close),
                            Math.min(open, close),
                            close,
                            1);
            bars.add(bar);
            Execution execution = sleeve.open(state, bar);
            for (Fill fill : execution.fills()) {
                assertThat(orderBar.remove(fill.clientOrderId())).isEqualTo(i - 1L);
                double expected = fill.side().sign() > 0 ? open * (1 + 2e-4) : open * (1 - 2e-4);
                assertThat(fill.price()).isEqualTo(expected);
                assertThat(fill.tsEvent()).isEqualTo(bar.tsEvent());
                fills.add(fill);
            }
            sleeve.close(state, bar);
            Optional<Signal> signal =
                    agent.generateSignal(
                            new MarketSnapshot("SPY", i, bar, List.of(), List.of()), agentState);
            if (signal.isPresent()) {
                Decision decision = sleeve.decide(state, signal.get());
                if (i < 50) {
                    assertThat(decision.outcome()).isEqualTo("warm-up");
                }
                if (decision.clientOrderId() != null) {
                    orderBar.put(decision.clientOrderId(), (long) i);
                }
            }
            curve.addMark(sleeve.mark(state, bar.endTs(), false));
            row = curve.closePeriod(agent.name(), bar.endTs());
        }
        assertThat(fills).hasSizeGreaterThan(20);
        // at most the order decided on the last bar is still waiting, and it never fills
        assertThat(orderBar).allSatisfy((id, bar) -> assertThat(bar).isEqualTo(1_999L));
        assertThat(row.totalReturn()).isCloseTo(state.equity / 10_000 - 1, within(1e-12));
        assertThat(row.maxDrawdown()).isCloseTo(state.maxDrawdown, within(1e-9));
        assertThat(row.trades()).isEqualTo(state.trades);
    }
}
