package io.battleroyale.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import io.battleroyale.model.BanditState;
import io.battleroyale.model.Decision;
import io.battleroyale.model.Fill;
import io.battleroyale.model.LeaderboardRow;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Order;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.model.RejectedOrder;
import io.battleroyale.model.SleeveMark;
import io.battleroyale.model.SymbolEvent;
import io.battleroyale.model.Trade;
import io.battleroyale.operators.arena.AgentArena;
import io.battleroyale.operators.join.EventFanOut;
import io.battleroyale.operators.join.SymbolJoin;
import io.battleroyale.operators.leaderboard.Leaderboard;
import io.battleroyale.operators.risk.FlashCrashDetector;
import io.battleroyale.operators.shifts.ShiftDetection;
import io.battleroyale.operators.shifts.ShiftFanOut;

import javax.annotation.Nullable;

import java.util.List;

/**
 * The battle graph, built once for every mode: live, backtest and stress runs differ only in the
 * inputs and outputs they inject.
 *
 * <pre>
 * probabilities ─┬► event fan-out ───────────────────────────┐ ticks
 *                └► CEP shifts (by market) ─► shift fan-out ─┤ shifts
 *                                                             ├─► symbol join ─► agent arena ─► decisions
 * prices ──┬──────────────────────────────────────────────────┘   (by symbol)    (risk gate)  ├► fills, orders, trades
 *          └► flash-crash CEP ─► pauses ──────────────────────┘ pauses                        ├► rejections (refused orders)
 *             (with a circuit breaker)                                                        ├► orders ─► gateway (optional)
 *                                                                                             └► sleeve marks ─► leaderboard
 * </pre>
 */
public final class BattleJob {

    /** Market data in; the streams carry event-time timestamps and watermarks. */
    public record Inputs(
            DataStream<PriceBar> prices,
            DataStream<ProbabilityTick> probabilities,
            List<DataStream<RejectedInput>> rejected) {}

    /**
     * Where results go; each file sink runs at parallelism 1.
     *
     * @param rejections orders the risk gate refused, with their decisions
     * @param gateway approved orders also go here when set (the execution gateway), at the arena's
     *     parallelism; {@code null}: simulated execution only
     */
    public record Outputs(
            Sink<Decision> decisions,
            Sink<Trade> trades,
            Sink<Fill> fills,
            Sink<Order> orders,
            Sink<LeaderboardRow> leaderboard,
            Sink<BanditState> bandit,
            Sink<RejectedInput> rejected,
            Sink<RejectedOrder> rejections,
            @Nullable Sink<Order> gateway) {

        /** Outputs that drop rejections and send no order to a gateway. */
        public Outputs(
                Sink<Decision> decisions,
                Sink<Trade> trades,
                Sink<Fill> fills,
                Sink<Order> orders,
                Sink<LeaderboardRow> leaderboard,
                Sink<BanditState> bandit,
                Sink<RejectedInput> rejected) {
            this(
                    decisions,
                    trades,
                    fills,
                    orders,
                    leaderboard,
                    bandit,
                    rejected,
                    new DiscardingSink<>(),
                    null);
        }

        /** The same outputs, with approved orders also posted to {@code newGateway}. */
        public Outputs withGateway(@Nullable Sink<Order> newGateway) {
            return new Outputs(
                    decisions,
                    trades,
                    fills,
                    orders,
                    leaderboard,
                    bandit,
                    rejected,
                    rejections,
                    newGateway);
        }
    }

    private BattleJob() {}

    /**
     * An event stream for runs without one: derived from the prices, so it carries their watermarks
     * and ends with them, and never emits a tick.
     */
    public static DataStream<ProbabilityTick> noProbabilities(DataStream<PriceBar> prices) {
        return prices.flatMap((PriceBar bar, Collector<ProbabilityTick> out) -> {})
                .returns(ProbabilityTick.class)
                .uid(Uids.PROBABILITIES)
                .name("no probabilities")
                .setParallelism(prices.getParallelism());
    }

