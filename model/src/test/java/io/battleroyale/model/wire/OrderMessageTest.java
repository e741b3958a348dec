package io.battleroyale.model.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.battleroyale.model.Order;
import io.battleroyale.model.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderMessageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Order ORDER =
            new Order(
                    "trend-SPY-41",
                    "trend",
                    "SPY",
                    Side.SELL,
                    12.5,
                    1_700_000_000_000L,
                    41,
                    437.25);

    @Test
    void whatTheSinkWritesTheGatewayReadsBackUnchanged() throws Exception {
        String wire = JSON.writeValueAsString(OrderMessage.of(ORDER).toJson());

        assertThat(wire)
                .isEqualTo(
                        "{\"client_order_id\":\"trend-SPY-41\",\"agent\":\"trend\",\"symbol\":\"SPY\","
                                + "\"side\":\"SELL\",\"quantity\":12.5,\"reference_price\":437.25,"
                                + "\"ts\":1700000000000}");
        assertThat(OrderMessage.fromJson(JSON.readTree(wire)))
                .isEqualTo(
                        new OrderMessage(
                                "trend-SPY-41",
                                "trend",
                                "SPY",
                                Side.SELL,
                                12.5,
                                437.25,
                                1_700_000_000_000L));
    }

    @Test
    void anUnknownReferencePriceIsLeftOutRatherThanSentAsZero() {
        Order unpriced =
                new Order("a-1", "a", "SPY", Side.BUY, 1, 1_700_000_000_000L, 0, Double.NaN);

        ObjectNode json = OrderMessage.of(unpriced).toJson();

        assertThat(json.has("reference_price")).isFalse();
        assertThat(OrderMessage.fromJson(json).referencePrice()).isNull();
    }

    @Test
    void aFieldOfTheWrongTypeIsMalformedAndAValueOutOfRangeInvalid() {
        ObjectNode wrongType = OrderMessage.of(ORDER).toJson().put("quantity", "12");
        ObjectNode outOfRange = OrderMessage.of(ORDER).toJson().put("quantity", 1e308);

        assertThatThrownBy(() -> OrderMessage.fromJson(wrongType))
                .isInstanceOfSatisfying(
                        WireException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("quantity");
                            assertThat(e.malformed()).isTrue();
                            assertThat(e).hasMessage("quantity must be a number, got string");
                        });
        assertThatThrownBy(() -> OrderMessage.fromJson(outOfRange))
                .isInstanceOfSatisfying(
                        WireException.class,
                        e -> {
                            assertThat(e.field()).isEqualTo("quantity");
                            assertThat(e.malformed()).isFalse();
                        });
    }

    @Test
    void theSameTradeIgnoresTheIdButNotTheSideOrSize() {
        OrderMessage sent = OrderMessage.of(ORDER);
        OrderMessage other = new OrderMessage("x-9", "trend", "SPY", Side.SELL, 12.5, null, 1L);

        assertThat(sent.sameTradeAs(other)).isTrue();
        assertThat(
                        sent.sameTradeAs(
                                new OrderMessage("x-9", "trend", "SPY", Side.BUY, 12.5, null, 1L)))
                .isFalse();
        assertThat(
                        sent.sameTradeAs(
                                new OrderMessage("x-9", "trend", "SPY", Side.SELL, 12, null, 1L)))
                .isFalse();
    }
}
