package io.battleroyale.sources.synthetic;

import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.events.Exposure;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated prediction-market event.
 *
 * @param key the event key ticks carry, e.g. {@code fed_hike}
 * @param initialProbability yes probability at bar 0, in (0, 1)
 * @param sensitivities symbol to signed sensitivity, as in the event map
 */
public record SyntheticEvent(
        String key, double initialProbability, Map<String, Double> sensitivities)
        implements Serializable {

    public SyntheticEvent {
        if (!(initialProbability > 0 && initialProbability < 1)) {
            throw new IllegalArgumentException(
                    key + ": initial probability must be in (0, 1), was " + initialProbability);
        }
        sensitivities = Map.copyOf(sensitivities);
    }

    /** The event with the sensitivities the event map gives its key, for the listed symbols. */
    public static SyntheticEvent fromEventMap(
            EventMap map, String key, double initialProbability, List<String> symbols) {
        Map<String, Double> s = new LinkedHashMap<>();
        for (Exposure e : map.exposures(key)) {
            if (symbols.contains(e.symbol())) {
                s.put(e.symbol(), e.sensitivity());
            }
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException(
                    "event map " + map.origin() + " gives '" + key + "' no exposure to " + symbols);
        }
        return new SyntheticEvent(key, initialProbability, s);
    }

    /** The market id ticks carry, e.g. {@code SYN-FED_HIKE}. */
    public String marketId() {
        return "SYN-" + key.toUpperCase(java.util.Locale.ROOT);
    }
}
