package io.battleroyale.job.cli;

import io.battleroyale.model.bounds.Credentials;
import io.battleroyale.operators.gateway.GatewayOrderSink;
import io.battleroyale.operators.gateway.GatewaySinkConfig;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Where approved orders go besides the simulated books: the execution gateway, if any. */
final class GatewayOptions {

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
            names = "--gateway-token-file",
            paramLabel = "FILE",
            description =
                    "File whose first line is the gateway's bearer token. Default: the environment"
                            + " variable "
                            + Credentials.GATEWAY_TOKEN
                            + ". Never an argument (it would show in process lists); never printed.")
    @Nullable
    Path tokenFile;

    /** The gateway sink, or {@code null} without {@code --gateway-url}. */
    @Nullable
    GatewayOrderSink sink(Map<String, String> env) {
        if (url == null) {
            if (tokenFile != null) {
                throw new IllegalArgumentException("--gateway-token-file needs --gateway-url");
            }
            return null;
        }
        String t =
                Credentials.secret(
                        "--gateway-token-file", tokenFile, Credentials.GATEWAY_TOKEN, env);
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
        if (t == null) {
            throw new IllegalArgumentException(
                    "--gateway-url needs a token: --gateway-token-file FILE or "
                            + Credentials.GATEWAY_TOKEN);
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return new GatewayOrderSink(GatewaySinkConfig.of(base, t));
    }
}
