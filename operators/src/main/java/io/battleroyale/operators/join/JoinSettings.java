package io.battleroyale.operators.join;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the symbol join pairs bars with probabilities.
 *
 * @param barLengthMs length of bars whose feed does not say; {@code 0} infers it per symbol
 * @param shiftWindowMs how far back {@code EventReading.probabilityBefore} looks
 * @param staleAfterMs a market not observed for this long no longer reaches agents, and its history
 *     is dropped
 */
public record JoinSettings(long barLengthMs, long shiftWindowMs, long staleAfterMs)
        implements Serializable {

    public static final JoinSettings DEFAULTS =
            new JoinSettings(0, Duration.ofMinutes(60).toMillis(), Duration.ofDays(14).toMillis());

    public JoinSettings {
        if (barLengthMs < 0 || shiftWindowMs <= 0 || staleAfterMs <= 0) {
            throw new IllegalArgumentException(
                    "bar length must be >= 0, shift window and staleness > 0");
        }
    }
}
