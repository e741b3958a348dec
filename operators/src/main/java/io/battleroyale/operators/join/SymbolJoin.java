package io.battleroyale.operators.join;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.model.SymbolEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Joins a symbol's bars with the probabilities of the events that affect it, as of each bar's end.
 *
 * <p>A bar is decided when the watermark passes its end, so every probability observed at or before
 * the end has arrived; the snapshot takes, per market, the latest observation at or before the end
 * and none after it. The result depends only on the data, not on arrival order or parallelism. Bars
 * that do not start after the symbol's previous bar are rejected; probability ticks that arrive
 * after a bar they belong to was decided are counted as late and serve later bars.
 */
public class SymbolJoin
        extends KeyedCoProcessFunction<String, PriceBar, SymbolEvent, MarketSnapshot> {
    private static final long serialVersionUID = 1L;

    /** Bars refused because time went backwards within their symbol. */
    public static final OutputTag<RejectedInput> REJECTED =
            new OutputTag<>("join-rejected", TypeInformation.of(RejectedInput.class));

    private static final Comparator<EventReading> READING_ORDER =
            Comparator.comparing(EventReading::eventKey)
                    .thenComparing(EventReading::venue)
                    .thenComparing(EventReading::marketId);

    private final JoinSettings settings;

    private transient ValueState<JoinState> joinState;
    private transient MapState<String, EventHistory> histories;
    private transient Counter lateTicks;
    private transient Counter rejectedBars;

    public SymbolJoin(JoinSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        joinState =
                getRuntimeContext().getState(new ValueStateDescriptor<>("join", JoinState.class));
        histories =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "event-histories",
                                        Types.STRING,
                                        TypeInformation.of(EventHistory.class)));
        lateTicks = getRuntimeContext().getMetricGroup().counter("lateProbabilityTicks");
        rejectedBars = getRuntimeContext().getMetricGroup().counter("rejectedBars");
    }

    @Override
    public void processElement1(PriceBar bar, Context ctx, Collector<MarketSnapshot> out)
            throws Exception {
        JoinState state = state();
        if (bar.tsEvent() <= state.lastBarStart) {
            rejectedBars.inc();
            ctx.output(
                    REJECTED,
                    new RejectedInput(
                            "prices",
                            0,
                            String.format(
                                    "timestamp %d of %s is not after its previous bar at %d",
                                    bar.tsEvent(), bar.symbol(), state.lastBarStart),
                            bar.toString()));
            return;
        }
        state.lastBarStart = bar.tsEvent();
        if (bar.lengthMs() > 0) {
            enqueue(state, bar, ctx);
        } else if (settings.barLengthMs() > 0) {
            enqueue(state, bar.withLength(settings.barLengthMs()), ctx);
        } else if (state.barLength > 0) {
            enqueue(state, bar.withLength(state.barLength), ctx);
        } else if (state.held == null) {
            state.held = bar;
            // a lone bar still gets decided at the end of the input, with no look-ahead at all
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else {
            state.barLength = BarLengths.infer(state.held.tsEvent(), bar.tsEvent());
            enqueue(state, state.held.withLength(state.barLength), ctx);
            state.held = null;
            enqueue(state, bar.withLength(state.barLength), ctx);
        }
        joinState.update(state);
    }

    private static void enqueue(JoinState state, PriceBar bar, Context ctx) {
        state.pending.add(bar);
        ctx.timerService().registerEventTimeTimer(bar.endTs());
    }

    @Override
    public void processElement2(SymbolEvent event, Context ctx, Collector<MarketSnapshot> out)
            throws Exception {
        ProbabilityTick tick = event.tick();
        String market = tick.venue() + ':' + tick.marketId() + ':' + tick.eventKey();
        EventHistory history = histories.get(market);
        if (history == null) {
            history =
                    new EventHistory(
                            tick.eventKey(),
                            event.group(),
                            event.sensitivity(),
                            tick.venue(),
                            tick.marketId());
        }
        history.add(tick.tsEvent(), tick.yesProbability());
        histories.put(market, history);
        JoinState state = joinState.value();
        if (state != null && tick.tsEvent() <= state.decidedUntil) {
            lateTicks.inc();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MarketSnapshot> out)
            throws Exception {
        JoinState state = state();
        if (timestamp == Long.MAX_VALUE && state.held != null) {
            state.pending.add(state.held);
            state.held = null;
        }
        Iterator<PriceBar> bars = state.pending.iterator();
        while (bars.hasNext()) {
            PriceBar bar = bars.next();
            if (bar.endTs() > timestamp) {
                break;
            }
            bars.remove();
            out.collect(snapshot(state.nextIndex++, bar));
            state.decidedUntil = Math.max(state.decidedUntil, bar.endTs());
        }
        prune(state.decidedUntil);
        joinState.update(state);
    }

    private MarketSnapshot snapshot(long index, PriceBar bar) throws Exception {
        long end = bar.endTs();
        List<EventReading> readings = new ArrayList<>();
        for (EventHistory h : histories.values()) {
            int now = h.indexAsOf(end);
            if (now < 0 || end - h.times[now] > settings.staleAfterMs()) {
                continue;
            }
            int before = h.indexAsOf(end - settings.shiftWindowMs());
            readings.add(
                    new EventReading(
                            h.eventKey,
                            h.group,
                            h.probabilities[now],
                            before < 0 ? Double.NaN : h.probabilities[before],
                            h.sensitivity,
                            h.times[now],
                            h.venue,
                            h.marketId));
        }
        readings.sort(READING_ORDER);
        return new MarketSnapshot(bar.symbol(), index, bar, readings, List.of());
    }

    /** Keeps only what a later bar (ending after {@code decidedUntil}) can still ask for. */
    private void prune(long decidedUntil) throws Exception {
        if (decidedUntil == Long.MIN_VALUE) {
            return;
        }
        Iterator<Map.Entry<String, EventHistory>> entries = histories.iterator();
        while (entries.hasNext()) {
            Map.Entry<String, EventHistory> entry = entries.next();
            EventHistory h = entry.getValue();
            if (decidedUntil - h.latestTime() > settings.staleAfterMs()) {
                entries.remove();
            } else if (h.size > 2) {
                h.pruneBefore(decidedUntil - settings.shiftWindowMs());
                entry.setValue(h);
            }
        }
    }

    private JoinState state() throws Exception {
        JoinState state = joinState.value();
        return state == null ? new JoinState() : state;
    }
}
