package io.battleroyale.functions.risk;

import io.battleroyale.model.bounds.Durations;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The pre-trade limits of one run. Every limit is optional: {@code null} switches its rule off.
 *
 * <p>{@link #none()} applies nothing (the backtest default, so results stay comparable with other
 * engines); {@link #defaults()} is what {@code battle run} applies. {@link #parse(String,
 * RiskLimits)} reads the command line's {@code --risk key=value,...} on top of a base.
 *
 * @param maxPosition {@code max_position}: largest absolute net quantity one agent may hold in one
 *     symbol after an order (an order that shrinks an oversized position passes)
 * @param maxGrossExposure {@code max_gross_exposure}: largest {@code Σ |position| × last price}
 *     over one agent's symbols after an order (currency; an order that shrinks it passes)
 * @param maxOrderNotional {@code max_order_notional}: largest {@code quantity × reference price} of
 *     one order (currency)
 * @param priceBand {@code price_band}: largest relative distance of an order's reference price from
 *     the symbol's last price, as a fraction ({@code 0.1} = 10%); the fat-finger check
 * @param maxDataAge {@code max_data_age}: largest age of the symbol's last bar (its end) at the
 *     order's event time; also refuses orders on a symbol with no bar seen
 * @param maxOrdersPerWindow {@code max_orders}: most orders one agent may send within {@code
 *     orderRateWindow} (this order included)
 * @param orderRateWindow {@code order_rate_window}: the sliding event-time window of {@code
 *     max_orders}; required when {@code max_orders} is set
 * @param maxDrawdown {@code max_drawdown}: kill switch; an agent whose equity falls this fraction
 *     below its peak is halted for the rest of the run
 * @param circuitBreakerDrop {@code circuit_breaker_drop}: the flash-crash detector's fall, as a
 *     fraction ({@code 0.05} = −5%)
 * @param circuitBreakerWindow {@code circuit_breaker_window}: within which the fall must happen
 * @param circuitBreakerCooldown {@code circuit_breaker_cooldown}: how long new orders on a crashed
 *     symbol are paused; {@code null} switches the circuit breaker (detector and check) off
 */
