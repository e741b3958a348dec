package io.battleroyale.sources.venues;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.sources.venues.http.VenueHttpClient;
import mockwebserver3.MockResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads test fixtures from {@code src/test/resources/venues/}. */
public final class Fixtures {

    private Fixtures() {}

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
