package io.battleroyale.sources.venues.prices;

import io.battleroyale.model.bounds.Credentials;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * Alpaca API keys, sent as {@code APCA-API-KEY-ID} and {@code APCA-API-SECRET-KEY}. Never printed:
 * {@link #toString()} redacts both.
 */
public record AlpacaCredentials(String keyId, String secretKey) implements Serializable {

    public static final String ENV_KEY_ID = Credentials.ALPACA_KEY_ID;
    public static final String ENV_SECRET_KEY = Credentials.ALPACA_SECRET;

    /** The keys from {@value #ENV_KEY_ID} and {@value #ENV_SECRET_KEY}; empty unless both set. */
    public static Optional<AlpacaCredentials> fromEnvironment(Map<String, String> env) {
        String id = env.get(ENV_KEY_ID);
        String secret = env.get(ENV_SECRET_KEY);
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AlpacaCredentials(id.strip(), secret.strip()));
    }

    @Override
    public String toString() {
        return "AlpacaCredentials[keyId=***, secretKey=***]";
    }
}
