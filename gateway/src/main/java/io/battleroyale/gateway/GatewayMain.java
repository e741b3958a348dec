package io.battleroyale.gateway;

import io.battleroyale.model.bounds.Credentials;
import io.battleroyale.model.bounds.Refusals;
import io.battleroyale.model.bounds.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The gateway's own entry point ({@code java -jar battle-gateway.jar}, {@code ./battle gateway}):
 * starts the execution gateway in this process and serves until Ctrl-C or SIGTERM.
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        version = "battle royale gateway 0.1.0",
        sortOptions = false,
        description = {
            "Starts the execution gateway: REST + WebSocket order intake, idempotent on"
                    + " client_order_id, journaled in SQLite before it answers, executed on the"
                    + " paper or alpaca route (docs/gateway.md). Serves until Ctrl-C.",
            ""
        })
public final class GatewayMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the project's one-line errors ({@link Refusals}). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GatewayMain());
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    LOG.error("gateway failed", e);
                    commandLine
                            .getErr()
                            .println("error: " + Refusals.reason(e) + Refusals.logHint("gateway"));
                    return Refusals.exitCode(e);
                });
        return cli;
    }

    @Spec CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "8090",
            paramLabel = "P",
            description = "TCP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to bind; 0.0.0.0 in a container. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(
            names = "--journal",
            defaultValue = "runs/gateway.db",
            paramLabel = "PATH",
            description =
                    "SQLite journal: every accepted order and fill; survives restarts. Default: ${DEFAULT-VALUE}.")
    Path journal;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description =
                    "File whose first line is the bearer token every call but /health must"
                            + " present. Default: the environment variable "
                            + Credentials.GATEWAY_TOKEN
                            + ". Never an argument (it would show in process lists), never"
                            + " printed or logged.")
    @Nullable
    Path tokenFile;

    @Option(
            names = "--route",
            defaultValue = "paper",
            paramLabel = "paper|alpaca",
            description = {
                "paper: fill at the last posted price (else the order's reference price) with"
                        + " slippage and fees; alpaca: forward to Alpaca (keys from "
                        + GatewayConfig.ENV_ALPACA_KEY_ID
                        + " / "
                        + GatewayConfig.ENV_ALPACA_SECRET
                        + "). Default: ${DEFAULT-VALUE}."
            })
    String route;

    @Option(
            names = "--alpaca-url",
            defaultValue = GatewayConfig.ALPACA_PAPER_URL,
            paramLabel = "URL",
            description = "Alpaca trading API (paper or live). Default: ${DEFAULT-VALUE}.")
    String alpacaUrl;

    @Option(
            names = "--max-order-notional",
            paramLabel = "X",
            description =
                    "Hard limit on quantity x price of one order, whatever the job decided. Default: none.")
    @Nullable
    Double maxOrderNotional;

    @Option(
            names = "--max-position",
            paramLabel = "Q",
            description =
                    "Hard limit on the absolute net quantity per symbol (filled plus open orders). Default: none.")
    @Nullable
    Double maxPosition;

    @Option(
            names = "--slippage-bps",
            defaultValue = "0",
            paramLabel = "B",
            description = "Paper route: fills this many bps worse. Default: ${DEFAULT-VALUE}.")
    double slippageBps;

    @Option(
            names = "--fee-bps",
            defaultValue = "0",
            paramLabel = "B",
            description =
                    "Paper route: commission in bps of filled value. Default: ${DEFAULT-VALUE}.")
    double feeBps;

    /** The environment; a test may replace it. */
    Map<String, String> env = System.getenv();

    GatewayConfig config() {
        String t = Credentials.secret("--token-file", tokenFile, Credentials.GATEWAY_TOKEN, env);
        if (t == null) {
            throw new IllegalArgumentException(
                    "the gateway needs a token: --token-file FILE or " + Credentials.GATEWAY_TOKEN);
        }
        GatewayConfig.Route r = GatewayConfig.Route.parse(route);
        GatewayConfig config =
                r == GatewayConfig.Route.PAPER
                        ? GatewayConfig.paper(port, journal, t)
                        : GatewayConfig.alpaca(port, journal, t, alpacaUrl, env);
        return config.withHost(host)
                .withLimits(
                        maxOrderNotional == null
                                ? Double.POSITIVE_INFINITY
                                : Sizes.notional("--max-order-notional", maxOrderNotional),
                        maxPosition == null
                                ? Double.POSITIVE_INFINITY
                                : Sizes.quantity("--max-position", maxPosition))
                .withPaperCosts(slippageBps, feeBps);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        GatewayConfig config = config();
        GatewayServer server = GatewayServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "gateway-shutdown"));
        out.printf(
                "gateway listening on http://%s:%d (route %s, journal %s); Ctrl-C stops it%n",
                config.host(),
                server.port(),
                config.route().name().toLowerCase(java.util.Locale.ROOT),
                config.journal().toAbsolutePath());
        out.flush();
        server.awaitClose();
        return 0;
    }
}
