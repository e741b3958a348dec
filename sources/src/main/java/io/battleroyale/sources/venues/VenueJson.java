package io.battleroyale.sources.venues;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.sources.venues.VenueException.Kind;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/** Shape checks on venue responses, failing with {@link Kind#UNEXPECTED_SHAPE}. */
public final class VenueJson {

    private VenueJson() {}

    /** The root must be an object. */
    public static JsonNode object(JsonNode root, String venue, String path) throws VenueException {
        if (!root.isObject()) {
            throw shape(venue, path, "expected a JSON object, got " + kind(root));
        }
        return root;
    }

    /** A required object field. */
    public static JsonNode objectField(JsonNode root, String field, String venue, String path)
            throws VenueException {
        JsonNode n = object(root, venue, path).get(field);
        if (n == null || !n.isObject()) {
            throw shape(
                    venue,
                    path,
                    "expected object field '" + field + "', got " + kind(n) + fieldsOf(root));
        }
        return n;
    }

    /**
     * An array field; a {@code null} value reads as an empty list, an absent one is an error unless
     * {@code optional}.
     */
    public static List<JsonNode> arrayField(
            JsonNode root, String field, boolean optional, String venue, String path)
            throws VenueException {
        JsonNode n = object(root, venue, path).get(field);
        if (n == null && optional) {
            return List.of();
        }
        if (n == null) {
            throw shape(
                    venue,
                    path,
                    "expected array field '" + field + "', it is absent" + fieldsOf(root));
        }
        if (n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw shape(venue, path, "expected '" + field + "' to be an array, got " + kind(n));
        }
        return elements(n);
    }

    public static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    /** A cursor that may be a string, a number, {@code null}, {@code ""} or absent. */
    @Nullable
    public static String cursor(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull() || !(n.isTextual() || n.isNumber())) {
            return null;
        }
        String text = n.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String kind(@Nullable JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String fieldsOf(JsonNode root) {
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(names::add);
        if (names.size() > 8) {
            names = names.subList(0, 8);
        }
        return " (fields: " + names + ")";
    }

    private static VenueException shape(String venue, String path, String reason) {
        return new VenueException(venue, path, Kind.UNEXPECTED_SHAPE, 200, reason);
    }
}
