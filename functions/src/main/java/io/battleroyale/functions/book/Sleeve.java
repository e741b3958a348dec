package io.battleroyale.functions.book;

import io.battleroyale.model.Decision;
import io.battleroyale.model.Fill;
import io.battleroyale.model.Order;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import io.battleroyale.model.SleeveMark;
import io.battleroyale.model.Trade;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.List;

/**
 * The backtest book of one agent on one symbol: turns signals into orders that fill at the next
 * bar's open, and keeps cash, position, round trips and drawdown. Stateless logic over {@link
 * SleeveState}.
 *
 * <p>Per bar the host calls, in this order: {@link #open} (fills the order decided on the previous
 * bar at this bar's open), {@link #close} (marks at this bar's close), then {@link #decide} for the
 * agent's signal on this bar, if any, and optionally {@link #pendingOrder} / {@link #cancelPending}
 * for the risk gate. An order still pending after a symbol's last bar never fills, so nothing ever
 * fills after the last bar.
 *
 * <p>Conventions (DESIGN.md, "Backtest conventions"):
 *
 * <ul>
 *   <li>a {@code BUY} wants a long position; a {@code SELL} wants to be flat, or short when {@code
 *       allowShort};
 *   <li>fill price: buys at {@code open × (1 + slippage)}, sells at {@code open × (1 − slippage)};
 *   <li>commission {@code rate × price × quantity} on every leg, buys and sells;
 *   <li>closing sells or buys back the whole position; opening sizes by {@link Sizing} at the fill
 *       price, with equity = cash since the sleeve is flat by then (all-in long: {@code quantity =
 *       cash / (price × (1 + rate))});
 *   <li>a reversal closes and reopens at the same price in one order and one fill;
 *   <li>a round trip's pnl is {@code (exit − entry) × signed quantity − both commissions}; pnl > 0
 *       is a win.
 * </ul>
 */
