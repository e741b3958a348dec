package io.battleroyale.operators.shifts;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.util.Collector;

import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.ShiftKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns probability ticks into named {@link ProbabilityShift}s with Flink CEP, in event time.
 *
 * <p>Ticks are keyed by market: {@code venue|market id|event key}. Two venues pricing the same
 * event are separate series, so a Kalshi tick at 0.40 followed by a Polymarket tick at 0.58 is no
 * surge. One CEP operator per pattern (each with its own uid). CEP buffers ticks until the
 * watermark passes them and sorts them by event time (ties by probability), so out-of-order ticks
 * within the watermark's bound give the same shifts as ordered ones.
 *
 * <p>A shift is emitted at the tick that completes it, with that tick's time as its {@code endTs}
 * and as its record timestamp, before the watermark passes that time: so it reaches the symbol join
 * before any bar that ends at or after it is decided. That is why the patterns run without an
 * after-match skip strategy: with one, CEP holds a completed match back until every partial match
 * that started earlier has completed or expired, which can be a whole window (or, for crosses,
 * forever) of event time later, and the join would have decided the bars that needed it. "One move
 * fires once" is kept by {@link OncePerMove} instead: of the matches of one kind in one market,
 * only those starting after the last reported shift ended are reported. Patterns and parameters:
 * {@code docs/events.md}.
 */
public final class ShiftDetection {

    private static final double EPS = 1e-9;

    private ShiftDetection() {}

    /** The market a tick belongs to: the CEP key. */
    public static String marketKey(ProbabilityTick tick) {
        return tick.venue() + '|' + tick.marketId() + '|' + tick.eventKey();
    }

    /**
     * Wires every pattern on {@code ticks}; operator {@code i} has uid {@code uidPrefix + "-" +
     * kind} (e.g. {@code shift-detection-surge}).
     */
    public static DataStream<ProbabilityShift> detect(
            DataStream<ProbabilityTick> ticks, ShiftSettings settings, String uidPrefix) {
        KeyedStream<ProbabilityTick, String> byMarket =
                ticks.keyBy((KeySelector<ProbabilityTick, String>) ShiftDetection::marketKey);
        DataStream<ProbabilityShift> all = null;
        for (Map.Entry<String, Pattern<ProbabilityTick, ?>> e : patterns(settings).entrySet()) {
            DataStream<ProbabilityShift> shifts =
                    CEP.pattern(byMarket, e.getValue(), new TickOrder())
                            .inEventTime()
                            .process(new ToShift(ShiftKind.valueOf(e.getKey())))
                            .returns(ProbabilityShift.class)
                            .uid(uidPrefix + "-" + e.getKey().toLowerCase(Locale.ROOT))
                            .name("shifts: " + e.getKey().toLowerCase(Locale.ROOT) + " (CEP)");
            all = all == null ? shifts : all.union(shifts);
        }
        return all.keyBy(OncePerMove::key)
                .process(new OncePerMove())
                .uid(uidPrefix + "-once")
                .name("shifts: once per move");
    }

    /** The patterns by shift kind name, in a fixed order. */
    static Map<String, Pattern<ProbabilityTick, ?>> patterns(ShiftSettings s) {
        LinkedHashMap<String, Pattern<ProbabilityTick, ?>> map = new LinkedHashMap<>();
        map.put(ShiftKind.SURGE.name(), move(s, +1));
        map.put(ShiftKind.DROP.name(), move(s, -1));
        map.put(ShiftKind.CROSS_UP.name(), cross(s, +1));
        map.put(ShiftKind.CROSS_DOWN.name(), cross(s, -1));
        map.put(ShiftKind.WHIPSAW.name(), whipsaw(s));
        return map;
    }

    /**
     * SURGE (+1) / DROP (−1): some tick ("start"), then the first later tick ("end") at least
     * {@code threshold} above (below) it, at most {@code window} later (inclusive).
     */
    static Pattern<ProbabilityTick, ?> move(ShiftSettings s, int sign) {
        return Pattern.<ProbabilityTick>begin("start", AfterMatchSkipStrategy.noSkip())
                .followedBy("end")
                .where(new MovedFrom("start", sign, s.threshold()))
                .within(Duration.ofMillis(s.windowMs() + 1));
    }

    /**
     * CROSS_UP (+1) / CROSS_DOWN (−1): a tick on one side of the level, directly followed by one
     * beyond it ("cross"), no tick back on the first side, and a tick beyond it at least {@code
     * crossConfirm} after the cross ("confirm").
     */
    static Pattern<ProbabilityTick, ?> cross(ShiftSettings s, int sign) {
        double level = s.crossLevel();
        long confirm = s.crossConfirmMs();
        return Pattern.<ProbabilityTick>begin("before", AfterMatchSkipStrategy.noSkip())
                .where(SimpleCondition.of(t -> !beyond(t, level, sign)))
                .next("cross")
                .where(SimpleCondition.of(t -> beyond(t, level, sign)))
                .notFollowedBy("back")
                .where(SimpleCondition.of(t -> !beyond(t, level, sign)))
                .followedBy("confirm")
                .where(new Confirmed(level, sign, confirm));
    }

