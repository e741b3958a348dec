package io.battleroyale.job.explain;

import io.battleroyale.model.bounds.Credentials;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code --explain-with gemini} calls the Gemini API. The key is not part of it: each subtask
 * reads it when it starts ({@link #key()}), so it never travels in the job graph.
 *
 * @param baseUrl up to and including the API version, e.g. {@code .../v1beta}
 * @param model e.g. {@code gemini-2.5-flash}
 * @param keyFile a file whose first line is the key, or {@code null} for {@link
 *     Credentials#GEMINI_API_KEY}
 * @param timeout the whole budget of one call; past it the decision keeps its rationale
 * @param requestsPerSecond the sustained rate of calls; a decision that finds no token keeps its
 *     rationale instead of waiting
 * @param allDecisions every decision, not only those that became orders
 */
public record GeminiSettings(
        String baseUrl,
        String model,
        @Nullable String keyFile,
        Duration timeout,
        double requestsPerSecond,
        boolean allDecisions)
        implements Serializable {

    public static final String DEFAULT_BASE_URL =
            "https://generativelanguage.googleapis.com/v1beta";
    public static final String DEFAULT_MODEL = "gemini-2.5-flash";

    public GeminiSettings {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "--gemini-rate: must be > 0 requests per second, got " + requestsPerSecond);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--gemini-timeout: must be > 0, got " + timeout);
        }
    }

    /** The API key, or {@code null} when none is set (every explanation is then the rules'). */
    @Nullable
    public String key() {
        return Credentials.secret(
                "--gemini-key-file",
                keyFile == null ? null : Path.of(keyFile),
                Credentials.GEMINI_API_KEY,
                System.getenv());
    }
}
