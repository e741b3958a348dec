package io.battleroyale.job.live;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.VenueStatus;
import io.battleroyale.model.VenueUpdate;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.events.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Live probabilities with the synthetic event model as their fallback ({@code battle run
 * --use-events}).
 *
 * <p>The synthetic ticks are keyed by event <b>group</b> (the {@link EventMap} group a key matches:
 * {@code fed_hike}, {@code recession}, …; the synthetic model's keys are group names). The
 * synthetic model is the clock: its ticks carry the simulated time the synthetic prices run on. The
 * live side is the pollers' stream of {@link VenueUpdate}s, broadcast to every gate subtask: quotes
 * (wall-clock time; the latest per market is remembered) and the venues' health ({@link
 * VenueStatus}, sent by the poll readers on each transition; the latest per venue is remembered).
 * Both are broadcast state, so they are checkpointed, restored and rescaled with the job, and a
 * gate decides on the health the pollers saw in whatever task manager they ran. When a synthetic
 * tick of a group arrives at simulated time t:
 *
 * <ul>
 *   <li>if a live quote of that group is known and its venue's latest status is up, each such live
 *       quote is emitted at t, with its own venue, market id and event key, instead of the
 *       synthetic tick;
 *   <li>otherwise the synthetic tick passes unchanged (venue {@code synthetic}): the fallback,
 *       while the venue is down (its status keeps the reason), has not answered yet, or no
 *       configured market feeds the group.
 * </ul>
 *
 * The live input never holds back the simulated clock: its watermark is always ahead ({@link
 * #liveWatermarks()}).
 */
public final class EventGate
        extends KeyedBroadcastProcessFunction<
                String, ProbabilityTick, VenueUpdate, ProbabilityTick> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventGate.class);

    /** The latest live quote of each market, under {@code group|venue:market}. */
    public static final MapStateDescriptor<String, ProbabilityTick> QUOTES =
            new MapStateDescriptor<>(
                    "live-quotes-by-group",
                    Types.STRING,
                    TypeInformation.of(ProbabilityTick.class));

    /** The latest status of each venue (the newest by event time of any of its readers). */
    public static final MapStateDescriptor<String, VenueStatus> VENUES =
            new MapStateDescriptor<>(
                    "venue-status", Types.STRING, TypeInformation.of(VenueStatus.class));

    private final ByGroup byGroup;

    public EventGate(EventMap map) {
        this.byGroup = new ByGroup(map);
    }

    /** Wires the gate: {@code synthetic} keyed by group, {@code live} broadcast. */
    public static DataStream<ProbabilityTick> wire(
            DataStream<ProbabilityTick> synthetic,
            DataStream<VenueUpdate> live,
            EventMap map,
            String uid) {
        return synthetic
                .keyBy(new ByGroup(map))
                .connect(live.broadcast(QUOTES, VENUES))
                .process(new EventGate(map), TypeInformation.of(ProbabilityTick.class))
                .uid(uid)
                .name("event gate (live, synthetic fallback)");
    }

    /** For the live side: a watermark that never holds back the synthetic clock. */
    public static WatermarkStrategy<VenueUpdate> liveWatermarks() {
        return WatermarkStrategy.forGenerator(
                ctx ->
                        new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(
                                    VenueUpdate event, long ts, WatermarkOutput output) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                output.emitWatermark(new Watermark(Long.MAX_VALUE - 1));
                            }
                        });
    }

    @Override
    public void processElement(
            ProbabilityTick synthetic, ReadOnlyContext ctx, Collector<ProbabilityTick> out)
            throws Exception {
        ReadOnlyBroadcastState<String, ProbabilityTick> quotes = ctx.getBroadcastState(QUOTES);
        ReadOnlyBroadcastState<String, VenueStatus> venues = ctx.getBroadcastState(VENUES);
        String prefix = ctx.getCurrentKey() + "|";
        List<ProbabilityTick> usable = new ArrayList<>();
        for (Map.Entry<String, ProbabilityTick> e : quotes.immutableEntries()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            VenueStatus status = venues.get(e.getValue().venue());
            if (status != null && status.up()) {
                usable.add(e.getValue());
            }
        }
        if (usable.isEmpty()) {
            out.collect(synthetic);
            return;
        }
        // state order is the backend's: sort so the output does not depend on it
        usable.sort(
                Comparator.comparing(ProbabilityTick::venue)
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
    public void processBroadcastElement(
            VenueUpdate update, Context ctx, Collector<ProbabilityTick> out) throws Exception {
        if (update.tick() != null) {
            ProbabilityTick quote = update.tick();
            ctx.getBroadcastState(QUOTES)
                    .put(
                            byGroup.getKey(quote) + "|" + quote.venue() + ":" + quote.marketId(),
                            quote);
            return;
        }
        VenueStatus status = update.status();
        BroadcastState<String, VenueStatus> venues = ctx.getBroadcastState(VENUES);
        VenueStatus before = venues.get(status.venue());
        // readers of one venue report independently; the newest report wins on every subtask
        if (before != null && before.tsEvent() > status.tsEvent()) {
            return;
        }
        venues.put(status.venue(), status);
        if ((before == null || before.up() != status.up())
                && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            // every subtask sees the same statuses; one of them says so in the log
            if (status.up()) {
                LOG.info("event gate: {} is up; its live quotes are used", status.venue());
            } else {
                LOG.info(
                        "event gate: {} is down ({}); its groups fall back to the synthetic"
                                + " event model",
                        status.venue(),
                        status.reason());
            }
        }
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
