package io.battleroyale.functions.agents;

import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static io.battleroyale.functions.agents.Snapshots.DAY;
import static io.battleroyale.functions.agents.Snapshots.T0;
import static io.battleroyale.functions.agents.Snapshots.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrendAgentTest {

    @Test
    void handWorkedCrossesWithRationaleAndAttribution() {
        TrendAgent agent = new TrendAgent(2, 3);
        TrendAgent.State state = agent.initialState();
        double[] closes = {10, 9, 8, 9, 11, 7, 5};
        List<Optional<Signal>> out = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            out.add(agent.generateSignal(bar(i, closes[i]), state));
        }
        // bar 2: SMA2 8.5 < SMA3 9 (first difference, no cross); bar 3: 8.5 < 8.67
        assertThat(out.subList(0, 4)).allMatch(Optional::isEmpty);
        // bar 4: SMA2 10 > SMA3 9.33 -> up-cross
        Signal buy = out.get(4).orElseThrow();
        assertThat(buy.side()).isEqualTo(Side.BUY);
        assertThat(buy.agent()).isEqualTo("trend");
        assertThat(buy.symbol()).isEqualTo("SPY");
        assertThat(buy.barIndex()).isEqualTo(4);
        assertThat(buy.tsEvent()).isEqualTo(T0 + 5 * DAY);
        assertThat(buy.rationale()).isEqualTo("SMA2 10.00 crossed above SMA3 9.33 (gap +7.14%)");
        assertThat(buy.attribution()).containsOnlyKeys("sma_gap");
        assertThat(buy.attribution().get("sma_gap"))
                .isCloseTo((10 - 28.0 / 3) / (28.0 / 3), within(1e-12));
        assertThat(buy.confidence()).isEqualTo(1.0);
        // bar 5: SMA2 9 = SMA3 9, a tie, no cross; bar 6: 6 < 7.67 -> down-cross
        assertThat(out.get(5)).isEmpty();
        Signal sell = out.get(6).orElseThrow();
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.rationale()).isEqualTo("SMA2 6.00 crossed below SMA3 7.67 (gap -21.74%)");
    }

    @Test
    void matchesNaiveCrossoverRuleOnRandomIntegerPricesWithTies() {
        Random random = new Random(17);
        double[] closes = new double[3_000];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 1 + random.nextInt(4);
        }
        int fast = 3;
        int slow = 6;
        Map<Integer, Side> expected = naive(closes, fast, slow);
        TrendAgent agent = new TrendAgent(fast, slow);
        TrendAgent.State state = agent.initialState();
        int ties = 0;
        for (int i = 0; i < closes.length; i++) {
            Optional<Signal> signal = agent.generateSignal(bar(i, closes[i]), state);
            assertThat(signal.map(Signal::side))
                    .as("bar %d", i)
                    .isEqualTo(Optional.ofNullable(expected.get(i)));
            if (i >= slow - 1 && sma(closes, i, fast) == sma(closes, i, slow)) {
                ties++;
            }
        }
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(ties).isGreaterThan(50);
    }

    /**
     * Restored under new parameters, the agent continues on its latest closes in the new windows:
     * from then on it decides exactly as if it had always run with them.
     */
    @Test
    void stateRestoredUnderNewWindowsDecidesAsTheNewParametersFromTheStart() {
        Random random = new Random(5);
        double[] closes = new double[400];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 1 + random.nextInt(6);
        }
        TrendAgent before = new TrendAgent(3, 6);
        TrendAgent after = new TrendAgent(4, 9);
        TrendAgent.State upgraded = before.initialState();
        TrendAgent.State always = after.initialState();
        for (int i = 0; i < 200; i++) {
            before.generateSignal(bar(i, closes[i]), upgraded);
            after.generateSignal(bar(i, closes[i]), always);
        }
        upgraded = after.adopt(upgraded);
        assertThat(upgraded.fast.capacity()).isEqualTo(4);
        assertThat(upgraded.slow.capacity()).isEqualTo(9);
        // the crossover detector still holds the old parameters' last sign: one bar settles it
        after.generateSignal(bar(200, closes[200]), upgraded);
        after.generateSignal(bar(200, closes[200]), always);
        for (int i = 201; i < closes.length; i++) {
            assertThat(after.generateSignal(bar(i, closes[i]), upgraded).map(Signal::side))
                    .as("bar %d", i)
                    .isEqualTo(after.generateSignal(bar(i, closes[i]), always).map(Signal::side));
        }
        assertThat(after.adopt(always)).isSameAs(always);
    }

    @Test
    void rejectsFastNotBelowSlow() {
        assertThatThrownBy(() -> new TrendAgent(30, 10)).hasMessageContaining("fast < slow");
    }

    private static Map<Integer, Side> naive(double[] c, int fast, int slow) {
        Map<Integer, Side> out = new java.util.HashMap<>();
        for (int i = slow - 1; i < c.length; i++) {
            double d = sma(c, i, fast) - sma(c, i, slow);
            if (d == 0) {
                continue;
            }
            for (int j = i - 1; j >= slow - 1; j--) {
                double prev = sma(c, j, fast) - sma(c, j, slow);
                if (prev != 0) {
                    if (Math.signum(prev) != Math.signum(d)) {
                        out.put(i, d > 0 ? Side.BUY : Side.SELL);
                    }
                    break;
                }
            }
        }
        return out;
    }

    private static double sma(double[] c, int end, int n) {
        double s = 0;
        for (int k = end - n + 1; k <= end; k++) {
            s += c[k];
        }
        return s / n;
    }
}
