package io.battleroyale.gateway;

import io.battleroyale.gateway.TestGateway.Reply;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.battleroyale.gateway.TestGateway.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class GatewayAuthTest {
    private static final String WRONG = "wrong-token-0b1e2d";

    @TempDir Path dir;
    private TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        gw = TestGateway.paper(dir.resolve("journal.db"));
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void healthNeedsNoToken() {
        Reply reply = gw.call(new Request.Builder().url(gw.base + "/health").build());

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("ok");
        assertThat(reply.text("route")).isEqualTo("paper");
    }

    @Test
    void everyOtherEndpointRefusesAMissingToken() {
        for (String path : List.of("/v1/orders", "/v1/orders/x", "/v1/fills", "/v1/positions")) {
            Reply reply = gw.call(new Request.Builder().url(gw.base + path).build());

            assertThat(reply.code()).as(path).isEqualTo(401);
            assertThat(reply.text("error")).isEqualTo("missing bearer token");
        }
        Reply post =
                gw.call(
                        new Request.Builder()
                                .url(gw.base + "/v1/orders")
                                .post(RequestBody.create(validOrder("a1"), TestGateway.JSON))
                                .build());
        assertThat(post.code()).isEqualTo(401);
        assertThat(gw.get("/v1/orders").body()).isEmpty(); // nothing was created
    }

    @Test
    void wrongTokenOrSchemeIsRefused() {
        for (String header : List.of("Bearer " + WRONG, "Basic " + TOKEN, TOKEN, "Bearer ")) {
            Reply reply =
                    gw.call(
                            new Request.Builder()
                                    .url(gw.base + "/v1/positions")
                                    .header("Authorization", header)
                                    .build());

            assertThat(reply.code()).as(header.replace(TOKEN, "<token>")).isEqualTo(401);
        }
    }

    @Test
    void rightTokenIsAccepted() {
        assertThat(gw.get("/v1/positions").code()).isEqualTo(200);
        Reply lowerCaseScheme =
                gw.call(
                        new Request.Builder()
                                .url(gw.base + "/v1/fills")
                                .header("Authorization", "bearer " + TOKEN)
                                .build());
        assertThat(lowerCaseScheme.code()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAre404JsonWithATokenAnd401Without() {
        Reply known = gw.get("/v1/nope");
        assertThat(known.code()).isEqualTo(404);
        assertThat(known.text("error")).contains("/v1/nope");

        Reply anonymous = gw.call(new Request.Builder().url(gw.base + "/admin").build());
        assertThat(anonymous.code()).isEqualTo(401);
    }

    @Test
    void theTokenNeverReachesALogLine() throws Exception {
        try (LogCapture logs = LogCapture.attach()) {
            gw.get("/v1/orders");
            gw.post("/v1/orders", validOrder("log-1"));
            gw.post("/v1/orders", "{not json");
            gw.call(
                    new Request.Builder()
                            .url(gw.base + "/v1/orders")
                            .header("Authorization", "Bearer " + WRONG)
                            .build());
            gw.call(new Request.Builder().url(gw.base + "/v1/missing?token=" + TOKEN).build());
            openStreamWithQueryToken();

            List<String> lines = logs.lines();
            assertThat(lines).isNotEmpty();
            assertThat(lines).anyMatch(l -> l.contains("wrong bearer token"));
            assertThat(lines).anyMatch(l -> l.contains("POST /v1/orders"));
            assertThat(lines).noneMatch(l -> l.contains(TOKEN));
            assertThat(lines).noneMatch(l -> l.contains(WRONG));
        }
        assertThat(gw.server.config().toString()).doesNotContain(TOKEN).contains("<redacted>");
    }

    private void openStreamWithQueryToken() throws InterruptedException {
        CountDownLatch opened = new CountDownLatch(1);
        WebSocket ws =
                gw.client.newWebSocket(
                        new Request.Builder()
                                .url(
                                        "ws://127.0.0.1:"
                                                + gw.server.port()
                                                + "/v1/stream?token="
                                                + TOKEN)
                                .build(),
                        new WebSocketListener() {
                            @Override
                            public void onMessage(WebSocket webSocket, String text) {
                                opened.countDown(); // the hello
                            }

                            @Override
                            public void onFailure(
                                    WebSocket webSocket, Throwable t, Response response) {
                                opened.countDown();
                            }
                        });
        assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
        ws.close(1000, "done");
    }

    static String validOrder(String id) {
        return TestGateway.order(id, "BUY", 1, 100);
    }
}
