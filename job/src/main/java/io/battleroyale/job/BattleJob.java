package io.battleroyale.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

import io.battleroyale.job.explain.Explanations;
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
import io.battleroyale.operators.join.NeverIdle;
import io.battleroyale.operators.join.SymbolJoin;
import io.battleroyale.operators.join.TickFilter;
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
 *          └► flash crash ─► pauses ──────────────────────────┘ pauses                        ├► rejections (refused orders)
 *             (with a circuit breaker)                                                        ├► orders ─► gateway (optional)
 *                                                                                             ├► sleeve marks ─► leaderboard
 *                                                                                             └► decisions ─► explanations (optional, async)
 * </pre>
 *
 * <p>Decisions, orders, fills, refused orders, leaderboard rows and bandit states can also be
 * published ({@link Published}, e.g. to Kafka topics exactly once).
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
     * @param published the same streams also published elsewhere (Kafka topics), or {@code null}
     * @param explanations decisions explained in words (an asynchronous branch), or {@code null}
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
            @Nullable Sink<Order> gateway,
            @Nullable Published published,
            @Nullable Explanations explanations) {

        /** Outputs that publish nowhere else. */
        public Outputs(
                Sink<Decision> decisions,
                Sink<Trade> trades,
                Sink<Fill> fills,
                Sink<Order> orders,
                Sink<LeaderboardRow> leaderboard,
                Sink<BanditState> bandit,
                Sink<RejectedInput> rejected,
                Sink<RejectedOrder> rejections,
                @Nullable Sink<Order> gateway) {
            this(
                    decisions,
                    trades,
                    fills,
                    orders,
                    leaderboard,
                    bandit,
                    rejected,
                    rejections,
                    gateway,
                    null,
                    null);
        }

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
                    newGateway,
                    published,
                    explanations);
        }

        /** The same outputs, also published to {@code newPublished}. */
        public Outputs withPublished(@Nullable Published newPublished) {
            return new Outputs(
                    decisions,
                    trades,
                    fills,
                    orders,
                    leaderboard,
                    bandit,
                    rejected,
                    rejections,
                    gateway,
                    newPublished,
                    explanations);
        }

        /** The same outputs, with decisions also explained by {@code newExplanations}. */
        public Outputs withExplanations(@Nullable Explanations newExplanations) {
            return new Outputs(
                    decisions,
                    trades,
                    fills,
                    orders,
                    leaderboard,
                    bandit,
                    rejected,
                    rejections,
                    gateway,
                    published,
                    newExplanations);
        }
    }

    /**
     * Streams published besides the files, e.g. to Kafka topics exactly once; a {@code null} sink
     * publishes nothing. These run at the job's parallelism: unlike a file, a topic needs no single
     * writer.
     */
    public record Published(
            @Nullable Sink<Decision> decisions,
            @Nullable Sink<Order> orders,
            @Nullable Sink<Fill> fills,
            @Nullable Sink<RejectedOrder> rejections,
            @Nullable Sink<LeaderboardRow> leaderboard,
            @Nullable Sink<BanditState> bandit) {}

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

    /** A replayed input beside its reader (see {@link NeverIdle}), one channel per reader. */
    private static <T> DataStream<T> neverIdle(DataStream<T> input, Class<T> type, String uid) {
        return input.transform("never idle (replay)", TypeInformation.of(type), new NeverIdle<T>())
                .uid(uid)
                .setParallelism(input.getParallelism());
    }

    public static void wire(Inputs inputs, Outputs outputs, BattleSettings settings) {
        boolean replay = !settings.join().inputsMayIdle();
        DataStream<PriceBar> prices =
                replay
                        ? neverIdle(inputs.prices(), PriceBar.class, Uids.PRICES_NEVER_IDLE)
                        : inputs.prices();
        DataStream<ProbabilityTick> ticks =
                replay
                        ? neverIdle(
                                inputs.probabilities(),
                                ProbabilityTick.class,
                                Uids.PROBABILITIES_NEVER_IDLE)
                        : inputs.probabilities();
        if (!settings.tickFilter().isNone()) {
            // keyed by market, so each market's prints stay in order on their way to the join
            ticks =
                    ticks.keyBy(TickFilter::market)
                            .process(new TickFilter(settings.tickFilter()))
                            .uid(Uids.TICK_FILTER)
                            .name("tick filter (" + settings.tickFilter() + ")");
        }
        DataStream<SymbolEvent> routed =
                ticks.flatMap(new EventFanOut(settings.eventMap()))
                        .uid(Uids.EVENT_FAN_OUT)
                        .name("event fan-out")
                        // beside its input: one channel per reader keeps each reader's tick order
                        .setParallelism(ticks.getParallelism())
                        .union(
                                ShiftDetection.detect(
                                                ticks, settings.shifts(), Uids.SHIFT_DETECTION)
                                        .flatMap(new ShiftFanOut(settings.eventMap()))
                                        .uid(Uids.SHIFT_FAN_OUT)
                                        .name("shift fan-out"));
        if (settings.arena().risk().circuitBreakerEnabled()) {
            DataStream<SymbolEvent> pauses =
                    FlashCrashDetector.pauses(
                                    prices, FlashCrashDetector.Settings.of(settings.arena().risk()))
                            .uid(Uids.FLASH_CRASH)
                            .name("flash-crash circuit breaker")
                            .map(SymbolEvent::of)
                            .uid(Uids.TRADING_PAUSES)
                            .name("trading pauses");
            routed = routed.union(pauses);
        }

        SingleOutputStreamOperator<MarketSnapshot> snapshots =
                prices.connect(routed)
                        .keyBy(PriceBar::symbol, SymbolEvent::symbol)
                        .process(new SymbolJoin(settings.join()))
                        .uid(Uids.SYMBOL_JOIN)
                        .name("symbol join (as of bar end)");

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

        if (outputs.explanations() != null) {
            // a branch of its own: the arena's other outputs never wait for it
            outputs.explanations().wire(decisions);
        }

        Published published = outputs.published();
        if (published != null) {
            publish(decisions, published.decisions(), Uids.DECISIONS_TOPIC, "decisions topic");
            publish(
                    decisions.getSideOutput(AgentArena.ORDERS),
                    published.orders(),
                    Uids.ORDERS_TOPIC,
                    "orders topic");
            publish(
                    decisions.getSideOutput(AgentArena.FILLS),
                    published.fills(),
                    Uids.FILLS_TOPIC,
                    "fills topic");
            publish(
                    decisions.getSideOutput(AgentArena.REJECTIONS),
                    published.rejections(),
                    Uids.REJECTIONS_TOPIC,
                    "risk rejections topic");
            publish(
                    standings,
                    published.leaderboard(),
                    Uids.LEADERBOARD_TOPIC,
                    "leaderboard topic");
            publish(
                    decisions.getSideOutput(AgentArena.BELIEFS),
                    published.bandit(),
                    Uids.BANDIT_TOPIC,
                    "bandit topic");
        }

        DataStream<RejectedInput> rejected = snapshots.getSideOutput(SymbolJoin.REJECTED);
        for (DataStream<RejectedInput> more : inputs.rejected()) {
            rejected = rejected.union(more);
        }
        sink(rejected, outputs.rejected(), Uids.REJECTED_SINK, "rejected input");
    }

    private static <T> void publish(
            DataStream<T> stream, @Nullable Sink<T> sink, String uid, String name) {
        if (sink != null) {
            stream.sinkTo(sink).uid(uid).name(name);
        }
    }

    private static <T> void sink(DataStream<T> stream, Sink<T> sink, String uid, String name) {
        stream.sinkTo(sink).uid(uid).name(name).setParallelism(1);
    }
}
