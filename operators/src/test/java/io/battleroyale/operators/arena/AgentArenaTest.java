package io.battleroyale.operators.arena;

import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import io.battleroyale.functions.agents.AgentSpecs;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.book.Sizing;
import io.battleroyale.model.Decision;
import io.battleroyale.model.Fill;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Order;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.Side;
import io.battleroyale.model.SleeveMark;
import io.battleroyale.operators.counts.NameCounts;
import org.junit.jupiter.api.Test;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/** The arena as an operator: order flow across bars, period marks, end of input, restore. */
class AgentArenaTest {
    private static final long DAY = ArenaSettings.DAILY;
    // closes that make SMA(1) cross above SMA(2) on bars 2 and 6, below on bar 5
    private static final double[] CLOSES = {10, 9, 11, 12, 13, 8, 9};
    private static final ArenaSettings SETTINGS =
            new ArenaSettings(
                    AgentSpecs.parse("trend:fast=1,slow=2"),
                    new ExecutionSettings(1000, 0, 0, Sizing.parse("fixed:10"), 0),
                    DAY);

    @Test
    void aDecisionOnBarIFillsAtTheOpenOfBarIPlusOne() throws Exception {
        try (var harness = harness(null)) {
            feed(harness, 0, CLOSES.length);

            List<Decision> decisions = harness.extractOutputValues();
            assertThat(decisions)
                    .extracting(
                            d -> d.signal().barIndex(), d -> d.signal().side(), Decision::outcome)
                    .containsExactly(
                            tuple(2L, Side.BUY, "order"),
                            tuple(5L, Side.SELL, "order"),
                            tuple(6L, Side.BUY, "order"));
            List<Order> orders = values(harness.getSideOutput(AgentArena.ORDERS));
            List<Fill> fills = values(harness.getSideOutput(AgentArena.FILLS));
            // the order decided on the last bar has no next open: it never fills
            assertThat(orders).hasSize(3);
            assertThat(fills)
                    .extracting(Fill::clientOrderId)
                    .containsExactly(orders.get(0).clientOrderId(), orders.get(1).clientOrderId());
            // bar 3's open and bar 6's open: open = previous close + 0.5
            assertThat(fills).extracting(Fill::price).containsExactly(11.5, 8.5);
            assertThat(fills).extracting(Fill::tsEvent).containsExactly(3 * DAY, 6 * DAY);
            assertThat(values(harness.getSideOutput(AgentArena.TRADES)))
                    .singleElement()
                    .satisfies(t -> assertThat(t.pnl()).isEqualTo((8.5 - 11.5) * 10));
        }
    }

    @Test
    void everySleeveIsMarkedOncePerPeriodAndOpenPositionsAreReportedAtTheEnd() throws Exception {
        try (var harness = harness(null)) {
            feed(harness, 0, 5); // ends long, bought at bar 3's open
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            List<SleeveMark> marks = values(harness.getSideOutput(AgentArena.MARKS));
            assertThat(marks)
                    .extracting(SleeveMark::tsEvent)
                    .containsExactly(DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY);
            assertThat(marks.get(4).equity()).isEqualTo(1000 + (13 - 11.5) * 10);
            assertThat(marks.get(4).position()).isEqualTo(10);
            assertThat(marks.get(4).unrealizedPnl()).isEqualTo((13 - 11.5) * 10);
            assertThat(values(harness.getSideOutput(AgentArena.TRADES)))
                    .singleElement()
                    .satisfies(
                            t -> {
                                assertThat(t.isOpen()).isTrue();
                                assertThat(t.entryPrice()).isEqualTo(11.5);
                            });
        }
    }

    @Test
    void aRestoredArenaContinuesExactlyWhereTheSnapshotWas() throws Exception {
        List<Object> uninterrupted;
        try (var harness = harness(null)) {
            feed(harness, 0, CLOSES.length);
            uninterrupted = everything(harness);
        }

        OperatorSubtaskState snapshot;
        List<Object> before;
        try (var harness = harness(null)) {
            feed(harness, 0, 4); // long after bar 3's fill
            snapshot = harness.snapshot(1, 4 * DAY);
            before = everything(harness);
        }
        try (var harness = harness(snapshot)) {
            feed(harness, 4, CLOSES.length);
            List<Object> all = new ArrayList<>(before);
            all.addAll(everything(harness));
            assertThat(all).containsExactlyInAnyOrderElementsOf(uninterrupted);
        }
    }

