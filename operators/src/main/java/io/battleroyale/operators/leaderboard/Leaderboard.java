package io.battleroyale.operators.leaderboard;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import io.battleroyale.functions.metrics.EquityCurve;
import io.battleroyale.model.LeaderboardRow;
import io.battleroyale.model.SleeveMark;

import java.util.ArrayList;
import java.util.List;

/**
 * One agent's standing over time (keyed by agent): sums the marks of its sleeves, which arrive from
 * every symbol's arena, once the watermark says every sleeve has reported for the period.
 */
public class Leaderboard extends KeyedProcessFunction<String, SleeveMark, LeaderboardRow> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<EquityCurve> curve;
    private transient MapState<Long, List<SleeveMark>> waiting;

    @Override
    public void open(OpenContext context) {
        curve =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("equity-curve", EquityCurve.class));
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting-marks",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(SleeveMark.class))));
    }

    @Override
    public void processElement(SleeveMark mark, Context ctx, Collector<LeaderboardRow> out)
            throws Exception {
        List<SleeveMark> marks = waiting.get(mark.tsEvent());
        if (marks == null) {
            marks = new ArrayList<>();
        }
        marks.add(mark);
        waiting.put(mark.tsEvent(), marks);
        ctx.timerService().registerEventTimeTimer(mark.tsEvent());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LeaderboardRow> out)
            throws Exception {
        List<SleeveMark> marks = waiting.get(timestamp);
        if (marks == null) {
            return;
        }
        waiting.remove(timestamp);
        EquityCurve equity = curve.value();
        if (equity == null) {
            equity = new EquityCurve();
        }
        for (SleeveMark mark : marks) {
            equity.addMark(mark);
        }
        out.collect(equity.closePeriod(ctx.getCurrentKey(), timestamp));
        curve.update(equity);
    }
}
