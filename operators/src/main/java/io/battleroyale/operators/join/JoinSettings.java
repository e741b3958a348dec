package io.battleroyale.operators.join;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the symbol join pairs bars with probabilities.
 *
 * @param barLengthMs length of bars whose feed does not say; {@code 0} infers it per symbol
 * @param shiftWindowMs how far back {@code EventReading.probabilityBefore} looks
 * @param staleAfterMs a market not observed for this long no longer reaches agents, and an
 *     observation this old one shift window back is no {@code probabilityBefore} either
 * @param inputsMayIdle {@code true} for live feeds, whose sources mark a quiet venue idle so that
 *     it does not stall the bars; {@code false} for replays (files, a Kafka backtest, the synthetic
 *     market), whose readers are idle only before they get their split: the graph then puts a
 *     {@link NeverIdle} beside each reader, so that every merge waits for it and nothing a bar
 *     needs can arrive after the bar is decided
 */
public record JoinSettings(
        long barLengthMs, long shiftWindowMs, long staleAfterMs, boolean inputsMayIdle)
        implements Serializable {

    public static final JoinSettings DEFAULTS =
            new JoinSettings(0, Duration.ofMinutes(60).toMillis(), Duration.ofDays(14).toMillis());

    /** Settings for replayed inputs. */
    public JoinSettings(long barLengthMs, long shiftWindowMs, long staleAfterMs) {
        this(barLengthMs, shiftWindowMs, staleAfterMs, false);
    }

    public JoinSettings {
        if (barLengthMs < 0 || shiftWindowMs <= 0 || staleAfterMs <= 0) {
            throw new IllegalArgumentException(
                    "bar length must be >= 0, shift window and staleness > 0");
        }
    }
}
