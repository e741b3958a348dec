package io.battleroyale.functions.agents;

import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Helpers shared by the built-in agents to build signals and their rationales. */
public final class Signals {

    private Signals() {}

    /**
     * A signal on the snapshot's bar: decision time, bar index and symbol come from the snapshot;
     * confidence is clamped to [0, 1]. The attribution's contributions add up to {@code score −
     * baseline}.
     */
    public static Signal of(
            String agent,
            MarketSnapshot snapshot,
            Side side,
            double confidence,
            String rationale,
            Map<String, Double> attribution,
            double score,
            double baseline) {
        double clamped = confidence > 1.0 ? 1.0 : confidence > 0.0 ? confidence : 0.0;
        return new Signal(
                agent,
                snapshot.symbol(),
                snapshot.decisionTs(),
                snapshot.barIndex(),
                side,
                clamped,
                rationale,
                attribution,
                score,
                baseline);
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

    /**
     * Adds {@code contribution} to {@code factor} in a sorted attribution being built: a factor
     * that stands for several inputs (two shifts of one market) gets their sum.
     */
    static void add(TreeMap<String, Double> attribution, String factor, double contribution) {
        attribution.merge(factor, contribution, Double::sum);
    }

    /**
     * {@code String.format} in the root locale for the conversions rationales use ({@code %s},
     * {@code %d}, {@code %.Nf}, {@code %+.Nf}, {@code %%}), with the same half-up rounding of the
     * shortest decimal form. Rationales are written for every signal, so this runs on the hot path
     * where {@link java.util.Formatter} cost a sixth of the arena's time; any other pattern falls
     * back to it.
     */
    static String format(String pattern, Object... args) {
        StringBuilder out = new StringBuilder(pattern.length() + 16 * args.length);
        int next = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char k = pattern.charAt(++i);
            if (k == '%') {
                out.append('%');
            } else if (k == 's' || k == 'd') {
                out.append(args[next++]);
            } else {
                boolean sign = k == '+';
                int at = sign ? i + 1 : i;
                if (pattern.charAt(at) != '.'
                        || pattern.charAt(at + 2) != 'f'
                        || !Character.isDigit(pattern.charAt(at + 1))
                        || !(args[next] instanceof Double)) {
                    return String.format(Locale.ROOT, pattern, args);
                }
                double value = (Double) args[next++];
                int scale = pattern.charAt(at + 1) - '0';
                appendFixed(out, value, scale, sign);
                i = at + 2;
            }
        }
        return out.toString();
    }

    private static void appendFixed(StringBuilder out, double value, int scale, boolean sign) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append(sign && value > 0 ? "+" : "").append(value);
            return;
        }
        BigDecimal fixed = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
        if (sign && (fixed.signum() > 0 || (fixed.signum() == 0 && !isNegative(value)))) {
            out.append('+');
        } else if (fixed.signum() == 0 && isNegative(value)) {
            out.append('-');
        }
        out.append(fixed.toPlainString());
    }

    private static boolean isNegative(double value) {
        return value < 0 || (value == 0.0 && 1.0 / value < 0);
    }

    /** A parameter value as the user would write it: {@code 30} rather than {@code 30.0}. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
