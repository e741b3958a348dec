package io.battleroyale.functions.book;

import javax.annotation.Nullable;

/**
 * Everything one sleeve (agent × symbol) remembers between bars: cash, position, the open round
 * trip, the pending order and the running equity statistics. A Flink POJO; the logic lives in
 * {@link Sleeve}.
 */
public class SleeveState {

    public double cash;

    /** Signed units held: positive long, negative short, exactly 0 when flat. */
    public double position;

    /** Fill price, fill time and commission of the leg that opened the current position. */
    public double entryPrice;

    public long entryTs;
    public double entryCommission;

    /** Decision time of the order that opened the current position (its decision's id). */
    public long entryDecisionTs;

    /** Client order id of the order waiting for the next open; {@code null} when none. */
    @Nullable public String pendingOrderId;

    /** Position direction the pending order aims at: +1 long, 0 flat, −1 short. */
    public int pendingTarget;

    /**
     * Decision time (bar end), start time, bar index and close of the bar the pending order was
     * decided on.
     */
    public long pendingDecisionTs;

    public long pendingBarTs;

    public long pendingBarIndex;
    public double pendingReferencePrice;

    /** The last close marked, {@code NaN} before the first, and that bar's start and end time. */
    public double lastClose = Double.NaN;

    public long lastBarTs = Long.MIN_VALUE;
    public long lastBarEndTs = Long.MIN_VALUE;

    /** Cash plus position at the last close; the initial cash before the first mark. */
    public double equity;

    public double peakEquity;

    /** Largest (peak − equity) / peak seen at a close, as a fraction. */
    public double maxDrawdown;

    /** Closed round trips, and those with a positive pnl. */
    public int trades;

    public int wins;

    /** Orders created so far; numbers the client order ids. */
    public long sequence;

    /** For Flink's POJO serializer; use {@link Sleeve#initialState()} for a fresh sleeve. */
    public SleeveState() {}

    public boolean hasPending() {
        return pendingOrderId != null;
    }

    /** Direction of the position held: +1, 0 or −1. */
    public int direction() {
        return position > 0.0 ? 1 : position < 0.0 ? -1 : 0;
    }
}
