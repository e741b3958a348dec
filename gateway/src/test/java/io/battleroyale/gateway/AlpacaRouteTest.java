package io.battleroyale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.gateway.TestGateway.Reply;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alpaca route against a MockWebServer that answers with Alpaca's documented shapes. */
class AlpacaRouteTest {
    private static final String KEY_ID = "PKTEST1234567890";
    private static final String SECRET = "alpaca-secret-5e6f7a";

    @StartStop final MockWebServer alpaca = new MockWebServer();
    @TempDir Path dir;

    private TestGateway start() throws Exception {
        return TestGateway.start(
                GatewayConfig.alpaca(
                        0,
                        dir.resolve("j.db"),
                        TestGateway.TOKEN,
                        alpaca.url("/").toString(),
                        Map.of(
                                GatewayConfig.ENV_ALPACA_KEY_ID,
                                KEY_ID,
                                GatewayConfig.ENV_ALPACA_SECRET,
                                SECRET)));
    }

    /** Alpaca's order object (market-apis.md §4.5), for a market order. */
    static String alpacaOrder(String clientOrderId, String status, String filledQty, String avg) {
        return "{\"id\":\"6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b\",\"client_order_id\":\""
                + clientOrderId
                + "\",\"created_at\":\"2026-06-01T14:30:01.123456Z\","
                + "\"updated_at\":\"2026-06-01T14:30:01.150000Z\","
                + "\"submitted_at\":\"2026-06-01T14:30:01.120000Z\",\"filled_at\":null,"
                + "\"expired_at\":null,\"canceled_at\":null,\"failed_at\":null,"
                + "\"replaced_at\":null,\"replaced_by\":null,\"replaces\":null,"
                + "\"asset_id\":\"b28f4066-5c6d-479b-a2af-85dc1a8f16fb\",\"symbol\":\"SPY\","
                + "\"asset_class\":\"us_equity\",\"notional\":null,\"qty\":\"10\","
                + "\"filled_qty\":\""
                + filledQty
                + "\",\"filled_avg_price\":"
                + (avg == null ? "null" : "\"" + avg + "\"")
                + ",\"order_class\":\"\",\"order_type\":\"market\",\"type\":\"market\","
                + "\"side\":\"buy\",\"time_in_force\":\"day\",\"limit_price\":null,"
                + "\"stop_price\":null,\"status\":\""
                + status
                + "\",\"extended_hours\":false,\"legs\":null,\"trail_percent\":null,"
                + "\"trail_price\":null,\"hwm\":null}";
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = alpaca.takeRequest(10, TimeUnit.SECONDS);
        assertThat(request).as("a request to Alpaca").isNotNull();
        return request;
    }

    @Test
    void forwardsAMarketOrderWithTheClientOrderIdAndKeys() throws Exception {
        alpaca.enqueue(json(200, alpacaOrder("al-1", "accepted", "0", null)));
        try (TestGateway gw = start()) {

            Reply reply = gw.post("/v1/orders", TestGateway.order("al-1", "BUY", 10, 590));

            assertThat(reply.code()).isEqualTo(201);
            assertThat(reply.text("status")).isEqualTo("accepted");
            assertThat(reply.text("route")).isEqualTo("alpaca");
            assertThat(reply.text("broker_order_id"))
                    .isEqualTo("6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b");
            assertThat(gw.get("/v1/fills").body()).isEmpty();

            RecordedRequest sent = take();
            assertThat(sent.getMethod()).isEqualTo("POST");
            assertThat(sent.getTarget()).isEqualTo("/v2/orders");
            assertThat(sent.getHeaders().get("APCA-API-KEY-ID")).isEqualTo(KEY_ID);
            assertThat(sent.getHeaders().get("APCA-API-SECRET-KEY")).isEqualTo(SECRET);
            JsonNode body = TestGateway.MAPPER.readTree(sent.getBody().utf8());
            assertThat(body.get("client_order_id").asText()).isEqualTo("al-1");
            assertThat(body.get("symbol").asText()).isEqualTo("SPY");
            assertThat(body.get("qty").asText()).isEqualTo("10");
            assertThat(body.get("side").asText()).isEqualTo("buy");
            assertThat(body.get("type").asText()).isEqualTo("market");
            assertThat(body.get("time_in_force").asText()).isEqualTo("day");
        }
    }

    @Test
    void aFilledAnswerBecomesAFillAndCryptoUsesGtc() throws Exception {
        alpaca.enqueue(json(200, alpacaOrder("al-2", "filled", "0.5", "64012.25")));
        try (TestGateway gw = start()) {
            String body =
                    "{\"client_order_id\":\"al-2\",\"agent\":\"fed\",\"symbol\":\"BTC/USD\","
                            + "\"side\":\"SELL\",\"quantity\":0.5,\"ts\":5}";

            Reply reply = gw.post("/v1/orders", body);

            assertThat(reply.code()).isEqualTo(201);
            assertThat(reply.text("status")).isEqualTo("filled");
            JsonNode fill = gw.get("/v1/fills").body().get(0);
            assertThat(fill.get("price").asDouble()).isEqualTo(64012.25);
            assertThat(fill.get("quantity").asDouble()).isEqualTo(0.5);
            assertThat(fill.get("commission").asDouble()).isZero();
            JsonNode sent = TestGateway.MAPPER.readTree(take().getBody().utf8());
            assertThat(sent.get("time_in_force").asText()).isEqualTo("gtc");
            assertThat(sent.get("qty").asText()).isEqualTo("0.5");
            assertThat(sent.get("side").asText()).isEqualTo("sell");
        }
    }

