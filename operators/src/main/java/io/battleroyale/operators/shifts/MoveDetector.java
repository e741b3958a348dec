package io.battleroyale.operators.shifts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.ShiftKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SURGE and DROP as a keyed function over a ring of the market's ticks in the shift window: a
 * rolling-window threshold, which CEP would express as one partial match per tick (for a one-day
 * window on a busy market, thousands alive at once). Same definition and the same shifts as the
 * pattern {@code start → first later tick ≥ threshold above (below) it within the window}, one
 * report per move as {@link OncePerMove} keeps it:
 *
 * <p>at tick {@code c}, of the window's ticks {@code s} that are later than the last reported move
 * of that kind ended and at most {@code window} before {@code c}, the earliest with {@code sign ×
 * (p(c) − p(s)) ≥ threshold} makes a shift {@code s → c}. Ticks of one millisecond are taken in
 * order of probability (as CEP's {@code TickOrder}), once the watermark reaches them, so arrival
 * order never matters and the shift goes out before the watermark passes its end.
 */
public class MoveDetector extends KeyedProcessFunction<String, ProbabilityTick, ProbabilityShift> {
    private static final long serialVersionUID = 1L;
    private static final double EPS = 1e-9;

    private final double threshold;
    private final long windowMs;

    private transient MapState<Long, List<ProbabilityTick>> pending;
    private transient ValueState<MoveWindow> window;

    public MoveDetector(ShiftSettings settings) {
        this.threshold = settings.threshold();
        this.windowMs = settings.windowMs();
    }

    @Override
    public void open(OpenContext context) {
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(ProbabilityTick.class))));
        window =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("window", MoveWindow.class));
    }

    @Override
    public void processElement(ProbabilityTick tick, Context ctx, Collector<ProbabilityShift> out)
            throws Exception {
        List<ProbabilityTick> same = pending.get(tick.tsEvent());
        if (same == null) {
            same = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(tick.tsEvent());
        }
        same.add(tick);
        pending.put(tick.tsEvent(), same);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProbabilityShift> out)
            throws Exception {
        List<ProbabilityTick> ticks = pending.get(timestamp);
        if (ticks == null) {
            return;
        }
        pending.remove(timestamp);
        ticks.sort(Comparator.comparingDouble(ProbabilityTick::yesProbability));
        MoveWindow w = window.value();
        if (w == null) {
            w = new MoveWindow();
        }
        for (ProbabilityTick c : ticks) {
            w.dropBefore(c.tsEvent() - windowMs);
            report(w, c, ShiftKind.SURGE, +1, out);
            report(w, c, ShiftKind.DROP, -1, out);
            w.add(c.tsEvent(), c.yesProbability());
        }
        window.update(w);
    }

    private void report(
            MoveWindow w,
            ProbabilityTick c,
            ShiftKind kind,
            int sign,
            Collector<ProbabilityShift> out) {
        long after = sign > 0 ? w.lastSurgeEnd : w.lastDropEnd;
        for (int i = 0; i < w.size; i++) {
            if (w.times[i] <= after) {
                continue;
            }
            if (sign * (c.yesProbability() - w.probabilities[i]) >= threshold - EPS) {
                out.collect(
                        new ProbabilityShift(
                                c.eventKey(),
                                kind,
                                w.probabilities[i],
                                c.yesProbability(),
                                w.times[i],
                                c.tsEvent(),
                                2,
                                c.venue(),
                                c.marketId()));
                if (sign > 0) {
                    w.lastSurgeEnd = c.tsEvent();
                } else {
                    w.lastDropEnd = c.tsEvent();
                }
                return;
            }
        }
    }

    /** The market's ticks inside the window, oldest first, and where the last moves ended. */
    public static class MoveWindow {
        public long[] times = new long[8];
        public double[] probabilities = new double[8];
        public int size;
        public long lastSurgeEnd = Long.MIN_VALUE;
        public long lastDropEnd = Long.MIN_VALUE;

        public MoveWindow() {}

        void add(long ts, double p) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                probabilities = Arrays.copyOf(probabilities, size * 2);
            }
            times[size] = ts;
            probabilities[size] = p;
            size++;
        }

        void dropBefore(long cutoff) {
            int keepFrom = 0;
            while (keepFrom < size && times[keepFrom] < cutoff) {
                keepFrom++;
            }
            if (keepFrom > 0) {
                System.arraycopy(times, keepFrom, times, 0, size - keepFrom);
                System.arraycopy(probabilities, keepFrom, probabilities, 0, size - keepFrom);
                size -= keepFrom;
            }
        }
    }
}
