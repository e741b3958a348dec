package io.battleroyale.sources.venues.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.VenueException.Kind;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.battleroyale.sources.testing.Fixtures.ok;
import static io.battleroyale.sources.testing.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VenueHttpClientTest {

    @StartStop private final MockWebServer server = new MockWebServer();

    private final FakeTime time = new FakeTime(1_780_272_000_000L);

    private VenueHttpClient client(HttpSettings settings) {
        return new VenueHttpClient(
                "kalshi", server.url("/trade-api/v2"), new OkHttpClient(), settings, time, null);
    }

    private VenueHttpClient client() {
        return client(fastSettings());
    }

    static HttpSettings fastSettings() {
        return HttpSettings.defaults(1000)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void getsJsonWithEncodedSegmentsAndQuery() throws Exception {
        server.enqueue(ok("{\"market\":{\"ticker\":\"A B\"}}"));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", "5");
        q.put("cursor", null);

        JsonNode node = client().getJson(q, "markets", "A B/../x");

        assertThat(node.path("market").path("ticker").asText()).isEqualTo("A B");
        var request = server.takeRequest();
        assertThat(request.getUrl().encodedPath())
                .isEqualTo("/trade-api/v2/markets/A%20B%2F..%2Fx");
        assertThat(request.getUrl().query()).isEqualTo("limit=5");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void retries429StormHonouringRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(
                    new MockResponse.Builder()
                            .code(429)
                            .addHeader("Retry-After", "3")
                            .body("{\"error\":\"too many requests\"}")
                            .build());
        }
        server.enqueue(ok("{\"ok\":true}"));
        VenueHttpClient c =
                client(
                        fastSettings()
                                .withRetry(
                                        new RetryPolicy(
                                                4,
                                                new Backoff(
                                                        Duration.ofMillis(500),
                                                        Duration.ofSeconds(8),
                                                        2),
                                                Duration.ofSeconds(60))));

        JsonNode node = c.getJson(Map.of(), "markets");

        assertThat(node.path("ok").asBoolean()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(4);
        // Retry-After (3 s) beats the backoff of 0.5 s, 1 s, 2 s; the final wait is 3 s too
        assertThat(time.sleepsMillis()).containsExactly(3000L, 3000L, 3000L);
    }

    @Test
    void backsOffExponentiallyOn5xxThenGivesUpWithAClearReason() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(status(503, "<html><title>Service Unavailable</title></html>"));
        }

        assertThatThrownBy(() -> client().getJson(Map.of(), "markets"))
                .isInstanceOfSatisfying(
                        VenueException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.venue()).isEqualTo("kalshi");
                            assertThat(e.path()).isEqualTo("GET /trade-api/v2/markets");
                        })
                .hasMessage(
                        "kalshi GET /trade-api/v2/markets: not reachable after 4 attempts: HTTP"
                                + " 503 with an HTML page titled 'Service Unavailable'");
        assertThat(time.sleepsMillis()).containsExactly(500L, 1000L, 2000L);
    }

    @Test
    void retryAfterBeyondTheCapEndsTheCallAtOnce() {
        server.enqueue(
                new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());

        assertThatThrownBy(() -> client().getJson(Map.of(), "markets"))
                .isInstanceOf(VenueException.class)
                .hasMessageContaining("asked to retry after 3600 s");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(time.sleepsMillis()).isEmpty();
    }

    @Test
    void retryAfterAsHttpDate() throws Exception {
        // FakeTime is at 2026-06-01T00:00:00Z
        server.enqueue(
                new MockResponse.Builder()
                        .code(503)
                        .addHeader("Retry-After", "Mon, 01 Jun 2026 00:00:07 GMT")
                        .build());
        server.enqueue(ok("[]"));

        client().getJson(Map.of(), "markets");

        assertThat(time.sleepsMillis()).containsExactly(7000L);
    }

    @Test
    void slowResponseTimesOutAndIsRetried() throws Exception {
        server.enqueue(
                new MockResponse.Builder()
                        .code(200)
                        .body("{\"late\":true}")
                        .bodyDelay(3, TimeUnit.SECONDS)
                        .build());
        server.enqueue(ok("{\"late\":false}"));
        VenueHttpClient c =
                client(
                        fastSettings()
                                .withTimeouts(
                                        Duration.ofSeconds(2),
                                        Duration.ofMillis(200),
                                        Duration.ofSeconds(2)));

        JsonNode node = c.getJson(Map.of(), "markets");

        assertThat(node.path("late").asBoolean()).isFalse();
        assertThat(time.sleepsMillis()).containsExactly(500L);
    }

    @Test
    void slowResponsesUntilTheEndAreUnreachable() {
        for (int i = 0; i < 2; i++) {
            server.enqueue(
                    new MockResponse.Builder()
                            .code(200)
                            .body("{}")
                            .headersDelay(3, TimeUnit.SECONDS)
                            .build());
        }
        VenueHttpClient c =
                client(
                        fastSettings()
                                .withTimeouts(
                                        Duration.ofSeconds(2),
                                        Duration.ofMillis(200),
                                        Duration.ofSeconds(2))
                                .withRetry(
                                        new RetryPolicy(
                                                2,
                                                new Backoff(
                                                        Duration.ofMillis(100),
                                                        Duration.ofMillis(100),
                                                        2),
                                                Duration.ofSeconds(1))));

        assertThatThrownBy(() -> c.getJson(Map.of(), "markets"))
                .isInstanceOfSatisfying(
                        VenueException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                .hasMessageContaining("not reachable after 2 attempts: timed out");
    }

    @Test
    void htmlChallengeWithStatus200IsNotTheApi() {
        server.enqueue(
                new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "text/html; charset=UTF-8")
                        .body(
                                "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
                                        + "<body>Checking your browser</body></html>")
                        .build());

        assertThatThrownBy(() -> client().getJson(Map.of(), "markets"))
                .isInstanceOfSatisfying(
                        VenueException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_API))
                .hasMessage(
                        "kalshi GET /trade-api/v2/markets: not the venue's API: an HTML page"
                                + " titled 'Just a moment...' (a firewall or bot challenge?)");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void htmlWithJsonContentTypeIsStillNotTheApi() {
        server.enqueue(ok("<html>nope</html>"));

        assertThatThrownBy(() -> client().getJson(Map.of(), "markets"))
                .isInstanceOfSatisfying(
                        VenueException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_API));
    }

    @Test
    void emptyBodyIsNotTheApi() {
        server.enqueue(ok(""));

        assertThatThrownBy(() -> client().getJson(Map.of(), "markets"))
                .isInstanceOfSatisfying(
                        VenueException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_API))
                .hasMessageEndingWith("not the venue's API: empty body");
    }

    @Test
    void malformedJsonIsNotTheApi() {
        server.enqueue(ok("{\"markets\": [ {\"ticker\": \"A\" "));
        server.enqueue(ok("{\"a\":1} trailing"));

        assertThatThrownBy(() -> client().getJson(Map.of(), "markets"))
                .isInstanceOf(VenueException.class)
                .hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> client().getJson(Map.of(), "markets"))
                .isInstanceOf(VenueException.class)
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.enqueue(status(404, "{\"error\":{\"code\":\"not_found\"}}"));

        assertThatThrownBy(() -> client().getJson(Map.of(), "markets", "NOPE"))
                .isInstanceOfSatisfying(
                        VenueException.class,
                        e -> {
                            assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
                            assertThat(e.status()).isEqualTo(404);
                        })
                .hasMessage(
                        "kalshi GET /trade-api/v2/markets/NOPE: HTTP 404:"
                                + " {\"error\":{\"code\":\"not_found\"}}");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void requestsAreRateLimited() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(ok("{}"));
        }
        VenueHttpClient c = client(fastSettings().withRate(5, 1));

        for (int i = 0; i < 4; i++) {
            c.getJson(Map.of(), "markets");
        }

        assertThat(time.sleepsMillis()).containsExactly(200L, 200L, 200L);
    }

    @Test
    void signerSignsEveryAttemptWithThePathWithoutQuery() throws Exception {
        server.enqueue(status(500, ""));
        server.enqueue(ok("{}"));
        VenueHttpClient c =
                new VenueHttpClient(
                        "kalshi",
                        server.url("/trade-api/v2"),
                        new OkHttpClient(),
                        fastSettings(),
                        time,
                        (request, method, path) -> request.header("X-Signed", method + " " + path));

        c.getJson(Map.of("limit", "5"), "markets");

        assertThat(server.takeRequest().getHeaders().get("X-Signed"))
                .isEqualTo("GET /trade-api/v2/markets");
        assertThat(server.takeRequest().getHeaders().get("X-Signed"))
                .isEqualTo("GET /trade-api/v2/markets");
    }
}
