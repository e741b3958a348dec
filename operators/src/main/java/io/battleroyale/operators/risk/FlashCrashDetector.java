package io.battleroyale.operators.risk;

import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.TradingPause;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The market circuit breaker's detector: a Flink CEP pattern over each symbol's bars that fires on
 * a flash crash, a close at least {@code circuit_breaker_drop} below an earlier close of the same
 * symbol whose bar started at most {@code circuit_breaker_window} before (event time, inclusive),
 * and emits a {@link TradingPause} from the crash bar's end (when the fall is known) for {@code
 * circuit_breaker_cooldown}.
 *
 * <p>Pattern: {@code peak} (any bar) followed by (relaxed contiguity) {@code crash} (a bar whose
 * close is {@code ≤ peak.close × (1 − drop)} within the window), skipping past the crash after a
 * match, so one fall yields one pause; a fall that goes on makes a new peak-to-crash match and
 * extends the pause. Closes, not lows: a single bad tick in a bar's low does not halt a market.
 * Bars of unknown length ({@code lengthMs = 0}, file replay before the join infers it) pause from
 * their start, which still covers the decision on the crash bar.
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

    /** The flash-crash pattern. */
    public static Pattern<PriceBar, PriceBar> pattern(Settings settings) {
        return Pattern.<PriceBar>begin("peak", AfterMatchSkipStrategy.skipPastLastEvent())
                .followedBy("crash")
                .where(new Crash(settings))
                // within() is exclusive; the condition enforces the inclusive window exactly
                .within(Duration.ofMillis(settings.windowMs() + 1));
    }

    /**
     * Pauses for every flash crash of {@code prices}, keyed by symbol. The caller sets uid and
     * name.
     */
    public static SingleOutputStreamOperator<TradingPause> pauses(
            DataStream<PriceBar> prices, Settings settings) {
        return CEP.pattern(prices.keyBy(PriceBar::symbol), pattern(settings))
                .process(new ToPause(settings));
    }

    /** {@code crash.close ≤ peak.close × (1 − drop)} within the window. */
    static final class Crash extends IterativeCondition<PriceBar> {
        private static final long serialVersionUID = 1L;
        private final Settings settings;

        Crash(Settings settings) {
            this.settings = settings;
        }

        @Override
        public boolean filter(PriceBar bar, Context<PriceBar> ctx) throws Exception {
            for (PriceBar peak : ctx.getEventsForPattern("peak")) {
                long gap = bar.tsEvent() - peak.tsEvent();
                if (peak.close() > 0
                        && gap > 0
                        && gap <= settings.windowMs()
                        && bar.close() <= peak.close() * (1 - settings.drop())) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class ToPause extends PatternProcessFunction<PriceBar, TradingPause> {
        private static final long serialVersionUID = 1L;
        private final Settings settings;

        ToPause(Settings settings) {
            this.settings = settings;
        }

        @Override
        public void processMatch(
                Map<String, List<PriceBar>> match, Context ctx, Collector<TradingPause> out) {
            PriceBar peak = match.get("peak").get(0);
            PriceBar crash = match.get("crash").get(0);
            long from = crash.endTs();
            double fall = 1 - crash.close() / peak.close();
            out.collect(
                    new TradingPause(
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
                                    peak.close(),
                                    peak.tsEvent(),
                                    crash.close(),
                                    crash.tsEvent(),
                                    crash.tsEvent() - peak.tsEvent(),
                                    settings.drop() * 100,
                                    settings.windowMs(),
                                    settings.cooldownMs())));
        }
    }
}
