package io.battleroyale.functions;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;

import io.battleroyale.functions.agents.AgentCatalog;
import io.battleroyale.functions.agents.AgentSpecs;
import io.battleroyale.functions.agents.EventDrivenAgent;
import io.battleroyale.functions.agents.FedWatcherAgent;
import io.battleroyale.functions.agents.FollowTheLeaderMetaAgent;
import io.battleroyale.functions.agents.MeanReversionAgent;
import io.battleroyale.functions.agents.ScriptAgent;
import io.battleroyale.functions.agents.TrendAgent;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.book.Sizing;
import io.battleroyale.functions.book.Sleeve;
import io.battleroyale.functions.book.SleeveState;
import io.battleroyale.functions.indicators.Crossover;
import io.battleroyale.functions.indicators.RollingWindow;
import io.battleroyale.functions.indicators.WilderRsi;
import io.battleroyale.functions.meta.ArmCounts;
import io.battleroyale.functions.meta.PendingSignal;
import io.battleroyale.functions.meta.RegimeClassifier;
import io.battleroyale.functions.meta.ThompsonMetaAgent;
import io.battleroyale.functions.metrics.EquityCurve;
import io.battleroyale.functions.metrics.ReturnStats;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.SleeveMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every state class lives in Flink keyed state as a POJO (no Kryo), and every logic class can be
 * shipped inside a Flink function with Java serialization.
 */
class StateSerializationTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                RollingWindow.class,
                WilderRsi.class,
                Crossover.class,
                SleeveState.class,
                ReturnStats.class,
                EquityCurve.class,
                TrendAgent.State.class,
                MeanReversionAgent.State.class,
                EventDrivenAgent.State.class,
                FedWatcherAgent.State.class,
                ScriptAgent.State.class,
                FollowTheLeaderMetaAgent.State.class,
                ThompsonMetaAgent.State.class,
                ArmCounts.class,
                PendingSignal.class,
                RegimeClassifier.State.class
            })
    void stateIsSerializedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }

    @Test
    void sleeveStateWithPendingOrderSurvivesARoundTrip() throws IOException {
        Sleeve sleeve =
                new Sleeve(
                        "trend", "SPY", new ExecutionSettings(1e4, 1, 0, Sizing.allIn(), 0), false);
        SleeveState s = sleeve.initialState();
        sleeve.close(s, new PriceBar("SPY", 0, 10, 1, 1, 1, 1.5, 1));
        SleeveState copy = roundTrip(s, SleeveState.class);
        assertThat(copy).usingRecursiveComparison().isEqualTo(s);
        assertThat(copy.lastClose).isEqualTo(1.5);
        assertThat(copy.pendingOrderId).isNull();
    }

    @Test
    void agentStateAndEquityCurveSurviveARoundTrip() throws IOException {
        TrendAgent.State trend = new TrendAgent(2, 3).initialState();
        trend.slow.add(3.0);
        trend.cross.update(-1);
        assertThat(roundTrip(trend, TrendAgent.State.class))
                .usingRecursiveComparison()
                .isEqualTo(trend);

        FollowTheLeaderMetaAgent.State meta = new FollowTheLeaderMetaAgent(false).initialState();
        meta.virtualReturn.put("trend", 0.03);
        meta.position.put("trend", 1);
        meta.previousClose = 101.5;
        assertThat(roundTrip(meta, FollowTheLeaderMetaAgent.State.class))
                .usingRecursiveComparison()
                .isEqualTo(meta);

        ScriptAgent.State script = new ScriptAgent.State();
        script.store = "{\"closes\":[1,2]}";
        script.disqualified = "threw Error: boom";
        assertThat(roundTrip(script, ScriptAgent.State.class))
                .usingRecursiveComparison()
                .isEqualTo(script);

        EquityCurve curve = new EquityCurve();
        curve.addMark(new SleeveMark("trend", "SPY", 1, 1_100, 1_000, 2, 50, 1, 1, false));
        curve.closePeriod("trend", 1);
        EquityCurve copy = roundTrip(curve, EquityCurve.class);
        assertThat(copy).usingRecursiveComparison().isEqualTo(curve);
        assertThat(copy.closePeriod("trend", 2)).isEqualTo(curve.closePeriod("trend", 2));
    }

    @Test
    void agentsAndSleevesAreJavaSerializable() throws Exception {
        for (var spec : AgentSpecs.defaultRoster()) {
            Object agent =
                    AgentCatalog.isMeta(spec.name())
                            ? AgentCatalog.createMeta(spec)
                            : AgentCatalog.create(spec);
            assertThat(javaRoundTrip((Serializable) agent)).isNotNull();
        }
        Sleeve sleeve =
                new Sleeve(
                        "trend", "SPY", new ExecutionSettings(1e4, 1, 0, Sizing.allIn(), 0), true);
        assertThat(((Sleeve) javaRoundTrip(sleeve)).settings()).isEqualTo(sleeve.settings());
    }

    private static Object javaRoundTrip(Serializable value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
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
