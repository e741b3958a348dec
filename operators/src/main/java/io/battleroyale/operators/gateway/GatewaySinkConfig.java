package io.battleroyale.operators.gateway;

import io.battleroyale.sources.venues.http.Backoff;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link GatewayOrderSink} reaches the execution gateway.
 *
 * <p>{@link #toString()} redacts the token, so a config can be logged. The token still travels
 * inside the serialized job graph (as any credential of a Flink sink does); on a cluster, pass it
 * from a Kubernetes secret through the environment rather than a command-line argument.
 *
 * @param baseUrl the gateway, e.g. {@code http://gateway:8090}; orders go to {@code
 *     {baseUrl}/v1/orders}
 * @param token the gateway's bearer token
 * @param maxInFlight most orders posted and not yet acknowledged, per sink subtask; {@code write}
 *     blocks when this many are out (backpressure)
 * @param maxAttempts most HTTP attempts per order (the first included) before the job fails
 * @param backoff delay before each retry
 * @param timeouts per-request timeouts
 */
public record GatewaySinkConfig(
        String baseUrl,
        String token,
        int maxInFlight,
        int maxAttempts,
        Backoff backoff,
        Timeouts timeouts)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The longest {@code Retry-After} the sink waits; a longer one is cut to this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /**
     * Per-request timeouts.
     *
     * @param connect to open a connection
     * @param read between bytes of the response (the gateway answers after its journal's fsync)
     * @param call for the whole request and response
     */
    public record Timeouts(Duration connect, Duration read, Duration call) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(read, "read");
            Objects.requireNonNull(call, "call");
        }
    }

    public GatewaySinkConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(timeouts, "timeouts");
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway url is not a URL: " + baseUrl, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "gateway url must be http(s)://host[:port], got " + baseUrl);
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("gateway token must not be blank");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
    }

    /**
     * Defaults: 16 in flight, 8 attempts, backoff 200 ms doubling to 10 s (about 25 s of retries in
     * all), timeouts connect 5 s, read 30 s, call 60 s.
     */
    public static GatewaySinkConfig of(String baseUrl, String token) {
        return new GatewaySinkConfig(
                baseUrl,
                token,
                16,
                8,
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 2.0),
                new Timeouts(
                        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60)));
    }

    public GatewaySinkConfig withMaxInFlight(int n) {
        return new GatewaySinkConfig(baseUrl, token, n, maxAttempts, backoff, timeouts);
    }

    public GatewaySinkConfig withMaxAttempts(int n) {
        return new GatewaySinkConfig(baseUrl, token, maxInFlight, n, backoff, timeouts);
    }

    public GatewaySinkConfig withBackoff(Backoff b) {
        return new GatewaySinkConfig(baseUrl, token, maxInFlight, maxAttempts, b, timeouts);
    }

    public GatewaySinkConfig withTimeouts(Timeouts t) {
        return new GatewaySinkConfig(baseUrl, token, maxInFlight, maxAttempts, backoff, t);
    }

    /** {@code baseUrl} without trailing slashes, plus {@code /v1/orders}. */
    String ordersUrl() {
        String base = baseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/v1/orders";
    }

    @Override
    public String toString() {
        return "GatewaySinkConfig[baseUrl="
                + baseUrl
                + ", token=<redacted>, maxInFlight="
                + maxInFlight
                + ", maxAttempts="
                + maxAttempts
                + ", backoff="
                + backoff
                + ", timeouts="
                + timeouts
                + "]";
    }
}
