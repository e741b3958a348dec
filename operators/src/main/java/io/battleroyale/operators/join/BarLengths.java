package io.battleroyale.operators.join;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Infers a feed's bar length from the gap between its first two bars.
 *
 * <p>One rule corrects the gap: a daily bar that starts at 09:30 New York time is a US exchange
 * session and closes at 16:00, so its length is 6.5 hours, not the day to the next session. Without
 * it, a probability observed in the evening after the close would reach that day's decision.
 */
public final class BarLengths {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final long DAILY = Duration.ofHours(20).toMillis();
    static final long US_SESSION = Duration.ofMinutes(390).toMillis();

    private BarLengths() {}

    public static long infer(long firstStart, long secondStart) {
        long gap = secondStart - firstStart;
        if (gap >= DAILY && opensUsSession(firstStart)) {
            return US_SESSION;
        }
        return gap;
    }

    private static boolean opensUsSession(long start) {
        ZonedDateTime local = Instant.ofEpochMilli(start).atZone(NEW_YORK);
        return local.getHour() == 9 && local.getMinute() == 30 && local.getSecond() == 0;
    }
}
