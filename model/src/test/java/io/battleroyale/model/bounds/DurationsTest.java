package io.battleroyale.model.bounds;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one duration grammar of every flag and limit. */
class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "500ms, 500",
        "30s, 30000",
        "15m, 900000",
        "6h30m, 23400000",
        "1d, 86400000",
        "1D, 86400000",
        "1_000ms, 1000",
        "' 2h ', 7200000",
        "0s, 0"
    })
    void readsWhatPeopleWrite(String text, long ms) {
        assertThat(Durations.parse("--x", text)).isEqualTo(Duration.ofMillis(ms));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {"", "5", "m", "5x", "5m5", "-5s", "1.5h", "99999999999999999999d", "36601d"})
    void refusesAnythingElseNamingTheFlag(String text) {
        assertThatThrownBy(() -> Durations.parse("--shift-window", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--shift-window: ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {1, 999, 1000, 61_000, 90 * 60_000, 86_400_000, 3 * 86_400_000 + 1})
    void formatReadsBack(long ms) {
        Duration d = Duration.ofMillis(ms);
        assertThat(Durations.parse("x", Durations.format(d))).isEqualTo(d);
    }
}
