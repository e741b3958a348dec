package io.battleroyale.sources.venues.http;

import java.io.Serializable;
import java.time.Duration;

/**
 * Transport settings of one venue client.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout longest silence while reading a response
 * @param callTimeout whole-call budget of one attempt, including the body
 * @param retry retry and backoff policy
 * @param permitsPerSecond sustained request rate the client keeps under
 * @param burst largest burst of requests
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        RetryPolicy retry,
        double permitsPerSecond,
        double burst)
        implements Serializable {

    /** 10 s connect, 20 s read, 30 s per attempt, default retries, the given rate. */
    public static HttpSettings defaults(double permitsPerSecond) {
        return new HttpSettings(
                Duration.ofSeconds(10),
                Duration.ofSeconds(20),
                Duration.ofSeconds(30),
                RetryPolicy.DEFAULT,
                permitsPerSecond,
                Math.max(1, Math.floor(permitsPerSecond / 2)));
    }

    public HttpSettings withRetry(RetryPolicy newRetry) {
        return new HttpSettings(
                connectTimeout, readTimeout, callTimeout, newRetry, permitsPerSecond, burst);
    }

    public HttpSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return new HttpSettings(connect, read, call, retry, permitsPerSecond, burst);
    }

    public HttpSettings withRate(double newPermitsPerSecond, double newBurst) {
        return new HttpSettings(
                connectTimeout, readTimeout, callTimeout, retry, newPermitsPerSecond, newBurst);
    }
}
