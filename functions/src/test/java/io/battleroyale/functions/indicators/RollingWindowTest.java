package io.battleroyale.functions.indicators;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RollingWindowTest {

    @Test
    void handWorkedMeanAndDeviations() {
        RollingWindow w = new RollingWindow(3);
        w.add(1);
        assertThat(w.isFull()).isFalse();
        assertThat(w.mean()).isEqualTo(1.0);
        assertThat(w.sampleStddev()).isNaN();
        w.add(2);
        w.add(6);
        assertThat(w.isFull()).isTrue();
        assertThat(w.mean()).isEqualTo(3.0);
        // deviations -2, -1, 3: squares sum to 14
        assertThat(w.stddev()).isCloseTo(Math.sqrt(14.0 / 3), within(1e-12));
        assertThat(w.sampleStddev()).isCloseTo(Math.sqrt(7.0), within(1e-12));
        w.add(10); // evicts 1 -> {2, 6, 10}
        assertThat(w.mean()).isEqualTo(6.0);
        assertThat(w.latest()).isEqualTo(10.0);
        assertThat(w.stddev()).isCloseTo(Math.sqrt(32.0 / 3), within(1e-12));
    }

    @Test
    void emptyWindowIsUndefined() {
        RollingWindow w = new RollingWindow(4);
        assertThat(w.mean()).isNaN();
        assertThat(w.stddev()).isNaN();
        assertThat(w.latest()).isNaN();
        assertThatThrownBy(() -> new RollingWindow(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesNaiveComputationOnRandomData() {
        Random random = new Random(42);
        for (int capacity : new int[] {1, 2, 7, 30}) {
            RollingWindow w = new RollingWindow(capacity);
            double[] series = randomWalk(random, 2_000);
            for (int i = 0; i < series.length; i++) {
                w.add(series[i]);
                int from = Math.max(0, i - capacity + 1);
                int n = i - from + 1;
                double mean = 0;
                for (int j = from; j <= i; j++) {
                    mean += series[j];
                }
                mean /= n;
                double ss = 0;
                for (int j = from; j <= i; j++) {
                    ss += (series[j] - mean) * (series[j] - mean);
                }
                assertThat(w.size()).isEqualTo(n);
                assertThat(w.mean()).isCloseTo(mean, within(1e-9));
                if (n == capacity) {
                    assertThat(Sma.value(w)).isEqualTo(w.mean());
                } else {
                    assertThat(Sma.value(w)).isNaN();
                }
                assertThat(w.stddev()).isCloseTo(Math.sqrt(ss / n), within(1e-9));
                if (n > 1) {
                    assertThat(w.sampleStddev()).isCloseTo(Math.sqrt(ss / (n - 1)), within(1e-9));
                }
            }
        }
    }

    @Test
    void runningSumDoesNotDriftOverLongSeries() {
        RollingWindow w = new RollingWindow(10);
        Random random = new Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            w.add(1e6 + random.nextGaussian());
        }
        double exact = 0;
        for (double v : w.values) {
            exact += v;
        }
        assertThat(w.sum).isCloseTo(exact, within(1e-6));
    }

    @Test
    void zScoreOfHandWorkedWindow() {
        RollingWindow w = new RollingWindow(3);
        assertThat(ZScore.update(w, 1)).isNaN();
        assertThat(ZScore.update(w, 2)).isNaN();
        // {1, 2, 6}: mean 3, population sd sqrt(14/3)
        assertThat(ZScore.update(w, 6)).isCloseTo(3 / Math.sqrt(14.0 / 3), within(1e-12));
        RollingWindow flat = new RollingWindow(2);
        ZScore.update(flat, 5);
        assertThat(ZScore.update(flat, 5)).isNaN();
    }

    @Test
    void resizedKeepsTheLatestValuesOldestFirst() {
        RollingWindow w = new RollingWindow(4);
        for (double v : new double[] {1, 2, 3, 4, 5, 6}) {
            w.add(v); // holds 3, 4, 5, 6 and has wrapped
        }
        RollingWindow smaller = w.resized(2);
        assertThat(smaller.isFull()).isTrue();
        assertThat(smaller.mean()).isEqualTo(5.5);
        assertThat(smaller.latest()).isEqualTo(6);

        RollingWindow larger = w.resized(6);
        assertThat(larger.size()).isEqualTo(4);
        assertThat(larger.mean()).isEqualTo(4.5);
        larger.add(7);
        larger.add(8);
        larger.add(9); // evicts 3, the oldest
        assertThat(larger.mean()).isEqualTo((4 + 5 + 6 + 7 + 8 + 9) / 6.0);

        RollingWindow partial = new RollingWindow(5);
        partial.add(1);
        partial.add(2);
        assertThat(partial.resized(1).mean()).isEqualTo(2);
    }

    static double[] randomWalk(Random random, int n) {
        double[] out = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            price *= 1 + 0.01 * random.nextGaussian();
            out[i] = price;
        }
        return out;
    }
}
