package io.battleroyale.model;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type must travel through Flink as a POJO: no Kryo fallback anywhere. */
class ModelSerializationTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                PriceBar.class,
                ProbabilityTick.class,
                EventReading.class,
                ProbabilityShift.class,
                MarketSnapshot.class,
                Signal.class,
                Decision.class,
                Order.class,
                RiskRejection.class,
                Fill.class,
                Trade.class,
                SleeveMark.class,
                LeaderboardRow.class,
                ArmState.class,
                BanditState.class,
                RejectedInput.class,
                SymbolEvent.class,
                TradingPause.class
            })
    void isSerializedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nestedRecordsAndNullableFieldsSurviveARoundTrip(boolean open) throws IOException {
        PriceBar bar = new PriceBar("SPY", 1_000L, 60_000L, 10.0, 11.0, 9.5, 10.5, 1234.0);
        EventReading reading =
                new EventReading(
                        "fed_hike", "fed_hike", 0.7, Double.NaN, -1.0, 900L, "kalshi", "KXFED");
        MarketSnapshot snapshot = new MarketSnapshot("SPY", 3, bar, List.of(reading), List.of());
        assertThat(roundTrip(snapshot, MarketSnapshot.class)).isEqualTo(snapshot);

        Trade trade =
                new Trade(
                        "trend",
                        "SPY",
                        1L,
                        10.0,
                        open ? null : 5L,
                        open ? null : 11.0,
                        2.0,
                        1.5,
                        "trend:SPY:0",
                        open ? null : "trend:SPY:4");
        assertThat(roundTrip(trade, Trade.class)).isEqualTo(trade);

        Signal signal =
                new Signal("trend", "SPY", 5L, 2L, Side.BUY, 0.5, "why", Map.of("sma_gap", 0.3));
        assertThat(roundTrip(new Decision(signal, "order", null), Decision.class).signal())
                .isEqualTo(signal);
    }

    private static <T> T roundTrip(T value, Class<T> type) throws IOException {
        ExecutionConfig config = new ExecutionConfig();
        ((SerializerConfigImpl) config.getSerializerConfig()).setGenericTypes(false);
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(config.getSerializerConfig());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
