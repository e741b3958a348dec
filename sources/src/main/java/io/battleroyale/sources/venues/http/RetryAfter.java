package io.battleroyale.sources.venues.http;

import javax.annotation.Nullable;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The HTTP {@code Retry-After} header, for every client that retries (venues, the gateway sink):
 * delta-seconds or an HTTP date, read as a wait from now.
 */
public final class RetryAfter {

    /** Longer waits are read as this; no caller honours them anyway. */
    private static final long MAX_MS = Duration.ofDays(365).toMillis();

    private RetryAfter() {}

    /**
     * The wait in milliseconds from {@code nowMs}, at most a year; {@code 0} for a date already
     * past; {@code -1} when the header is absent, negative or unreadable.
     */
    public static long millis(@Nullable String header, long nowMs) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? -1 : Math.min(seconds, MAX_MS / 1000) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                long at =
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant()
                                .toEpochMilli();
                return Math.min(Math.max(0, at - nowMs), MAX_MS);
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
