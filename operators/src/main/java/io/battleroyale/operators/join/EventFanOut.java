package io.battleroyale.operators.join;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.SymbolEvent;
import io.battleroyale.operators.counts.NameCounts;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.events.Exposure;

import java.util.List;

/**
 * Routes each probability tick to every symbol its event affects, per the event map, and counts the
 * ticks of each event group ({@link #GROUP_TICKS}).
 */
public class EventFanOut extends RichFlatMapFunction<ProbabilityTick, SymbolEvent> {
    private static final long serialVersionUID = 1L;

    /** {@link NameCounts}: probability ticks per event group. */
    public static final String GROUP_TICKS = "ticks-by-group";

    private final EventMap eventMap;
    private transient Counter unmapped;
    private transient NameCounts groupTicks;

    public EventFanOut(EventMap eventMap) {
        this.eventMap = eventMap;
    }

    @Override
    public void open(OpenContext context) {
        unmapped = getRuntimeContext().getMetricGroup().counter("unmappedProbabilityTicks");
        groupTicks = NameCounts.of(getRuntimeContext(), GROUP_TICKS);
    }

    @Override
    public void flatMap(ProbabilityTick tick, Collector<SymbolEvent> out) {
        List<Exposure> exposures = eventMap.exposures(tick.eventKey());
        if (exposures.isEmpty()) {
            unmapped.inc();
            return;
        }
        groupTicks.add(exposures.get(0).group());
        for (Exposure exposure : exposures) {
            out.collect(
                    SymbolEvent.of(
                            exposure.symbol(), exposure.group(), exposure.sensitivity(), tick));
        }
    }
}
