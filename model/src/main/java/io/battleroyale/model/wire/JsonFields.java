package io.battleroyale.model.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.model.Side;
import io.battleroyale.model.bounds.Symbols;
import io.battleroyale.model.bounds.Texts;
import io.battleroyale.model.bounds.Timestamps;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads one field of a JSON object by the house rules ({@code model.bounds}), or throws a {@link
 * WireException} that names it.
 */
public final class JsonFields {
    private JsonFields() {}

    public static String text(JsonNode root, String field, Pattern allowed) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        String value = node.textValue();
        if (!allowed.matcher(value).matches()) {
            throw invalid(
                    field,
                    field
                            + " must match "
                            + allowed.pattern()
                            + ", got '"
                            + Texts.clip(value)
                            + "'");
        }
        return value;
    }

    /** A symbol as every input spells it ({@link Symbols#normalize}). */
    public static String symbol(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        try {
            return Symbols.normalize(field, node.textValue());
        } catch (IllegalArgumentException e) {
            throw invalid(field, e.getMessage());
        }
    }

    /** {@code BUY} or {@code SELL}, in any case. */
    public static Side side(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return switch (node.textValue().trim().toUpperCase(Locale.ROOT)) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default ->
                    throw invalid(
                            field,
                            field
                                    + " must be BUY or SELL, got '"
                                    + Texts.clip(node.textValue())
                                    + "'");
        };
    }

    /** A number within the bounds {@code check} applies (one of {@code Sizes}'). */
    public static double number(
            JsonNode root, String field, BiFunction<String, Double, Double> check) {
        JsonNode node = required(root, field);
        if (!node.isNumber()) {
            throw wrongType(field, "a number", node);
        }
        try {
            return check.apply(field, node.doubleValue());
        } catch (IllegalArgumentException e) {
            throw invalid(field, e.getMessage());
        }
    }

    /** Epoch milliseconds within {@link Timestamps}' window. */
    public static long epochMillis(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "an integer (epoch milliseconds)", node);
        }
        try {
            return Timestamps.check(field, node.longValue());
        } catch (IllegalArgumentException e) {
            throw invalid(field, e.getMessage());
        }
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw invalid(field, field + " is required");
        }
        return node;
    }

    private static WireException wrongType(String field, String expected, JsonNode node) {
        return new WireException(
                field,
                true,
                field
                        + " must be "
                        + expected
                        + ", got "
                        + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private static WireException invalid(String field, String message) {
        return new WireException(field, false, message);
    }
}
