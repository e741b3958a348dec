package io.battleroyale.operators.stress;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts a {@link Scenario} in front of the battle graph: it transforms the input streams, so the
 * graph in the middle is the one every run uses. Prices go through a function keyed by symbol that
 * remembers the previous close as it came in and as it went out; ticks through a stateless map;
 * ticks a scenario adds come from a bounded source merged into the feed by event time.
 */
public final class ScenarioInjector {

    private ScenarioInjector() {}

    /** The prices as the scenario rewrites them. */
    public static DataStream<PriceBar> prices(
            DataStream<PriceBar> prices, Scenario scenario, String uid) {
        return prices.keyBy(PriceBar::symbol)
                .process(new PriceInjector(scenario))
                .returns(PriceBar.class)
                .uid(uid)
                .name("stress: " + scenario.name() + " (prices)");
    }

    /** The probabilities as the scenario rewrites them, with the ticks it adds merged in. */
    public static DataStream<ProbabilityTick> probabilities(
            StreamExecutionEnvironment env,
            DataStream<ProbabilityTick> probabilities,
            Scenario scenario,
            String uid) {
        DataStream<ProbabilityTick> rewritten =
                probabilities
                        .flatMap(
                                (ProbabilityTick tick, Collector<ProbabilityTick> out) -> {
                                    ProbabilityTick t = scenario.probability(tick);
                                    if (t != null) {
                                        out.collect(t);
                                    }
                                })
                        .returns(ProbabilityTick.class)
                        .uid(uid)
                        .name("stress: " + scenario.name() + " (probabilities)")
                        // beside its reader: a replay's ticks keep the file's order
                        .setParallelism(probabilities.getParallelism());
        List<ProbabilityTick> added = scenario.addedProbabilities();
        if (added.isEmpty()) {
            return rewritten;
        }
        DataStream<ProbabilityTick> path =
                env.fromData(added, TypeInformation.of(ProbabilityTick.class))
                        .uid(uid + "-added")
                        .name("stress: " + scenario.name() + " (added ticks)")
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ProbabilityTick>forMonotonousTimestamps()
                                        .withTimestampAssigner((t, ts) -> t.tsEvent()))
                        .uid(uid + "-added-time")
                        .name("stress: added ticks' event time")
                        .setParallelism(1);
        return rewritten.union(path);
    }

    /** Applies the scenario to each symbol's bars in order. */
    static final class PriceInjector extends KeyedProcessFunction<String, PriceBar, PriceBar> {
        private static final long serialVersionUID = 1L;

        private final Scenario scenario;
        private transient ValueState<Double> lastClose;
        private transient ValueState<Double> lastScaledClose;

        PriceInjector(Scenario scenario) {
            this.scenario = scenario;
        }

        @Override
        public void open(OpenContext context) {
            lastClose =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>("last-close", Types.DOUBLE));
            lastScaledClose =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>("last-scaled-close", Types.DOUBLE));
        }

        @Override
        public void processElement(PriceBar bar, Context ctx, Collector<PriceBar> out)
                throws Exception {
            Double close = lastClose.value();
            Double scaled = lastScaledClose.value();
            PriceBar result =
                    scenario.price(
                            bar,
                            close == null ? Double.NaN : close,
                            scaled == null ? Double.NaN : scaled);
            lastClose.update(bar.close());
            lastScaledClose.update(
                    emittedClose(
                            bar,
                            result,
                            close == null ? Double.NaN : close,
                            scaled == null ? Double.NaN : scaled));
            if (result != null) {
                out.collect(result);
            }
        }
    }

    /**
     * The close the scenario emitted for {@code bar}; for a dropped bar, the incoming close at the
     * ratio between the emitted and the incoming level so far.
     */
    private static double emittedClose(
            PriceBar bar, @Nullable PriceBar result, double previousClose, double previousScaled) {
        if (result != null) {
            return result.close();
        }
        return Double.isNaN(previousClose)
                ? bar.close()
                : bar.close() * previousScaled / previousClose;
    }

    /**
     * One symbol's bars in time order as the scenario feeds them to the graph (a dropped bar is
     * left out): what {@link #prices} emits, computed outside Flink for the report.
     */
    public static List<PriceBar> transform(Scenario scenario, List<PriceBar> bars) {
        List<PriceBar> out = new ArrayList<>();
        double close = Double.NaN;
        double scaled = Double.NaN;
        for (PriceBar bar : bars) {
            PriceBar result = scenario.price(bar, close, scaled);
            scaled = emittedClose(bar, result, close, scaled);
            close = bar.close();
            if (result != null) {
                out.add(result);
            }
        }
        return out;
    }
}
