package io.battleroyale.job.live;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.events.Group;
import io.battleroyale.sources.venues.source.FeedHealth;

import java.util.ArrayList;
import java.util.List;

/**
 * Live probabilities with the synthetic event model as their fallback ({@code battle run
 * --use-events}).
 *
 * <p>Both streams are keyed by event <b>group</b> (the {@link EventMap} group a key matches: {@code
 * fed_hike}, {@code recession}, …; the synthetic model's keys are group names). The synthetic model
 * is the clock: its ticks carry the simulated time the synthetic prices run on. Live ticks carry
 * wall-clock time and are only remembered (the latest per market). When a synthetic tick of a group
 * arrives at simulated time t:
 *
 * <ul>
 *   <li>if a live quote of that group is known and its venue is up ({@link
 *       FeedHealth#lastKnown(String)} is UP), each such live quote is emitted at t, with its own
 *       venue, market id and event key, instead of the synthetic tick;
 *   <li>otherwise the synthetic tick passes unchanged (venue {@code synthetic}): the fallback.
 * </ul>
 *
 * A group no configured live market feeds always runs on the synthetic model. The live input never
 * holds back the simulated clock: its watermark is always ahead ({@link #liveWatermarks()}).
 */
public final class EventGate
        extends KeyedCoProcessFunction<String, ProbabilityTick, ProbabilityTick, ProbabilityTick> {
    private static final long serialVersionUID = 1L;

    private final EventMap map;
    private transient MapState<String, ProbabilityTick> live;

    public EventGate(EventMap map) {
        this.map = map;
    }

    /** Wires the gate. */
    public static DataStream<ProbabilityTick> wire(
            DataStream<ProbabilityTick> synthetic,
            DataStream<ProbabilityTick> live,
            EventMap map,
            String uid) {
        KeySelector<ProbabilityTick, String> byGroup = new ByGroup(map);
        return synthetic
                .connect(live)
                .keyBy(byGroup, byGroup)
                .process(new EventGate(map), TypeInformation.of(ProbabilityTick.class))
                .uid(uid)
                .name("event gate (live, synthetic fallback)");
    }

    /** For the live side: a watermark that never holds back the synthetic clock. */
    public static WatermarkStrategy<ProbabilityTick> liveWatermarks() {
        return WatermarkStrategy.forGenerator(
                ctx ->
                        new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(
                                    ProbabilityTick event, long ts, WatermarkOutput output) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                output.emitWatermark(new Watermark(Long.MAX_VALUE - 1));
                            }
                        });
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        live =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "live-quotes",
                                        Types.STRING,
                                        TypeInformation.of(ProbabilityTick.class)));
    }

    @Override
    public void processElement1(
            ProbabilityTick synthetic, Context ctx, Collector<ProbabilityTick> out)
            throws Exception {
        List<ProbabilityTick> usable = new ArrayList<>();
        for (ProbabilityTick quote : live.values()) {
            if (FeedHealth.lastKnown(quote.venue()).orElse(FeedHealth.State.UNKNOWN)
                    == FeedHealth.State.UP) {
                usable.add(quote);
            }
        }
        if (usable.isEmpty()) {
            out.collect(synthetic);
            return;
        }
        usable.sort(
                java.util.Comparator.comparing(ProbabilityTick::venue)
                        .thenComparing(ProbabilityTick::marketId));
        for (ProbabilityTick quote : usable) {
            out.collect(
                    new ProbabilityTick(
                            quote.venue(),
                            quote.marketId(),
                            quote.eventKey(),
                            synthetic.tsEvent(),
                            quote.yesProbability()));
        }
    }

    @Override
    public void processElement2(ProbabilityTick quote, Context ctx, Collector<ProbabilityTick> out)
            throws Exception {
        live.put(quote.venue() + ":" + quote.marketId(), quote);
    }

    /** The group of a key, or the key itself when no group matches. */
    static final class ByGroup implements KeySelector<ProbabilityTick, String> {
        private static final long serialVersionUID = 1L;
        private final EventMap map;

        ByGroup(EventMap map) {
            this.map = map;
        }

        @Override
        public String getKey(ProbabilityTick tick) {
            Group g = map.match(tick.eventKey());
            return g == null ? tick.eventKey() : g.name();
        }
    }
}
