package io.battleroyale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.gateway.TestGateway.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PaperRouteTest {
    @TempDir Path dir;
    private TestGateway gw;

    @AfterEach
    void stop() {
        gw.close();
    }

    private void start(GatewayConfig config) throws Exception {
        gw = TestGateway.start(config);
    }

    private GatewayConfig paper() {
        return GatewayConfig.paper(0, dir.resolve("j.db"), TestGateway.TOKEN);
    }

    @Test
    void fillsAtTheLastPostedPriceWithSlippageAndFees() throws Exception {
        start(paper().withPaperCosts(10, 5)); // 10 bps slippage, 5 bps fee
        gw.post("/v1/prices", "{\"symbol\":\"SPY\",\"price\":200.0,\"ts\":1000}");
        gw.post("/v1/prices", "{\"symbol\":\"SPY\",\"price\":150.0,\"ts\":999}"); // older: ignored

        Reply buy = gw.post("/v1/orders", TestGateway.order("b1", "BUY", 10, 190));

        assertThat(buy.code()).isEqualTo(201);
        JsonNode fill = gw.get("/v1/fills").body().get(0);
        // buys pay up: 200 × (1 + 0.001) = 200.2; fee 10 × 200.2 × 0.0005 = 1.001
        assertThat(fill.get("price").asDouble()).isCloseTo(200.2, within(1e-9));
        assertThat(fill.get("commission").asDouble()).isCloseTo(1.001, within(1e-9));
        assertThat(fill.get("client_order_id").asText()).isEqualTo("b1");
        assertThat(fill.get("ts_event").asLong()).isEqualTo(1767225600000L);
        assertThat(buy.body().get("filled_avg_price").asDouble()).isCloseTo(200.2, within(1e-9));

        gw.post("/v1/prices", "{\"symbol\":\"SPY\",\"price\":210.0,\"ts\":2000}");
        gw.post("/v1/orders", TestGateway.order("s1", "SELL", 4, 0.01));

        // sells receive less: 210 × (1 - 0.001) = 209.79
        JsonNode position = gw.get("/v1/positions").body().get(0);
        assertThat(position.get("symbol").asText()).isEqualTo("SPY");
        assertThat(position.get("quantity").asDouble()).isEqualTo(6.0);
        assertThat(position.get("avg_price").asDouble()).isCloseTo(200.2, within(1e-9));
        assertThat(position.get("realized_pnl").asDouble())
                .isCloseTo(4 * (209.79 - 200.2), within(1e-9));
        assertThat(position.get("last_price").asDouble()).isEqualTo(210.0);
    }

    @Test
    void fallsBackToTheOrdersReferencePrice() throws Exception {
        start(paper());

        gw.post("/v1/orders", TestGateway.order("r1", "SELL", 2, 99.5));

        JsonNode position = gw.get("/v1/positions").body().get(0);
        assertThat(position.get("quantity").asDouble()).isEqualTo(-2.0);
        assertThat(position.get("avg_price").asDouble()).isEqualTo(99.5);
    }

    @Test
    void withoutAnyPriceThePaperRouteRefuses() throws Exception {
        start(paper());

        Reply reply =
                gw.post(
                        "/v1/orders",
                        "{\"client_order_id\":\"np\",\"agent\":\"a\",\"symbol\":\"QQQ\","
                                + "\"side\":\"BUY\",\"quantity\":1,\"ts\":1}");

        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.text("field")).isEqualTo("reference_price");
        assertThat(gw.get("/v1/orders").body()).isEmpty();
    }

    @Test
    void theNotionalLimitIsReCheckedWithItsNumbers() throws Exception {
        start(paper().withLimits(10_000, Double.POSITIVE_INFINITY));

        Reply reply = gw.post("/v1/orders", TestGateway.order("big", "BUY", 101, 100));

        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.text("error"))
                .contains("max_order_notional")
                .contains("101 × 100 = 10100.00 > 10000.00");
        assertThat(gw.get("/v1/orders").body()).isEmpty();
        assertThat(gw.post("/v1/orders", TestGateway.order("ok", "BUY", 100, 100)).code())
                .isEqualTo(201);
    }

    @Test
    void thePositionLimitCountsTheResultingPositionAndLetsReductionsThrough() throws Exception {
        start(paper().withLimits(Double.POSITIVE_INFINITY, 50));
        assertThat(gw.post("/v1/orders", TestGateway.order("a", "BUY", 40, 10)).code())
                .isEqualTo(201);

        Reply over = gw.post("/v1/orders", TestGateway.order("b", "BUY", 20, 10));

        assertThat(over.code()).isEqualTo(422);
        assertThat(over.text("error"))
                .contains("max_position")
                .contains("position 40")
                .contains("would be 60, limit 50");
        assertThat(gw.post("/v1/orders", TestGateway.order("c", "SELL", 90, 10)).code())
                .isEqualTo(201); // to -50: at the limit, allowed
        assertThat(gw.post("/v1/orders", TestGateway.order("d", "SELL", 1, 10)).code())
                .isEqualTo(422);
        assertThat(gw.post("/v1/orders", TestGateway.order("e", "BUY", 30, 10)).code())
                .isEqualTo(201);
    }
}
