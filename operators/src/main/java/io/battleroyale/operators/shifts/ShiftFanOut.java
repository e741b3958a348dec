package io.battleroyale.operators.shifts;

import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.SymbolEvent;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.events.Exposure;

/**
 * Routes each probability shift to every symbol its event affects, per the event map, as {@code
 * EventFanOut} routes ticks. Shifts of events the map does not know are dropped (their ticks were
 * already counted as unmapped by the tick fan-out).
 */
public class ShiftFanOut extends RichFlatMapFunction<ProbabilityShift, SymbolEvent> {
    private static final long serialVersionUID = 1L;

    private final EventMap eventMap;

    public ShiftFanOut(EventMap eventMap) {
        this.eventMap = eventMap;
    }

    @Override
    public void flatMap(ProbabilityShift shift, Collector<SymbolEvent> out) {
        for (Exposure exposure : eventMap.exposures(shift.eventKey())) {
            out.collect(
                    SymbolEvent.of(
                            exposure.symbol(), exposure.group(), exposure.sensitivity(), shift));
        }
    }
}