    /**
     * WHIPSAW: some tick ("start"), the first later tick at least {@code threshold} away from it in
     * either direction ("move"), then the first tick at least {@code threshold} back from the move
     * tick ("back"), all within {@code whipsawWindow} (inclusive).
     */
    static Pattern<ProbabilityTick, ?> whipsaw(ShiftSettings s) {
        return Pattern.<ProbabilityTick>begin("start", AfterMatchSkipStrategy.noSkip())
                .followedBy("move")
                .where(new MovedFrom("start", 0, s.threshold()))
                .followedBy("back")
                .where(new Reversed(s.threshold()))
                .within(Duration.ofMillis(s.whipsawWindowMs() + 1));
    }

    /** Up-crossing: at or above the level; down-crossing: below it. */
    static boolean beyond(ProbabilityTick t, double level, int sign) {
        return sign > 0 ? t.yesProbability() >= level : t.yesProbability() < level;
    }

    private static ProbabilityTick first(IterativeCondition.Context<ProbabilityTick> ctx, String n)
            throws Exception {
        return ctx.getEventsForPattern(n).iterator().next();
    }

    /**
     * The tick moved from the named stage's tick by at least the threshold (sign 0: either way).
     */
    static final class MovedFrom extends IterativeCondition<ProbabilityTick> {
        private static final long serialVersionUID = 1L;
        private final String from;
        private final int sign;
        private final double threshold;

        MovedFrom(String from, int sign, double threshold) {
            this.from = from;
            this.sign = sign;
            this.threshold = threshold;
        }

        @Override
        public boolean filter(ProbabilityTick t, Context<ProbabilityTick> ctx) throws Exception {
            double change = t.yesProbability() - first(ctx, from).yesProbability();
            double moved = sign == 0 ? Math.abs(change) : sign * change;
            return moved >= threshold - EPS;
        }
    }

    /**
     * The tick is back from the "move" tick, against the start→move direction, by the threshold.
     */
    static final class Reversed extends IterativeCondition<ProbabilityTick> {
        private static final long serialVersionUID = 1L;
        private final double threshold;

        Reversed(double threshold) {
            this.threshold = threshold;
        }

        @Override
        public boolean filter(ProbabilityTick t, Context<ProbabilityTick> ctx) throws Exception {
            double start = first(ctx, "start").yesProbability();
            double move = first(ctx, "move").yesProbability();
            double direction = Math.signum(move - start);
            return direction * (move - t.yesProbability()) >= threshold - EPS;
        }
    }

    /** Beyond the level, at least the confirmation period after the crossing tick. */
    static final class Confirmed extends IterativeCondition<ProbabilityTick> {
        private static final long serialVersionUID = 1L;
        private final double level;
        private final int sign;
        private final long confirmMs;

        Confirmed(double level, int sign, long confirmMs) {
            this.level = level;
            this.sign = sign;
            this.confirmMs = confirmMs;
        }

        @Override
        public boolean filter(ProbabilityTick t, Context<ProbabilityTick> ctx) throws Exception {
            return beyond(t, level, sign)
                    && t.tsEvent() - first(ctx, "cross").tsEvent() >= confirmMs;
        }
    }

    /**
     * Ticks with equal event time: lower probability first, so the order never depends on arrival.
     */
    static final class TickOrder implements EventComparator<ProbabilityTick> {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(ProbabilityTick a, ProbabilityTick b) {
            return Double.compare(a.yesProbability(), b.yesProbability());
        }
    }

    /** A match to its shift: from the first matched tick to the last. */
    static final class ToShift extends PatternProcessFunction<ProbabilityTick, ProbabilityShift> {
        private static final long serialVersionUID = 1L;
        private final ShiftKind kind;

        ToShift(ShiftKind kind) {
            this.kind = kind;
        }

        @Override
        public void processMatch(
                Map<String, List<ProbabilityTick>> match,
                Context ctx,
                Collector<ProbabilityShift> out) {
            List<ProbabilityTick> ticks = new ArrayList<>();
            match.values().forEach(ticks::addAll);
            ticks.sort(Comparator.comparingLong(ProbabilityTick::tsEvent)); // stable: stage order
            ProbabilityTick first = ticks.get(0);
            ProbabilityTick last = ticks.get(ticks.size() - 1);
            out.collect(
                    new ProbabilityShift(
                            first.eventKey(),
                            kind,
                            first.yesProbability(),
                            last.yesProbability(),
                            first.tsEvent(),
                            last.tsEvent(),
                            ticks.size(),
                            first.venue(),
                            first.marketId()));
        }
    }
}
