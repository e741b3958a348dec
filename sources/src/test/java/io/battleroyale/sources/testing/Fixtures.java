package io.battleroyale.sources.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.sources.venues.http.VenueHttpClient;
import mockwebserver3.MockResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Venue fixtures (responses in each venue's documented shape, under {@code venues/kalshi/} and
 * {@code venues/polymarket/}) and the MockWebServer responses built from them.
 */
public final class Fixtures {

    private Fixtures() {}

    /**
     * A fixture's text; {@code name} is relative to {@code venues/}, e.g. {@code
     * kalshi/market.json}.
     */
    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/venues/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return VenueHttpClient.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MockResponse ok(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    public static MockResponse okFixture(String name) {
        return ok(text(name));
    }

    public static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }
}
