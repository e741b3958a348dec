package io.battleroyale.functions.indicators;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CrossoverTest {

    @Test
    void handWorkedSequence() {
        Crossover c = new Crossover();
        double[] diffs = {0, -1, -2, 0, 0, 3, 1, 0, 2, 0, -1, Double.NaN, 1};
        int[] expected = {0, 0, 0, 0, 0, +1, 0, 0, 0, 0, -1, 0, +1};
        for (int i = 0; i < diffs.length; i++) {
            assertThat(c.update(diffs[i])).as("bar %d", i).isEqualTo(expected[i]);
        }
    }

    @Test
    void firstNonZeroDifferenceIsNeverACross() {
        Crossover c = new Crossover();
        assertThat(c.update(5.0, 1.0)).isZero();
        assertThat(c.update(1.0, 5.0)).isEqualTo(-1);
    }

    @Test
    void touchingZeroAndReturningToTheSameSideIsNotACross() {
        Crossover c = new Crossover();
        c.update(1);
        assertThat(c.update(0)).isZero();
        assertThat(c.update(0)).isZero();
        assertThat(c.update(2)).isZero();
    }

    @Test
    void matchesNaiveRuleOnRandomDifferences() {
        Random random = new Random(11);
        int[] diffs = new int[5_000];
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = random.nextInt(3) - 1; // many exact zeros
        }
        Crossover c = new Crossover();
        for (int i = 0; i < diffs.length; i++) {
            int expected = 0;
            if (diffs[i] != 0) {
                for (int j = i - 1; j >= 0; j--) {
                    if (diffs[j] != 0) {
                        expected = diffs[j] != diffs[i] ? diffs[i] : 0;
                        break;
                    }
                }
            }
            assertThat(c.update(diffs[i])).as("bar %d", i).isEqualTo(expected);
        }
    }
}
