package io.battleroyale.sources.venues.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private static final long NOW = Instant.parse("2026-12-03T12:00:00Z").toEpochMilli();

    private static String httpDate(long epochMs) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC));
    }

    @Test
    void secondsAndHttpDatesAreWaitsFromNow() {
        assertThat(RetryAfter.millis("3", NOW)).isEqualTo(3_000);
        assertThat(RetryAfter.millis(" 0 ", NOW)).isZero();
        assertThat(RetryAfter.millis(httpDate(NOW + 10_000), NOW)).isEqualTo(10_000);
        assertThat(RetryAfter.millis(httpDate(NOW - 10_000), NOW)).as("a past date").isZero();
    }

    @Test
    void absentNegativeOrUnreadableIsMinusOne() {
        assertThat(RetryAfter.millis(null, NOW)).isEqualTo(-1);
        assertThat(RetryAfter.millis("", NOW)).isEqualTo(-1);
        assertThat(RetryAfter.millis("-5", NOW)).isEqualTo(-1);
        assertThat(RetryAfter.millis("soon", NOW)).isEqualTo(-1);
    }

    @Test
    void hugeWaitsAreCappedAtAYearWithoutOverflow() {
        long year = 365L * 24 * 3600 * 1000;
        assertThat(RetryAfter.millis(String.valueOf(Long.MAX_VALUE), NOW)).isEqualTo(year);
        assertThat(RetryAfter.millis(httpDate(NOW + 3 * year), NOW)).isEqualTo(year);
    }
}