    public static void wire(Inputs inputs, Outputs outputs, BattleSettings settings) {
        DataStream<SymbolEvent> routed =
                inputs.probabilities()
                        .flatMap(new EventFanOut(settings.eventMap()))
                        .uid(Uids.EVENT_FAN_OUT)
                        .name("event fan-out")
                        // beside its source: one channel per reader keeps each reader's tick order
                        .setParallelism(inputs.probabilities().getParallelism())
                        .union(
                                ShiftDetection.detect(
                                                inputs.probabilities(),
                                                settings.shifts(),
                                                Uids.SHIFT_DETECTION)
                                        .flatMap(new ShiftFanOut(settings.eventMap()))
                                        .uid(Uids.SHIFT_FAN_OUT)
                                        .name("shift fan-out"));
        if (settings.arena().risk().circuitBreakerEnabled()) {
            DataStream<SymbolEvent> pauses =
                    FlashCrashDetector.pauses(
                                    inputs.prices(),
                                    FlashCrashDetector.Settings.of(settings.arena().risk()))
                            .uid(Uids.FLASH_CRASH)
                            .name("flash-crash circuit breaker (CEP)")
                            .map(SymbolEvent::of)
                            .uid(Uids.TRADING_PAUSES)
                            .name("trading pauses");
            routed = routed.union(pauses);
        }

        SingleOutputStreamOperator<MarketSnapshot> snapshots =
                inputs.prices()
                        .connect(routed)
                        .keyBy(PriceBar::symbol, SymbolEvent::symbol)
                        .transform(
                                "symbol join (as of bar end)",
                                TypeInformation.of(MarketSnapshot.class),
                                SymbolJoin.operator(settings.join()))
                        .uid(Uids.SYMBOL_JOIN);

        // the join's output is still partitioned by symbol: no second shuffle
        KeyedStream<MarketSnapshot, String> bySymbol =
                DataStreamUtils.reinterpretAsKeyedStream(snapshots, MarketSnapshot::symbol);
        SingleOutputStreamOperator<Decision> decisions =
                bySymbol.process(new AgentArena(settings.arena()))
                        .uid(Uids.AGENT_ARENA)
                        .name("agent arena");

        SingleOutputStreamOperator<LeaderboardRow> standings =
                decisions
                        .getSideOutput(AgentArena.MARKS)
                        .keyBy(SleeveMark::agent)
                        .process(new Leaderboard())
                        .uid(Uids.LEADERBOARD)
                        .name("leaderboard");

        sink(decisions, outputs.decisions(), Uids.DECISIONS_SINK, "decisions");
        sink(
                decisions.getSideOutput(AgentArena.TRADES),
                outputs.trades(),
                Uids.TRADES_SINK,
                "trades");
        sink(decisions.getSideOutput(AgentArena.FILLS), outputs.fills(), Uids.FILLS_SINK, "fills");
        sink(
                decisions.getSideOutput(AgentArena.ORDERS),
                outputs.orders(),
                Uids.ORDERS_SINK,
                "orders");
        sink(
                decisions.getSideOutput(AgentArena.BELIEFS),
                outputs.bandit(),
                Uids.BANDIT_SINK,
                "bandit");
        sink(standings, outputs.leaderboard(), Uids.EQUITY_SINK, "equity");
        sink(
                decisions.getSideOutput(AgentArena.REJECTIONS),
                outputs.rejections(),
                Uids.REJECTIONS_SINK,
                "rejections");
        if (outputs.gateway() != null) {
            // at the arena's parallelism: each subtask flushes its own orders on checkpoint
            decisions
                    .getSideOutput(AgentArena.ORDERS)
                    .sinkTo(outputs.gateway())
                    .uid(Uids.GATEWAY_SINK)
                    .name("gateway-sink");
        }

        DataStream<RejectedInput> rejected = snapshots.getSideOutput(SymbolJoin.REJECTED);
        for (DataStream<RejectedInput> more : inputs.rejected()) {
            rejected = rejected.union(more);
        }
        sink(rejected, outputs.rejected(), Uids.REJECTED_SINK, "rejected input");
    }

    private static <T> void sink(DataStream<T> stream, Sink<T> sink, String uid, String name) {
        stream.sinkTo(sink).uid(uid).name(name).setParallelism(1);
    }
}
