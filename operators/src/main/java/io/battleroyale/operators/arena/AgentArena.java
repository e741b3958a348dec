package io.battleroyale.operators.arena;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
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
import io.battleroyale.operators.risk.ArenaRiskGate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 */
public class AgentArena extends KeyedProcessFunction<String, MarketSnapshot, Decision> {
    private static final long serialVersionUID = 1L;

    public static final String BARS_ACCUMULATOR = "bars";

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

    private final ArenaSettings settings;

    private transient List<Contestant<?>> contestants;
    private transient ValueState<Long> openPeriod;
    private transient LongCounter bars;
    private transient ArenaRiskGate risk;

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
        risk = new ArenaRiskGate(settings.risk(), getRuntimeContext());
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
        for (Contestant<?> c : contestants) {
            c.load(snapshot.symbol());
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
                act(c, signal.get(), ctx, out);
            }
        }
        for (Contestant<?> c : contestants) {
            if (!c.isMeta()) {
                continue;
            }
            Optional<Signal> signal = c.choose(snapshot, signals);
            if (signal.isPresent()) {
                act(c, signal.get(), ctx, out);
            }
            c.beliefs(snapshot).forEach(belief -> ctx.output(BELIEFS, belief));
        }
        for (Contestant<?> c : contestants) {
            c.save();
        }
        risk.save();
        bars.add(1);
    }

    private void act(Contestant<?> c, Signal signal, Context ctx, Collector<Decision> out) {
        Decision decision = c.sleeve().decide(c.book(), signal);
        if (decision.clientOrderId() != null) {
            Order order = c.sleeve().pendingOrder(c.book());
            if (order != null) {
                Optional<RiskRejection> refused = risk.check(order);
                if (refused.isPresent()) {
                    c.sleeve().cancelPending(c.book());
                    decision = new Decision(signal, REJECTED, decision.clientOrderId());
                    ctx.output(REJECTIONS, new RejectedOrder(decision, refused.get()));
                } else {
                    ctx.output(ORDERS, order);
                }
            }
        }
        out.collect(decision);
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
        for (Contestant<?> c : contestants) {
            c.load(symbol);
            ctx.output(MARKS, c.sleeve().mark(c.book(), period, risk.isHalted(c.name)));
        }
        openPeriod.clear();
    }
}
