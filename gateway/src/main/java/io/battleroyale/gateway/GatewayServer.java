package io.battleroyale.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.battleroyale.gateway.OrderParser.PriceUpdate;
import io.battleroyale.model.bounds.Texts;
import io.battleroyale.model.wire.OrderMessage;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * The execution gateway: an authenticated REST + WebSocket service that accepts orders once per
 * {@code client_order_id}, journals them durably before answering, re-checks hard limits, and
 * executes them on the configured route. See {@code docs/gateway.md} for the API.
 *
 * <p>Life cycle, as the {@code battle gateway} command uses it:
 *
 * <pre>{@code
 * GatewayServer server = GatewayServer.start(config);   // journal recovered, port bound
 * Runtime.getRuntime().addShutdownHook(new Thread(server::close));
 * System.out.println("gateway listening on " + server.port());
 * server.awaitClose();                                  // blocks until close()
 * }</pre>
 *
 * <p>There is no {@code main} here on purpose: the command line owns argument parsing.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final String STREAM_PATH = "/v1/stream";

    private final GatewayConfig config;
    private final ObjectMapper json = objectMapper();
    private final OrderParser parser = new OrderParser(json);
    private final byte[] tokenBytes;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<String, LongAdder> counters = new ConcurrentSkipListMap<>();
    private final RateLimitedLog refusedTokens = new RateLimitedLog(Duration.ofSeconds(10));

    @Nullable private EventStream stream;
    @Nullable private OrderDesk desk;
    @Nullable private Javalin app;
    private int port = -1;
    private boolean started;

    /** A server for {@code config}; nothing is opened or bound until {@link #start()}. */
    public GatewayServer(GatewayConfig config) {
        this.config = config;
        this.tokenBytes = config.token().getBytes(StandardCharsets.UTF_8);
    }

    /** Creates a server, recovers its journal and binds its port; the CLI's entry point. */
    public static GatewayServer start(GatewayConfig config) throws IOException {
        GatewayServer server = new GatewayServer(config);
        server.start();
        return server;
    }

    /**
     * Opens the journal (recovering every order and fill in it), then binds and serves.
     *
     * @return the bound port (the ephemeral one when the config says 0)
     * @throws IOException if the journal cannot be opened or read
     */
    public synchronized int start() throws IOException {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        EventStream events = new EventStream(json);
        Journal journal = Journal.open(config.journal(), json);
        ExecutionRoute route = newRoute();
        try {
            desk =
                    OrderDesk.recover(
                            journal,
                            route,
                            config.route() == GatewayConfig.Route.PAPER,
                            config.maxOrderNotional(),
                            config.maxPosition(),
                            events,
                            System::currentTimeMillis);
        } catch (IOException | RuntimeException e) {
            route.close();
            journal.close();
            throw e;
        }
        stream = events;
        app = Javalin.create(this::configure);
        try {
            app.start();
        } catch (RuntimeException e) {
            close();
            if (e instanceof JavalinBindException || e.getCause() instanceof BindException) {
                throw new IOException(
                        "port "
                                + config.port()
                                + " on "
                                + config.host()
                                + " is in use (another gateway?); stop it or pick another --port",
                        e);
            }
            throw e;
        }
        port = app.port();
        LOG.info("gateway listening on {}:{} with {}", config.host(), port, config);
        return port;
    }

    /** The bound port; -1 before {@link #start()}. */
    public int port() {
        return port;
    }

    public GatewayConfig config() {
        return config;
    }

    /** Blocks until {@link #close()} has run (from another thread or a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Stops serving, then closes the route and the journal. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            if (app != null) {
                app.stop();
            }
            if (stream != null) {
                stream.close();
            }
            if (desk != null) {
                desk.close();
            }
            LOG.info("gateway on port {} closed", port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closed.countDown();
        }
    }

    private ExecutionRoute newRoute() {
        if (config.route() == GatewayConfig.Route.ALPACA) {
            return new AlpacaRoute(
                    config.alpacaBaseUrl(),
                    java.util.Objects.requireNonNull(config.alpacaKeyId()),
                    java.util.Objects.requireNonNull(config.alpacaSecret()),
                    json);
        }
        return new PaperRoute(config.paperSlippageBps(), config.paperFeeBps());
    }

    private void configure(io.javalin.config.JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.jetty.host = config.host();
        cfg.jetty.port = config.port();
        cfg.http.maxRequestSize = config.maxBodyBytes();
        // errors Jetty answers itself (a malformed URI, a bad header) in the API's JSON shape
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
        // the path only: query strings may carry the stream token, headers carry the bearer token
        // 401s are left out: they are counted, and logged by checkToken at a bounded rate
        cfg.requestLogger.http(
                (ctx, ms) -> {
                    if (ctx.statusCode() != 401) {
                        LOG.info(
                                "{} {} -> {} in {} ms",
                                ctx.method(),
                                ctx.path(),
                                ctx.statusCode(),
                                String.format(Locale.ROOT, "%.1f", ms));
                    }
                });

        cfg.routes.before(this::authenticate);
        cfg.routes.get("/health", this::health);
        cfg.routes.post("/v1/orders", this::postOrder);
        cfg.routes.get("/v1/orders", this::listOrders);
        cfg.routes.get("/v1/orders/{client_order_id}", this::getOrder);
        cfg.routes.get("/v1/fills", ctx -> json(ctx, 200, desk().fills()));
        cfg.routes.get("/v1/positions", ctx -> json(ctx, 200, desk().positions()));
        cfg.routes.post("/v1/prices", this::postPrice);
        cfg.routes.get("/v1/metrics", this::metrics);

        cfg.routes.get(STREAM_PATH, this::plainStreamRequest);
        cfg.routes.wsBeforeUpgrade(STREAM_PATH, this::authenticateStream);
        cfg.routes.ws(
                STREAM_PATH,
                ws -> {
                    ws.onConnect(ctx -> stream().connected(ctx));
                    ws.onClose(ctx -> stream().disconnected(ctx));
                    ws.onError(ctx -> stream().disconnected(ctx));
                });

        cfg.routes.exception(
                ApiException.class,
                (e, ctx) -> {
                    if (e.status() == 401) {
                        ctx.header("WWW-Authenticate", "Bearer");
                    }
                    count("refused." + e.status() + (e.field() == null ? "" : "." + e.field()));
                    error(ctx, e.status(), e.field(), e.getMessage(), e.order());
                });
        cfg.routes.exception(
                HttpResponseException.class,
                (e, ctx) -> error(ctx, e.getStatus(), null, e.getMessage(), null));
        cfg.routes.exception(
                Exception.class,
                (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, null, "internal error", null);
                });
        cfg.routes.error(
                404,
                ctx -> {
                    if (ctx.result() == null || ctx.result().isEmpty()) {
                        error(ctx, 404, null, "no such endpoint: " + ctx.path(), null);
                    }
                });
    }

    // ---- auth

    private void authenticate(Context ctx) {
        String path = ctx.path();
        if (path.equals("/health") || path.equals(STREAM_PATH)) {
            return; // /health is open; the stream checks in wsBeforeUpgrade (header or query)
        }
        checkToken(ctx, bearer(ctx.header("Authorization")));
    }

    private void authenticateStream(Context ctx) {
        String presented = bearer(ctx.header("Authorization"));
        if (presented == null) {
            presented = ctx.queryParam("token"); // browsers cannot set headers on a WebSocket
        }
        checkToken(ctx, presented);
    }

    /** {@code GET /v1/stream} without a WebSocket upgrade: 401 without a token, else 426. */
    private void plainStreamRequest(Context ctx) {
        authenticateStream(ctx);
        ctx.header("Upgrade", "websocket");
        throw new ApiException(
                426, null, STREAM_PATH + " is a WebSocket: connect with an Upgrade: websocket");
    }

    private void checkToken(Context ctx, @Nullable String presented) {
        String reason = null;
        if (presented == null) {
            reason = "missing bearer token";
        } else if (!MessageDigest.isEqual( // constant time
                presented.getBytes(StandardCharsets.UTF_8), tokenBytes)) {
            reason = "wrong bearer token";
        }
        if (reason != null) {
            String what = reason;
            refusedTokens.log(
                    suppressed ->
                            LOG.warn(
                                    "401 {} {}: {}{}",
                                    ctx.method(),
                                    ctx.path(),
                                    what,
                                    suppressed == 0
                                            ? ""
                                            : " ("
                                                    + suppressed
                                                    + " more 401s since the last line)"));
            throw new ApiException(401, null, reason);
        }
    }

    @Nullable
    private static String bearer(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.trim();
        if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = trimmed.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    // ---- handlers

    private void health(Context ctx) {
        ObjectNode body = json.createObjectNode();
        body.put("status", "ok");
        body.put("route", config.route().name().toLowerCase(Locale.ROOT));
        json(ctx, 200, body);
    }

    private void postOrder(Context ctx) {
        OrderMessage request = parser.parseOrder(boundedBody(ctx));
        OrderDesk.Submission submission = desk().submit(request);
        count(submission.created() ? "orders.created" : "orders.repeated");
        json(ctx, submission.created() ? 201 : 200, submission.order());
    }

    private void listOrders(Context ctx) {
        String agent = ctx.queryParam("agent");
        String symbol = ctx.queryParam("symbol");
        if (symbol != null) {
            symbol = parser.symbol(symbol);
        }
        String symbolFilter = symbol;
        String status = ctx.queryParam("status");
        List<GatewayOrder> selected =
                desk().orders().stream()
                        .filter(o -> agent == null || o.agent().equals(agent))
                        .filter(o -> symbolFilter == null || o.symbol().equals(symbolFilter))
                        .filter(o -> status == null || o.status().name().equalsIgnoreCase(status))
                        .toList();
        json(ctx, 200, selected);
    }

    private void getOrder(Context ctx) {
        String id = ctx.pathParam("client_order_id");
        GatewayOrder order =
                desk().order(id)
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                404,
                                                "client_order_id",
                                                "no order with client_order_id " + Texts.clip(id)));
        json(ctx, 200, order);
    }

    private void postPrice(Context ctx) {
        PriceUpdate update = parser.parsePrice(boundedBody(ctx));
        desk().updatePrice(update.symbol(), update.price(), update.ts());
        json(ctx, 200, update);
    }

    /**
     * Counters since start: {@code orders.created}, {@code orders.repeated}, {@code
     * refused.<status>[.<field>]} (e.g. {@code refused.422.quantity} for a breached limit).
     */
    private void metrics(Context ctx) {
        ObjectNode body = json.createObjectNode();
        counters.forEach((name, value) -> body.put(name, value.sum()));
        json(ctx, 200, body);
    }

    private void count(String name) {
        counters.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    // ---- plumbing

    /** Reads the body, refusing (413) more than the configured bound, declared or streamed. */
    private byte[] boundedBody(Context ctx) {
        int max = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw new ApiException(
                    413, null, "body of " + declared + " bytes exceeds the limit of " + max);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw new ApiException(413, null, "body exceeds the limit of " + max + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(400, null, "cannot read body: " + e.getMessage());
        }
    }

    private void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize response", e);
        }
    }

    private void error(
            Context ctx,
            int status,
            @Nullable String field,
            @Nullable String message,
            @Nullable GatewayOrder order) {
        ObjectNode body = json.createObjectNode();
        body.put("error", message == null ? "error" : message);
        body.put("status", status);
        if (field != null) {
            body.put("field", field);
        }
        if (order != null) {
            body.set("order", json.valueToTree(order));
        }
        json(ctx, status, body);
    }

    private OrderDesk desk() {
        return java.util.Objects.requireNonNull(desk, "not started");
    }

    private EventStream stream() {
        return java.util.Objects.requireNonNull(stream, "not started");
    }

    /** The JSON conventions of the gateway: snake_case fields, duplicate keys refused. */
    static ObjectMapper objectMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }
}
