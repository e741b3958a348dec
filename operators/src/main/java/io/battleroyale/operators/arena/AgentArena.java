package io.battleroyale.operators.arena;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import io.battleroyale.functions.agents.AgentCatalog;
import io.battleroyale.functions.agents.AgentSpec;
import io.battleroyale.functions.book.Execution;
import io.battleroyale.model.BanditState;
import io.battleroyale.model.Decision;
import io.battleroyale.model.Fill;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Order;
import io.battleroyale.model.RejectedOrder;
import io.battleroyale.model.RiskRejection;
import io.battleroyale.model.Signal;
import io.battleroyale.model.SleeveMark;
import io.battleroyale.model.Trade;
import io.battleroyale.operators.counts.NameCounts;
import io.battleroyale.operators.risk.ArenaRiskGate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The battle for one symbol: every agent sees each snapshot, decides, and trades its own sleeve.
 *
 * <p>Per snapshot (bar i closed): first each sleeve fills the order decided on bar i-1 at bar i's
 * open and marks itself at bar i's close; then each agent decides on bar i, and the meta-agent
 * chooses among their signals. Decisions go to the main output; fills, round trips, orders, sleeve
 * marks (at the end of each mark period) and the meta-agent's beliefs go to side outputs. Positions
 * still open when the input ends are reported as open round trips.
 *
 * <p>Every order passes the {@link ArenaRiskGate} before it can fill: a refused order is cancelled
 * (it never fills), its decision's outcome becomes {@code rejected}, and the decision with every
 * failed rule goes to {@link #REJECTIONS}. Only approved orders reach {@link #ORDERS}.
 *
 * <p>A signal-only symbol ({@link ArenaSettings#signalOnly()}) is seen and decided on like any
 * other, but its decisions end as {@link #SIGNAL_ONLY}: no sleeve opens, fills or is marked.
 *
 * <p>What a run saw is counted in accumulators read after the job: bars per symbol ({@link
 * #SYMBOL_BARS}) and, per long-only agent, SELL signals that found its sleeve already flat ({@link
 * #SELLS_WHILE_FLAT}).
 */
public class AgentArena extends KeyedProcessFunction<String, MarketSnapshot, Decision> {
    private static final long serialVersionUID = 1L;

    public static final String BARS_ACCUMULATOR = "bars";

    /** {@link NameCounts}: bars per symbol that reached the agents. */
    public static final String SYMBOL_BARS = "bars-by-symbol";

    /** {@link NameCounts}: per agent, SELL signals that changed nothing (long-only, flat). */
    public static final String SELLS_WHILE_FLAT = "sells-while-flat";

    /**
     * {@link NameCounts}: {@code "agent: reason"} for every script agent disqualified in a task
     * (once per task; the reason before the first {@code ": "} is the agent's name).
     */
    public static final String DISQUALIFIED = "disqualified";

    public static final OutputTag<Fill> FILLS =
            new OutputTag<>("fills", TypeInformation.of(Fill.class));
    public static final OutputTag<Trade> TRADES =
            new OutputTag<>("trades", TypeInformation.of(Trade.class));
    public static final OutputTag<Order> ORDERS =
            new OutputTag<>("orders", TypeInformation.of(Order.class));
    public static final OutputTag<SleeveMark> MARKS =
            new OutputTag<>("marks", TypeInformation.of(SleeveMark.class));
    public static final OutputTag<BanditState> BELIEFS =
            new OutputTag<>("beliefs", TypeInformation.of(BanditState.class));
    public static final OutputTag<RejectedOrder> REJECTIONS =
            new OutputTag<>("rejections", TypeInformation.of(RejectedOrder.class));

    /** {@link Decision#outcome()} of an order the risk gate refused. */
    public static final String REJECTED = "rejected";

    /** {@link Decision#outcome()} of a signal on a symbol that is not traded. */
    public static final String SIGNAL_ONLY = "signal-only";

    private final ArenaSettings settings;

    private transient List<Contestant<?>> contestants;
    private transient ValueState<Long> openPeriod;
    private transient LongCounter bars;
    private transient Counter snapshotsIn;
    private transient Counter decisions;
    private transient Counter orders;
    private transient Counter riskRejections;
    private transient ArenaRiskGate risk;
    private transient NameCounts symbolBars;
    private transient NameCounts sellsWhileFlat;
    private transient NameCounts disqualified;
    private transient Set<String> reportedDisqualified;

    public AgentArena(ArenaSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        contestants = new ArrayList<>();
        for (AgentSpec spec : settings.contestants()) {
            boolean allowShort = spec.allowShort();
            contestants.add(
                    AgentCatalog.isMeta(spec.name())
                            ? Contestant.of(
                                    AgentCatalog.createMeta(spec),
                                    settings.execution(),
                                    allowShort,
                                    getRuntimeContext())
                            : Contestant.of(
                                    AgentCatalog.create(spec),
                                    settings.execution(),
                                    allowShort,
                                    getRuntimeContext()));
        }
        openPeriod =
                getRuntimeContext().getState(new ValueStateDescriptor<>("open-period", Types.LONG));
        bars = getRuntimeContext().getLongCounter(BARS_ACCUMULATOR);
        // business metrics for a reporter (Prometheus on a cluster): operator scope, per subtask
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        snapshotsIn = metrics.counter("snapshots");
        decisions = metrics.counter("decisions");
        orders = metrics.counter("orders");
        riskRejections = metrics.counter("riskRejections");
        risk = new ArenaRiskGate(settings.risk(), getRuntimeContext());
        symbolBars = NameCounts.of(getRuntimeContext(), SYMBOL_BARS);
        sellsWhileFlat = NameCounts.of(getRuntimeContext(), SELLS_WHILE_FLAT);
        disqualified = NameCounts.of(getRuntimeContext(), DISQUALIFIED);
        reportedDisqualified = new HashSet<>();
    }

    @Override
    public void processElement(MarketSnapshot snapshot, Context ctx, Collector<Decision> out)
            throws Exception {
        long period = settings.periodEnd(snapshot.decisionTs());
        Long open = openPeriod.value();
        if (open != null && period > open) {
            // a bar of a later period: the open one is complete for this symbol, mark it now,
            // before the bar moves the books (its timer may only fire after more bars)
            mark(open, snapshot.symbol(), ctx);
        }
        if (open == null || period > open) {
            openPeriod.update(period);
            ctx.timerService().registerEventTimeTimer(period);
            // reports positions still open when the input ends (registered once per period)
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        risk.onSnapshot(snapshot);
        boolean tradable = settings.isTradable(snapshot.symbol());
        for (Contestant<?> c : contestants) {
            c.load(snapshot.symbol());
            if (!tradable) {
                continue;
            }
            Execution execution = c.sleeve().open(c.book(), snapshot.bar());
            execution.fills().forEach(fill -> ctx.output(FILLS, fill));
            execution.closedTrades().forEach(trade -> ctx.output(TRADES, trade));
            c.sleeve().close(c.book(), snapshot.bar());
            risk.onSleeve(c.name, snapshot.symbol(), c.book(), snapshot.decisionTs());
        }
        List<Signal> signals = new ArrayList<>(contestants.size());
        for (Contestant<?> c : contestants) {
            if (c.isMeta()) {
                continue;
            }
            Optional<Signal> signal = c.signal(snapshot);
            if (signal.isPresent()) {
                signals.add(signal.get());
                act(c, signal.get(), tradable, ctx, out);
            }
            String reason = c.disqualified();
            if (reason != null && reportedDisqualified.add(c.name)) {
                disqualified.add(c.name + ": " + reason);
            }
        }
        for (Contestant<?> c : contestants) {
            if (!c.isMeta()) {
                continue;
            }
            Optional<Signal> signal = c.choose(snapshot, signals);
            if (signal.isPresent()) {
                act(c, signal.get(), tradable, ctx, out);
            }
            c.beliefs(snapshot).forEach(belief -> ctx.output(BELIEFS, belief));
        }
        for (Contestant<?> c : contestants) {
            c.save();
        }
        risk.save();
        bars.add(1);
        snapshotsIn.inc();
        symbolBars.add(snapshot.symbol());
    }

    private void act(
            Contestant<?> c,
            Signal signal,
            boolean tradable,
            Context ctx,
            Collector<Decision> out) {
        if (!tradable) {
            out.collect(new Decision(signal, SIGNAL_ONLY, null));
            decisions.inc();
            return;
        }
        if (c.sleeve().isSellWhileFlat(c.book(), signal)) {
            sellsWhileFlat.add(c.name);
        }
        Decision decision = c.sleeve().decide(c.book(), signal);
        if (decision.clientOrderId() != null) {
            Order order = c.sleeve().pendingOrder(c.book());
            if (order != null) {
                Optional<RiskRejection> refused = risk.check(order);
                if (refused.isPresent()) {
                    c.sleeve().cancelPending(c.book());
                    decision = new Decision(signal, REJECTED, decision.clientOrderId());
                    ctx.output(REJECTIONS, new RejectedOrder(decision, refused.get()));
                    riskRejections.inc();
                } else {
                    ctx.output(ORDERS, order);
                    orders.inc();
                }
            }
        }
        out.collect(decision);
        decisions.inc();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out)
            throws Exception {
        String symbol = ctx.getCurrentKey();
        if (timestamp != Long.MAX_VALUE) {
            Long open = openPeriod.value();
            if (open != null && open == timestamp) {
                mark(timestamp, symbol, ctx);
            }
            return;
        }
        for (Contestant<?> c : contestants) {
            c.load(symbol);
            Trade position = c.sleeve().openTrade(c.book());
            if (position != null) {
                ctx.output(TRADES, position);
            }
        }
    }

    /** Every sleeve of the symbol as of the end of {@code period}; the period is then closed. */
    private void mark(long period, String symbol, Context ctx) throws Exception {
        if (settings.isTradable(symbol)) { // a signal-only symbol holds no capital: no mark
            for (Contestant<?> c : contestants) {
                c.load(symbol);
                ctx.output(MARKS, c.sleeve().mark(c.book(), period, risk.isHalted(c.name)));
            }
        }
        openPeriod.clear();
    }
}
