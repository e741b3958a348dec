package io.battleroyale.job.cli;

import io.battleroyale.operators.gateway.GatewayOrderSink;
import io.battleroyale.operators.gateway.GatewaySinkConfig;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.net.URI;
import java.util.Map;

/** Where approved orders go besides the simulated books: the execution gateway, if any. */
final class GatewayOptions {
    /** Environment variable read when {@code --gateway-token} is not given. */
    static final String TOKEN_ENV = "BATTLE_GATEWAY_TOKEN";

    @Option(
            names = "--gateway-url",
            paramLabel = "URL",
            description = {
                "Also post every approved order to this execution gateway (battle gateway),",
                "e.g. http://127.0.0.1:8090. Effectively exactly once across restarts. Default: none."
            })
    @Nullable
    String url;

    @Option(
            names = "--gateway-token",
            paramLabel = "TOKEN",
            description =
                    "Bearer token of the gateway. Default: the environment variable "
                            + TOKEN_ENV
                            + " (preferred: an argument shows in process lists). Never printed.")
    @Nullable
    String token;

    /** The gateway sink, or {@code null} without {@code --gateway-url}. */
    @Nullable
    GatewayOrderSink sink(Map<String, String> env) {
        String t = token != null ? token : env.get(TOKEN_ENV);
        if (url == null) {
            if (token != null) {
                throw new IllegalArgumentException("--gateway-token needs --gateway-url");
            }
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--gateway-url: not a URL: " + url, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "--gateway-url: expected http(s)://host:port, got " + url);
        }
        if (t == null || t.isBlank()) {
            throw new IllegalArgumentException(
                    "--gateway-url needs a token: --gateway-token or " + TOKEN_ENV);
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return new GatewayOrderSink(GatewaySinkConfig.of(base, t));
    }
}
