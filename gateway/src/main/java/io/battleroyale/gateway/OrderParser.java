package io.battleroyale.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.model.Side;
import io.battleroyale.model.bounds.Sizes;
import io.battleroyale.model.bounds.Symbols;
import io.battleroyale.model.bounds.Texts;
import io.battleroyale.model.bounds.Timestamps;

import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Turns request bodies into validated requests, or throws an {@link ApiException} naming the field:
 * 400 for a body that is not a JSON object or a field of the wrong JSON type, 422 for a missing
 * field or a value out of range. Unknown fields are ignored so that clients can add fields.
 */
final class OrderParser {
    /** Alpaca allows up to 128 characters; no '/' so that the id fits in a URL path segment. */
    static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    static final Pattern AGENT = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

    private final ObjectMapper json;

    OrderParser(ObjectMapper json) {
        this.json = json;
    }

    OrderRequest parseOrder(byte[] body) {
        JsonNode root = object(body);
        String clientOrderId = text(root, "client_order_id", CLIENT_ORDER_ID);
        String agent = text(root, "agent", AGENT);
        String symbol = symbol(root);
        Side side = side(root);
        double quantity = bounded(root, "quantity", Sizes::quantity);
        Double referencePrice =
                root.hasNonNull("reference_price")
                        ? bounded(root, "reference_price", Sizes::price)
                        : null;
        if (referencePrice != null && quantity * referencePrice > Sizes.MAX_NOTIONAL) {
            throw ApiException.unprocessable(
                    "quantity",
                    "quantity x reference_price (notional "
                            + quantity * referencePrice
                            + ") exceeds "
                            + Sizes.MAX_NOTIONAL);
        }
        long ts = epochMillis(root, "ts");
        return new OrderRequest(clientOrderId, agent, symbol, side, quantity, referencePrice, ts);
    }

    PriceUpdate parsePrice(byte[] body) {
        JsonNode root = object(body);
        return new PriceUpdate(
                symbol(root), bounded(root, "price", Sizes::price), epochMillis(root, "ts"));
    }

    /** A last-price update for the paper route. */
    record PriceUpdate(String symbol, double price, long ts) {}

    private JsonNode object(byte[] body) {
        JsonNode root;
        try (JsonParser parser = json.createParser(body)) {
            root = json.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                // a second object or garbage after the first: refuse rather than drop it
                throw ApiException.badRequest(
                        null,
                        "malformed JSON: trailing content after the JSON value at offset "
                                + parser.currentTokenLocation().getByteOffset());
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(
                    null, "malformed JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        } catch (java.io.IOException e) {
            throw ApiException.badRequest(null, "unreadable body");
        }
        if (root == null || root.isMissingNode()) {
            throw ApiException.badRequest(null, "empty body: a JSON object is required");
        }
        if (!root.isObject()) {
            throw ApiException.badRequest(
                    null, "body must be a JSON object, got " + root.getNodeType());
        }
        return root;
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.unprocessable(field, field + " is required");
        }
        return node;
    }

    private static String text(JsonNode root, String field, Pattern allowed) {
        JsonNode node = required(root, field);
        if (!node.isTextual()) {
            throw ApiException.badRequest(
                    field, field + " must be a string, got " + typeName(node));
        }
        String value = node.textValue();
        if (!allowed.matcher(value).matches()) {
            throw ApiException.unprocessable(
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

    private static Side side(JsonNode root) {
        JsonNode node = required(root, "side");
        if (!node.isTextual()) {
            throw ApiException.badRequest("side", "side must be a string, got " + typeName(node));
        }
        String value = node.textValue().trim().toUpperCase(Locale.ROOT);
        if (value.equals("BUY")) {
            return Side.BUY;
        }
        if (value.equals("SELL")) {
            return Side.SELL;
        }
        throw ApiException.unprocessable(
                "side", "side must be BUY or SELL, got '" + Texts.clip(node.textValue()) + "'");
    }

    /** A number within the bounds of {@link Sizes} ({@code check} names the field). */
    private static double bounded(
            JsonNode root, String field, BiFunction<String, Double, Double> check) {
        JsonNode node = required(root, field);
        if (!node.isNumber()) {
            throw ApiException.badRequest(
                    field, field + " must be a number, got " + typeName(node));
        }
        try {
            return check.apply(field, node.doubleValue());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(field, e.getMessage());
        }
    }

    private static String symbol(JsonNode root) {
        JsonNode node = required(root, "symbol");
        if (!node.isTextual()) {
            throw ApiException.badRequest(
                    "symbol", "symbol must be a string, got " + typeName(node));
        }
        return symbol(node.textValue());
    }

    /** A symbol as every input spells it: {@link Symbols#normalize}, or 422. */
    static String symbol(String text) {
        try {
            return Symbols.normalize("symbol", text);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("symbol", e.getMessage());
        }
    }

    private static long epochMillis(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.badRequest(
                    field,
                    field + " must be an integer (epoch milliseconds), got " + typeName(node));
        }
        try {
            return Timestamps.check(field, node.longValue());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(field, e.getMessage());
        }
    }

    private static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
