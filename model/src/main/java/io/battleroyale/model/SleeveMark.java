package io.battleroyale.model;

/**
 * One sleeve (agent × symbol) marked at the close of the last bar of a mark period.
 *
 * @param tsEvent end of the mark period
 * @param equity cash plus position valued at the last close
 * @param trades closed round trips so far
 * @param wins closed round trips with positive pnl so far
 * @param halted whether the risk gate has stopped this agent
 */
public record SleeveMark(
        String agent,
        String symbol,
        long tsEvent,
        double equity,
        double initialCash,
        double position,
        int trades,
        int wins,
        boolean halted) {}
