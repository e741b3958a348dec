package io.battleroyale.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.model.LeaderboardRow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of a run: the final standing of every agent, read back from {@code equity.csv}, written
 * as {@code leaderboard.json} and {@code summary.json} and printed as a table.
 */
public final class Report {

    /** How the metrics are computed; repeated in summary.json so results explain themselves. */
    static final Map<String, String> FORMULAS =
            Map.of(
                    "returns",
                    "per mark period (default one UTC day): change of the agent's summed sleeve"
                            + " equity over the previous sum; a sleeve's first period counts its"
                            + " initial cash as the previous equity",
                    "sharpe",
                    "mean / sample standard deviation of period returns x sqrt(periods per year),"
                            + " risk-free 0; periods per year = (returns - 1) / years from the"
                            + " first to the last return (about 252 for exchange sessions, 365"
                            + " when crypto marks every day); null below 20 returns",
                    "sortino",
                    "mean of period returns / sqrt(mean of squared negative returns) x sqrt(periods"
                            + " per year), as for sharpe; null below 20 returns",
                    "trades",
                    "closed round trips (entry and exit filled), summed over the agent's sleeves;"
                            + " open positions are not counted (see open_positions); a reversal"
                            + " closes one round trip and opens the next",
                    "open_positions",
                    "sleeves holding a position at the end (one per symbol at most)",
                    "unrealized_pnl",
                    "pnl of the open positions at the last close, net of their entry commission"
                            + " (no exit commission: not paid yet); already part of final_equity",
                    "max_drawdown",
                    "largest peak-to-trough fall of summed equity marked at period ends, as a"
                            + " fraction of the peak",
                    "total_return",
                    "final equity (positions valued at the last close) / summed initial cash - 1",
                    "win_rate",
                    "closed round trips with positive pnl net of costs / closed round trips");

    private Report() {}

