package io.battleroyale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTest {
    @TempDir Path dir;
    private TestGateway gw;
    private final List<WebSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        gw = TestGateway.paper(dir.resolve("j.db"));
    }

    @AfterEach
    void stop() {
        sockets.forEach(s -> s.close(1000, "bye"));
        gw.close();
    }

    /** What a listener saw: text frames, or the HTTP status of a refused upgrade. */
    static final class Inbox extends WebSocketListener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> failures = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            messages.add(text);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
            failures.add(response == null ? -1 : response.code());
        }

        JsonNode next() throws Exception {
            String text = messages.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a stream message within 10 s").isNotNull();
            return TestGateway.MAPPER.readTree(text);
        }
    }

    private Inbox connect(String query, @Nullable String bearer) throws Exception {
        Inbox inbox = new Inbox();
        Request.Builder request =
                new Request.Builder()
                        .url("ws://127.0.0.1:" + gw.server.port() + "/v1/stream" + query);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        sockets.add(gw.client.newWebSocket(request.build(), inbox));
        return inbox;
    }

    @Test
    void pushesTheOrderItsFillAndThePositionAsTheyHappen() throws Exception {
        Inbox inbox = connect("", TestGateway.TOKEN);
        assertThat(inbox.next().get("type").asText()).isEqualTo("hello"); // subscribed

        gw.post("/v1/orders", TestGateway.order("ws-1", "BUY", 5, 100));

        JsonNode pending = inbox.next();
        JsonNode filled = inbox.next();
        JsonNode fill = inbox.next();
        JsonNode position = inbox.next();
        assertThat(pending.get("type").asText()).isEqualTo("order");
        assertThat(pending.get("data").get("status").asText()).isEqualTo("pending");
        assertThat(filled.get("type").asText()).isEqualTo("order");
        assertThat(filled.get("data").get("status").asText()).isEqualTo("filled");
        assertThat(fill.get("type").asText()).isEqualTo("fill");
        assertThat(fill.get("data").get("client_order_id").asText()).isEqualTo("ws-1");
        assertThat(fill.get("data").get("quantity").asDouble()).isEqualTo(5.0);
        assertThat(position.get("type").asText()).isEqualTo("position");
        assertThat(position.get("data").get("quantity").asDouble()).isEqualTo(5.0);

        gw.post("/v1/orders", TestGateway.order("ws-1", "BUY", 5, 100)); // a repeat: no events
        gw.post("/v1/orders", TestGateway.order("ws-2", "SELL", 5, 100));
        assertThat(inbox.next().get("data").get("client_order_id").asText()).isEqualTo("ws-2");
    }

    @Test
    void browsersMayPassTheTokenInTheQuery() throws Exception {
        Inbox inbox = connect("?token=" + TestGateway.TOKEN, null);

        assertThat(inbox.next().get("type").asText()).isEqualTo("hello");
    }

    @Test
    void theUpgradeIsRefusedWithoutTheRightToken() throws Exception {
        Inbox anonymous = connect("", null);
        Inbox wrong = connect("?token=nope", "also-wrong");

        assertThat(anonymous.failures.poll(10, TimeUnit.SECONDS)).isEqualTo(401);
        assertThat(wrong.failures.poll(10, TimeUnit.SECONDS)).isEqualTo(401);
        assertThat(anonymous.messages).isEmpty();
    }
}
