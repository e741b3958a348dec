package io.battleroyale.sources.venues.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    @Test
    void theVenueDefaultDoublesFromHalfASecondToItsCap() {
        Backoff backoff = RetryPolicy.DEFAULT.backoff();

        assertThat(IntStream.rangeClosed(1, 6).mapToLong(backoff::delayMs).toArray())
                .containsExactly(500, 1000, 2000, 4000, 8000, 8000);
        assertThat(backoff.delayMs(Integer.MAX_VALUE)).isEqualTo(8000);
    }

    @Test
    void aShrinkingOrUnboundedBackoffIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .hasMessageContaining("initial <= max");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.5))
                .hasMessageContaining("multiplier");
    }
}
