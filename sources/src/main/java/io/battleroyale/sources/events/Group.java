package io.battleroyale.sources.events;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry of the event map: the event keys it matches and the symbols those events move.
 *
 * @param match glob patterns over event keys, {@code *} standing for any characters (case
 *     sensitive, whole key)
 * @param symbols symbol to signed sensitivity, in file order
 */
public record Group(String name, List<String> match, Map<String, Double> symbols)
        implements Serializable {

    public Group {
        match = List.copyOf(match);
        symbols = Collections.unmodifiableMap(new LinkedHashMap<>(symbols));
    }

    /**
     * Whether one of the patterns matches the whole key. Compiles the patterns on every call:
     * {@link EventMap} caches results per key.
     */
    public boolean matches(String eventKey) {
        for (String pattern : match) {
            if (glob(pattern).matcher(eventKey).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The group's exposures in file order. */
    public List<Exposure> exposures() {
        List<Exposure> out = new ArrayList<>(symbols.size());
        symbols.forEach((symbol, s) -> out.add(new Exposure(name, symbol, s)));
        return List.copyOf(out);
    }

    /** The sensitivity of a symbol, 0 when the group does not affect it. */
    public double sensitivity(String symbol) {
        return symbols.getOrDefault(symbol, 0.0);
    }

    static Pattern glob(String pattern) {
        String[] literals = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!literals[i].isEmpty()) {
                regex.append(Pattern.quote(literals[i]));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
