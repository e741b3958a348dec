package io.battleroyale.operators.gateway;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import io.battleroyale.functions.risk.RiskGate;
import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.functions.risk.RiskState;
import io.battleroyale.model.Order;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk gate's state is a Flink POJO, serializable with generic types (Kryo) disabled, so it can
 * live in keyed state. Lives here because {@code functions} has no Flink dependency.
 */
class RiskStateSerializationTest {

    @Test
    void riskStateIsAPojoAndRoundTripsWithoutKryo() throws Exception {
        TypeInformation<RiskState> type = TypeInformation.of(RiskState.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<RiskState> serializer = type.createSerializer(config); // throws on Kryo

        RiskGate gate = new RiskGate(RiskLimits.defaults());
        RiskState state = new RiskState();
        long t0 = 1_767_225_600_000L;
        gate.onBar(state, new PriceBar("SPY", t0, 60_000, 600, 601, 599, 600.5, 1e6));
        Order order = new Order("trend-SPY-1", "trend", "SPY", Side.BUY, 10, t0 + 60_000, 0, 600.5);
        gate.recordOrder(state, order);
        gate.onEquity(state, "trend", 100_000, t0);
        gate.onEquity(state, "trend", 40_000, t0 + 60_000);
        state.pause("QQQ", t0 + 900_000);

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(state, out);
        RiskState copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(copy.isHalted("trend")).isTrue();
        assertThat(copy.agent("trend").haltReason).isEqualTo(state.agent("trend").haltReason);
        assertThat(copy.agent("trend").position("SPY")).isEqualTo(10);
        assertThat(copy.agent("trend").orderTimestamps).containsExactly(t0 + 60_000);
        assertThat(copy.market("SPY").lastPrice).isEqualTo(600.5);
        assertThat(copy.market("SPY").lastBarEndTs).isEqualTo(t0 + 60_000);
        assertThat(copy.isPaused("QQQ", t0)).isTrue();
        assertThat(gate.check(order, copy)).isEqualTo(gate.check(order, state));
    }
}
