package io.battleroyale.sources.venues.source;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * How a polling source runs.
 *
 * <p>Bounded (a backtest): {@link #history(Instant, Instant)} replays the venue's history in {@code
 * [from, to)} window by window, then finishes. Unbounded (live): {@link #live(Duration)} polls each
 * target every {@code pollInterval} and emits only what is newer than the split's cursor.
 *
 * @param fromMs first event time to read (inclusive), or {@code null} for "the latest" in live mode
 * @param toMs end of the history (exclusive); {@code null} means unbounded (live polling)
 * @param pollInterval live: time between two polls of one target; both modes: wait before retrying
 *     a target whose venue did not answer
 * @param maxFetchWait longest a fetch blocks when no target is due (keeps shutdown and wake-ups
 *     prompt)
 * @param historyResolution bar length of probability history (Kalshi candle period, 1 min / 1 h / 1
 *     d; Polymarket fidelity)
 * @param liveLookback live start without {@code from}: how far back the first poll of a bar feed
 *     reaches (at least the latest closed bar)
 * @param maxFailures bounded mode: consecutive failed polls of one window before the split is given
 *     up (logged as an error, counted) instead of hanging the backtest; unbounded mode polls on
 *     forever
 */
public record PollSettings(
        @Nullable Long fromMs,
        @Nullable Long toMs,
        Duration pollInterval,
        Duration maxFetchWait,
        Duration historyResolution,
        Duration liveLookback,
        int maxFailures)
        implements Serializable {

    public PollSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive");
        }
        if (maxFetchWait.isNegative() || maxFetchWait.isZero()) {
            throw new IllegalArgumentException("max fetch wait must be positive");
        }
        if (historyResolution.toMinutes() < 1) {
            throw new IllegalArgumentException("history resolution must be at least one minute");
        }
        if (toMs != null && fromMs == null) {
            throw new IllegalArgumentException("a bounded source needs a start (from)");
        }
        if (toMs != null && toMs <= fromMs) {
            throw new IllegalArgumentException("history end must be after its start");
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("max failures must be >= 1");
        }
    }

    /** Live polling every {@code interval}, starting with the latest observation. */
    public static PollSettings live(Duration interval) {
        return new PollSettings(
                null, null, interval, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ZERO, 3);
    }

    /** History in {@code [from, to)} at one-hour resolution; finishes at the end. */
    public static PollSettings history(Instant from, Instant to) {
        return new PollSettings(
                from.toEpochMilli(),
                to.toEpochMilli(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                Duration.ZERO,
                3);
    }

    public boolean bounded() {
        return toMs != null;
    }

    /** Live mode catching up from {@code from} before polling the latest (price feeds). */
    public PollSettings startingAt(Instant from) {
        return new PollSettings(
                from.toEpochMilli(),
                toMs,
                pollInterval,
                maxFetchWait,
                historyResolution,
                liveLookback,
                maxFailures);
    }

    public PollSettings withHistoryResolution(Duration resolution) {
        return new PollSettings(
                fromMs, toMs, pollInterval, maxFetchWait, resolution, liveLookback, maxFailures);
    }

    public PollSettings withPollInterval(Duration interval) {
        return new PollSettings(
                fromMs, toMs, interval, maxFetchWait, historyResolution, liveLookback, maxFailures);
    }

    public PollSettings withMaxFetchWait(Duration wait) {
        return new PollSettings(
                fromMs, toMs, pollInterval, wait, historyResolution, liveLookback, maxFailures);
    }

    public PollSettings withLiveLookback(Duration lookback) {
        return new PollSettings(
                fromMs, toMs, pollInterval, maxFetchWait, historyResolution, lookback, maxFailures);
    }

    public PollSettings withMaxFailures(int failures) {
        return new PollSettings(
                fromMs,
                toMs,
                pollInterval,
                maxFetchWait,
                historyResolution,
                liveLookback,
                failures);
    }

    /** The cursor a split starts with: just before {@code from}, or nothing. */
    long initialCursor() {
        return fromMs == null ? PollSplit.NO_CURSOR : fromMs - 1;
    }
}
