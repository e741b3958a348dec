package io.battleroyale.job.cli;

import io.battleroyale.job.state.ArenaView;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The agent arena's state as {@code state inspect} prints it, after the operator table. */
final class StateText {

    private StateText() {}

    static void print(PrintWriter out, ArenaView view) {
        out.println();
        out.printf(
                Locale.ROOT,
                "agent arena: %d symbol(s); agents with state: %s%n",
                view.symbols().size(),
                names(view, true));
        if (!view.withoutState().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "  no state (a restore starts them fresh): %s%n",
                    String.join(", ", view.withoutState()));
        }
        if (!view.unlisted().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "  state but not in --agents (a restore carries it unread; state prune drops"
                            + " it): %s%n",
                    String.join(", ", view.unlisted()));
        }

        out.println();
        out.printf(
                Locale.ROOT,
                "%-12s %-8s %14s %14s %12s %14s %14s %6s %6s  %s%n",
                "sleeve",
                "symbol",
                "cash",
                "position",
                "avg price",
                "realised P&L",
                "equity",
                "trades",
                "wins",
                "pending");
        for (ArenaView.Sleeve s : view.sleeves()) {
            out.printf(
                    Locale.ROOT,
                    "%-12s %-8s %14.2f %14.4f %12.4f %14.2f %14.2f %6d %6d  %s%n",
                    s.agent(),
                    s.symbol(),
                    z(s.cash()),
                    z(s.position()),
                    z(s.averagePrice()),
                    z(s.realizedPnl()),
                    z(s.equity()),
                    s.trades(),
                    s.wins(),
                    s.pendingOrderId() == null ? "-" : s.pendingOrderId());
        }

        if (!view.posteriors().isEmpty()) {
            out.println();
            out.println(
                    "posteriors: Beta(alpha, beta) of \"the agent's signal was right\", per symbol"
                            + " and regime (* = the regime of the last bar)");
            out.printf(
                    Locale.ROOT,
                    "%-8s %-8s %-22s %-12s %9s %9s %7s %7s%n",
                    "meta",
                    "symbol",
                    "regime",
                    "arm",
                    "alpha",
                    "beta",
                    "mean",
                    "scored");
            for (ArenaView.Regime r : view.posteriors()) {
                for (ArenaView.Arm a : r.arms()) {
                    out.printf(
                            Locale.ROOT,
                            "%-8s %-8s %-22s %-12s %9.3f %9.3f %7.3f %7d%n",
                            r.agent(),
                            r.symbol(),
                            r.regime() + (r.current() ? " *" : ""),
                            a.agent(),
                            a.alpha(),
                            a.beta(),
                            a.mean(),
                            a.scored());
                }
            }
        }

        if (!view.risk().isEmpty()) {
            out.println();
            out.println("risk gate, per symbol (positions counted with approved orders):");
            out.printf(
                    Locale.ROOT,
                    "%-8s %12s %-24s %-12s %14s %14s %14s %6s  %s%n",
                    "symbol",
                    "last price",
                    "paused until",
                    "agent",
                    "position",
                    "equity",
                    "peak",
                    "orders",
                    "halted");
            for (ArenaView.Risk r : view.risk()) {
                String price = r.lastPrice() == null ? "-" : fmt(r.lastPrice());
                String paused = r.pausedUntil() == null ? "-" : time(r.pausedUntil());
                if (r.agents().isEmpty()) {
                    out.printf(Locale.ROOT, "%-8s %12s %-24s%n", r.symbol(), price, paused);
                }
                for (ArenaView.AgentRiskView a : r.agents()) {
                    out.printf(
                            Locale.ROOT,
                            "%-8s %12s %-24s %-12s %14.4f %14.2f %14.2f %6d  %s%n",
                            r.symbol(),
                            price,
                            paused,
                            a.agent(),
                            z(a.position()),
                            z(a.equity()),
                            a.peakEquity(),
                            a.ordersInWindow(),
                            a.halted() ? "yes: " + a.haltReason() : "-");
                }
            }
        }

        out.println();
        out.println("open mark period and event-time timers, per symbol:");
        for (ArenaView.SymbolKey k : view.symbols()) {
            List<String> timers = new ArrayList<>();
            for (long t : k.eventTimers()) {
                timers.add(t == Long.MAX_VALUE ? "end of input" : time(t));
            }
            out.printf(
                    Locale.ROOT,
                    "%-8s open period %s; timers: %s%n",
                    k.symbol(),
                    k.openPeriod() == null ? "none" : time(k.openPeriod()),
                    timers.isEmpty() ? "none" : String.join(", ", timers));
        }
    }

    private static String names(ArenaView view, boolean withState) {
        List<String> names = new ArrayList<>();
        for (ArenaView.Agent a : view.agents()) {
            if (a.hasState() == withState) {
                names.add(a.name());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** No "-0.00": a sleeve that spent its cash to the last cent shows 0. */
    private static double z(double v) {
        return Math.abs(v) < 5e-5 ? 0.0 : v;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
