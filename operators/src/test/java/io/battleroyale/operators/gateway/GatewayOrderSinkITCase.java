package io.battleroyale.operators.gateway;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.gateway.GatewayConfig;
import io.battleroyale.gateway.GatewayServer;
import io.battleroyale.model.Order;
import io.battleroyale.model.Side;
import io.battleroyale.sources.testing.FlinkTesting;
import io.battleroyale.sources.venues.http.Backoff;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink in a real Flink job against the real gateway: a job with checkpointing fails once
 * mid-stream, restarts from its last checkpoint, and the gateway then holds exactly the orders of a
 * failure-free run, none missing, none twice.
 */
class GatewayOrderSinkITCase {
    private static final int PARALLELISM = 2;
    private static final int ORDERS = 400;
    private static final String TOKEN = "it-gateway-token-4b1f";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = FlinkTesting.miniCluster(1, PARALLELISM);

    // shared with the job's functions, which run in this JVM (MiniCluster)
    static final AtomicInteger CHECKPOINTS_COMPLETED = new AtomicInteger();
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS_BEFORE_FAILURE = new AtomicInteger(-1);

    @Test
    void aFailureAndRestoreLeavesExactlyTheOrdersOfAFailureFreeRun(@TempDir Path tmp)
            throws Exception {
        try (GatewayServer gateway =
                GatewayServer.start(GatewayConfig.paper(0, tmp.resolve("journal.db"), TOKEN))) {
            String base = "http://127.0.0.1:" + gateway.port();
            GatewaySinkConfig sinkConfig =
                    GatewaySinkConfig.of(base, TOKEN)
                            .withMaxInFlight(4)
                            .withBackoff(
                                    new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1), 2));

            Configuration conf = new Configuration();
            conf.set(CoreOptions.DEFAULT_PARALLELISM, PARALLELISM);
            conf.set(PipelineOptions.GENERIC_TYPES, false);
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);

            // 40 orders per source subtask per checkpoint: the input spans several checkpoints
            DataGeneratorSource<Order> source =
                    new DataGeneratorSource<>(
                            GatewayOrderSinkITCase::order,
                            ORDERS,
                            RateLimiterStrategy.perCheckpoint(40),
                            TypeInformation.of(Order.class));
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "orders")
                    .uid("orders")
                    .map(new FailOnceAfterTwoCheckpoints())
                    .uid("fail-once")
                    .name("fail-once")
                    .sinkTo(new GatewayOrderSink(sinkConfig))
                    .uid("gateway-sink")
                    .name("gateway-sink");

            long started = System.nanoTime();
            env.execute("gateway-sink-exactly-once");
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(FAILED_ONCE).as("the injected failure happened").isTrue();
            assertThat(CHECKPOINTS_BEFORE_FAILURE.get()).isGreaterThanOrEqualTo(2);

            List<JsonNode> held = getOrders(base);
            List<String> ids = new ArrayList<>();
            held.forEach(o -> ids.add(o.get("client_order_id").asText()));
            Set<String> expected = new HashSet<>();
            for (long i = 0; i < ORDERS; i++) {
                expected.add(order(i).clientOrderId());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(ORDERS);
            assertThat(new HashSet<>(ids)).isEqualTo(expected);
            for (JsonNode o : held) {
                Order want = order(Long.parseLong(o.get("client_order_id").asText().split("-")[2]));
                assertThat(o.get("quantity").asDouble()).isEqualTo(want.quantity());
                assertThat(o.get("side").asText()).isEqualToIgnoringCase(want.side().name());
                assertThat(o.get("status").asText()).isEqualTo("filled");
            }
            JsonNode metrics = get(base, "/v1/metrics");
            assertThat(metrics.path("orders.created").asInt()).isEqualTo(ORDERS);
            System.out.printf(
                    "gateway sink ITCase: %d orders, p=%d, failure after %d checkpoints, %d"
                            + " checkpoints in all, gateway created=%d repeated=%d, %d ms%n",
                    ORDERS,
                    PARALLELISM,
                    CHECKPOINTS_BEFORE_FAILURE.get(),
                    CHECKPOINTS_COMPLETED.get(),
                    metrics.path("orders.created").asInt(),
                    metrics.path("orders.repeated").asInt(),
                    elapsedMs);
        }
    }

    /** Order {@code i}: a deterministic id, as the job's order ids are. */
    static Order order(long i) {
        String agent = i % 2 == 0 ? "trend" : "meanrev";
        String symbol = i % 3 == 0 ? "SPY" : "QQQ";
        return new Order(
                agent + "-" + symbol + "-" + i,
                agent,
                symbol,
                i % 5 == 0 ? Side.SELL : Side.BUY,
                1 + (i % 7),
                1_767_225_600_000L + i * 60_000,
                i,
                symbol.equals("SPY") ? 600.0 : 500.0);
    }

    /**
     * Passes orders through; on the first order it sees once two checkpoints have completed, it
     * throws (once per test run: the flag is static, and the restarted task sees it set).
     */
    static final class FailOnceAfterTwoCheckpoints
            implements MapFunction<Order, Order>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        private int seenSinceSecondCheckpoint;

        @Override
        public Order map(Order order) {
            if (CHECKPOINTS_COMPLETED.get() >= 2 && !FAILED_ONCE.get()) {
                // a few orders after the checkpoint reach the gateway before the failure, so
                // the restore replays them: the gateway must answer those with the original
                if (++seenSinceSecondCheckpoint > 5 && FAILED_ONCE.compareAndSet(false, true)) {
                    CHECKPOINTS_BEFORE_FAILURE.set(CHECKPOINTS_COMPLETED.get());
                    throw new IllegalStateException(
                            "injected failure at order " + order.barIndex());
                }
            }
            return order;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS_COMPLETED.accumulateAndGet((int) checkpointId, Math::max);
        }
    }

    private static List<JsonNode> getOrders(String base) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        get(base, "/v1/orders").forEach(list::add);
        return list;
    }

    private static JsonNode get(String base, String path) throws Exception {
        OkHttpClient client = new OkHttpClient();
        try (Response response =
                client.newCall(
                                new Request.Builder()
                                        .url(base + path)
                                        .header("Authorization", "Bearer " + TOKEN)
                                        .build())
                        .execute()) {
            assertThat(response.code()).isEqualTo(200);
            return MAPPER.readTree(response.body().string());
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
