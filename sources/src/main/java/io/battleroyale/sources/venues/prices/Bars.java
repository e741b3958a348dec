package io.battleroyale.sources.venues.prices;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.bounds.Sizes;
import io.battleroyale.model.bounds.Timestamps;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.source.PollResult;

import javax.annotation.Nullable;

/** Validation of price bars at the boundary: a bar is either fully valid or a counted rejection. */
public final class Bars {

    private Bars() {}

    /**
     * Why {@code bar} is not valid, or {@code null} when it is: every number finite, prices
     * positive, {@code high >= low}, open and close within {@code [low, high]}, volume not
     * negative.
     */
    @Nullable
    public static String problem(PriceBar bar) {
        double[] all = {bar.open(), bar.high(), bar.low(), bar.close(), bar.volume()};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                return "a price or the volume is not a finite number";
            }
        }
        if (!Timestamps.inWindow(bar.tsEvent())) {
            return "time " + bar.tsEvent() + " outside " + Timestamps.window();
        }
        if (bar.open() <= 0 || bar.high() <= 0 || bar.low() <= 0 || bar.close() <= 0) {
            return "prices must be positive";
        }
        if (bar.high() > Sizes.MAX_PRICE || bar.volume() > Sizes.MAX_VOLUME) {
            return "a price above " + Sizes.MAX_PRICE + " or a volume above " + Sizes.MAX_VOLUME;
        }
        if (bar.high() < bar.low()) {
            return "high " + bar.high() + " is below low " + bar.low();
        }
        if (bar.open() < bar.low()
                || bar.open() > bar.high()
                || bar.close() < bar.low()
                || bar.close() > bar.high()) {
            return "open or close outside [low, high]";
        }
        if (bar.volume() < 0) {
            return "volume is negative";
        }
        return null;
    }

    /** The bar, or a rejection naming the problem. */
    static Object checked(PriceBar bar, String raw) {
        String problem = problem(bar);
        return problem == null
                ? bar
                : new PollResult.Rejection(
                        SkipReason.INVALID_BAR,
                        bar.symbol() + " at " + bar.tsEvent() + ": " + problem,
                        raw);
    }

    /**
     * A number sent as a JSON number or a numeric string; NaN when absent, null or unparsable (the
     * bar then fails validation).
     */
    static double number(@Nullable JsonNode n) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
