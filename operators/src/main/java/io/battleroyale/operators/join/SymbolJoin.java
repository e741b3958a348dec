package io.battleroyale.operators.join;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.model.SymbolEvent;
import io.battleroyale.model.TradingPause;
import io.battleroyale.model.bounds.Texts;
import io.battleroyale.sources.files.CsvFormats;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Joins a symbol's bars with the probabilities, shifts and pauses that concern it, as of each bar's
 * end.
 *
 * <p>A bar is decided when the watermark passes its end, so everything observed at or before the
 * end has arrived; the snapshot takes, per market, the latest observation at or before the end and
 * none after it. The result depends only on the data, not on arrival order or parallelism. Bars
 * that do not start after the symbol's previous bar are rejected; events that arrive after a bar
 * they belong to was decided are counted as late and serve later bars.
 */
public class SymbolJoin
        extends KeyedCoProcessFunction<String, PriceBar, SymbolEvent, MarketSnapshot> {
    private static final long serialVersionUID = 1L;

    /** Bars refused because time went backwards within their symbol. */
    public static final OutputTag<RejectedInput> REJECTED =
            new OutputTag<>("join-rejected", TypeInformation.of(RejectedInput.class));

    /**
     * Accumulator: ticks, shifts and pauses that arrived after a bar they belong to was decided.
     * The watermark makes this zero on bounded input; the run reports it when it is not.
     */
    public static final String LATE_ACCUMULATOR = "late-events";

    private static final Comparator<EventReading> READING_ORDER =
            Comparator.comparing(EventReading::eventKey)
                    .thenComparing(EventReading::venue)
                    .thenComparing(EventReading::marketId);

    private static final Comparator<ProbabilityShift> SHIFT_ORDER =
            Comparator.comparingLong(ProbabilityShift::endTs)
                    .thenComparing(ProbabilityShift::eventKey)
                    .thenComparing(ProbabilityShift::kind)
                    .thenComparing(ProbabilityShift::venue)
                    .thenComparing(ProbabilityShift::marketId);

    private final JoinSettings settings;

    private transient ValueState<JoinState> joinState;
    private transient MapState<Long, PriceBar> barsByEnd;
    private transient ListState<SymbolEvent> arrived;
    private transient ValueState<Long> decidedUntil;
    private transient Counter lateEvents;
    private transient LongCounter lateEventsTotal;
    private transient Counter rejectedBars;

    public SymbolJoin(JoinSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        joinState =
                getRuntimeContext().getState(new ValueStateDescriptor<>("join", JoinState.class));
        barsByEnd =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "bars-by-end",
                                        Types.LONG,
                                        TypeInformation.of(PriceBar.class)));
        arrived =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>("arrived-events", SymbolEvent.class));
        decidedUntil =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("decided-until", Types.LONG));
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateProbabilityTicks");
        lateEventsTotal = getRuntimeContext().getLongCounter(LATE_ACCUMULATOR);
        rejectedBars = getRuntimeContext().getMetricGroup().counter("rejectedBars");
    }

    @Override
    public void processElement1(PriceBar bar, Context ctx, Collector<MarketSnapshot> out)
            throws Exception {
        JoinState state = state();
        if (bar.tsEvent() <= state.lastBarStart) {
            reject(
                    bar,
                    String.format(
                            "timestamp %d of %s is not after its previous bar at %d",
                            bar.tsEvent(), bar.symbol(), state.lastBarStart),
                    ctx);
            return;
        }
        state.lastBarStart = bar.tsEvent();
        if (bar.lengthMs() > 0) {
            enqueue(bar, ctx);
        } else if (settings.barLengthMs() > 0) {
            enqueue(bar.withLength(settings.barLengthMs()), ctx);
        } else if (state.barLength > 0) {
            enqueue(bar.withLength(state.barLength), ctx);
        } else if (state.held == null) {
            state.held = bar;
            // a lone bar still gets decided at the end of the input, with no look-ahead at all
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else {
            state.barLength = BarLengths.infer(state.held.tsEvent(), bar.tsEvent());
            enqueue(state.held.withLength(state.barLength), ctx);
            state.held = null;
            enqueue(bar.withLength(state.barLength), ctx);
        }
        joinState.update(state);
    }

    private void enqueue(PriceBar bar, Context ctx) throws Exception {
        if (barsByEnd.contains(bar.endTs())) {
            reject(
                    bar,
                    "bar of " + bar.symbol() + " ends with an earlier bar at " + bar.endTs(),
                    ctx);
            return;
        }
        barsByEnd.put(bar.endTs(), bar);
        ctx.timerService().registerEventTimeTimer(bar.endTs());
    }

    /**
     * A file's and a Kafka partition's order is checked where it is read, with its line or offset;
     * what reaches this check came from a feed that sent it out of order (a venue, or a symbol
     * spread over partitions), so the join cannot name a line. It says so, and gives the bar as a
     * prices line, whose {@code timestamp,symbol,} prefix finds it in a recording.
     */
    private void reject(PriceBar bar, String reason, Context ctx) {
        rejectedBars.inc();
        ctx.output(
                REJECTED,
                new RejectedInput(
                        "prices",
                        0,
                        reason + " (out of order in its feed)",
                        Texts.clip(CsvFormats.toCsvLine(bar))));
    }

    /**
     * Events run ahead of the bars, and an event is needed only when a bar is decided: it is
     * appended (one small write, a merge on RocksDB) and folded into the join state when the next
     * bar is decided, in arrival order, so the state is not rewritten once per event.
     */
    @Override
    public void processElement2(SymbolEvent event, Context ctx, Collector<MarketSnapshot> out)
            throws Exception {
        Long decided = decidedUntil.value();
        if (decided != null && event.tsEvent() <= decided) {
            lateEvents.inc();
            lateEventsTotal.add(1L);
        }
        arrived.add(event);
    }

    private void fold(JoinState state) throws Exception {
        Iterable<SymbolEvent> events = arrived.get();
        if (events == null) {
            return;
        }
        for (SymbolEvent event : events) {
            if (event.tick() != null) {
                ProbabilityTick tick = event.tick();
                String market = tick.venue() + ':' + tick.marketId() + ':' + tick.eventKey();
                state.histories
                        .computeIfAbsent(
                                market,
                                m ->
                                        new EventHistory(
                                                tick.eventKey(),
                                                event.group(),
                                                event.sensitivity(),
                                                tick.venue(),
                                                tick.marketId()))
                        .add(tick.tsEvent(), tick.yesProbability());
            } else if (event.shift() != null) {
                state.shifts.add(event.shift());
            } else if (event.pause() != null) {
                state.pauses.add(event.pause());
            }
        }
        arrived.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MarketSnapshot> out)
            throws Exception {
        JoinState state = state();
        PriceBar bar;
        if (timestamp == Long.MAX_VALUE && state.held != null) {
            bar = state.held;
            state.held = null;
        } else {
            bar = barsByEnd.get(timestamp);
            if (bar == null) {
                return;
            }
            barsByEnd.remove(timestamp);
        }
        fold(state);
        out.collect(snapshot(state, state.nextIndex++, bar));
        Long before = decidedUntil.value();
        long decided = before == null ? bar.endTs() : Math.max(before, bar.endTs());
        decidedUntil.update(decided);
        prune(state, decided);
        joinState.update(state);
    }

    private MarketSnapshot snapshot(JoinState state, long index, PriceBar bar) {
        long end = bar.endTs();
        List<EventReading> readings = new ArrayList<>(state.histories.size());
        for (EventHistory h : state.histories.values()) {
            int now = h.indexAsOf(end);
            if (now < 0 || end - h.times[now] > settings.staleAfterMs()) {
                continue;
            }
            long windowAgo = end - settings.shiftWindowMs();
            int before = h.indexAsOf(windowAgo);
            boolean knownBefore =
                    before >= 0 && windowAgo - h.times[before] <= settings.staleAfterMs();
            readings.add(
                    new EventReading(
                            h.eventKey,
                            h.group,
                            h.probabilities[now],
                            knownBefore ? h.probabilities[before] : Double.NaN,
                            h.sensitivity,
                            h.times[now],
                            h.venue,
                            h.marketId));
        }
        readings.sort(READING_ORDER);
        List<ProbabilityShift> shifts = new ArrayList<>();
        for (ProbabilityShift shift : state.shifts) {
            if (shift.endTs() <= end && shift.endTs() > end - settings.shiftWindowMs()) {
                shifts.add(shift);
            }
        }
        shifts.sort(SHIFT_ORDER);
        return new MarketSnapshot(bar.symbol(), index, bar, readings, shifts, pauseAt(state, end));
    }

    /** The pause in force at {@code ts} that lasts longest, if any. */
    @Nullable
    private static TradingPause pauseAt(JoinState state, long ts) {
        TradingPause longest = null;
        for (TradingPause pause : state.pauses) {
            if (pause.isActiveAt(ts) && (longest == null || pause.untilTs() > longest.untilTs())) {
                longest = pause;
            }
        }
        return longest;
    }

    /**
     * Keeps only what a later bar (ending after {@code decided}) can still ask for. It looks at
     * time alone, never at what has arrived from beyond the decided bar: events run ahead of bars
     * by a thread-timing-dependent amount, and a prune that saw them would make runs differ.
     */
    private void prune(JoinState state, long decided) {
        long windowAgo = decided - settings.shiftWindowMs();
        Iterator<EventHistory> histories = state.histories.values().iterator();
        while (histories.hasNext()) {
            EventHistory h = histories.next();
            h.pruneBefore(windowAgo, settings.staleAfterMs());
            if (h.isEmpty()) {
                histories.remove();
            }
        }
        state.shifts.removeIf(s -> s.endTs() <= windowAgo);
        state.pauses.removeIf(p -> p.untilTs() <= decided);
    }

    private JoinState state() throws Exception {
        JoinState state = joinState.value();
        return state == null ? new JoinState() : state;
    }
}