public final class Sleeve implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@link Decision#outcome()} values this book produces. */
    public static final String ORDER = "order";

    public static final String UNCHANGED = "unchanged";
    public static final String WARM_UP = "warm-up";

    private final String agent;
    private final String symbol;
    private final ExecutionSettings settings;
    private final boolean allowShort;

    public Sleeve(String agent, String symbol, ExecutionSettings settings, boolean allowShort) {
        this.agent = agent;
        this.symbol = symbol;
        this.settings = settings;
        this.allowShort = allowShort;
    }

    public String agent() {
        return agent;
    }

    public String symbol() {
        return symbol;
    }

    public ExecutionSettings settings() {
        return settings;
    }

    public boolean allowShort() {
        return allowShort;
    }

    /** A flat sleeve holding the initial cash. */
    public SleeveState initialState() {
        SleeveState s = new SleeveState();
        s.cash = settings.initialCash();
        s.equity = settings.initialCash();
        s.peakEquity = settings.initialCash();
        return s;
    }

    /**
     * Decides what to do with the agent's signal on the bar last passed to {@link #close}: ignore
     * it during warm-up, nothing when the sleeve already holds (or has an order pending for) the
     * wanted position, else record an order to fill at the next bar's open.
     *
     * @throws IllegalStateException when the signal is not for the bar last closed, since the
     *     order's reference price is that bar's close
     */
    public Decision decide(SleeveState s, Signal signal) {
        if (signal.barIndex() < settings.warmupBars()) {
            return new Decision(signal, WARM_UP, null);
        }
        if (!symbol.equals(signal.symbol()) || signal.tsEvent() != s.lastBarEndTs) {
            throw new IllegalStateException(
                    String.format(
                            "sleeve %s/%s got a signal for %s at %d but its last closed bar ends at"
                                    + " %d; call close(bar) before decide(signal)",
                            agent, symbol, signal.symbol(), signal.tsEvent(), s.lastBarEndTs));
        }
        int target = signal.side() == Side.BUY ? 1 : allowShort ? -1 : 0;
        if (s.hasPending()) {
            if (s.pendingTarget == target) {
                return new Decision(signal, UNCHANGED, null);
            }
            // A newer wish on the same bar replaces the older order.
            cancelPending(s);
        }
        if (target == s.direction()) {
            return new Decision(signal, UNCHANGED, null);
        }
        s.sequence++;
        String id = OrderIds.of(agent, symbol, signal.tsEvent(), s.sequence);
        s.pendingOrderId = id;
        s.pendingTarget = target;
        s.pendingDecisionTs = signal.tsEvent();
        s.pendingBarTs = s.lastBarTs;
        s.pendingBarIndex = signal.barIndex();
        s.pendingReferencePrice = s.lastClose;
        return new Decision(signal, ORDER, id);
    }

    /**
     * The pending order as the risk gate and the gateway see it: the quantity it is expected to
     * trade, priced at the decision bar's close (without slippage), which is also its reference
     * price. The actual fill re-sizes at the next open.
     */
    @Nullable
    public Order pendingOrder(SleeveState s) {
        if (!s.hasPending()) {
            return null;
        }
        double price = s.pendingReferencePrice;
        double closing = s.direction() != 0 ? Math.abs(s.position) : 0.0;
        double cashWhenFlat =
                s.cash + s.position * price - settings.commissionRate() * closing * price;
        double quantity = closing + openingQuantity(s.pendingTarget, price, cashWhenFlat);
        return new Order(
                s.pendingOrderId,
                agent,
                symbol,
                pendingSide(s),
                quantity,
                s.pendingDecisionTs,
                s.pendingBarIndex,
                price);
    }

    /** Drops the pending order, e.g. when the risk gate refuses it. Its id is never reused. */
    public void cancelPending(SleeveState s) {
        s.pendingOrderId = null;
        s.pendingTarget = 0;
        s.pendingDecisionTs = 0;
        s.pendingBarTs = 0;
        s.pendingBarIndex = 0;
        s.pendingReferencePrice = 0;
    }

    /**
     * Fills the pending order at this bar's open; call first on every bar. A bar that does not
     * start after the decision bar (the decision bar itself, or a late one) fills nothing.
     */
    public Execution open(SleeveState s, PriceBar bar) {
        if (!s.hasPending() || bar.tsEvent() <= s.pendingBarTs) {
            return Execution.NONE;
        }
        String orderId = s.pendingOrderId;
        long decisionTs = s.pendingDecisionTs;
        int target = s.pendingTarget;
        Side side = pendingSide(s);
        double slippage = settings.slippageRate();
        double price =
                side == Side.BUY ? bar.open() * (1.0 + slippage) : bar.open() * (1.0 - slippage);
        double rate = settings.commissionRate();
        long ts = bar.tsEvent();
        cancelPending(s);

        double quantity = 0.0;
        double commission = 0.0;
        List<Trade> closed = List.of();
        if (s.direction() != 0) {
            double held = Math.abs(s.position);
            double exitCommission = rate * price * held;
            double pnl = (price - s.entryPrice) * s.position - s.entryCommission - exitCommission;
            closed =
                    List.of(
                            new Trade(
                                    agent,
                                    symbol,
                                    s.entryTs,
                                    s.entryPrice,
                                    ts,
                                    price,
                                    s.position,
                                    pnl,
                                    Decision.id(agent, symbol, s.entryDecisionTs),
                                    Decision.id(agent, symbol, decisionTs)));
            s.cash += s.position * price - exitCommission;
            s.trades++;
            if (pnl > 0.0) {
                s.wins++;
            }
            s.position = 0.0;
            s.entryPrice = 0.0;
            s.entryTs = 0;
            s.entryCommission = 0.0;
            s.entryDecisionTs = 0;
            quantity += held;
            commission += exitCommission;
        }
        double opening = openingQuantity(target, price, s.cash);
        if (opening > 0.0) {
            double entryCommission = rate * price * opening;
            s.cash -= target * opening * price + entryCommission;
            s.position = target * opening;
            s.entryPrice = price;
            s.entryTs = ts;
            s.entryCommission = entryCommission;
            s.entryDecisionTs = decisionTs;
            quantity += opening;
            commission += entryCommission;
        }
        if (quantity == 0.0) {
            // Nothing to close and nothing affordable to open (e.g. all-in with no cash left).
            return Execution.NONE;
        }
        Fill fill = new Fill(orderId, agent, symbol, side, quantity, price, commission, ts);
        return new Execution(List.of(fill), closed);
    }

    /** Marks the sleeve at this bar's close: equity, peak and max drawdown. */
    public void close(SleeveState s, PriceBar bar) {
        s.lastClose = bar.close();
        s.lastBarTs = bar.tsEvent();
        s.lastBarEndTs = bar.endTs();
        s.equity = s.cash + s.position * bar.close();
        if (s.equity > s.peakEquity) {
            s.peakEquity = s.equity;
        }
        if (s.peakEquity > 0.0) {
            double drawdown = (s.peakEquity - s.equity) / s.peakEquity;
            if (drawdown > s.maxDrawdown) {
                s.maxDrawdown = drawdown;
            }
        }
    }

    /**
     * The position still open as a trade without exit, its pnl marked at the last close net of the
     * entry commission (no exit commission: it has not been paid); {@code null} when flat.
     */
    @Nullable
    public Trade openTrade(SleeveState s) {
        if (s.direction() == 0) {
            return null;
        }
        return new Trade(
                agent,
                symbol,
                s.entryTs,
                s.entryPrice,
                null,
                null,
                s.position,
                unrealizedPnl(s),
                Decision.id(agent, symbol, s.entryDecisionTs),
                null);
    }

    /** The open position's pnl at the last close net of its entry commission; 0 when flat. */
    private static double unrealizedPnl(SleeveState s) {
        return s.direction() == 0
                ? 0.0
                : (s.lastClose - s.entryPrice) * s.position - s.entryCommission;
    }

    /**
     * Whether this signal is a SELL that cannot change anything because the sleeve is long-only,
     * flat and has nothing pending: the agent wants out but is already out. Warm-up signals do not
     * count (they are ignored anyway).
     */
    public boolean isSellWhileFlat(SleeveState s, Signal signal) {
        return !allowShort
                && signal.side() == Side.SELL
                && s.direction() == 0
                && !s.hasPending()
                && signal.barIndex() >= settings.warmupBars();
    }

    /** The sleeve's standing as of its last close, for the leaderboard. */
    public SleeveMark mark(SleeveState s, long ts, boolean halted) {
        return new SleeveMark(
                agent,
                symbol,
                ts,
                s.equity,
                settings.initialCash(),
                s.position,
                unrealizedPnl(s),
                s.trades,
                s.wins,
                halted);
    }

    private Side pendingSide(SleeveState s) {
        return s.pendingTarget > s.direction() ? Side.BUY : Side.SELL;
    }

    /** Units to open towards {@code target} at {@code price}, with {@code cash} once flat. */
    private double openingQuantity(int target, double price, double cash) {
        if (target == 0 || !(price > 0.0)) {
            return 0.0;
        }
        switch (settings.sizing().kind()) {
            case FIXED:
                return settings.sizing().value();
            case NOTIONAL:
                return settings.sizing().value() / price;
            case EQUITY:
            default:
                if (!(cash > 0.0)) {
                    return 0.0;
                }
                return settings.sizing().value()
                        * cash
                        / (price * (1.0 + settings.commissionRate()));
        }
    }
}