public record RiskLimits(
        @Nullable Double maxPosition,
        @Nullable Double maxGrossExposure,
        @Nullable Double maxOrderNotional,
        @Nullable Double priceBand,
        @Nullable Duration maxDataAge,
        @Nullable Integer maxOrdersPerWindow,
        @Nullable Duration orderRateWindow,
        @Nullable Double maxDrawdown,
        @Nullable Double circuitBreakerDrop,
        @Nullable Duration circuitBreakerWindow,
        @Nullable Duration circuitBreakerCooldown)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The keys {@link #parse} accepts, in the order {@link #toText()} prints them. */
    public static final List<String> KEYS =
            List.of(
                    "max_position",
                    "max_gross_exposure",
                    "max_order_notional",
                    "price_band",
                    "max_data_age",
                    "max_orders",
                    "order_rate_window",
                    "max_drawdown",
                    "circuit_breaker_drop",
                    "circuit_breaker_window",
                    "circuit_breaker_cooldown");

    public RiskLimits {
        positive("max_position", maxPosition);
        positive("max_gross_exposure", maxGrossExposure);
        positive("max_order_notional", maxOrderNotional);
        positive("price_band", priceBand);
        positive("max_data_age", maxDataAge);
        if (maxOrdersPerWindow != null && maxOrdersPerWindow < 1) {
            throw new IllegalArgumentException(
                    "max_orders must be >= 1, got " + maxOrdersPerWindow);
        }
        positive("order_rate_window", orderRateWindow);
        if (maxOrdersPerWindow != null && orderRateWindow == null) {
            throw new IllegalArgumentException("max_orders needs order_rate_window (e.g. 1m)");
        }
        fraction("max_drawdown", maxDrawdown);
        fraction("circuit_breaker_drop", circuitBreakerDrop);
        positive("circuit_breaker_window", circuitBreakerWindow);
        positive("circuit_breaker_cooldown", circuitBreakerCooldown);
        if (circuitBreakerCooldown != null
                && (circuitBreakerDrop == null || circuitBreakerWindow == null)) {
            throw new IllegalArgumentException(
                    "circuit_breaker_cooldown needs circuit_breaker_drop and circuit_breaker_window");
        }
    }

    /** No limits at all: every rule is off. The backtest default. */
    public static RiskLimits none() {
        return new RiskLimits(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The limits {@code battle run} applies unless told otherwise: generous enough that a sane
     * agent on the synthetic market never meets them, tight enough to stop a runaway.
     *
     * <p>{@code max_position=100000, max_gross_exposure=1000000, max_order_notional=250000,
     * price_band=0.1, max_data_age=1h, max_orders=30, order_rate_window=1m, max_drawdown=0.5,
     * circuit_breaker_drop=0.05, circuit_breaker_window=5m, circuit_breaker_cooldown=15m}
     */
    public static RiskLimits defaults() {
        return new RiskLimits(
                100_000.0,
                1_000_000.0,
                250_000.0,
                0.10,
                Duration.ofHours(1),
                30,
                Duration.ofMinutes(1),
                0.50,
                0.05,
                Duration.ofMinutes(5),
                Duration.ofMinutes(15));
    }

    /** Whether every rule is off. */
    public boolean isNone() {
        return equals(none());
    }

    /** Whether the circuit breaker (the flash-crash detector and the pause check) is on. */
    public boolean circuitBreakerEnabled() {
        return circuitBreakerCooldown != null;
    }

    /** Parses {@code key=value,...} on top of {@link #none()}. */
    public static RiskLimits parse(String text) {
        return parse(text, none());
    }

    /**
     * Parses the command line's {@code --risk} text on top of {@code base}: {@code
     * key=value[,key=value...]}. The whole text may also be {@code none} or {@code defaults}.
     *
     * <ul>
     *   <li>numbers may use {@code _} as a thousands separator ({@code 100_000}); fractions may be
     *       written as percentages ({@code price_band=10%});
     *   <li>durations are {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or plain
     *       milliseconds;
     *   <li>{@code off} switches one rule off ({@code max_data_age=off}).
     * </ul>
     *
     * @throws IllegalArgumentException naming the bad pair and, for an unknown key, every valid key
     */
    public static RiskLimits parse(String text, RiskLimits base) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("none")) {
            return none();
        }
        if (trimmed.equalsIgnoreCase("defaults")) {
            return defaults();
        }
        Map<String, Object> values = base.asMap();
        if (!trimmed.isEmpty()) {
            for (String pair : trimmed.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(
                            "risk setting '"
                                    + pair.trim()
                                    + "' is not key=value; valid keys: "
                                    + String.join(", ", KEYS));
                }
                String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = pair.substring(eq + 1).trim();
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(
                            "unknown risk key '"
                                    + key
                                    + "'; valid keys: "
                                    + String.join(", ", KEYS));
                }
                try {
                    values.put(key, parseValue(key, value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "bad value for risk key " + key + ": " + e.getMessage(), e);
                }
            }
        }
        try {
            return fromMap(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inconsistent risk limits: " + e.getMessage(), e);
        }
    }

    /** The limits as {@code key=value,...}, every key, {@code off} for a rule that is off. */
    public String toText() {
        List<String> pairs = new ArrayList<>();
        asMap().forEach((k, v) -> pairs.add(k + "=" + format(v)));
        return String.join(",", pairs);
    }

    private Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_position", maxPosition);
        m.put("max_gross_exposure", maxGrossExposure);
        m.put("max_order_notional", maxOrderNotional);
        m.put("price_band", priceBand);
        m.put("max_data_age", maxDataAge);
        m.put("max_orders", maxOrdersPerWindow);
        m.put("order_rate_window", orderRateWindow);
        m.put("max_drawdown", maxDrawdown);
        m.put("circuit_breaker_drop", circuitBreakerDrop);
        m.put("circuit_breaker_window", circuitBreakerWindow);
        m.put("circuit_breaker_cooldown", circuitBreakerCooldown);
        return m;
    }

    private static RiskLimits fromMap(Map<String, Object> m) {
        return new RiskLimits(
                (Double) m.get("max_position"),
                (Double) m.get("max_gross_exposure"),
                (Double) m.get("max_order_notional"),
                (Double) m.get("price_band"),
                (Duration) m.get("max_data_age"),
                (Integer) m.get("max_orders"),
                (Duration) m.get("order_rate_window"),
                (Double) m.get("max_drawdown"),
                (Double) m.get("circuit_breaker_drop"),
                (Duration) m.get("circuit_breaker_window"),
                (Duration) m.get("circuit_breaker_cooldown"));
    }

    @Nullable
    private static Object parseValue(String key, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty value (use 'off' to switch a rule off)");
        }
        if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("none")) {
            return null;
        }
        switch (key) {
            case "max_data_age":
            case "order_rate_window":
            case "circuit_breaker_window":
            case "circuit_breaker_cooldown":
                return Durations.parse(key, value);
            case "max_orders":
                try {
                    return Integer.parseInt(value.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a whole number", e);
                }
            default:
                return parseNumber(value);
        }
    }

    private static double parseNumber(String value) {
        String v = value.replace("_", "");
        boolean percent = v.endsWith("%");
        if (percent) {
            v = v.substring(0, v.length() - 1).trim();
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number", e);
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(
                    "'" + value + "' is not finite (use 'off' to switch a rule off)");
        }
        return percent ? d / 100.0 : d;
    }

    /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or plain ms. */
    private static String format(@Nullable Object v) {
        if (v == null) {
            return "off";
        }
        if (v instanceof Duration) {
            return Durations.format((Duration) v);
        }
        if (v instanceof Double) {
            double d = (Double) v;
            return d == Math.rint(d) && Math.abs(d) < 1e15
                    ? Long.toString((long) d)
                    : Double.toString(d);
        }
        return v.toString();
    }

    private static void positive(String key, @Nullable Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(key + " must be finite and > 0, got " + value);
        }
    }

    private static void positive(String key, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(key + " must be > 0, got " + value);
        }
    }

    private static void fraction(String key, @Nullable Double value) {
        if (value != null && !(value > 0 && value < 1)) {
            throw new IllegalArgumentException(
                    key + " must be a fraction in (0, 1) (e.g. 0.2 or 20%), got " + value);
        }
    }
}
