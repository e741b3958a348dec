package io.battleroyale.functions.agents;

import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Helpers shared by the built-in agents to build signals and their rationales. */
public final class Signals {

    private Signals() {}

    /**
     * A signal on the snapshot's bar: decision time, bar index and symbol come from the snapshot;
     * confidence is clamped to [0, 1].
     */
    public static Signal of(
            String agent,
            MarketSnapshot snapshot,
            Side side,
            double confidence,
            String rationale,
            Map<String, Double> attribution) {
        double clamped = confidence > 1.0 ? 1.0 : confidence > 0.0 ? confidence : 0.0;
        return new Signal(
                agent,
                snapshot.symbol(),
                snapshot.decisionTs(),
                snapshot.barIndex(),
                side,
                clamped,
                rationale,
                attribution);
    }

    /**
     * An attribution map in sorted key order: unlike {@code Map.of}, whose iteration order changes
     * from one JVM to the next, it renders identically in every run.
     */
    public static Map<String, Double> attribution(String factor, double contribution) {
        TreeMap<String, Double> map = new TreeMap<>();
        map.put(factor, contribution);
        return Collections.unmodifiableMap(map);
    }

    /** {@link #attribution(String, double)} with two factors. */
    public static Map<String, Double> attribution(
            String factor1, double contribution1, String factor2, double contribution2) {
        TreeMap<String, Double> map = new TreeMap<>();
        map.put(factor1, contribution1);
        map.put(factor2, contribution2);
        return Collections.unmodifiableMap(map);
    }

    /** {@code String.format} in the root locale, so decimal points never become commas. */
    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** A parameter value as the user would write it: {@code 30} rather than {@code 30.0}. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
