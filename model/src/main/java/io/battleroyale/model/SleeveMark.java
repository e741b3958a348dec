package io.battleroyale.model;

/**
 * One sleeve (agent × symbol) marked at the close of the last bar of a mark period.
 *
 * @param tsEvent end of the mark period
 * @param equity cash plus position valued at the last close
 * @param position signed units held, 0 when flat
 * @param unrealizedPnl the open position's pnl at the last close, net of its entry commission (0
 *     when flat); already part of {@code equity}
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
        double unrealizedPnl,
        int trades,
        int wins,
        boolean halted) {}
