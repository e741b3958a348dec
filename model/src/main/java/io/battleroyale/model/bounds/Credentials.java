package io.battleroyale.model.bounds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one place that names each credential's environment variable, and reads a secret from a file
 * or the environment: never from a command-line argument, which every user of the machine sees in
 * the process list.
 */
public final class Credentials {

    /** The execution gateway's bearer token (the gateway and every job that posts to it). */
    public static final String GATEWAY_TOKEN = "BATTLE_GATEWAY_TOKEN";

    /** Alpaca's key id (market data and the gateway's alpaca route). */
    public static final String ALPACA_KEY_ID = "ALPACA_API_KEY_ID";

    /** Alpaca's secret key. */
    public static final String ALPACA_SECRET = "ALPACA_API_SECRET_KEY";

    /** Kalshi's API key id. */
    public static final String KALSHI_KEY_ID = "KALSHI_API_KEY_ID";

    /** The path of Kalshi's RSA private key (PEM). */
    public static final String KALSHI_KEY_PATH = "KALSHI_PRIVATE_KEY_PATH";

    /** The Gemini API key ({@code --explain-with gemini}). */
    public static final String GEMINI_API_KEY = "GEMINI_API_KEY";

    /** The most bytes a secret file may have: a token is short, a mistaken path may not be. */
    private static final long MAX_SECRET_BYTES = 16 * 1024;

    private Credentials() {}

    /**
     * The secret in {@code file} (first line, trimmed) if given, else the variable {@code name} of
     * {@code env}, else {@code null}.
     *
     * @param option the flag that named the file, for the error
     * @throws IllegalArgumentException when the file cannot be read or holds no secret; the message
     *     never contains the secret
     */
    @javax.annotation.Nullable
    public static String secret(
            String option,
            @javax.annotation.Nullable Path file,
            String name,
            Map<String, String> env) {
        if (file == null) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        option + " " + file + ": not a file of at most 16 KiB");
            }
            String first =
                    Files.readString(file, StandardCharsets.UTF_8)
                            .strip()
                            .lines()
                            .findFirst()
                            .orElse("")
                            .strip();
            if (first.isEmpty()) {
                throw new IllegalArgumentException(option + " " + file + ": the file is empty");
            }
            return first;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    option + " " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }
}
