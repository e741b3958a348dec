package io.battleroyale.operators.shifts;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.battleroyale.model.ProbabilityShift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reports each move once: CEP runs without a skip strategy and so reports every match of a move
 * (each earlier tick it moved from, each later tick that completes it again); of the matches of one
 * kind in one market, this keeps a match only if it starts after the last kept one ended.
 *
 * <p>Matches completing at the same tick are decided together when the watermark reaches it, the
 * one with the earliest start first, so the result does not depend on the order CEP emits them. The
 * timer fires before the watermark moves on, so the kept shift still precedes it downstream.
 */
public class OncePerMove extends KeyedProcessFunction<String, ProbabilityShift, ProbabilityShift> {
    private static final long serialVersionUID = 1L;

    private static final Comparator<ProbabilityShift> EARLIEST_START =
            Comparator.comparingLong(ProbabilityShift::startTs)
                    .thenComparingLong(ProbabilityShift::endTs)
                    .thenComparingDouble(ProbabilityShift::from)
                    .thenComparingDouble(ProbabilityShift::to);

    private transient ListState<ProbabilityShift> pending;
    private transient ValueState<Long> lastEnd;

    /** The key: market and kind. */
    static String key(ProbabilityShift shift) {
        return shift.venue() + '|' + shift.marketId() + '|' + shift.eventKey() + '|' + shift.kind();
    }

    @Override
    public void open(OpenContext context) {
        pending =
                getRuntimeContext()
                        .getListState(new ListStateDescriptor<>("pending", ProbabilityShift.class));
        lastEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("last-end", Types.LONG));
    }

    @Override
    public void processElement(ProbabilityShift shift, Context ctx, Collector<ProbabilityShift> out)
            throws Exception {
        pending.add(shift);
        ctx.timerService().registerEventTimeTimer(shift.endTs());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProbabilityShift> out)
            throws Exception {
        List<ProbabilityShift> due = new ArrayList<>();
        List<ProbabilityShift> later = new ArrayList<>();
        for (ProbabilityShift shift : pending.get()) {
            (shift.endTs() <= timestamp ? due : later).add(shift);
        }
        due.sort(EARLIEST_START);
        Long end = lastEnd.value();
        for (ProbabilityShift shift : due) {
            if (end == null || shift.startTs() > end) {
                out.collect(shift);
                end = shift.endTs();
            }
        }
        if (end != null) {
            lastEnd.update(end);
        }
        if (later.isEmpty()) {
            pending.clear();
        } else {
            pending.update(later);
        }
    }
}
