package io.battleroyale.model;

/**
 * A named move of one event's probability, detected over a window of event time.
 *
 * @param startTs time of the first tick of the move
 * @param endTs time of the tick that completed the pattern; the shift is never known earlier
 * @param ticks how many ticks the pattern spans
 */
public record ProbabilityShift(
        String eventKey,
        ShiftKind kind,
        double from,
        double to,
        long startTs,
        long endTs,
        int ticks,
        String venue,
        String marketId) {}
