package io.battleroyale.gateway;

import io.battleroyale.gateway.TestGateway.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTest {
    @TempDir Path dir;
    private TestGateway gw;

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void aRepeatReturnsTheOriginalWith200AndCreatesNothing() throws Exception {
        gw = TestGateway.paper(dir.resolve("j.db"));

        Reply first = gw.post("/v1/orders", TestGateway.order("o-1", "BUY", 10, 100));
        Reply repeat = gw.post("/v1/orders", TestGateway.order("o-1", "BUY", 10, 100));

        assertThat(first.code()).isEqualTo(201);
        assertThat(first.text("status")).isEqualTo("filled");
        assertThat(repeat.code()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(gw.get("/v1/orders").body()).hasSize(1);
        assertThat(gw.get("/v1/fills").body()).hasSize(1);
        assertThat(gw.get("/v1/orders/o-1").body()).isEqualTo(first.body());
    }

    @Test
    void aDifferentTradeUnderAKnownIdIs409WithTheOriginal() throws Exception {
        gw = TestGateway.paper(dir.resolve("j.db"));
        gw.post("/v1/orders", TestGateway.order("o-2", "BUY", 10, 100));

        Reply clash = gw.post("/v1/orders", TestGateway.order("o-2", "SELL", 10, 100));

        assertThat(clash.code()).isEqualTo(409);
        assertThat(clash.text("field")).isEqualTo("client_order_id");
        assertThat(clash.body().get("order").get("side").asText()).isEqualTo("BUY");
        assertThat(gw.get("/v1/fills").body()).hasSize(1);
    }

    @Test
    void sixteenConcurrentRepeatsMakeOneOrderAndOneFill() throws Exception {
        gw = TestGateway.paper(dir.resolve("j.db"));
        String body = TestGateway.order("same-id", "BUY", 3, 250);

        List<Reply> replies = concurrently(16, i -> gw.post("/v1/orders", body));

        assertThat(replies).filteredOn(r -> r.code() == 201).hasSize(1);
        assertThat(replies).filteredOn(r -> r.code() == 200).hasSize(15);
        assertThat(replies).extracting(Reply::body).containsOnly(replies.get(0).body());
        assertThat(gw.get("/v1/orders").body()).hasSize(1);
        assertThat(gw.get("/v1/fills").body()).hasSize(1);
        assertThat(gw.get("/v1/positions").body().get(0).get("quantity").asDouble()).isEqualTo(3.0);
    }

    @Test
    void concurrentDistinctOrdersNeverBreachThePositionLimit() throws Exception {
        gw =
                TestGateway.start(
                        GatewayConfig.paper(0, dir.resolve("j.db"), TestGateway.TOKEN)
                                .withLimits(Double.POSITIVE_INFINITY, 100));

        List<Reply> replies =
                concurrently(
                        20, i -> gw.post("/v1/orders", TestGateway.order("p-" + i, "BUY", 10, 50)));

        assertThat(replies).filteredOn(r -> r.code() == 201).hasSize(10);
        assertThat(replies).filteredOn(r -> r.code() == 422).hasSize(10);
        assertThat(gw.get("/v1/positions").body().get(0).get("quantity").asDouble())
                .isEqualTo(100.0);
        assertThat(gw.get("/v1/metrics").body().get("refused.422.quantity").asLong()).isEqualTo(10);
    }

    interface Call {
        Reply run(int i) throws Exception;
    }

    /** Runs {@code n} calls released together by one latch; waits for all with a bound. */
    static List<Reply> concurrently(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Reply> task =
                        () -> {
                            go.await();
                            return call.run(index);
                        };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get(30, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
