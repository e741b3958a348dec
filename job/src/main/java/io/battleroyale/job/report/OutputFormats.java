package io.battleroyale.job.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.battleroyale.model.BanditState;
import io.battleroyale.model.Decision;
import io.battleroyale.model.Fill;
import io.battleroyale.model.LeaderboardRow;
import io.battleroyale.model.Order;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.model.RejectedOrder;
import io.battleroyale.model.Signal;
import io.battleroyale.model.Trade;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The line formats of the output folder. Numbers are written as Java prints a double (the shortest
 * text that reads back to the same value), never rounded; NaN becomes an empty CSV field or JSON
 * null.
 */
public final class OutputFormats {
    public static final String TRADES_HEADER =
            "agent,symbol,entry_ts,entry_price,exit_ts,exit_price,quantity,pnl,entry_decision,exit_decision";
    public static final String FILLS_HEADER =
            "client_order_id,agent,symbol,side,quantity,price,commission,ts";
    public static final String ORDERS_HEADER =
            "client_order_id,agent,symbol,side,quantity,ts,bar,reference_price";
    public static final String EQUITY_HEADER =
            "ts,agent,equity,capital,total_return,sharpe,sortino,max_drawdown,trades,win_rate,sleeves,halted,open_positions,unrealized_pnl";
    public static final String REJECTED_HEADER = "origin,line,reason,raw";

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private OutputFormats() {}

    public static String trade(Trade t) {
        return csv(
                t.agent(),
                t.symbol(),
                t.entryTs(),
                t.entryPrice(),
                t.exitTs() == null ? "" : t.exitTs(),
                t.exitPrice() == null ? "" : t.exitPrice(),
                t.quantity(),
                t.pnl(),
                t.entryDecision() == null ? "" : t.entryDecision(),
                t.exitDecision() == null ? "" : t.exitDecision());
    }

    public static String fill(Fill f) {
        return csv(
                f.clientOrderId(),
                f.agent(),
                f.symbol(),
                f.side(),
                f.quantity(),
                f.price(),
                f.commission(),
                f.tsEvent());
    }

    public static String order(Order o) {
        return csv(
                o.clientOrderId(),
                o.agent(),
                o.symbol(),
                o.side(),
                o.quantity(),
                o.tsEvent(),
                o.barIndex(),
                o.referencePrice());
    }

    public static String equity(LeaderboardRow r) {
        return csv(
                r.tsEvent(),
                r.agent(),
                r.equity(),
                r.capital(),
                r.totalReturn(),
                r.sharpe(),
                r.sortino(),
                r.maxDrawdown(),
                r.trades(),
                r.winRate(),
                r.sleeves(),
                r.halted(),
                r.openPositions(),
                r.unrealizedPnl());
    }

    /** An order as a JSON object whose fields are the {@link #ORDERS_HEADER} columns. */
    public static String orderJson(Order o) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("client_order_id", o.clientOrderId());
        line.put("agent", o.agent());
        line.put("symbol", o.symbol());
        line.put("side", o.side().name());
        line.put("quantity", number(o.quantity()));
        line.put("ts", o.tsEvent());
        line.put("bar", o.barIndex());
        line.put("reference_price", number(o.referencePrice()));
        return json(line);
    }

    /** A fill as a JSON object whose fields are the {@link #FILLS_HEADER} columns. */
    public static String fillJson(Fill f) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("client_order_id", f.clientOrderId());
        line.put("agent", f.agent());
        line.put("symbol", f.symbol());
        line.put("side", f.side().name());
        line.put("quantity", number(f.quantity()));
        line.put("price", number(f.price()));
        line.put("commission", number(f.commission()));
        line.put("ts", f.tsEvent());
        return json(line);
    }

    /** A leaderboard row as a JSON object whose fields are the {@link #EQUITY_HEADER} columns. */
    public static String equityJson(LeaderboardRow r) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", r.tsEvent());
        line.put("agent", r.agent());
        line.put("equity", number(r.equity()));
        line.put("capital", number(r.capital()));
        line.put("total_return", number(r.totalReturn()));
        line.put("sharpe", number(r.sharpe()));
        line.put("sortino", number(r.sortino()));
        line.put("max_drawdown", number(r.maxDrawdown()));
        line.put("trades", r.trades());
        line.put("win_rate", number(r.winRate()));
        line.put("sleeves", r.sleeves());
        line.put("halted", r.halted());
        line.put("open_positions", r.openPositions());
        line.put("unrealized_pnl", number(r.unrealizedPnl()));
        return json(line);
    }

    public static String rejected(RejectedInput r) {
        return csv(r.origin(), r.line(), r.reason(), r.raw());
    }

    public static String decision(Decision d) {
        Signal s = d.signal();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", d.id());
        line.put("ts", s.tsEvent());
        line.put("symbol", s.symbol());
        line.put("agent", s.agent());
        line.put("bar", s.barIndex());
        line.put("side", s.side().name());
        line.put("confidence", number(s.confidence()));
        line.put("outcome", d.outcome());
        line.put("client_order_id", d.clientOrderId());
        line.put("rationale", s.rationale());
        Map<String, Object> attribution = new TreeMap<>();
        s.attribution().forEach((factor, value) -> attribution.put(factor, number(value)));
        line.put("attribution", attribution);
        line.put("attribution_score", number(s.score()));
        line.put("attribution_baseline", number(s.baseline()));
        return json(line);
    }

    /** A refused order: the decision line's fields, then the order and every failed rule. */
    public static String rejection(RejectedOrder r) {
        Decision d = r.decision();
        Signal s = d.signal();
        Order o = r.rejection().order();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", d.id());
        line.put("ts", s.tsEvent());
        line.put("symbol", s.symbol());
        line.put("agent", s.agent());
        line.put("bar", s.barIndex());
        line.put("side", o.side().name());
        line.put("quantity", number(o.quantity()));
        line.put("reference_price", number(o.referencePrice()));
        line.put("notional", number(o.notional()));
        line.put("client_order_id", o.clientOrderId());
        line.put("outcome", d.outcome());
        line.put("reasons", r.rejection().reasons());
        line.put("confidence", number(s.confidence()));
        line.put("rationale", s.rationale());
        return json(line);
    }

    public static String bandit(BanditState b) {
        return json(b);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /** Indented JSON, as summary.json and stress.json are written. */
    public static String prettyJson(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    static Object number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }

    static String csv(Object... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csvField(fields[i]));
        }
        return line.toString();
    }

    private static String csvField(Object field) {
        if (field instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return "";
        }
        String text = String.valueOf(field);
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
