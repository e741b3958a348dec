package io.battleroyale.operators.gateway;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.model.Order;
import io.battleroyale.model.Side;
import io.battleroyale.model.wire.OrderMessage;
import io.battleroyale.sources.venues.http.Backoff;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer against MockWebServer: real HTTP on loopback, scripted answers. */
class GatewayOrderWriterTest {
    private static final String TOKEN = "sink-test-token-9d2e";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MockWebServer server;
    private GatewayOrderWriter writer;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.close();
        }
        server.close();
    }

    @Test
    void postsTheOrderAsJsonWithTheBearerTokenAndCountsTheAck() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).body("{}").build());
        writer = writer(config());

        writer.write(order(7), CONTEXT);
        writer.flush(false);

        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/v1/orders");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = MAPPER.readTree(request.getBody().utf8());
        assertThat(body.get("client_order_id").asText()).isEqualTo("trend-SPY-7");
        assertThat(body.get("agent").asText()).isEqualTo("trend");
        assertThat(body.get("symbol").asText()).isEqualTo("SPY");
        assertThat(body.get("side").asText()).isEqualTo("BUY");
        assertThat(body.get("quantity").asDouble()).isEqualTo(10.5);
        assertThat(body.get("reference_price").asDouble()).isEqualTo(600.25);
        assertThat(body.get("ts").asLong()).isEqualTo(1_767_225_600_007L);
        assertThat(writer.acknowledgedCount()).isEqualTo(1);
        assertThat(writer.inFlight()).isZero();
    }

    @Test
    void retriesA503WithBackoffUntilTheGatewayAcknowledges() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        server.enqueue(new MockResponse.Builder().code(502).build());
        server.enqueue(new MockResponse.Builder().code(201).body("{}").build());
        writer = writer(config());

        writer.write(order(1), CONTEXT);
        writer.flush(false);

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(writer.retriedCount()).isEqualTo(2);
        assertThat(writer.acknowledgedCount()).isEqualTo(1);
        // every attempt carries the same deterministic id: the gateway dedupes them
        for (int i = 0; i < 3; i++) {
            assertThat(server.takeRequest().getBody().utf8()).contains("\"trend-SPY-1\"");
        }
    }

    @Test
    void honoursRetryAfter() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        arrivals.add(System.nanoTime());
                        return calls.getAndIncrement() == 0
                                ? new MockResponse.Builder()
                                        .code(429)
                                        .setHeader("Retry-After", "1")
                                        .build()
                                : new MockResponse.Builder().code(201).body("{}").build();
                    }
                });
        writer = writer(config()); // backoff 5 ms: the wait must come from Retry-After

        writer.write(order(1), CONTEXT);
        writer.flush(false);

        assertThat(arrivals).hasSize(2);
        long gapMs = TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0));
        assertThat(gapMs).isBetween(1_000L, 5_000L);
        assertThat(writer.acknowledgedCount()).isEqualTo(1);
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDateAndCapsIt() {
        long now = 1_767_225_600_000L;
        assertThat(GatewayOrderWriter.retryAfterMs("3", now)).isEqualTo(3_000);
        assertThat(GatewayOrderWriter.retryAfterMs(null, now)).isZero();
        assertThat(GatewayOrderWriter.retryAfterMs("soon", now)).isZero();
        assertThat(GatewayOrderWriter.retryAfterMs("-5", now)).isZero();
        assertThat(GatewayOrderWriter.retryAfterMs("86400", now)).isEqualTo(300_000);
        String in10s =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.parse("2026-01-01T00:00:10Z"));
        assertThat(GatewayOrderWriter.retryAfterMs(in10s, now)).isEqualTo(10_000);
    }

    @Test
    void aPermanent422FailsTheJobWithTheGatewaysMessageAndIsNotRetried() throws Exception {
        server.enqueue(
                new MockResponse.Builder()
                        .code(422)
                        .body(
                                "{\"error\":\"max_order_notional breached: 101 × 100 = 10100.00 >"
                                        + " 10000.00\",\"status\":422,\"field\":\"quantity\"}")
                        .build());
        writer = writer(config());

        writer.write(order(3), CONTEXT);

        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(GatewayDeliveryException.class)
                .hasMessageContaining("the gateway refused order trend-SPY-3 with HTTP 422")
                .hasMessageContaining(
                        "max_order_notional breached: 101 × 100 = 10100.00 > 10000.00")
                .hasMessageContaining("failing the job")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> writer.write(order(4), CONTEXT))
                .isInstanceOf(GatewayDeliveryException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(writer.acknowledgedCount()).isZero();
    }

    @Test
    void aWrongTokenFailsWithAHintAndNeverShowsTheToken() throws Exception {
        server.enqueue(
                new MockResponse.Builder()
                        .code(401)
                        .body("{\"error\":\"wrong bearer token\"}")
                        .build());
        writer = writer(config());

        writer.write(order(1), CONTEXT);

        assertThatThrownBy(() -> writer.flush(true))
                .hasMessageContaining("HTTP 401 (check the gateway token): wrong bearer token")
                .hasMessageNotContaining(TOKEN);
        assertThat(config().toString()).doesNotContain(TOKEN).contains("token=<redacted>");
        assertThat(new GatewayOrderSink(config()).toString()).doesNotContain(TOKEN);
    }

    @Test
    void givesUpAfterMaxAttemptsAndFailsTheJob() throws Exception {
        server.setDispatcher(always(new MockResponse.Builder().code(503).body("down").build()));
        writer = writer(config().withMaxAttempts(3));

        writer.write(order(5), CONTEXT);

        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(GatewayDeliveryException.class)
                .hasMessageContaining(
                        "order trend-SPY-5 not acknowledged by the gateway after 3 attempts; last:"
                                + " HTTP 503: down");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(writer.retriedCount()).isEqualTo(2);
    }

    @Test
    void aConflictWithTheSameTradeIsAnAckAndWithADifferentOneAFailure() throws Exception {
        server.enqueue(conflict(order(1)));
        writer = writer(config());
        writer.write(order(1), CONTEXT);
        writer.flush(false);
        assertThat(writer.acknowledgedCount()).isEqualTo(1);

        Order other = new Order("trend-SPY-2", "trend", "SPY", Side.SELL, 10.5, 0, 2, 600.25);
        server.enqueue(conflict(other));
        writer.write(order(2), CONTEXT);
        assertThatThrownBy(() -> writer.flush(false))
                .hasMessageContaining(
                        "the gateway holds a different order under client_order_id trend-SPY-2"
                                + " (409)");
    }

    @Test
    void keepsAtMostMaxInFlightRequestsOutAndBlocksWriteBeyondThat() throws Exception {
        int maxInFlight = 3;
        int orders = 10;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request)
                            throws InterruptedException {
                        int now = concurrent.incrementAndGet();
                        maxConcurrent.accumulateAndGet(now, Math::max);
                        try {
                            if (!release.await(30, TimeUnit.SECONDS)) {
                                throw new AssertionError("never released");
                            }
                            return new MockResponse.Builder().code(201).body("{}").build();
                        } finally {
                            concurrent.decrementAndGet();
                        }
                    }
                });
        writer = writer(config().withMaxInFlight(maxInFlight));
        AtomicInteger written = new AtomicInteger();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread task =
                new Thread(
                        () -> {
                            try {
                                for (int i = 0; i < orders; i++) {
                                    writer.write(order(i), CONTEXT);
                                    written.incrementAndGet();
                                }
                            } catch (Throwable t) {
                                error.set(t);
                            }
                        },
                        "task-thread");
        task.start();

        Await.until(
                "3 requests held by the server and the task thread blocked in write",
                () ->
                        concurrent.get() == maxInFlight
                                && task.getState() == Thread.State.TIMED_WAITING);
        assertThat(written.get()).isEqualTo(maxInFlight);
        assertThat(writer.inFlight()).isEqualTo(maxInFlight);

        release.countDown();
        task.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(task.isAlive()).isFalse();
        assertThat(error.get()).isNull();
        writer.flush(false);

        assertThat(written.get()).isEqualTo(orders);
        assertThat(maxConcurrent.get()).isEqualTo(maxInFlight);
        assertThat(server.getRequestCount()).isEqualTo(orders);
        assertThat(writer.acknowledgedCount()).isEqualTo(orders);
    }

    @Test
    void flushReturnsOnlyWhenEveryOrderIsAcknowledged() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger arrived = new AtomicInteger();
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request)
                            throws InterruptedException {
                        arrived.incrementAndGet();
                        release.await(30, TimeUnit.SECONDS);
                        return new MockResponse.Builder().code(201).body("{}").build();
                    }
                });
        writer = writer(config());
        writer.write(order(1), CONTEXT);
        writer.write(order(2), CONTEXT);
        AtomicInteger ackedWhenFlushReturned = new AtomicInteger(-1);
        Thread flusher =
                new Thread(
                        () -> {
                            try {
                                writer.flush(false);
                                ackedWhenFlushReturned.set((int) writer.acknowledgedCount());
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        });
        flusher.start();

        Await.until(
                "both requests at the server and flush waiting",
                () -> arrived.get() == 2 && flusher.getState() == Thread.State.TIMED_WAITING);
        assertThat(ackedWhenFlushReturned.get()).isEqualTo(-1);
        assertThat(writer.acknowledgedCount()).isZero();

        release.countDown();
        flusher.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(flusher.isAlive()).isFalse();
        assertThat(ackedWhenFlushReturned.get()).isEqualTo(2);
    }

    @Test
    void retriesAnIoErrorSuchAsARefusedConnection() throws Exception {
        int port = server.getPort();
        server.close(); // nothing listens there now
        GatewaySinkConfig config =
                GatewaySinkConfig.of("http://127.0.0.1:" + port, TOKEN)
                        .withMaxAttempts(2)
                        .withBackoff(fastBackoff());
        writer = writer(config);

        writer.write(order(1), CONTEXT);

        assertThatThrownBy(() -> writer.flush(false))
                .hasMessageContaining("after 2 attempts; last: I/O error");
        assertThat(writer.retriedCount()).isEqualTo(1);
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> GatewaySinkConfig.of("gateway:8090", TOKEN))
                .hasMessageContaining("gateway url must be http(s)://host[:port]");
        assertThatThrownBy(() -> GatewaySinkConfig.of("http://gw", " "))
                .hasMessageContaining("token must not be blank");
        assertThatThrownBy(() -> GatewaySinkConfig.of("http://gw", TOKEN).withMaxInFlight(0))
                .hasMessageContaining("maxInFlight must be >= 1");
        assertThat(GatewaySinkConfig.of("http://gw:1/", TOKEN).ordersUrl())
                .isEqualTo("http://gw:1/v1/orders");
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2);
        assertThat(
                        List.of(
                                backoff.delayMs(1),
                                backoff.delayMs(2),
                                backoff.delayMs(4),
                                backoff.delayMs(10)))
                .containsExactly(100L, 200L, 800L, 1_000L);
    }

    // --- helpers ---

    private static final SinkWriter.Context CONTEXT =
            new SinkWriter.Context() {
                @Override
                public long currentWatermark() {
                    return Long.MIN_VALUE;
                }

                @Override
                public Long timestamp() {
                    return null;
                }
            };

    private GatewaySinkConfig config() {
        return GatewaySinkConfig.of(server.url("/").toString(), TOKEN)
                .withBackoff(fastBackoff())
                .withTimeouts(
                        new GatewaySinkConfig.Timeouts(
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(40),
                                Duration.ofSeconds(60)));
    }

    private static Backoff fastBackoff() {
        return new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 2);
    }

    private static GatewayOrderWriter writer(GatewaySinkConfig config) {
        return new GatewayOrderWriter(config, new UnregisteredMetricsGroup(), "test");
    }

    static Order order(int i) {
        return new Order(
                "trend-SPY-" + i,
                "trend",
                "SPY",
                Side.BUY,
                10.5,
                1_767_225_600_000L + i,
                i,
                600.25);
    }

    private static MockResponse conflict(Order existing) {
        String body =
                "{\"error\":\"client_order_id "
                        + existing.clientOrderId()
                        + " is already used by a different order\",\"status\":409,"
                        + "\"field\":\"client_order_id\",\"order\":"
                        + OrderMessage.of(existing).toJson()
                        + "}";
        return new MockResponse.Builder().code(409).body(body).build();
    }

    private static Dispatcher always(MockResponse response) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return response;
            }
        };
    }
}
