package io.battleroyale.operators.stress;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.events.Group;

import javax.annotation.Nullable;

import java.util.Locale;

/**
 * Rate shock: from {@code startTs} on, every market of the event group (default {@code fed_hike})
 * reads {@code jump} higher, and every symbol the group moves reprices once by its event-map
 * sensitivity.
 *
 * <p>Ticks of the group with {@code t ≥ T}: {@code p' = clamp(p + jump, 0, 1)} (so the jump shows
 * from the first tick at or after T). Bars of a symbol with sensitivity s: prices × m(t) with
 * {@code m(t) = exp(impact · s · jump)} for t ≥ T, 1 before; a bar [b, e] becomes open·m(b),
 * close·m(e), high·max m, low·min m over the bar.
 */
public record RateShock(EventMap eventMap, String group, long startTs, double jump, double impact)
        implements Scenario {

    public static final String NAME = "rate_shock";

    public RateShock {
        if (eventMap.group(group) == null) {
            throw new IllegalArgumentException(
                    "rate_shock: event group '" + group + "' is not in " + eventMap.origin());
        }
        if (!(jump >= -1 && jump <= 1)) {
            throw new IllegalArgumentException("rate_shock jump must be in [-1, 1]: " + jump);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long endTs() {
        return startTs + 1;
    }

    @Override
    public String formula() {
        return String.format(
                Locale.ROOT,
                "ticks of group %s at t >= %d: p' = clamp(p %+.3f, 0, 1); bars of every symbol"
                        + " with sensitivity s to %s: prices × exp(%s · s · %s) from t >= %d",
                group,
                startTs,
                jump,
                group,
                impact,
                jump,
                startTs);
    }

    /** The price multiplier of {@code symbol} at {@code t}. */
    public double multiplier(String symbol, long t) {
        if (t < startTs) {
            return 1.0;
        }
        Double s = eventMap.group(group).symbols().get(symbol);
        return s == null ? 1.0 : Math.exp(impact * s * jump);
    }

    @Override
    public PriceBar price(PriceBar bar, double previousClose, double previousScaledClose) {
        if (bar.endTs() < startTs) {
            return bar;
        }
        double atOpen = multiplier(bar.symbol(), bar.tsEvent());
        double atClose = multiplier(bar.symbol(), bar.endTs());
        if (atOpen == 1.0 && atClose == 1.0) {
            return bar;
        }
        return Scenario.scaled(
                bar, atOpen, atClose, Math.min(atOpen, atClose), Math.max(atOpen, atClose));
    }

    @Override
    @Nullable
    public ProbabilityTick probability(ProbabilityTick tick) {
        if (tick.tsEvent() < startTs || !inGroup(eventMap, group, tick)) {
            return tick;
        }
        return withProbability(tick, tick.yesProbability() + jump);
    }

    static boolean inGroup(EventMap eventMap, String group, ProbabilityTick tick) {
        Group g = eventMap.match(tick.eventKey());
        return g != null && g.name().equals(group);
    }

    static ProbabilityTick withProbability(ProbabilityTick tick, double p) {
        return new ProbabilityTick(
                tick.venue(),
                tick.marketId(),
                tick.eventKey(),
                tick.tsEvent(),
                Math.max(0.0, Math.min(1.0, p)));
    }
}
