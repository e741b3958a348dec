package io.battleroyale.sources.venues;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.sources.venues.http.VenueHttpClient;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The one rule that turns a venue's quote into a yes probability. Every code path (the markets
 * command, the live and bounded sources) goes through here; {@code docs/markets.md} documents it.
 *
 * <p><b>Kalshi</b>: the midpoint of {@code yes_bid_dollars} and {@code yes_ask_dollars} when both
 * are quoted and the spread is at most {@value #MAX_SPREAD}; otherwise {@code last_price_dollars}
 * when present and positive; otherwise the midpoint when both are quoted; otherwise skipped. A side
 * counts as quoted when the bid is above 0 and the ask below 1 (an empty book reads 0 / 1) and the
 * book is not crossed. The old integer-cent fields ({@code yes_bid}, {@code yes_ask}, {@code
 * last_price}) are used, divided by 100, only when the dollar field is absent.
 *
 * <p><b>Polymarket</b>: binary markets only (outcomes exactly Yes and No, any order and case); the
 * probability is the {@code outcomePrices} entry at the index of Yes. The arrays may be JSON
 * encoded inside strings (the documented form) or native arrays.
 *
 * <p>Numbers may arrive as JSON numbers or strings. A value that is unparsable, NaN or outside [0,
 * 1] skips the market with that reason; it never falls through to a weaker rule, so a quote is
 * either fully valid or a {@link Skip}.
 */
public final class YesProbability {

    /** Widest bid/ask spread, in dollars (= probability), for which the midpoint is preferred. */
    public static final double MAX_SPREAD = 0.10;

    private static final BigDecimal MAX_SPREAD_DECIMAL = new BigDecimal("0.10");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private YesProbability() {}

    /** Either a {@link Quote} or a {@link Skip}. */
    public sealed interface Result permits Quote, Skip {}

    /** How a probability was derived. */
    public enum Basis {
        MIDPOINT,
        LAST_PRICE,
        WIDE_MIDPOINT,
        OUTCOME_PRICE,
        CLOB_MIDPOINT,
        HISTORY_PRICE
    }

    /**
     * A valid probability.
     *
     * @param yesProbability in [0, 1], finite
     */
    public record Quote(double yesProbability, Basis basis) implements Result {
        public Quote {
            if (!(yesProbability >= 0 && yesProbability <= 1)) {
                throw new IllegalArgumentException("probability not in [0,1]: " + yesProbability);
            }
        }
    }

    /** No probability, with the reason (counted) and a human detail naming the field. */
    public record Skip(SkipReason reason, String detail) implements Result {}

    // ---------------------------------------------------------------- Kalshi

    /** Applies the Kalshi rule to a {@code Market} object of the Trade API v2. */
    public static Result kalshi(@Nullable JsonNode market) {
        if (market == null || !market.isObject()) {
            return new Skip(SkipReason.NOT_AN_OBJECT, "market is not a JSON object");
        }
        Price bid = kalshiPrice(market, "yes_bid_dollars", "yes_bid");
        Price ask = kalshiPrice(market, "yes_ask_dollars", "yes_ask");
        Price last = kalshiPrice(market, "last_price_dollars", "last_price");
        return kalshi(bid, ask, last);
    }

    /**
     * Applies the Kalshi rule to one candlestick: the close of {@code yes_bid}, {@code yes_ask} and
     * {@code price}.
     */
    public static Result kalshiCandle(@Nullable JsonNode candle) {
        if (candle == null || !candle.isObject()) {
            return new Skip(SkipReason.NOT_AN_OBJECT, "candlestick is not a JSON object");
        }
        Price bid = kalshiPrice(candle.path("yes_bid"), "close_dollars", "close");
        Price ask = kalshiPrice(candle.path("yes_ask"), "close_dollars", "close");
        Price last = kalshiPrice(candle.path("price"), "close_dollars", "close");
        return kalshi(bid, ask, last);
    }

    private static Result kalshi(Price bid, Price ask, Price last) {
        for (Price p : new Price[] {bid, ask, last}) {
            if (p.skip != null) {
                return p.skip;
            }
        }
        boolean twoSided =
                bid.value != null
                        && ask.value != null
                        && bid.value.signum() > 0
                        && ask.value.compareTo(BigDecimal.ONE) < 0
                        && bid.value.compareTo(ask.value) <= 0;
        if (twoSided) {
            BigDecimal mid = bid.value.add(ask.value).divide(TWO);
            if (ask.value.subtract(bid.value).compareTo(MAX_SPREAD_DECIMAL) <= 0) {
                return new Quote(mid.doubleValue(), Basis.MIDPOINT);
            }
            if (last.value != null && last.value.signum() > 0) {
                return new Quote(last.value.doubleValue(), Basis.LAST_PRICE);
            }
            return new Quote(mid.doubleValue(), Basis.WIDE_MIDPOINT);
        }
        if (last.value != null && last.value.signum() > 0) {
            return new Quote(last.value.doubleValue(), Basis.LAST_PRICE);
        }
        return new Skip(
                SkipReason.NO_QUOTE,
                "no two-sided yes quote (bid "
                        + bid.describe()
                        + ", ask "
                        + ask.describe()
                        + ") and no positive last price ("
                        + last.describe()
                        + ")");
    }

    private static Price kalshiPrice(JsonNode obj, String dollarField, String centField) {
        JsonNode dollars = obj.get(dollarField);
        if (!isAbsent(dollars)) {
            return Price.of(dollarField, dollars, BigDecimal.ONE);
        }
        JsonNode cents = obj.get(centField);
        if (!isAbsent(cents)) {
            return Price.of(centField, cents, HUNDRED);
        }
        return Price.ABSENT;
    }

    // ---------------------------------------------------------------- Polymarket

    /** Applies the Polymarket rule to a Gamma {@code Market} object. */
    public static Result polymarket(@Nullable JsonNode market) {
        if (market == null || !market.isObject()) {
            return new Skip(SkipReason.NOT_AN_OBJECT, "market is not a JSON object");
        }
        JsonNode outcomes;
        JsonNode prices;
        try {
            outcomes = embeddedArray(market.get("outcomes"));
            prices = embeddedArray(market.get("outcomePrices"));
        } catch (IllegalArgumentException e) {
            return new Skip(SkipReason.UNPARSABLE, e.getMessage());
        }
        if (outcomes == null) {
            return new Skip(SkipReason.MISSING_FIELD, "outcomes is missing or null");
        }
        int yes = yesIndex(outcomes);
        if (yes < 0) {
            return new Skip(SkipReason.NOT_BINARY, "outcomes are " + outcomes + ", not Yes/No");
        }
        if (prices == null) {
            return new Skip(SkipReason.MISSING_FIELD, "outcomePrices is missing or null");
        }
        if (prices.size() != outcomes.size()) {
            return new Skip(
                    SkipReason.UNPARSABLE,
                    "outcomePrices has "
                            + prices.size()
                            + " entries for "
                            + outcomes.size()
                            + " outcomes");
        }
        return probability("outcomePrices[" + yes + "]", prices.get(yes), Basis.OUTCOME_PRICE);
    }

    /**
     * The CLOB token id of the Yes outcome, kept as the exact decimal string (it overflows {@code
     * long}); {@code null} when the market is not binary or has no token ids.
     */
    @Nullable
    public static String polymarketYesTokenId(@Nullable JsonNode market) {
        if (market == null || !market.isObject()) {
            return null;
        }
        try {
            JsonNode outcomes = embeddedArray(market.get("outcomes"));
            JsonNode tokens = embeddedArray(market.get("clobTokenIds"));
            if (outcomes == null || tokens == null || tokens.size() != outcomes.size()) {
                return null;
            }
            int yes = yesIndex(outcomes);
            return yes < 0 ? null : idText(tokens.get(yes));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A plain probability field (CLOB {@code mid}, {@code prices-history} {@code p}): a number or a
     * numeric string in [0, 1].
     */
    public static Result probability(String field, @Nullable JsonNode value, Basis basis) {
        if (isAbsent(value)) {
            return new Skip(SkipReason.MISSING_FIELD, field + " is missing or null");
        }
        Price p = Price.of(field, value, BigDecimal.ONE);
        if (p.skip != null) {
            return p.skip;
        }
        return new Quote(p.value.doubleValue(), basis);
    }

    private static int yesIndex(JsonNode outcomes) {
        if (outcomes.size() != 2) {
            return -1;
        }
        String a = outcomes.get(0).asText("").strip().toLowerCase(Locale.ROOT);
        String b = outcomes.get(1).asText("").strip().toLowerCase(Locale.ROOT);
        if (a.equals("yes") && b.equals("no")) {
            return 0;
        }
        if (a.equals("no") && b.equals("yes")) {
            return 1;
        }
        return -1;
    }

    /**
     * An array that Gamma sends JSON-encoded inside a string, or (defensively) as a native array.
     *
     * @return {@code null} when absent
     * @throws IllegalArgumentException when present but not an array
     */
    @Nullable
    public static JsonNode embeddedArray(@Nullable JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isArray()) {
            return node;
        }
        if (node.isTextual()) {
            try {
                JsonNode parsed = VenueHttpClient.MAPPER.readTree(node.asText());
                if (parsed != null && parsed.isArray()) {
                    return parsed;
                }
            } catch (JsonProcessingException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("not a JSON array: " + abbreviate(node.toString()));
    }

    /** The text of an id that may arrive as a string or as a (possibly huge) JSON number. */
    @Nullable
    public static String idText(@Nullable JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.asText().strip();
            return text.isEmpty() ? null : text;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isBigDecimal() || node.isDouble() || node.isFloat()) {
            BigDecimal d = node.decimalValue();
            try {
                BigInteger exact = d.toBigIntegerExact();
                return exact.toString();
            } catch (ArithmeticException e) {
                return d.toPlainString();
            }
        }
        return null;
    }

    static boolean isAbsent(@Nullable JsonNode node) {
        return node == null
                || node.isNull()
                || node.isMissingNode()
                || (node.isTextual() && node.asText().isBlank());
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /** A parsed price: absent, a value in [0, 1], or a skip naming the field. */
    private static final class Price {
        static final Price ABSENT = new Price(null, null);

        @Nullable final BigDecimal value;
        @Nullable final Skip skip;

        private Price(@Nullable BigDecimal value, @Nullable Skip skip) {
            this.value = value;
            this.skip = skip;
        }

        static Price of(String field, JsonNode node, BigDecimal divisor) {
            BigDecimal raw;
            if (node.isNumber()) {
                if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                    return skip(SkipReason.NOT_A_NUMBER, field + " is " + node.asText());
                }
                raw = node.decimalValue();
            } else if (node.isTextual()) {
                String text = node.asText().strip();
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.equals("nan") || lower.contains("infinity") || lower.equals("inf")) {
                    return skip(SkipReason.NOT_A_NUMBER, field + " is '" + text + "'");
                }
                try {
                    raw = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    return skip(
                            SkipReason.UNPARSABLE,
                            field + " is not a number: '" + abbreviate(text) + "'");
                }
            } else {
                return skip(
                        SkipReason.UNPARSABLE,
                        field + " is a " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            BigDecimal value = divisor.equals(BigDecimal.ONE) ? raw : raw.divide(divisor);
            if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
                return skip(
                        SkipReason.OUT_OF_RANGE,
                        field + " = " + raw.toPlainString() + " is outside [0, 1]");
            }
            return new Price(value, null);
        }

        private static Price skip(SkipReason reason, String detail) {
            return new Price(null, new Skip(reason, detail));
        }

        String describe() {
            return value == null ? "none" : value.toPlainString();
        }
    }
}
