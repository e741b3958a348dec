package io.battleroyale.operators.risk;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.TradingPause;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The market circuit breaker's detector: a keyed function over each symbol's bars that fires on a
 * flash crash, a close at least {@code circuit_breaker_drop} below an earlier close of the same
 * symbol whose bar started at most {@code circuit_breaker_window} before (event time, inclusive),
 * and emits a {@link TradingPause} from the crash bar's end (when the fall is known) for {@code
 * circuit_breaker_cooldown}.
 *
 * <p>It is a rolling-window threshold, so it needs no CEP: the window's closes sit in two small
 * arrays in keyed state. The peak is the oldest bar in the window the crash fell far enough from;
 * after a crash only later bars can be peaks, so one fall yields one pause, and a fall that goes on
 * makes a new peak-to-crash pair and extends the pause. Closes, not lows: a single bad tick in a
 * bar's low does not halt a market. Bars of unknown length ({@code lengthMs = 0}, file replay
 * before the join infers it) pause from their start, which still covers the decision on the crash
 * bar.
 *
 * <p>It replaced a CEP pattern ({@code peak} followed by {@code crash} within the window): its
 * pauses are that pattern's matches, each crash bar reported once, from its oldest peak, and only
 * when the peak comes after the last reported crash, the rule shifts follow ({@code OncePerMove}).
 * Unlike CEP with skip-past-last-event it never holds a crash back until older partial matches
 * expire, which let a pause reach the join after the bars it covers by a timing-dependent margin.
 * {@code FlashCrashDetectorITCase} checks it against CEP on random markets.
 */
public final class FlashCrashDetector {

    private FlashCrashDetector() {}

    /** The detector's parameters. */
    public record Settings(double drop, long windowMs, long cooldownMs) implements Serializable {
        public Settings {
            if (!(drop > 0 && drop < 1)) {
                throw new IllegalArgumentException("drop must be in (0, 1), got " + drop);
            }
            if (windowMs <= 0 || cooldownMs <= 0) {
                throw new IllegalArgumentException("window and cooldown must be positive");
            }
        }

        /** From the run's limits; requires {@link RiskLimits#circuitBreakerEnabled()}. */
        public static Settings of(RiskLimits limits) {
            if (!limits.circuitBreakerEnabled()) {
                throw new IllegalArgumentException("the circuit breaker is off in " + limits);
            }
            return new Settings(
                    limits.circuitBreakerDrop(),
                    limits.circuitBreakerWindow().toMillis(),
                    limits.circuitBreakerCooldown().toMillis());
        }
    }

    /**
     * Pauses for every flash crash of {@code prices}, keyed by symbol. The caller sets uid and
     * name.
     */
    public static SingleOutputStreamOperator<TradingPause> pauses(
            DataStream<PriceBar> prices, Settings settings) {
        return prices.keyBy(PriceBar::symbol)
                .process(new Detector(settings))
                .returns(TradingPause.class);
    }

    /**
     * A symbol's possible peaks (a Flink POJO, small: one read and one write per decided bar): the
     * start times and closes of the decided bars since the last crash that are still inside the
     * window, oldest first. The bars the watermark has not passed wait in a map state of their own,
     * so a backlog costs one entry per bar, not a rewrite of the whole backlog per bar.
     */
    public static class Watch {
        /** Start times of the possible peaks, oldest first. */
        public long[] times = new long[8];

        /** Their closes. */
        public double[] closes = new double[8];

        /** How many entries of {@link #times} and {@link #closes} are in use. */
        public int size;

        public Watch() {}

        /** Forgets the peaks that started more than {@code windowMs} before {@code ts}. */
        void forgetBefore(long ts, long windowMs) {
            int gone = 0;
            while (gone < size && ts - times[gone] > windowMs) {
                gone++;
            }
            if (gone > 0) {
                System.arraycopy(times, gone, times, 0, size - gone);
                System.arraycopy(closes, gone, closes, 0, size - gone);
                size -= gone;
            }
        }

