package io.battleroyale.functions.meta;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Beta draws against the closed-form mean and variance. */
class BetaSamplerTest {

    @ParameterizedTest
    @CsvSource({"1,1", "14,5", "0.5,0.5", "2,30", "100,100"})
    void drawsHaveTheBetaMeanAndVariance(double a, double b) {
        SplittableRandom random = new SplittableRandom(11);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double x = BetaSampler.beta(random, a, b);
            assertThat(x).isBetween(0.0, 1.0);
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        double expectedMean = a / (a + b);
        double expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
        assertThat(mean).isCloseTo(expectedMean, within(4 * Math.sqrt(expectedVariance / n)));
        assertThat(variance).isCloseTo(expectedVariance, within(0.03 * expectedVariance));
    }

    @ParameterizedTest
    @CsvSource({"7,SPY,1000", "7,TLT,1000", "8,SPY,1000", "7,SPY,1001"})
    void theSameInputsGiveTheSameDraws(long seed, String symbol, long ts) {
        double a = BetaSampler.beta(BetaSampler.random(seed, symbol, ts, 0), 3, 4);
        double b = BetaSampler.beta(BetaSampler.random(seed, symbol, ts, 0), 3, 4);
        double other = BetaSampler.beta(BetaSampler.random(seed, symbol, ts + 1, 0), 3, 4);
        assertThat(a).isEqualTo(b).isNotEqualTo(other);
    }
}
