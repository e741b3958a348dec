package io.battleroyale.operators.join;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.battleroyale.model.ProbabilityTick;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Cleans recorded prediction-market prints before anything reads them, per market ({@code
 * venue|market|event}). Trade prints are noisy: an on-chain block settles a burst of fills at one
 * millisecond (0.03, 0.19, 0.05 …), and a single tiny fill can print 0.79 in a 0.50 market.
 *
 * <ul>
 *   <li>{@code last} (the default): the prints of one market at one millisecond become one, the
 *       last of them (where the burst ended); the others are counted ({@link #COLLAPSED}).
 *   <li>{@code median:N}: besides, each print becomes the median of the market's last N prints (N
 *       odd), which takes out a lone outlier.
 *   <li>{@code none}: every print as recorded.
 * </ul>
 *
 * <p>A millisecond's prints are decided when the watermark reaches it, and the result goes out
 * before the watermark does, so nothing downstream sees it late.
 */
public class TickFilter extends KeyedProcessFunction<String, ProbabilityTick, ProbabilityTick> {
    private static final long serialVersionUID = 1L;

    /** Accumulator: prints folded into a later print of the same market and millisecond. */
    public static final String COLLAPSED = "ticks-collapsed";

    /**
     * How prints are cleaned.
     *
     * @param collapseBursts one print per market and millisecond
     * @param medianOf each print becomes the median of this many last prints; 1 = as printed
     */
    public record Mode(boolean collapseBursts, int medianOf) implements Serializable {
        public static final Mode NONE = new Mode(false, 1);
        public static final Mode LAST = new Mode(true, 1);
        public static final int MAX_MEDIAN = 99;

        public Mode {
            if (medianOf < 1 || medianOf > MAX_MEDIAN || medianOf % 2 == 0) {
                throw new IllegalArgumentException(
                        "median:N needs an odd N from 3 to " + MAX_MEDIAN + ": " + medianOf);
            }
        }

        /** {@code none}, {@code last} or {@code median:N}. */
        public static Mode parse(String text) {
            String t = text.trim();
            if (t.equals("none")) {
                return NONE;
            }
            if (t.equals("last")) {
                return LAST;
            }
            if (t.startsWith("median:")) {
                try {
                    int n = Integer.parseInt(t.substring("median:".length()));
                    if (n < 3) {
                        throw new IllegalArgumentException(
                                "median:N needs an odd N from 3 to " + MAX_MEDIAN + ": " + n);
                    }
                    return new Mode(true, n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("median:N needs a number: " + text);
                }
            }
            throw new IllegalArgumentException(
                    "tick filter must be none, last or median:N, not '" + text + "'");
        }

        public boolean isNone() {
            return !collapseBursts && medianOf == 1;
        }

        @Override
        public String toString() {
            return medianOf > 1 ? "median:" + medianOf : collapseBursts ? "last" : "none";
        }
    }

    private final Mode mode;
    private transient MapState<Long, ProbabilityTick> pending;
    private transient ValueState<double[]> recent;
    private transient LongCounter collapsed;

    public TickFilter(Mode mode) {
        this.mode = mode;
    }

    /** The key: one market of one venue. */
    public static String market(ProbabilityTick tick) {
        return tick.venue() + '|' + tick.marketId() + '|' + tick.eventKey();
    }

    @Override
    public void open(OpenContext context) {
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        TypeInformation.of(ProbabilityTick.class)));
        recent =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "recent",
                                        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        collapsed = getRuntimeContext().getLongCounter(COLLAPSED);
    }

    @Override
    public void processElement(ProbabilityTick tick, Context ctx, Collector<ProbabilityTick> out)
            throws Exception {
        if (!mode.collapseBursts()) {
            out.collect(smoothed(tick));
            return;
        }
        if (pending.contains(tick.tsEvent())) {
            collapsed.add(1L);
        } else {
            ctx.timerService().registerEventTimeTimer(tick.tsEvent());
        }
        pending.put(tick.tsEvent(), tick);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProbabilityTick> out)
            throws Exception {
        ProbabilityTick last = pending.get(timestamp);
        if (last != null) {
            pending.remove(timestamp);
            out.collect(smoothed(last));
        }
    }

    private ProbabilityTick smoothed(ProbabilityTick tick) throws Exception {
        if (mode.medianOf() == 1) {
            return tick;
        }
        double[] window = recent.value();
        window = window == null ? new double[] {tick.yesProbability()} : append(window, tick);
        recent.update(window);
        double[] sorted = window.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        if (sorted.length % 2 == 0) {
            median = (sorted[sorted.length / 2 - 1] + median) / 2;
        }
        return new ProbabilityTick(
                tick.venue(), tick.marketId(), tick.eventKey(), tick.tsEvent(), median);
    }

    private double[] append(double[] window, ProbabilityTick tick) {
        int keep = Math.min(window.length, mode.medianOf() - 1);
        double[] next = new double[keep + 1];
        System.arraycopy(window, window.length - keep, next, 0, keep);
        next[keep] = tick.yesProbability();
        return next;
    }
}
