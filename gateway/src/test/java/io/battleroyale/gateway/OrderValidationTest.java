package io.battleroyale.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.battleroyale.gateway.TestGateway.Reply;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.battleroyale.gateway.TestGateway.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class OrderValidationTest {
    @TempDir static Path dir;
    private static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.paper(dir.resolve("journal.db"));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"client_order_id", "agent", "symbol", "side", "quantity", "ts"})
    void aMissingRequiredFieldIs422NamingIt(String field) {
        ObjectNode body = valid();
        body.remove(field);

        assertRefused(gw.post("/v1/orders", body.toString()), 422, field);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "client_order_id | 42",
                "client_order_id | {\"a\":1}",
                "agent           | true",
                "symbol          | [\"SPY\"]",
                "side            | 1",
                "quantity        | \"10\"",
                "reference_price | \"100.5\"",
                "ts              | \"2026-01-01\"",
                "ts              | 1.5",
            })
    void aWrongJsonTypeIs400NamingTheField(String field, String json) throws Exception {
        ObjectNode body = valid();
        body.set(field, TestGateway.MAPPER.readTree(json));

        assertRefused(gw.post("/v1/orders", body.toString()), 400, field);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "client_order_id | \"\"",
                "client_order_id | \"has/slash\"",
                "client_order_id | \"has space\"",
                "agent           | \"\"",
                "symbol          | \"SP Y\"",
                "side            | \"HOLD\"",
                "quantity        | 0",
                "quantity        | -5",
                "reference_price | 0",
                "reference_price | -1.5",
                "ts              | -1",
            })
    void anOutOfRangeValueIs422NamingTheField(String field, String json) throws Exception {
        ObjectNode body = valid();
        body.set(field, TestGateway.MAPPER.readTree(json));

        assertRefused(gw.post("/v1/orders", body.toString()), 422, field);
    }

    @Test
    void aClientOrderIdLongerThanAlpacaAllowsIsRefused() {
        ObjectNode body = valid();
        body.put("client_order_id", "x".repeat(129));

        assertRefused(gw.post("/v1/orders", body.toString()), 422, "client_order_id");
    }

    @Test
    void sideIsCaseInsensitiveAndUnknownFieldsAreIgnored() {
        ObjectNode body = valid();
        body.put("side", "buy");
        body.put("bar_index", 7);

        Reply reply = gw.post("/v1/orders", body.toString());

        assertThat(reply.code()).isEqualTo(201);
        assertThat(reply.text("side")).isEqualTo("BUY");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "{not json",
                "[1,2,3]",
                "\"a string\"",
                "",
                "{\"client_order_id\":\"a\",\"client_order_id\":\"b\"}",
                "{\"quantity\": NaN}"
            })
    void malformedJsonIs400(String body) {
        Reply reply = gw.post("/v1/orders", body);

        assertThat(reply.code()).isEqualTo(400);
        assertThat(reply.text("error")).isNotBlank();
        assertThat(gw.get("/v1/orders/a").code()).isEqualTo(404);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";

        Reply reply = gw.post("/v1/orders", huge);

        assertThat(reply.code()).isEqualTo(413);
        assertThat(reply.text("error")).contains("65536");
    }

    @Test
    void aStreamedBodyWithoutLengthIsCutOffAtTheLimit() {
        RequestBody chunked =
                new RequestBody() {
                    @Override
                    public MediaType contentType() {
                        return TestGateway.JSON;
                    }

                    @Override
                    public long contentLength() {
                        return -1; // chunked transfer encoding
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws IOException {
                        sink.writeUtf8("{\"pad\":\"");
                        for (int i = 0; i < 200; i++) {
                            sink.writeUtf8("y".repeat(1024));
                        }
                        sink.writeUtf8("\"}");
                    }
                };

        Reply reply =
                gw.call(
                        new Request.Builder()
                                .url(gw.base + "/v1/orders")
                                .header("Authorization", "Bearer " + TOKEN)
                                .post(chunked)
                                .build());

        assertThat(reply.code()).isEqualTo(413);
    }

    @Test
    void aDeclaredGigabyteIsRefusedWithoutReadingIt() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", gw.server.port()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                    + TOKEN
                                    + "\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 1073741824\r\n\r\n{\"client_order_id\":")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.US_ASCII));

            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void anUnknownOrderIs404() {
        Reply reply = gw.get("/v1/orders/never-sent");

        assertRefused(reply, 404, "client_order_id");
    }

    @Test
    void pricesAreValidatedToo() {
        assertRefused(gw.post("/v1/prices", "{\"symbol\":\"SPY\",\"ts\":1}"), 422, "price");
        assertRefused(
                gw.post("/v1/prices", "{\"symbol\":\"SPY\",\"price\":\"1\",\"ts\":1}"),
                400,
                "price");
        assertThat(gw.post("/v1/prices", "{\"symbol\":\"SPY\",\"price\":101.5,\"ts\":1}").code())
                .isEqualTo(200);
    }

    private static void assertRefused(Reply reply, int code, String field) {
        assertThat(reply.code()).as(reply.raw()).isEqualTo(code);
        assertThat(reply.text("field")).as(reply.raw()).isEqualTo(field);
        assertThat(reply.text("error")).as(reply.raw()).contains(field);
        assertThat(reply.body().get("status").asInt()).isEqualTo(code);
    }

    private static ObjectNode valid() {
        ObjectNode body = TestGateway.MAPPER.createObjectNode();
        body.put("client_order_id", "v-" + System.nanoTime());
        body.put("agent", "trend");
        body.put("symbol", "SPY");
        body.put("side", "BUY");
        body.put("quantity", 1.5);
        body.put("reference_price", 100.0);
        body.put("ts", 1767225600000L);
        return body;
    }
}
