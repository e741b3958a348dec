package io.battleroyale.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.model.bounds.Sizes;
import io.battleroyale.model.bounds.Symbols;
import io.battleroyale.model.wire.JsonFields;
import io.battleroyale.model.wire.OrderMessage;
import io.battleroyale.model.wire.WireException;

import java.io.IOException;
import java.util.function.Function;

/**
 * Turns request bodies into validated messages, or throws an {@link ApiException} naming the field:
 * 400 for a body that is not one JSON object or a field of the wrong JSON type, 422 for a missing
 * field or a value out of range. The fields themselves are read by {@link OrderMessage}, the code
 * the job's sink writes them with.
 */
final class OrderParser {
    private final ObjectMapper json;

    OrderParser(ObjectMapper json) {
        this.json = json;
    }

    OrderMessage parseOrder(byte[] body) {
        return read(body, OrderMessage::fromJson);
    }

    PriceUpdate parsePrice(byte[] body) {
        return read(
                body,
                root ->
                        new PriceUpdate(
                                JsonFields.symbol(root, "symbol"),
                                JsonFields.number(root, "price", Sizes::price),
                                JsonFields.epochMillis(root, "ts")));
    }

    /** A last-price update for the paper route. */
    record PriceUpdate(String symbol, double price, long ts) {}

    /** A symbol as every input spells it: {@link Symbols#normalize}, or 422. */
    static String symbol(String text) {
        try {
            return Symbols.normalize("symbol", text);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("symbol", e.getMessage());
        }
    }

    private <T> T read(byte[] body, Function<JsonNode, T> fields) {
        JsonNode root = object(body);
        try {
            return fields.apply(root);
        } catch (WireException e) {
            throw e.malformed()
                    ? ApiException.badRequest(e.field(), e.getMessage())
                    : ApiException.unprocessable(e.field(), e.getMessage());
        }
    }

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
        } catch (IOException e) {
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
}
