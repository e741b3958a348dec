package io.battleroyale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.battleroyale.gateway.TestGateway.Reply;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.battleroyale.gateway.TestGateway.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests a hostile client would send: each gets one JSON answer and changes nothing. */
class HostileRequestTest {
    @TempDir static Path dir;
    private static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw =
                TestGateway.start(
                        GatewayConfig.paper(0, dir.resolve("journal.db"), TOKEN)
                                .withLimits(Double.POSITIVE_INFINITY, 10));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {" garbage", " {\"x\":1}", "}", " 1"})
    void trailingTokensAfterTheOrderAre400AndNothingIsAccepted(String trailer) {
        String id = "trail-" + System.nanoTime();
        Reply reply = gw.post("/v1/orders", TestGateway.order(id, "BUY", 1, 100) + trailer);

        assertThat(reply.code()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.text("error")).startsWith("malformed JSON");
        assertThat(gw.get("/v1/orders/" + id).code()).isEqualTo(404);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"quantity", "reference_price"})
    void anOverflowingSizeIs422AndNeverReachesTheBook(String field) {
        ObjectNode body = order("big-" + field + "-" + System.nanoTime());
        body.put(field, 1e308);

        Reply reply = gw.post("/v1/orders", body.toString());

        assertThat(reply.code()).as(reply.raw()).isEqualTo(422);
        assertThat(reply.text("field")).isEqualTo(field);
        assertThat(gw.get("/v1/positions").raw()).doesNotContain("Infinity").doesNotContain("NaN");
    }

    @Test
    void aNotionalBeyondTheBoundIs422EvenWithoutALimit() {
        ObjectNode body = order("notional-" + System.nanoTime());
        body.put("quantity", 9e9);
        body.put("reference_price", 9e8);

        Reply reply = gw.post("/v1/orders", body.toString());

        assertThat(reply.code()).as(reply.raw()).isEqualTo(422);
        assertThat(reply.text("error")).contains("notional");
    }

    @Test
    void anOverflowingPriceUpdateIs422() {
        Reply reply = gw.post("/v1/prices", "{\"symbol\":\"SPY\",\"price\":1e308,\"ts\":1}");

        assertThat(reply.code()).as(reply.raw()).isEqualTo(422);
        assertThat(reply.text("field")).isEqualTo("price");
    }

    @Test
    void aTimestampOutsideTheWindowIs422() {
        ObjectNode body = order("ts-" + System.nanoTime());
        body.put("ts", Long.MAX_VALUE);

        Reply reply = gw.post("/v1/orders", body.toString());

        assertThat(reply.code()).as(reply.raw()).isEqualTo(422);
        assertThat(reply.text("field")).isEqualTo("ts");
    }

    @Test
    void aPositionLimitHoldsForEverySpellingOfTheSymbol() {
        ObjectNode first = order("case-1");
        first.put("symbol", "QQQ");
        first.put("quantity", 8);
        assertThat(gw.post("/v1/orders", first.toString()).code()).isEqualTo(201);

        ObjectNode second = order("case-2");
        second.put("symbol", "qqq");
        second.put("quantity", 8);
        Reply reply = gw.post("/v1/orders", second.toString());

        assertThat(reply.code()).as(reply.raw()).isEqualTo(422);
        JsonNode positions = gw.get("/v1/positions").body();
        assertThat(positions.toString()).doesNotContain("\"qqq\"");
    }

    @Test
    void theStreamWithoutATokenIs401NotA404() {
        Reply reply = gw.call(new Request.Builder().url(gw.base + "/v1/stream").build());

        assertThat(reply.code()).as(reply.raw()).isEqualTo(401);
        assertThat(reply.text("error")).contains("token");
    }

    @Test
    void theStreamAsPlainHttpWithATokenSaysToUpgrade() {
        Reply reply = gw.get("/v1/stream");

        assertThat(reply.code()).as(reply.raw()).isEqualTo(426);
        assertThat(reply.text("error")).containsIgnoringCase("websocket");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"GET /v1/orders/%zz HTTP/1.1", "GET /v1/../etc/passwd HTTP/1.1"})
    void errorsJettyAnswersItselfAreJsonNotHtml(String requestLine) throws Exception {
        String answer =
                raw(
                        requestLine
                                + "\r\nHost: localhost\r\nAuthorization: Bearer "
                                + TOKEN
                                + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 4");
        assertThat(answer.toLowerCase()).contains("content-type: application/json");
        assertThat(answer).doesNotContain("<html").contains("\"error\"");
    }

    @Test
    void refusedTokensAreLoggedAtARateNotOnePerRequest() {
        try (LogCapture log = LogCapture.attach()) {
            for (int i = 0; i < 50; i++) {
                assertThat(
                                gw.call(
                                                new Request.Builder()
                                                        .url(gw.base + "/v1/orders")
                                                        .header("Authorization", "Bearer nope")
                                                        .build())
                                        .code())
                        .isEqualTo(401);
            }
            long lines = log.lines().stream().filter(l -> l.contains("401")).count();

            assertThat(lines).isBetween(1L, 2L);
        }
        assertThat(gw.get("/v1/metrics").body().get("refused.401").asLong())
                .isGreaterThanOrEqualTo(50);
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", gw.server.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static ObjectNode order(String id) {
        ObjectNode body = TestGateway.MAPPER.createObjectNode();
        body.put("client_order_id", id);
        body.put("agent", "trend");
        body.put("symbol", "SPY");
        body.put("side", "BUY");
        body.put("quantity", 1);
        body.put("reference_price", 100.0);
        body.put("ts", 1767225600000L);
        return body;
    }
}
