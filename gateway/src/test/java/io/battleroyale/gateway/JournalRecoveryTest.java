package io.battleroyale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.gateway.TestGateway.Reply;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JournalRecoveryTest {
    @TempDir Path dir;

    @Test
    void aRestartedGatewayKnowsEveryOrderAndFillAndDoesNotFillTwice() throws Exception {
        Path journal = dir.resolve("nested/j.db");
        JsonNode orders;
        JsonNode fills;
        JsonNode positions;
        try (TestGateway gw = TestGateway.paper(journal)) {
            for (int i = 0; i < 5; i++) {
                assertThat(
                                gw.post(
                                                "/v1/orders",
                                                TestGateway.order("r-" + i, "BUY", i + 1, 100))
                                        .code())
                        .isEqualTo(201);
            }
            gw.post("/v1/orders", TestGateway.order("r-sell", "SELL", 3, 110));
            orders = gw.get("/v1/orders").body();
            fills = gw.get("/v1/fills").body();
            positions = gw.get("/v1/positions").body();
        }

        try (TestGateway gw = TestGateway.paper(journal)) {
            assertThat(gw.get("/v1/orders").body()).isEqualTo(orders);
            assertThat(gw.get("/v1/fills").body()).isEqualTo(fills);
            assertThat(gw.get("/v1/positions").body()).isEqualTo(positions);

            Reply repeat = gw.post("/v1/orders", TestGateway.order("r-2", "BUY", 3, 100));

            assertThat(repeat.code()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo(orders.get(2));
            assertThat(gw.get("/v1/fills").body()).hasSize(6);
            assertThat(gw.post("/v1/orders", TestGateway.order("r-new", "BUY", 1, 100)).code())
                    .isEqualTo(201);
        }
    }

    /**
     * Every 201 means durable: SIGKILL the gateway's JVM right after the last answer, tear the
     * journal's write-ahead log with a half-written frame, and a new gateway still has every
     * acknowledged order and fill.
     */
    @Test
    void survivesSigkillAndATornWriteAheadLogTail() throws Exception {
        Path journal = dir.resolve("killed.db");
        String token = "child-token-93d1";
        int n = 25;
        Process child =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                GatewayProcess.class.getName(),
                                journal.toString(),
                                token)
                        .redirectErrorStream(true)
                        .start();
        try {
            int port = awaitPort(child);
            OkHttpClient client = new OkHttpClient();
            for (int i = 0; i < n; i++) {
                Request post =
                        new Request.Builder()
                                .url("http://127.0.0.1:" + port + "/v1/orders")
                                .header("Authorization", "Bearer " + token)
                                .post(
                                        RequestBody.create(
                                                TestGateway.order("k-" + i, "BUY", 1, 100 + i),
                                                TestGateway.JSON))
                                .build();
                try (Response response = client.newCall(post).execute()) {
                    assertThat(response.code()).isEqualTo(201);
                }
            }
            client.dispatcher().executorService().shutdown();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Path wal = Path.of(journal + "-wal");
        assertThat(wal).exists(); // the commits live in the WAL; nothing was checkpointed
        byte[] torn = new byte[3000]; // less than one 4 KiB page frame, random content
        new Random(7).nextBytes(torn);
        Files.write(wal, torn, StandardOpenOption.APPEND);

        try (TestGateway gw =
                TestGateway.start(GatewayConfig.paper(0, journal, TestGateway.TOKEN))) {
            JsonNode orders = gw.get("/v1/orders").body();
            assertThat(orders).hasSize(n);
            assertThat(orders).allMatch(o -> o.get("status").asText().equals("filled"));
            assertThat(gw.get("/v1/fills").body()).hasSize(n);
            assertThat(gw.get("/v1/positions").body().get(0).get("quantity").asDouble())
                    .isEqualTo(n);

            Reply repeat = gw.post("/v1/orders", TestGateway.order("k-24", "BUY", 1, 124));
            assertThat(repeat.code()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo(orders.get(24));
            assertThat(gw.get("/v1/fills").body()).hasSize(n);
        }
    }

    private static int awaitPort(Process child) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    child.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    lines.add(line);
                                }
                            } catch (java.io.IOException ignored) {
                                // the child died
                            }
                        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                assertThat(child.isAlive()).as("child output: %s", seen).isTrue();
                continue;
            }
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child gateway did not start in 60 s: " + seen);
    }
}