    @Test
    void aSignalOnlySymbolIsDecidedOnButNeverTradedNorMarked() throws Exception {
        try (var harness = harness(SETTINGS.withSignalOnly(Set.of("SPY")), null)) {
            feed(harness, 0, CLOSES.length);
            harness.processWatermark(new Watermark(Long.MAX_VALUE));

            // the same signals as a tradable symbol gets, none of them an order
            assertThat(harness.extractOutputValues())
                    .extracting(d -> d.signal().barIndex(), Decision::outcome)
                    .containsExactly(
                            tuple(2L, AgentArena.SIGNAL_ONLY),
                            tuple(5L, AgentArena.SIGNAL_ONLY),
                            tuple(6L, AgentArena.SIGNAL_ONLY));
            assertThat(harness.extractOutputValues())
                    .allSatisfy(d -> assertThat(d.clientOrderId()).isNull());
            assertThat(harness.getSideOutput(AgentArena.ORDERS)).isNullOrEmpty();
            assertThat(harness.getSideOutput(AgentArena.FILLS)).isNullOrEmpty();
            assertThat(harness.getSideOutput(AgentArena.TRADES)).isNullOrEmpty();
            // no sleeve: no capital on the leaderboard
            assertThat(harness.getSideOutput(AgentArena.MARKS)).isNullOrEmpty();
            assertThat(counts(harness, AgentArena.SYMBOL_BARS))
                    .containsExactly(entry("SPY", (long) CLOSES.length));
        }
    }

    @Test
    void sellSignalsThatFindALongOnlySleeveFlatAreCounted() throws Exception {
        // SMA(1) crosses below SMA(2) on bar 2 while flat, above on bar 4, below on bar 6 while
        // long
        double[] closes = {10, 11, 9, 8, 12, 13, 7};
        try (var harness = harness(SETTINGS, null)) {
            feed(harness, closes, 0, closes.length);

            assertThat(harness.extractOutputValues())
                    .extracting(
                            d -> d.signal().barIndex(), d -> d.signal().side(), Decision::outcome)
                    .containsExactly(
                            tuple(2L, Side.SELL, "unchanged"),
                            tuple(4L, Side.BUY, "order"),
                            tuple(6L, Side.SELL, "order"));
            assertThat(counts(harness, AgentArena.SELLS_WHILE_FLAT))
                    .containsExactly(entry("trend", 1L));
        }
        // a sleeve that may go short acts on every SELL: nothing to count
        ArenaSettings shorts =
                new ArenaSettings(
                        AgentSpecs.parse("trend:fast=1,slow=2,short=true"),
                        SETTINGS.execution(),
                        DAY);
        try (var harness = harness(shorts, null)) {
            feed(harness, closes, 0, closes.length);
            assertThat(counts(harness, AgentArena.SELLS_WHILE_FLAT)).isEmpty();
        }
    }

    private static Map<String, Long> counts(
            KeyedOneInputStreamOperatorTestHarness<String, MarketSnapshot, Decision> harness,
            String name) {
        Accumulator<?, ?> counts =
                harness.getEnvironment().getAccumulatorRegistry().getUserMap().get(name);
        return ((NameCounts) counts).getLocalValue();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MarketSnapshot, Decision> harness(
            @Nullable OperatorSubtaskState restore) throws Exception {
        return harness(SETTINGS, restore);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MarketSnapshot, Decision> harness(
            ArenaSettings settings, @Nullable OperatorSubtaskState restore) throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new AgentArena(settings)),
                        MarketSnapshot::symbol,
                        Types.STRING);
        if (restore != null) {
            harness.initializeState(restore);
        }
        harness.open();
        return harness;
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, MarketSnapshot, Decision> harness,
            int from,
            int to)
            throws Exception {
        feed(harness, CLOSES, from, to);
    }

    /** Bars are daily; bar i closes at the end of day i, when the watermark says so. */
    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, MarketSnapshot, Decision> harness,
            double[] closes,
            int from,
            int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            double open = i == 0 ? closes[0] : closes[i - 1] + 0.5;
            double close = closes[i];
            PriceBar bar =
                    new PriceBar(
                            "SPY",
                            i * DAY,
                            DAY,
                            open,
                            Math.max(open, close) + 1,
                            Math.min(open, close) - 1,
                            close,
                            100);
            MarketSnapshot snapshot = new MarketSnapshot("SPY", i, bar, List.of(), List.of());
            harness.processElement(new StreamRecord<>(snapshot, bar.endTs()));
            harness.processWatermark(new Watermark(bar.endTs()));
        }
    }

    private static List<Object> everything(
            KeyedOneInputStreamOperatorTestHarness<String, MarketSnapshot, Decision> harness) {
        List<Object> all = new ArrayList<>(harness.extractOutputValues());
        all.addAll(values(harness.getSideOutput(AgentArena.ORDERS)));
        all.addAll(values(harness.getSideOutput(AgentArena.FILLS)));
        all.addAll(values(harness.getSideOutput(AgentArena.TRADES)));
        all.addAll(values(harness.getSideOutput(AgentArena.MARKS)));
        return all;
    }

    private static <T> List<T> values(@Nullable Queue<StreamRecord<T>> records) {
        List<T> out = new ArrayList<>();
        if (records != null) {
            records.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }
}