        void remember(long ts, double close) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                closes = Arrays.copyOf(closes, size * 2);
            }
            times[size] = ts;
            closes[size] = close;
            size++;
        }
    }

    /**
     * The rolling-window detector. Bars are decided in event-time order once the watermark passes
     * them (a bar behind the watermark is dropped, as CEP did). A bar that falls far enough from a
     * peak still in the window crashes from the oldest such peak; the pause goes out at once,
     * before the watermark passes the crash bar, so the join always has it when it decides that
     * bar. The peaks are then forgotten: the next crash needs a peak after this one.
     */
    static final class Detector extends KeyedProcessFunction<String, PriceBar, TradingPause> {
        private static final long serialVersionUID = 1L;
        private final Settings settings;
        private final ToPause toPause;
        private transient ValueState<Watch> watch;
        private transient MapState<Long, List<PriceBar>> waiting;
        private transient Counter lateBars;

        Detector(Settings settings) {
            this.settings = settings;
            this.toPause = new ToPause(settings);
        }

        @Override
        public void open(OpenContext context) {
            watch = getRuntimeContext().getState(new ValueStateDescriptor<>("watch", Watch.class));
            waiting =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "waiting",
                                            Types.LONG,
                                            Types.LIST(TypeInformation.of(PriceBar.class))));
            lateBars = getRuntimeContext().getMetricGroup().counter("lateBarsDropped");
        }

        @Override
        public void processElement(PriceBar bar, Context ctx, Collector<TradingPause> out)
                throws Exception {
            if (bar.tsEvent() <= ctx.timerService().currentWatermark()) {
                lateBars.inc(); // its turn has passed: deciding it now would reorder the series
                return;
            }
            List<PriceBar> same = waiting.get(bar.tsEvent());
            if (same == null) {
                same = new ArrayList<>(1);
                ctx.timerService().registerEventTimeTimer(bar.tsEvent());
            }
            same.add(bar); // ties in arrival order
            waiting.put(bar.tsEvent(), same);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<TradingPause> out)
                throws Exception {
            List<PriceBar> due = waiting.get(timestamp);
            if (due == null) {
                return;
            }
            waiting.remove(timestamp);
            Watch w = current();
            for (PriceBar bar : due) {
                decide(w, bar, out);
            }
            watch.update(w);
        }

        private void decide(Watch w, PriceBar bar, Collector<TradingPause> out) {
            w.forgetBefore(bar.tsEvent(), settings.windowMs());
            double limit = 1 - settings.drop();
            for (int i = 0; i < w.size; i++) {
                if (w.closes[i] > 0
                        && bar.tsEvent() > w.times[i]
                        && bar.close() <= w.closes[i] * limit) {
                    out.collect(toPause.pause(w.times[i], w.closes[i], bar));
                    w.size = 0;
                    return;
                }
            }
            w.remember(bar.tsEvent(), bar.close());
        }

        private Watch current() throws Exception {
            Watch w = watch.value();
            return w == null ? new Watch() : w;
        }
    }

    /** The pause a crash from a peak causes, with the numbers in its reason. */
    static final class ToPause implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Settings settings;

        ToPause(Settings settings) {
            this.settings = settings;
        }

        TradingPause pause(long peakTs, double peakClose, PriceBar crash) {
            long from = crash.endTs();
            double fall = 1 - crash.close() / peakClose;
            return new TradingPause(
                    crash.symbol(),
                    from,
                    from + settings.cooldownMs(),
                    String.format(
                            Locale.ROOT,
                            "flash crash: %s fell %.2f%% from %s (bar at %d) to %s (bar at"
                                    + " %d), %d ms apart; limit %.2f%% within %d ms;"
                                    + " paused for %d ms",
                            crash.symbol(),
                            fall * 100,
                            peakClose,
                            peakTs,
                            crash.close(),
                            crash.tsEvent(),
                            crash.tsEvent() - peakTs,
                            settings.drop() * 100,
                            settings.windowMs(),
                            settings.cooldownMs()));
        }
    }
}