    @Test
    void aDuplicateClientOrderIdAdoptsAlpacasExistingOrder() throws Exception {
        alpaca.enqueue(
                json(422, "{\"code\":40010001,\"message\":\"client_order_id must be unique\"}"));
        alpaca.enqueue(json(200, alpacaOrder("al-3", "filled", "10", "588.61")));
        try (TestGateway gw = start()) {

            Reply reply = gw.post("/v1/orders", TestGateway.order("al-3", "BUY", 10, 590));

            assertThat(reply.code()).isEqualTo(201);
            assertThat(reply.text("status")).isEqualTo("filled");
            assertThat(take().getTarget()).isEqualTo("/v2/orders");
            RecordedRequest lookup = take();
            assertThat(lookup.getMethod()).isEqualTo("GET");
            assertThat(lookup.getTarget())
                    .isEqualTo("/v2/orders:by_client_order_id?client_order_id=al-3");
            assertThat(gw.get("/v1/fills").body()).hasSize(1);
        }
    }

    @Test
    void aRefusalByAlpacaRejectsTheOrderForGood() throws Exception {
        alpaca.enqueue(json(403, "{\"code\":40310000,\"message\":\"insufficient buying power\"}"));
        alpaca.enqueue(json(422, "{\"code\":40010001,\"message\":\"qty must be > 0\"}"));
        try (TestGateway gw = start()) {

            Reply poor = gw.post("/v1/orders", TestGateway.order("al-4", "BUY", 10, 590));
            Reply invalid = gw.post("/v1/orders", TestGateway.order("al-5", "BUY", 10, 590));
            Reply repeat = gw.post("/v1/orders", TestGateway.order("al-4", "BUY", 10, 590));

            assertThat(poor.code()).isEqualTo(201);
            assertThat(poor.text("status")).isEqualTo("rejected");
            assertThat(poor.text("reject_reason"))
                    .isEqualTo("alpaca 403: insufficient buying power");
            assertThat(invalid.text("reject_reason")).isEqualTo("alpaca 422: qty must be > 0");
            assertThat(repeat.code()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo(poor.body());
            assertThat(alpaca.getRequestCount()).isEqualTo(2); // the repeat was not resent
        }
    }

    @Test
    void aTransientFailureLeavesTheOrderPendingAndARepeatAfterRestartRetries() throws Exception {
        alpaca.enqueue(json(500, "{\"code\":50010000,\"message\":\"internal server error\"}"));
        try (TestGateway gw = start()) {

            Reply failed = gw.post("/v1/orders", TestGateway.order("al-6", "BUY", 10, 590));

            assertThat(failed.code()).isEqualTo(502);
            assertThat(failed.text("error")).contains("alpaca answered 500");
            assertThat(failed.body().get("order").get("status").asText()).isEqualTo("pending");
        }
        alpaca.enqueue(json(200, alpacaOrder("al-6", "accepted", "0", null)));
        try (LogCapture logs = LogCapture.attach();
                TestGateway gw = start()) {
            assertThat(gw.get("/v1/orders/al-6").text("status")).isEqualTo("pending");

            Reply retried = gw.post("/v1/orders", TestGateway.order("al-6", "BUY", 10, 590));

            assertThat(retried.code()).isEqualTo(200);
            assertThat(retried.text("status")).isEqualTo("accepted");
            assertThat(logs.lines()).noneMatch(l -> l.contains(SECRET));
        }
        take();
        JsonNode resent = TestGateway.MAPPER.readTree(take().getBody().utf8());
        assertThat(resent.get("client_order_id").asText()).isEqualTo("al-6");
    }

    @Test
    void openAlpacaOrdersCountAgainstThePositionLimit() throws Exception {
        alpaca.enqueue(json(200, alpacaOrder("al-7", "accepted", "0", null)));
        GatewayConfig config =
                GatewayConfig.alpaca(
                                0,
                                dir.resolve("j.db"),
                                TestGateway.TOKEN,
                                alpaca.url("/").toString(),
                                Map.of(
                                        GatewayConfig.ENV_ALPACA_KEY_ID,
                                        KEY_ID,
                                        GatewayConfig.ENV_ALPACA_SECRET,
                                        SECRET))
                        .withLimits(Double.POSITIVE_INFINITY, 15);
        try (TestGateway gw = TestGateway.start(config)) {
            assertThat(gw.post("/v1/orders", TestGateway.order("al-7", "BUY", 10, 590)).code())
                    .isEqualTo(201);

            Reply over = gw.post("/v1/orders", TestGateway.order("al-8", "BUY", 10, 590));

            assertThat(over.code()).isEqualTo(422);
            assertThat(over.text("error")).contains("would be 20, limit 15");
            assertThat(alpaca.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void theAlpacaRouteNeedsKeysFromTheEnvironment() {
        assertThatThrownBy(
                        () ->
                                GatewayConfig.alpaca(
                                        0,
                                        dir.resolve("j.db"),
                                        "t",
                                        GatewayConfig.ALPACA_PAPER_URL,
                                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALPACA_API_KEY_ID");
    }
}