    /**
     * Every agent's final standing: its last row in {@code equity.csv} (an agent that never traded
     * a bar gets an empty row), best total return first.
     */
    public static List<LeaderboardRow> standings(OutputFolder folder, List<String> agents) {
        Map<String, LeaderboardRow> last = new LinkedHashMap<>();
        for (String agent : agents) {
            last.put(
                    agent,
                    new LeaderboardRow(
                            agent,
                            0,
                            0,
                            0,
                            0,
                            Double.NaN,
                            Double.NaN,
                            0,
                            0,
                            Double.NaN,
                            0,
                            false,
                            0,
                            0));
        }
        try {
            List<String> lines = Files.readAllLines(folder.file("equity.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                last.put(
                        f[1],
                        new LeaderboardRow(
                                f[1],
                                Long.parseLong(f[0]),
                                num(f[2]),
                                num(f[3]),
                                num(f[4]),
                                num(f[5]),
                                num(f[6]),
                                num(f[7]),
                                Integer.parseInt(f[8]),
                                num(f[9]),
                                Integer.parseInt(f[10]),
                                Boolean.parseBoolean(f[11]),
                                Integer.parseInt(f[12]),
                                num(f[13])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LeaderboardRow> ranked = new ArrayList<>(last.values());
        ranked.sort(
                Comparator.comparingDouble(LeaderboardRow::totalReturn)
                        .reversed()
                        .thenComparing(LeaderboardRow::agent));
        return ranked;
    }

    /**
     * Writes leaderboard.json and summary.json.
     *
     * @param warnings settings that kept an agent from acting, as printed on stderr
     */
    public static void write(
            OutputFolder folder,
            List<LeaderboardRow> standings,
            Map<String, ?> run,
            List<String> warnings)
            throws IOException {
        write(folder, standings, Map.of(), run, warnings);
    }

    /**
     * Writes leaderboard.json and summary.json; a disqualified agent's row says why.
     *
     * @param disqualified agent to the reason it was disqualified
     */
    public static void write(
            OutputFolder folder,
            List<LeaderboardRow> standings,
            Map<String, String> disqualified,
            Map<String, ?> run,
            List<String> warnings)
            throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        int rank = 1;
        for (LeaderboardRow s : standings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", rank++);
            row.put("agent", s.agent());
            row.put("trades", s.trades());
            row.put("open_positions", s.openPositions());
            row.put("unrealized_pnl", OutputFormats.number(s.unrealizedPnl()));
            row.put("final_equity", s.equity());
            row.put("capital", s.capital());
            row.put("total_return", OutputFormats.number(s.totalReturn()));
            row.put("sharpe", OutputFormats.number(s.sharpe()));
            row.put("sortino", OutputFormats.number(s.sortino()));
            row.put("max_drawdown", OutputFormats.number(s.maxDrawdown()));
            row.put("win_rate", OutputFormats.number(s.winRate()));
            row.put("sleeves", s.sleeves());
            row.put("halted", s.halted());
            if (disqualified.containsKey(s.agent())) {
                row.put("disqualified", disqualified.get(s.agent()));
            }
            rows.add(row);
        }
        Files.writeString(
                folder.file("leaderboard.json"),
                OutputFormats.JSON
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(Map.of("leaderboard", rows))
                        + "\n");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("agents", rows);
        summary.put("metrics", new TreeMap<>(FORMULAS));
        summary.put("run", run);
        summary.put("warnings", warnings);
        Files.writeString(
                folder.file("summary.json"),
                OutputFormats.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary)
                        + "\n");
    }

    /** The leaderboard as a console table. */
    public static String table(List<LeaderboardRow> standings) {
        return table(standings, Map.of());
    }

    /** The leaderboard as a console table, disqualified agents marked. */
    public static String table(List<LeaderboardRow> standings, Map<String, String> disqualified) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%-4s %-12s %14s %9s %7s %8s %7s %8s %5s %12s%n",
                        "rank",
                        "agent",
                        "equity",
                        "return",
                        "sharpe",
                        "max dd",
                        "closed",
                        "win rate",
                        "open",
                        "unrealised"));
        int rank = 1;
        for (LeaderboardRow s : standings) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-4d %-12s %14.2f %8.2f%% %7s %7.2f%% %7d %8s %5d %12.2f%s%n",
                            rank++,
                            s.agent(),
                            s.equity(),
                            100 * s.totalReturn(),
                            fixed(s.sharpe(), "%.2f"),
                            100 * s.maxDrawdown(),
                            s.trades(),
                            Double.isNaN(s.winRate())
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.1f%%", 100 * s.winRate()),
                            s.openPositions(),
                            s.unrealizedPnl(),
                            (s.halted() ? "  HALTED" : "")
                                    + (disqualified.containsKey(s.agent())
                                            ? "  DISQUALIFIED: " + disqualified.get(s.agent())
                                            : "")));
        }
        if (standings.stream().allMatch(s -> Double.isNaN(s.sharpe()))) {
            out.append(
                    "sharpe '-': fewer than 20 mark periods with a return, too short a run to"
                            + " annualise\n");
        }
        out.append(
                "closed: round trips (entry and exit filled) over all the agent's symbols;"
                        + " win rate: those with pnl > 0 after costs\n");
        out.append(
                "open: positions held at the end; unrealised: their pnl at the last close after"
                        + " the entry commission (in equity)\n");
        return out.toString();
    }

    /**
     * Whom the meta-agent trusts, per regime: the latest posteriors of every symbol in {@code
     * bandit.jsonl}, averaged over symbols, agents by average P(best) (which sums to 1 per regime).
     * Empty without beliefs.
     */
    public static String banditSummary(OutputFolder folder) {
        Map<String, JsonNode> latest = new TreeMap<>(); // regime \u0000 symbol -> last line
        try {
            if (!Files.exists(folder.file("bandit.jsonl"))) {
                return "";
            }
            for (String line : Files.readAllLines(folder.file("bandit.jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = OutputFormats.JSON.readTree(line);
                latest.put(n.get("regime").asText() + '\u0000' + n.get("symbol").asText(), n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (latest.isEmpty()) {
            return "";
        }
        // regime -> agent -> {sum P(best), sum mean, symbols}
        Map<String, Map<String, double[]>> byRegime = new TreeMap<>();
        Map<String, Integer> symbols = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : latest.entrySet()) {
            String regime = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            symbols.merge(regime, 1, Integer::sum);
            for (JsonNode arm : e.getValue().get("arms")) {
                double[] acc =
                        byRegime.computeIfAbsent(regime, r -> new TreeMap<>())
                                .computeIfAbsent(arm.get("agent").asText(), a -> new double[3]);
                acc[0] += arm.get("probabilityBest").asDouble();
                acc[1] += arm.get("mean").asDouble();
                acc[2]++;
            }
        }
        StringBuilder out =
                new StringBuilder("meta-agent trust by regime (P(best), posterior mean;");
        out.append(" latest per symbol, averaged):\n");
        for (Map.Entry<String, Map<String, double[]>> r : byRegime.entrySet()) {
            // P(best) averages over every symbol of the regime (an arm absent from a symbol's
            // draw has P(best) 0 there), so the averages of one regime sum to 1; the posterior
            // mean averages over the symbols where the arm was drawn
            int regimeSymbols = symbols.get(r.getKey());
            List<Map.Entry<String, double[]>> agents = new ArrayList<>(r.getValue().entrySet());
            agents.sort(
                    Comparator.comparingDouble((Map.Entry<String, double[]> a) -> -a.getValue()[0])
                            .thenComparing(Map.Entry::getKey));
            out.append(String.format(Locale.ROOT, "  %-15s", r.getKey()));
            for (int i = 0; i < agents.size(); i++) {
                double[] a = agents.get(i).getValue();
                out.append(i == 0 ? " trusts " : i == 1 ? " over " : ", ")
                        .append(
                                String.format(
                                        Locale.ROOT,
                                        "%s %.2f (%.2f)",
                                        agents.get(i).getKey(),
                                        a[0] / regimeSymbols,
                                        a[1] / a[2]));
            }
            out.append(String.format(Locale.ROOT, "  [%d symbols]", regimeSymbols));
            double[] top = agents.get(0).getValue();
            boolean higherMeanBelow =
                    agents.stream()
                            .skip(1)
                            .anyMatch(a -> a.getValue()[1] / a.getValue()[2] > top[1] / top[2]);
            if (higherMeanBelow) {
                out.append(
                        " (first by P(best) though another has a higher mean: its posterior is"
                                + " wider, or it was drawn on fewer symbols)");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String fixed(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    private static double num(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }
}
