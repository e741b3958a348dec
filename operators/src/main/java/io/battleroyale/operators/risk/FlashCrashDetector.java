package io.battleroyale.operators.risk;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The market circuit breaker's detector: a keyed function over each symbol's bars that fires on a
 * flash crash, a close at least {@code circuit_breaker_drop} below an earlier close of the same
 * symbol whose bar started at most {@code circuit_breaker_window} before (event time, inclusive),
 * and emits a {@link TradingPause} from the crash bar's end (when the fall is known) for {@code
 * circuit_breaker_cooldown}.
 *
 * <p>It is a rolling-window threshold, so it needs no CEP: the bars of the window sit in a short
 * list in keyed state. The peak is the oldest bar in the window the crash fell far enough from;
 * after a crash only later bars can be peaks, so one fall yields one pause, and a fall that goes on
 * makes a new peak-to-crash pair and extends the pause. Closes, not lows: a single bad tick in a
 * bar's low does not halt a market. Bars of unknown length ({@code lengthMs = 0}, file replay
 * before the join infers it) pause from their start, which still covers the decision on the crash
 * bar. Its outputs equal those of the CEP pattern {@code peak} followed by {@code crash} within the
 * window, skip past the crash, that it replaced ({@code FlashCrashDetectorITCase} checks both on
 * random markets).
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

    /** A bar that may still be the peak of a crash: its start, close and turn. */
    public record Peak(long ts, double close, long seq) {}

    /** A crash found but not reported yet, because an older peak may still crash first. */
    public record Held(Peak peak, PriceBar crash, long crashSeq) {}

    /**
     * A symbol's detector state (a Flink POJO: one read and one write per bar and per timer): the
     * bars the watermark has not passed yet, the peaks still inside the window, and crashes waiting
     * for an older peak to resolve.
     */
    public static class Watch {
        /** Bars waiting for the watermark, by start, ties in arrival order. */
        public List<PriceBar> waiting = new ArrayList<>();

        /** Decided bars that have not crashed from anything yet and are still in the window. */
        public List<Peak> peaks = new ArrayList<>();

        /** Crashes found, by their peak's turn. */
        public List<Held> held = new ArrayList<>();

        /** The turn the next decided bar gets (decision order, which is event-time order). */
        public long nextSeq;

        public Watch() {}

        void await(PriceBar bar) {
            int i = waiting.size();
            while (i > 0 && waiting.get(i - 1).tsEvent() > bar.tsEvent()) {
                i--;
            }
            waiting.add(i, bar);
        }
    }

    /**
     * The rolling-window detector. Every decided bar is a peak for the window after it; a bar that
     * falls far enough from peaks still in the window crashes from the oldest of them. It mirrors,
     * decision for decision, the CEP pattern {@code peak} followed by {@code crash} within the
     * window, skip past the crash, that it replaced: bars are decided in event-time order once the
     * watermark passes them (a bar behind the watermark is dropped); a crash is reported only once
     * no older peak can still crash (it fell or left the window), and a reported crash retires
     * every peak and held crash up to it. One state read and write per bar and per timer instead of
     * a partial match per bar.
     */
    static final class Detector extends KeyedProcessFunction<String, PriceBar, TradingPause> {
        private static final long serialVersionUID = 1L;
        private final Settings settings;
        private final ToPause toPause;
        private transient ValueState<Watch> watch;
        private transient Counter lateBars;

        Detector(Settings settings) {
            this.settings = settings;
            this.toPause = new ToPause(settings);
        }

        @Override
        public void open(OpenContext context) {
            watch = getRuntimeContext().getState(new ValueStateDescriptor<>("watch", Watch.class));
            lateBars = getRuntimeContext().getMetricGroup().counter("lateBarsDropped");
        }

        @Override
        public void processElement(PriceBar bar, Context ctx, Collector<TradingPause> out)
                throws Exception {
            if (bar.tsEvent() <= ctx.timerService().currentWatermark()) {
                lateBars.inc(); // its turn has passed: deciding it now would reorder the series
                return;
            }
            Watch w = current();
            w.await(bar);
            watch.update(w);
            ctx.timerService().registerEventTimeTimer(bar.tsEvent());
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<TradingPause> out)
                throws Exception {
            Watch w = current();
            long watermark = ctx.timerService().currentWatermark();
            while (!w.waiting.isEmpty() && w.waiting.get(0).tsEvent() <= watermark) {
                PriceBar bar = w.waiting.remove(0);
                advance(w, bar.tsEvent(), out);
                decide(w, bar, out);
            }
            advance(w, watermark, out);
            if (!w.held.isEmpty()) {
                // the oldest peak blocks the held crashes until it leaves the window
                ctx.timerService()
                        .registerEventTimeTimer(w.peaks.get(0).ts() + settings.windowMs() + 1);
            }
            if (w.waiting.isEmpty() && w.peaks.isEmpty() && w.held.isEmpty()) {
                watch.clear();
            } else {
                watch.update(w);
            }
        }

        /** Peaks that started more than the window before {@code ts} can no longer crash. */
        private void advance(Watch w, long ts, Collector<TradingPause> out) {
            int gone = 0;
            while (gone < w.peaks.size() && ts - w.peaks.get(gone).ts() > settings.windowMs()) {
                gone++;
            }
            if (gone > 0) {
                w.peaks.subList(0, gone).clear();
                report(w, out);
            }
        }

        private void decide(Watch w, PriceBar bar, Collector<TradingPause> out) {
            long seq = w.nextSeq++;
            double limit = 1 - settings.drop();
            for (Iterator<Peak> it = w.peaks.iterator(); it.hasNext(); ) {
                Peak peak = it.next();
                if (peak.close() > 0
                        && bar.tsEvent() > peak.ts()
                        && bar.close() <= peak.close() * limit) {
                    w.held.add(new Held(peak, bar, seq));
                    it.remove();
                }
            }
            w.held.sort(Comparator.comparingLong(h -> h.peak().seq()));
            w.peaks.add(new Peak(bar.tsEvent(), bar.close(), seq));
            report(w, out);
        }

        /** Reports held crashes older than every open peak; each retires all up to its crash. */
        private void report(Watch w, Collector<TradingPause> out) {
            while (!w.held.isEmpty()
                    && (w.peaks.isEmpty() || w.held.get(0).peak().seq() < w.peaks.get(0).seq())) {
                Held crash = w.held.remove(0);
                out.collect(toPause.pause(crash.peak().ts(), crash.peak().close(), crash.crash()));
                w.peaks.removeIf(p -> p.seq() <= crash.crashSeq());
                w.held.removeIf(h -> h.peak().seq() <= crash.crashSeq());
            }
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
