package io.battleroyale.functions.book;

import io.battleroyale.model.Decision;
import io.battleroyale.model.Fill;
import io.battleroyale.model.Order;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import io.battleroyale.model.SleeveMark;
import io.battleroyale.model.Trade;
import org.junit.jupiter.api.Test;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Proves the backtest conventions of DESIGN.md with hand-computed numbers. */
class SleeveTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long DAY = 86_400_000L;
    private static final double EPS = 1e-9;

    @Test
    void decisionFillsAtNextBarOpenAllInWithCommissionOnBothLegs() {
        Harness h = new Harness(settings(10, 0, Sizing.allIn(), 0), false);

        Step s0 = h.bar(100, 100, Side.BUY);
        assertThat(s0.decision.outcome()).isEqualTo("order");
        assertThat(s0.execution.fills()).isEmpty();
        Order order = h.sleeve.pendingOrder(h.state);
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.referencePrice()).isEqualTo(100.0);
        assertThat(order.barIndex()).isZero();
        assertThat(order.tsEvent()).isEqualTo(T0 + DAY);
        assertThat(order.clientOrderId()).isEqualTo(s0.decision.clientOrderId());
        // estimated at the decision close: 10000 / (100 × 1.001)
        assertThat(order.quantity()).isCloseTo(10_000 / 100.1, within(EPS));

        // Fills at bar 1's open (102), not bar 0's close: q = 10000 / (102 × 1.001).
        Step s1 = h.bar(102, 105, null);
        Fill buy = s1.execution.fills().get(0);
        assertThat(buy.clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(buy.price()).isEqualTo(102.0);
        assertThat(buy.quantity()).isCloseTo(97.94127441186265, within(EPS));
        assertThat(buy.commission()).isCloseTo(9.990009990009991, within(EPS));
        assertThat(buy.tsEvent()).isEqualTo(T0 + DAY);
        assertThat(h.state.cash).isCloseTo(0.0, within(1e-9));
        assertThat(h.state.equity).isCloseTo(97.94127441186265 * 105, within(EPS));
        assertThat(h.sleeve.pendingOrder(h.state)).isNull();

        Step s2 = h.bar(104, 104, Side.SELL);
        // Sells at bar 3's open (103); exit commission 0.001 × 103 × q.
        Step s3 = h.bar(103, 90, null);
        Fill sell = s3.execution.fills().get(0);
        assertThat(sell.side()).isEqualTo(Side.SELL);
        assertThat(sell.price()).isEqualTo(103.0);
        assertThat(sell.commission()).isCloseTo(10.087951264421854, within(EPS));
        Trade trade = s3.execution.closedTrades().get(0);
        assertThat(trade.entryPrice()).isEqualTo(102.0);
        assertThat(trade.exitPrice()).isEqualTo(103.0);
        assertThat(trade.entryTs()).isEqualTo(T0 + DAY);
        assertThat(trade.exitTs()).isEqualTo(T0 + 3 * DAY);
        // (103 − 102) × q − 9.99000999 − 10.08795126
        assertThat(trade.pnl()).isCloseTo(77.86331315743081, within(EPS));
        // the round trip names the decisions that opened and closed it
        assertThat(trade.entryDecision())
                .isEqualTo(s0.decision.id())
                .isEqualTo("trend:SPY:" + (T0 + DAY));
        assertThat(trade.exitDecision())
                .isEqualTo(s2.decision.id())
                .isEqualTo("trend:SPY:" + (T0 + 3 * DAY));
        assertThat(h.state.cash).isCloseTo(10_077.86331315743, within(EPS));
        assertThat(h.state.position).isZero();
        assertThat(h.state.trades).isEqualTo(1);
        assertThat(h.state.wins).isEqualTo(1);
        assertThat(h.state.equity).isEqualTo(h.state.cash);
    }

    @Test
    void slippageMovesBuysUpAndSellsDown() {
        Harness h = new Harness(settings(0, 50, new Sizing(Sizing.Kind.FIXED, 10), 0), false);
        h.bar(100, 100, Side.BUY);
        Fill buy = h.bar(100, 110, Side.SELL).execution.fills().get(0);
        Fill sell = h.bar(110, 110, null).execution.fills().get(0);
        assertThat(buy.price()).isCloseTo(100.5, within(EPS));
        assertThat(sell.price()).isCloseTo(109.45, within(EPS));
        assertThat(buy.commission()).isZero();
        // 10 × (109.45 − 100.5)
        assertThat(h.state.cash).isCloseTo(10_000 + 89.5, within(EPS));
    }

    @Test
    void fixedQuantityPaysCommissionOnBothLegs() {
        Harness h = new Harness(settings(10, 0, Sizing.parse("fixed:10"), 0), false);
        h.bar(50, 50, Side.BUY);
        h.bar(50, 55, Side.SELL);
        // bought 10 at 50: cash 10000 − 500 − 0.5
        assertThat(h.state.cash).isCloseTo(9_499.5, within(EPS));
        Trade trade = h.bar(60, 60, null).execution.closedTrades().get(0);
        // sold 10 at 60: + 600 − 0.6; pnl 100 − 0.5 − 0.6
        assertThat(h.state.cash).isCloseTo(10_098.9, within(EPS));
        assertThat(trade.quantity()).isEqualTo(10.0);
        assertThat(trade.pnl()).isCloseTo(98.9, within(EPS));
    }

    @Test
    void notionalSizingDividesByTheFillPrice() {
        Harness h = new Harness(settings(0, 0, Sizing.parse("notional:5000"), 0), false);
        h.bar(50, 50, Side.BUY);
        Fill fill = h.bar(40, 40, null).execution.fills().get(0);
        assertThat(fill.quantity()).isEqualTo(125.0);
        assertThat(h.state.cash).isEqualTo(5_000.0);
    }

    @Test
    void quantitiesAreFractional() {
        Harness h = new Harness(settings(0, 0, Sizing.allIn(), 0), false);
        h.bar(3, 3, Side.BUY);
        Fill fill = h.bar(3, 3, null).execution.fills().get(0);
        assertThat(fill.quantity()).isCloseTo(10_000 / 3.0, within(EPS));
        assertThat(fill.quantity() % 1).isNotZero();
    }

    @Test
    void equityFractionUsesThatShareOfCash() {
        Harness h = new Harness(settings(0, 0, Sizing.parse("equity:0.25"), 0), false);
        h.bar(10, 10, Side.BUY);
        assertThat(h.bar(20, 20, null).execution.fills().get(0).quantity())
                .isCloseTo(125.0, within(EPS));
        assertThat(h.state.cash).isCloseTo(7_500.0, within(EPS));
    }

    @Test
    void warmUpIgnoresDecisionsBeforeBarNAndBarNFillsAtOpenOfNPlusOne() {
        Harness h = new Harness(settings(0, 0, Sizing.allIn(), 3), false);
        h.bar(10, 10, Side.BUY);
        h.bar(10, 10, Side.BUY);
        Step last = h.bar(10, 10, Side.BUY); // bar 2 = N − 1
        assertThat(last.decision.outcome()).isEqualTo("warm-up");
        assertThat(last.decision.clientOrderId()).isNull();
        Step barN = h.bar(20, 20, Side.BUY); // bar 3 = N
        assertThat(barN.execution.fills()).isEmpty();
        assertThat(barN.decision.outcome()).isEqualTo("order");
        Step next = h.bar(25, 25, null);
        assertThat(next.execution.fills().get(0).price()).isEqualTo(25.0);
        assertThat(next.execution.fills().get(0).tsEvent()).isEqualTo(T0 + 4 * DAY);
    }

    @Test
    void repeatedSignalsDoNothing() {
        Harness h = new Harness(settings(0, 0, Sizing.allIn(), 0), false);
        Decision first = h.bar(10, 10, Side.BUY).decision;
        // Pending BUY and another BUY on the same bar: unchanged (e.g. meta plus its own replay).
        Decision again = h.sleeve.decide(h.state, h.lastSignal(Side.BUY));
        assertThat(first.outcome()).isEqualTo("order");
        assertThat(again.outcome()).isEqualTo("unchanged");
        Step filled = h.bar(10, 10, Side.BUY);
        assertThat(filled.execution.fills()).hasSize(1);
        assertThat(filled.decision.outcome()).isEqualTo("unchanged");
        assertThat(h.bar(10, 10, Side.BUY).execution.fills()).isEmpty();
        assertThat(h.state.sequence).isEqualTo(1);
        // Flat and long-only: a SELL is unchanged too.
        Harness flat = new Harness(settings(0, 0, Sizing.allIn(), 0), false);
        assertThat(flat.bar(10, 10, Side.SELL).decision.outcome()).isEqualTo("unchanged");
    }

    @Test
    void shortsOnlyWhenAllowedAndPnlSignWorksOut() {
        Harness longOnly = new Harness(settings(0, 0, Sizing.parse("fixed:10"), 0), false);
        longOnly.bar(100, 100, Side.SELL);
        assertThat(longOnly.bar(100, 100, null).execution.fills()).isEmpty();
        assertThat(longOnly.state.position).isZero();

        Harness h = new Harness(settings(10, 0, Sizing.parse("fixed:10"), 0), true);
        h.bar(100, 100, Side.SELL);
        Fill shortFill = h.bar(100, 95, Side.BUY).execution.fills().get(0);
        assertThat(shortFill.side()).isEqualTo(Side.SELL);
        assertThat(h.state.position).isEqualTo(-10.0);
        // received 1000, paid 1 commission; marked at 95: 10000 + 1000 − 1 − 950
        assertThat(h.state.equity).isCloseTo(10_049.0, within(EPS));
        // With shorts allowed a BUY wants long: cover 10 and buy 10 in one fill at 90.
        Execution cover = h.bar(90, 90, null).execution;
        Trade trade = cover.closedTrades().get(0);
        assertThat(trade.quantity()).isEqualTo(-10.0);
        // (90 − 100) × −10 − 1 − 0.9
        assertThat(trade.pnl()).isCloseTo(98.1, within(EPS));
        assertThat(h.state.wins).isEqualTo(1);
        assertThat(cover.fills().get(0).quantity()).isEqualTo(20.0);
        assertThat(cover.fills().get(0).commission()).isCloseTo(1.8, within(EPS));
        assertThat(h.state.position).isEqualTo(10.0);
        // 10000 + 1000 − 1 (short) − 900 − 0.9 (cover) − 900 − 0.9 (long)
        assertThat(h.state.cash).isCloseTo(9_197.2, within(EPS));
    }

    @Test
    void reversalClosesThenOpensAtTheSamePriceInOneFill() {
        Harness h = new Harness(settings(10, 0, Sizing.allIn(), 0), true);
        h.bar(100, 100, Side.BUY);
        h.bar(100, 100, Side.SELL);
        double longQty = 10_000 / 100.1;
        Step reversal = h.bar(110, 110, null);
        double cashAfterClose = longQty * 110 * 0.999;
        double shortQty = cashAfterClose / (110 * 1.001);
        Fill fill = reversal.execution.fills().get(0);
        assertThat(fill.side()).isEqualTo(Side.SELL);
        assertThat(fill.price()).isEqualTo(110.0);
        assertThat(fill.quantity()).isCloseTo(longQty + shortQty, within(EPS));
        assertThat(fill.commission()).isCloseTo(0.001 * 110 * (longQty + shortQty), within(EPS));
        Trade closed = reversal.execution.closedTrades().get(0);
        assertThat(closed.quantity()).isCloseTo(longQty, within(EPS));
        assertThat(closed.pnl())
                .isCloseTo(
                        10 * longQty - 0.001 * 100 * longQty - 0.001 * 110 * longQty, within(EPS));
        assertThat(h.state.position).isCloseTo(-shortQty, within(EPS));
        assertThat(h.state.entryPrice).isEqualTo(110.0);
        // short proceeds minus its commission land in cash
        assertThat(h.state.cash).isCloseTo(cashAfterClose + shortQty * 110 * 0.999, within(EPS));
    }

    @Test
    void pendingOrderOnTheLastBarNeverFillsAndTheOpenTradeIsMarkedAtTheLastClose() {
        Harness h = new Harness(settings(10, 0, Sizing.parse("fixed:10"), 0), false);
        assertThat(h.sleeve.openTrade(h.state)).isNull();
        h.bar(100, 100, Side.BUY);
        h.bar(100, 120, null);
        Step last = h.bar(130, 125, Side.SELL); // the symbol's last bar
        assertThat(last.decision.outcome()).isEqualTo("order");
        // No further bar: the order stays pending and the position stays open.
        assertThat(h.state.position).isEqualTo(10.0);
        Trade open = h.sleeve.openTrade(h.state);
        assertThat(open.isOpen()).isTrue();
        assertThat(open.exitPrice()).isNull();
        assertThat(open.entryPrice()).isEqualTo(100.0);
        // (125 − 100) × 10 − entry commission 1.0
        assertThat(open.pnl()).isCloseTo(249.0, within(EPS));
        assertThat(open.entryDecision()).isEqualTo("trend:SPY:" + (T0 + DAY));
        assertThat(open.exitDecision()).isNull();
        SleeveMark mark = h.sleeve.mark(h.state, T0 + 3 * DAY, false);
        assertThat(mark)
                .isEqualTo(
                        new SleeveMark(
                                "trend",
                                "SPY",
                                T0 + 3 * DAY,
                                10_000 - 1_000 - 1 + 1_250,
                                10_000,
                                10.0,
                                249.0,
                                0,
                                0,
                                false));
    }

    @Test
    void aSellCanChangeNothingOnlyForALongOnlySleeveThatIsFlatWithNothingPending() {
        Harness longOnly = new Harness(settings(0, 0, Sizing.allIn(), 1), false);
        longOnly.bar(10, 10, null);
        PriceBar warm = longOnly.bars.get(0);
        // bar 0 is warm-up: ignored anyway, so not counted
        assertThat(longOnly.sleeve.isSellWhileFlat(longOnly.state, signalOn(warm, 0, Side.SELL)))
                .isFalse();
        longOnly.bar(10, 10, null);
        Signal sell = longOnly.lastSignal(Side.SELL);
        assertThat(longOnly.sleeve.isSellWhileFlat(longOnly.state, sell)).isTrue();
        assertThat(longOnly.sleeve.decide(longOnly.state, sell).outcome()).isEqualTo("unchanged");
        assertThat(longOnly.sleeve.isSellWhileFlat(longOnly.state, longOnly.lastSignal(Side.BUY)))
                .isFalse();
        // a BUY pending: the SELL cancels it, so it does change something
        longOnly.bar(10, 10, Side.BUY);
        assertThat(longOnly.sleeve.isSellWhileFlat(longOnly.state, longOnly.lastSignal(Side.SELL)))
                .isFalse();
        // long: the SELL closes the position
        longOnly.bar(10, 10, null);
        assertThat(longOnly.state.position).isPositive();
        assertThat(longOnly.sleeve.isSellWhileFlat(longOnly.state, longOnly.lastSignal(Side.SELL)))
                .isFalse();

        Harness shorts = new Harness(settings(0, 0, Sizing.allIn(), 0), true);
        shorts.bar(10, 10, null);
        assertThat(shorts.sleeve.isSellWhileFlat(shorts.state, shorts.lastSignal(Side.SELL)))
                .isFalse();
    }

    private static Signal signalOn(PriceBar bar, long index, Side side) {
        return new Signal("trend", "SPY", bar.endTs(), index, side, 1.0, "test", Map.of());
    }

    @Test
    void cancelledOrderDoesNotFill() {
        Harness h = new Harness(settings(0, 0, Sizing.allIn(), 0), false);
        h.bar(10, 10, Side.BUY);
        h.sleeve.cancelPending(h.state);
        assertThat(h.sleeve.pendingOrder(h.state)).isNull();
        assertThat(h.bar(10, 10, null).execution).isEqualTo(Execution.NONE);
        // A new order after a cancel gets a fresh id.
        Decision again = h.bar(10, 10, Side.BUY).decision;
        assertThat(again.clientOrderId()).isEqualTo(OrderIds.of("trend", "SPY", T0 + 3 * DAY, 2));
    }

    @Test
    void openOnTheDecisionBarItselfFillsNothing() {
        Harness h = new Harness(settings(0, 0, Sizing.allIn(), 0), false);
        PriceBar bar = h.nextBar(10, 10);
        h.sleeve.open(h.state, bar);
        h.sleeve.close(h.state, bar);
        h.sleeve.decide(h.state, h.lastSignal(Side.BUY));
        assertThat(h.sleeve.open(h.state, bar)).isEqualTo(Execution.NONE);
        assertThat(h.state.hasPending()).isTrue();
    }

    @Test
    void decideBeforeCloseIsRefused() {
        Harness h = new Harness(settings(0, 0, Sizing.allIn(), 0), false);
        h.bar(10, 10, null);
        Signal forNextBar = new Signal("trend", "SPY", T0 + 2 * DAY, 1, Side.BUY, 1, "r", Map.of());
        assertThatThrownBy(() -> h.sleeve.decide(h.state, forNextBar))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("close(bar) before decide");
    }

    @Test
    void maxDrawdownIsPeakToTroughOnEquityAtClose() {
        Harness h = new Harness(settings(0, 0, Sizing.allIn(), 0), false);
        h.bar(100, 100, Side.BUY);
        h.bar(100, 110, null); // 100 units: equity 11000
        h.bar(110, 121, null); // peak 12100
        h.bar(121, 96.8, null); // 9680: (12100 − 9680) / 12100 = 0.2
        h.bar(96.8, 130, null); // new peak 13000
        h.bar(130, 117, null); // 0.1
        assertThat(h.state.peakEquity).isCloseTo(13_000, within(EPS));
        assertThat(h.state.maxDrawdown).isCloseTo(0.2, within(EPS));
    }

    @Test
    void equityChangeEqualsSumOfTradePnlOnRandomSignals() {
        Random random = new Random(5);
        for (Sizing sizing :
                List.of(Sizing.allIn(), Sizing.parse("fixed:7.5"), Sizing.parse("notional:3000"))) {
            for (boolean allowShort : new boolean[] {false, true}) {
                Harness h = new Harness(settings(7, 3, sizing, 5), allowShort);
                double realised = 0;
                double price = 100;
                for (int i = 0; i < 500; i++) {
                    double open = price * (1 + 0.01 * random.nextGaussian());
                    price = open * (1 + 0.01 * random.nextGaussian());
                    int pick = random.nextInt(4);
                    Side side = pick == 0 ? Side.BUY : pick == 1 ? Side.SELL : null;
                    Step step = h.bar(open, price, side);
                    for (Trade t : step.execution.closedTrades()) {
                        realised += t.pnl();
                    }
                    assertThat(h.state.equity).isEqualTo(h.state.cash + h.state.position * price);
                }
                Trade open = h.sleeve.openTrade(h.state);
                double unrealised = open == null ? 0 : open.pnl();
                assertThat(h.state.equity - 10_000)
                        .as("%s short=%s", sizing, allowShort)
                        .isCloseTo(realised + unrealised, within(1e-6));
                assertThat(h.state.trades).isGreaterThan(10);
            }
        }
    }

    @Test
    void settingsAndSizingRejectBadInput() {
        assertThatThrownBy(() -> Sizing.parse("lots:3"))
                .hasMessageContaining("unknown kind 'lots'")
                .hasMessageContaining("fixed:<quantity>");
        assertThatThrownBy(() -> Sizing.parse("fixed:ten")).hasMessageContaining("'ten'");
        assertThatThrownBy(() -> Sizing.parse("notional")).hasMessageContaining("expected");
        assertThatThrownBy(() -> Sizing.parse("equity:1.5")).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Sizing.parse("fixed:-1")).hasMessageContaining("positive");
        assertThat(Sizing.parse(" Equity : 0.5")).isEqualTo(new Sizing(Sizing.Kind.EQUITY, 0.5));
        assertThat(Sizing.parse("notional:5000").toString()).isEqualTo("notional:5000.0");
        assertThatThrownBy(() -> settings(-1, 0, Sizing.allIn(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExecutionSettings(1, 0, 0, Sizing.allIn(), -1))
                .hasMessageContaining("warm-up");
        assertThatThrownBy(() -> new ExecutionSettings(1, Double.NaN, 0, Sizing.allIn(), 0))
                .hasMessageContaining("commission");
    }

    @Test
    void orderIdsAreDeterministic() {
        String id = OrderIds.of("trend", "SPY", 123L, 1);
        assertThat(id).matches("br-[0-9a-f]{20}");
        assertThat(OrderIds.of("trend", "SPY", 123L, 1)).isEqualTo(id);
        assertThat(OrderIds.of("trend", "SPY", 123L, 2)).isNotEqualTo(id);
        assertThat(OrderIds.of("trend", "QQQ", 123L, 1)).isNotEqualTo(id);
        // sha256("trend|SPY|123|1"), first 10 bytes
        assertThat(id).isEqualTo("br-" + sha256Hex("trend|SPY|123|1").substring(0, 20));
    }

    private static String sha256Hex(String text) {
        try {
            byte[] d =
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static ExecutionSettings settings(
            double commissionBps, double slippageBps, Sizing sizing, long warmup) {
        return new ExecutionSettings(10_000, commissionBps, slippageBps, sizing, warmup);
    }

    private record Step(Execution execution, @Nullable Decision decision) {}

    /** Drives one sleeve through daily bars the way the host does: open, close, decide. */
    private static final class Harness {
        final Sleeve sleeve;
        final SleeveState state;
        final List<PriceBar> bars = new ArrayList<>();

        Harness(ExecutionSettings settings, boolean allowShort) {
            this.sleeve = new Sleeve("trend", "SPY", settings, allowShort);
            this.state = sleeve.initialState();
        }

        PriceBar nextBar(double open, double close) {
            PriceBar bar =
                    new PriceBar(
                            "SPY",
                            T0 + bars.size() * DAY,
                            DAY,
                            open,
                            Math.max(open, close),
                            Math.min(open, close),
                            close,
                            1_000);
            bars.add(bar);
            return bar;
        }

        Step bar(double open, double close, @Nullable Side side) {
            PriceBar bar = nextBar(open, close);
            Execution execution = sleeve.open(state, bar);
            sleeve.close(state, bar);
            Decision decision = side == null ? null : sleeve.decide(state, lastSignal(side));
            return new Step(execution, decision);
        }

        Signal lastSignal(Side side) {
            PriceBar bar = bars.get(bars.size() - 1);
            return new Signal(
                    "trend", "SPY", bar.endTs(), bars.size() - 1, side, 1.0, "test", Map.of());
        }
    }
}
