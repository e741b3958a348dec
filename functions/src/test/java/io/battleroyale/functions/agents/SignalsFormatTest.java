package io.battleroyale.functions.agents;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The rationale formatter must print exactly what {@code String.format} prints. */
class SignalsFormatTest {
    private static final String[] PATTERNS = {
        "%.2f",
        "%+.2f",
        "%.3f",
        "%+.3f",
        "%.1f",
        "%+.1f%%",
        "%.0f",
        "%s %d %.2f",
        "RSI%d %.2f below %s"
    };

    @Test
    void matchesStringFormatOnRandomAndAwkwardValues() {
        SplittableRandom random = new SplittableRandom(3);
        double[] awkward = {
            0.0,
            -0.0,
            0.125,
            1.005,
            2.675,
            -2.675,
            0.5,
            -0.5,
            1e-9,
            -1e-9,
            123456.785,
            1e15,
            -0.004,
            0.995,
            9.995,
            99.995,
            Double.MIN_VALUE
        };
        for (String pattern : PATTERNS) {
            for (double value : awkward) {
                assertSame(pattern, value);
            }
            for (int i = 0; i < 20_000; i++) {
                double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-4, 7));
                assertSame(pattern, value);
            }
        }
    }

    @Test
    void othersFallBackToTheFormatter() {
        assertThat(Signals.format("%5.1f|%x", 2.25, 255))
                .isEqualTo(String.format(Locale.ROOT, "%5.1f|%x", 2.25, 255));
    }

    private static void assertSame(String pattern, double value) {
        Object[] args =
                pattern.startsWith("%s")
                        ? new Object[] {"SPY", 14, value}
                        : pattern.startsWith("RSI")
                                ? new Object[] {14, value, "30"}
                                : new Object[] {value};
        assertThat(Signals.format(pattern, args))
                .as("%s of %s", pattern, value)
                .isEqualTo(String.format(Locale.ROOT, pattern, args));
    }
}
