package io.battleroyale.functions.indicators;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WilderRsiTest {

    @Test
    void handWorkedPeriodThree() {
        WilderRsi rsi = new WilderRsi(3);
        // closes 10, 11, 10, 12 -> changes +1, -1, +2: avgGain 1, avgLoss 1/3 -> RS 3 -> RSI 75
        assertThat(rsi.update(10)).isNaN();
        assertThat(rsi.update(11)).isNaN();
        assertThat(rsi.update(10)).isNaN();
        assertThat(rsi.update(12)).isCloseTo(75.0, within(1e-12));
        // next close 11: change -1 -> avgGain (1*2+0)/3 = 2/3, avgLoss (1/3*2+1)/3 = 5/9
        // RS = (2/3)/(5/9) = 1.2 -> RSI = 100 - 100/2.2
        assertThat(rsi.update(11)).isCloseTo(100 - 100 / 2.2, within(1e-12));
    }

    @Test
    void definedFromBarIndexPeriod() {
        WilderRsi rsi = new WilderRsi(14);
        double[] closes = RollingWindowTest.randomWalk(new Random(1), 30);
        for (int i = 0; i < closes.length; i++) {
            double value = rsi.update(closes[i]);
            if (i < 14) {
                assertThat(value).as("bar %d", i).isNaN();
            } else {
                assertThat(value).as("bar %d", i).isBetween(0.0, 100.0);
            }
        }
    }

    @Test
    void noLossesGives100AndFlatGives50() {
        WilderRsi up = new WilderRsi(2);
        up.update(1);
        up.update(2);
        assertThat(up.update(3)).isEqualTo(100.0);
        WilderRsi flat = new WilderRsi(2);
        flat.update(5);
        flat.update(5);
        assertThat(flat.update(5)).isEqualTo(50.0);
    }

    @Test
    void matchesNaiveRecomputationOnRandomData() {
        double[] closes = RollingWindowTest.randomWalk(new Random(3), 500);
        int period = 14;
        WilderRsi rsi = new WilderRsi(period);
        double[] expected = naiveWilder(closes, period);
        for (int i = 0; i < closes.length; i++) {
            double value = rsi.update(closes[i]);
            if (Double.isNaN(expected[i])) {
                assertThat(value).isNaN();
            } else {
                assertThat(value).as("bar %d", i).isCloseTo(expected[i], within(1e-9));
            }
        }
    }

    /** Textbook Wilder RSI over the whole array at once. */
    private static double[] naiveWilder(double[] c, int period) {
        double[] out = new double[c.length];
        java.util.Arrays.fill(out, Double.NaN);
        double g = 0;
        double l = 0;
        for (int i = 1; i <= period; i++) {
            double d = c[i] - c[i - 1];
            g += Math.max(d, 0);
            l += Math.max(-d, 0);
        }
        g /= period;
        l /= period;
        out[period] = 100 - 100 / (1 + g / l);
        for (int i = period + 1; i < c.length; i++) {
            double d = c[i] - c[i - 1];
            g = (g * (period - 1) + Math.max(d, 0)) / period;
            l = (l * (period - 1) + Math.max(-d, 0)) / period;
            out[i] = 100 - 100 / (1 + g / l);
        }
        return out;
    }
}
