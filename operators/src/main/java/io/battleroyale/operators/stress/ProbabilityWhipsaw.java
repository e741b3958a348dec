package io.battleroyale.operators.stress;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.events.EventMap;

import java.util.Locale;

/**
 * Probability whipsaw: within {@code [start, end)} the group's markets swing up and down by {@code
 * amplitude} around their path, flipping every {@code periodMs}.
 *
 * <p>Ticks of the group with T ≤ t < E: {@code p' = clamp(p + a · (−1)^⌊(t − T) / period⌋, 0, 1)}
 * (up in the first period, down in the second, ...); other ticks are unchanged. It moves the ticks
 * the feed has, so a market that ticks rarely whipsaws rarely.
 */
public record ProbabilityWhipsaw(
        EventMap eventMap, String group, long startTs, long endTs, long periodMs, double amplitude)
        implements Scenario {

    public static final String NAME = "probability_whipsaw";

    public ProbabilityWhipsaw {
        if (eventMap.group(group) == null) {
            throw new IllegalArgumentException(
                    "probability_whipsaw: event group '"
                            + group
                            + "' is not in "
                            + eventMap.origin());
        }
        if (periodMs <= 0 || !(amplitude > 0 && amplitude <= 1)) {
            throw new IllegalArgumentException(
                    "probability_whipsaw needs a positive period and 0 < amplitude <= 1");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String formula() {
        return String.format(
                Locale.ROOT,
                "ticks of group %s with %d <= t < %d: p' = clamp(p + %s·(-1)^floor((t - %d)/%d),"
                        + " 0, 1)",
                group,
                startTs,
                endTs,
                amplitude,
                startTs,
                periodMs);
    }

    @Override
    public ProbabilityTick probability(ProbabilityTick tick) {
        long t = tick.tsEvent();
        if (t < startTs || t >= endTs || !RateShock.inGroup(eventMap, group, tick)) {
            return tick;
        }
        long half = (t - startTs) / periodMs;
        double sign = half % 2 == 0 ? 1.0 : -1.0;
        return RateShock.withProbability(tick, tick.yesProbability() + sign * amplitude);
    }
}
