package io.battleroyale.functions.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReturnStatsTest {

    @Test
    void handWorkedSharpeAndSortino() {
        ReturnStats s = new ReturnStats();
        for (double r : new double[] {0.01, -0.02, 0.03, 0.0}) {
            s.add(r);
        }
        // mean 0.005; deviations 0.005, -0.025, 0.025, -0.005 -> Σ² 0.0013; sample var 0.0013/3
        assertThat(s.mean()).isCloseTo(0.005, within(1e-15));
        assertThat(s.stddev()).isCloseTo(Math.sqrt(0.0013 / 3), within(1e-15));
        assertThat(s.sharpe())
                .isCloseTo(0.005 / Math.sqrt(0.0013 / 3) * Math.sqrt(252), within(1e-12));
        // downside: only -0.02 -> sqrt(0.0004 / 4) = 0.01
        assertThat(s.sortino()).isCloseTo(0.005 / 0.01 * Math.sqrt(252), within(1e-12));
        assertThat(s.sharpe(12))
                .isCloseTo(0.005 / Math.sqrt(0.0013 / 3) * Math.sqrt(12), within(1e-12));
    }

    @Test
    void undefinedCasesAreNaN() {
        ReturnStats s = new ReturnStats();
        assertThat(s.sharpe()).isNaN();
        s.add(0.01);
        assertThat(s.sharpe()).isNaN();
        assertThat(s.sortino()).isNaN();
        for (int i = 0; i < 10; i++) {
            s.add(0.01);
        }
        assertThat(s.stddev()).isZero();
        assertThat(s.sharpe()).isNaN();
        assertThat(s.sortino()).isNaN(); // no losing period
    }

    @Test
    void matchesNaiveTwoPassComputation() {
        Random random = new Random(9);
        double[] r = new double[1_000];
        ReturnStats s = new ReturnStats();
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.0005 + 0.01 * random.nextGaussian();
            s.add(r[i]);
        }
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= r.length;
        double ss = 0;
        double down = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
            down += Math.min(x, 0) * Math.min(x, 0);
        }
        double sd = Math.sqrt(ss / (r.length - 1));
        assertThat(s.sharpe()).isCloseTo(mean / sd * Math.sqrt(252), within(1e-10));
        assertThat(s.sortino())
                .isCloseTo(mean / Math.sqrt(down / r.length) * Math.sqrt(252), within(1e-10));
    }
}
