package io.battleroyale.model;

/**
 * What one event looked like to one symbol at decision time: the latest probability observed at or
 * before the bar's end, and the probability one shift window earlier.
 *
 * @param eventKey the recorded event key (e.g. {@code FOMC-2024-03:hold})
 * @param group the event map entry it belongs to (e.g. {@code fed_hold}); agents reason in groups
 * @param probability the latest yes probability observed at or before the decision time
 * @param probabilityBefore the yes probability as of one shift window before the decision time, or
 *     {@code NaN} when nothing was observed that early
 * @param sensitivity signed exposure of the symbol to this event (from the event map)
 * @param tsObserved when {@code probability} was observed
 */
public record EventReading(
        String eventKey,
        String group,
        double probability,
        double probabilityBefore,
        double sensitivity,
        long tsObserved,
        String venue,
        String marketId) {

    /** Change over the shift window; 0 when the earlier probability is unknown. */
    public double change() {
        return Double.isNaN(probabilityBefore) ? 0.0 : probability - probabilityBefore;
    }
}
