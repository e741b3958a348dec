package io.battleroyale.sources.venues.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.battleroyale.sources.venues.Venue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The live prediction markets to poll ({@code venues.yaml}, format version 1): per venue, which
 * market (Kalshi ticker, Polymarket slug) feeds which event key, and whether the ticker is
 * verified. The bundled default is {@value #DEFAULT_RESOURCE}; {@code docs/markets.md} explains the
 * file.
 *
 * @param origin where the list was read from
 * @param markets every configured market, in file order
 */
public record LiveMarkets(String origin, List<Entry> markets) implements Serializable {

    public static final String DEFAULT_RESOURCE = "venues.yaml";

    /**
     * One configured market.
     *
     * @param ref what the source polls
     * @param verified whether the ticker is confirmed (recorded data or the API reference)
     */
    public record Entry(VenueMarketRef ref, boolean verified) implements Serializable {}

    public LiveMarkets {
        markets = List.copyOf(markets);
    }

    /** The markets of one venue, as source splits. */
    public List<VenueMarketRef> refs(Venue venue) {
        return markets.stream().map(Entry::ref).filter(r -> r.venue() == venue).toList();
    }

    /** The venues with at least one configured market, in enum order. */
    public List<Venue> venues() {
        List<Venue> out = new ArrayList<>();
        for (Venue v : Venue.values()) {
            if (!refs(v).isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /** Keeps only the given venues. */
    public LiveMarkets only(Set<Venue> venues) {
        return new LiveMarkets(
                origin, markets.stream().filter(e -> venues.contains(e.ref().venue())).toList());
    }

    public static LiveMarkets loadDefault() {
        try (InputStream in =
                LiveMarkets.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled " + DEFAULT_RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled " + DEFAULT_RESOURCE, e);
        }
    }

    public static LiveMarkets load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read venues file " + file + ": " + e, e);
        }
    }

    /** Parses the YAML; any problem is an {@link IllegalArgumentException} naming the entry. */
    public static LiveMarkets parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(origin + ": expected a mapping with version: 1");
        }
        if (root.path("version").asInt(-1) != 1) {
            throw new IllegalArgumentException(
                    origin + ": unsupported version " + root.get("version") + " (expected 1)");
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("version", "kalshi", "polymarket").contains(field)) {
                throw new IllegalArgumentException(
                        origin + ": unknown key '" + field + "' (expected kalshi, polymarket)");
            }
        }
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Venue venue : Venue.values()) {
            JsonNode list = root.get(venue.id());
            if (list == null || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw new IllegalArgumentException(origin + ": " + venue.id() + " must be a list");
            }
            int i = 0;
            for (JsonNode node : list) {
                String where = origin + ": " + venue.id() + "[" + i++ + "]";
                String id = text(node, venue == Venue.KALSHI ? "market" : "slug", where, true);
                String eventKey = text(node, "event_key", where, true);
                VenueMarketRef ref;
                try {
                    ref =
                            venue == Venue.KALSHI
                                    ? new VenueMarketRef(
                                            venue,
                                            id,
                                            eventKey,
                                            text(node, "series", where, false),
                                            null)
                                    : new VenueMarketRef(
                                            venue,
                                            id,
                                            eventKey,
                                            null,
                                            text(node, "token_id", where, false));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                if (!seen.add(ref.splitId())) {
                    throw new IllegalArgumentException(where + ": " + id + " is listed twice");
                }
                out.add(new Entry(ref, node.path("verified").asBoolean(false)));
            }
        }
        return new LiveMarkets(origin, out);
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(where + ": '" + field + "' is required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be text");
        }
        return v.asText().strip();
    }
}
