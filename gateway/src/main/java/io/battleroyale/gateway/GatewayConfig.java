package io.battleroyale.gateway;

import io.battleroyale.model.bounds.Credentials;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link GatewayServer} needs. Immutable; start from {@link #paper(int, Path, String)}
 * or {@link #alpaca(int, Path, String, String, Map)} and adjust with the {@code with*} methods.
 *
 * <p>{@link #toString()} redacts the bearer token and the Alpaca secret so that logging a config is
 * safe.
 *
 * @param host address to bind; {@code 127.0.0.1} by default, {@code 0.0.0.0} in a container
 * @param port TCP port; {@code 0} binds an ephemeral port ({@link GatewayServer#start()} returns
 *     it)
 * @param journal path of the SQLite journal file; created with its parent folders if missing
 * @param token the bearer token every call but {@code /health} must present
 * @param route where accepted orders go
 * @param maxOrderNotional hard limit on {@code quantity × price} of one order (currency units);
 *     {@code +Infinity} for none
 * @param maxPosition hard limit on the absolute net quantity per symbol that an order may leave
 *     (filled position plus open orders plus this order); {@code +Infinity} for none
 * @param paperSlippageBps paper route: the fill price moves this many basis points against the
 *     order (buys higher, sells lower)
 * @param paperFeeBps paper route: commission in basis points of the filled value
 * @param alpacaBaseUrl Alpaca trading API base, e.g. {@code https://paper-api.alpaca.markets}
 * @param alpacaKeyId Alpaca key id ({@code APCA-API-KEY-ID}); required for the alpaca route
 * @param alpacaSecret Alpaca secret ({@code APCA-API-SECRET-KEY}); required for the alpaca route
 * @param maxBodyBytes the largest request body accepted; larger bodies get 413
 */
public record GatewayConfig(
        String host,
        int port,
        Path journal,
        String token,
        Route route,
        double maxOrderNotional,
        double maxPosition,
        double paperSlippageBps,
        double paperFeeBps,
        String alpacaBaseUrl,
        @Nullable String alpacaKeyId,
        @Nullable String alpacaSecret,
        int maxBodyBytes) {

    /** Where accepted orders are executed. */
    public enum Route {
        /** Fill at once against the last known price, with slippage and fees. */
        PAPER,
        /** Forward to Alpaca's trading API as a market order. */
        ALPACA;

        /** Parses {@code paper} or {@code alpaca} (any case), as the command line spells them. */
        public static Route parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "route must be paper or alpaca, got '" + name + "'", e);
            }
        }
    }

    /** Alpaca's paper trading host. */
    public static final String ALPACA_PAPER_URL = "https://paper-api.alpaca.markets";

    /** Environment variable holding the Alpaca key id. */
    public static final String ENV_ALPACA_KEY_ID = Credentials.ALPACA_KEY_ID;

    /** Environment variable holding the Alpaca secret key. */
    public static final String ENV_ALPACA_SECRET = Credentials.ALPACA_SECRET;

    /** Default request body bound: 64 KiB. An order is a few hundred bytes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(alpacaBaseUrl, "alpacaBaseUrl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        requirePositive("maxOrderNotional", maxOrderNotional);
        requirePositive("maxPosition", maxPosition);
        requireNonNegative("paperSlippageBps", paperSlippageBps);
        requireNonNegative("paperFeeBps", paperFeeBps);
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
        if (route == Route.ALPACA && (isBlank(alpacaKeyId) || isBlank(alpacaSecret))) {
            throw new IllegalArgumentException(
                    "the alpaca route needs "
                            + ENV_ALPACA_KEY_ID
                            + " and "
                            + ENV_ALPACA_SECRET
                            + " in the environment");
        }
    }

    /** A paper-route config with no hard limits, 0 bps slippage and 0 bps fees. */
    public static GatewayConfig paper(int port, Path journal, String token) {
        return new GatewayConfig(
                "127.0.0.1",
                port,
                journal,
                token,
                Route.PAPER,
                Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY,
                0,
                0,
                ALPACA_PAPER_URL,
                null,
                null,
                DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * An alpaca-route config with keys read from {@code env} ({@link #ENV_ALPACA_KEY_ID}, {@link
     * #ENV_ALPACA_SECRET}); pass {@code System.getenv()} in production.
     */
    public static GatewayConfig alpaca(
            int port, Path journal, String token, String baseUrl, Map<String, String> env) {
        return new GatewayConfig(
                "127.0.0.1",
                port,
                journal,
                token,
                Route.ALPACA,
                Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY,
                0,
                0,
                baseUrl,
                env.get(ENV_ALPACA_KEY_ID),
                env.get(ENV_ALPACA_SECRET),
                DEFAULT_MAX_BODY_BYTES);
    }

    public GatewayConfig withHost(String newHost) {
        return new GatewayConfig(
                newHost,
                port,
                journal,
                token,
                route,
                maxOrderNotional,
                maxPosition,
                paperSlippageBps,
                paperFeeBps,
                alpacaBaseUrl,
                alpacaKeyId,
                alpacaSecret,
                maxBodyBytes);
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(
                host,
                newPort,
                journal,
                token,
                route,
                maxOrderNotional,
                maxPosition,
                paperSlippageBps,
                paperFeeBps,
                alpacaBaseUrl,
                alpacaKeyId,
                alpacaSecret,
                maxBodyBytes);
    }

    /** Hard limits re-checked on every order, whatever the job decided. */
    public GatewayConfig withLimits(double newMaxOrderNotional, double newMaxPosition) {
        return new GatewayConfig(
                host,
                port,
                journal,
                token,
                route,
                newMaxOrderNotional,
                newMaxPosition,
                paperSlippageBps,
                paperFeeBps,
                alpacaBaseUrl,
                alpacaKeyId,
                alpacaSecret,
                maxBodyBytes);
    }

    /** Paper route costs: slippage and commission, both in basis points. */
    public GatewayConfig withPaperCosts(double slippageBps, double feeBps) {
        return new GatewayConfig(
                host,
                port,
                journal,
                token,
                route,
                maxOrderNotional,
                maxPosition,
                slippageBps,
                feeBps,
                alpacaBaseUrl,
                alpacaKeyId,
                alpacaSecret,
                maxBodyBytes);
    }

    public GatewayConfig withMaxBodyBytes(int newMaxBodyBytes) {
        return new GatewayConfig(
                host,
                port,
                journal,
                token,
                route,
                maxOrderNotional,
                maxPosition,
                paperSlippageBps,
                paperFeeBps,
                alpacaBaseUrl,
                alpacaKeyId,
                alpacaSecret,
                newMaxBodyBytes);
    }

    @Override
    public String toString() {
        return "GatewayConfig[host="
                + host
                + ", port="
                + port
                + ", journal="
                + journal
                + ", token=<redacted>, route="
                + route.name().toLowerCase(Locale.ROOT)
                + ", maxOrderNotional="
                + maxOrderNotional
                + ", maxPosition="
                + maxPosition
                + ", paperSlippageBps="
                + paperSlippageBps
                + ", paperFeeBps="
                + paperFeeBps
                + ", alpacaBaseUrl="
                + alpacaBaseUrl
                + ", alpacaKeyId="
                + (alpacaKeyId == null ? "null" : "<set>")
                + ", alpacaSecret="
                + (alpacaSecret == null ? "null" : "<redacted>")
                + ", maxBodyBytes="
                + maxBodyBytes
                + "]";
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }

    private static boolean isBlank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
