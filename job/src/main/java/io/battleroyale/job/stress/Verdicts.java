package io.battleroyale.job.stress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.battleroyale.job.report.OutputFolder;
import io.battleroyale.operators.stress.Scenario;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges each agent under a scenario against the baseline run, from the two output folders. The
 * rules are data ({@link #rules()}), written into {@code stress.json} next to the verdicts.
 *
 * @param drawdownLimit an agent whose max drawdown exceeds this fraction breaks
 * @param tolerance how much worse than baseline (return lower, or drawdown higher, in fractions of
 *     capital) still counts as no worse
 */
public record Verdicts(double drawdownLimit, double tolerance) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The verdict rules, as stress.json states them. */
    public Map<String, String> rules() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put(
                "breaks",
                "halted by the risk gate's drawdown kill switch, or max_drawdown > "
                        + drawdownLimit
                        + ", or disqualified (a script agent that threw, exceeded a limit or"
                        + " answered garbage; the reason is in the result)");
        rules.put(
                "degrades",
                "not broken, and return < baseline_return - "
                        + tolerance
                        + ", or max_drawdown > baseline_max_drawdown + "
                        + tolerance
                        + ", or bars_to_recover is null (never back to its level at the"
                        + " scenario's start)");
        rules.put("adapts", "neither: within limits, no worse than baseline, recovered");
        rules.put(
                "bars_to_recover",
                "equity marks (one per --mark-period; the bar length by default) after the"
                        + " scenario's start until the agent's summed equity is back at or above"
                        + " its last mark before the start; 0 if it never fell below");
        rules.put(
                "risk_halts",
                "orders the risk gate refused with max_drawdown (halted) or circuit_breaker"
                        + " (trading paused) among the reasons");
        rules.put("return", "total_return at the run's end (equity.csv, last mark)");
        return rules;
    }

    /**
     * One agent's verdict under one scenario: the fields of a stress.json result.
     *
     * @param disqualified why the scenario's run disqualified the agent, or {@code null}
     */
    public Map<String, Object> judge(
            Scenario scenario,
            String agent,
            OutputFolder run,
            OutputFolder baseline,
            @Nullable String disqualified)
            throws IOException {
        List<double[]> marks = marks(run, agent); // {ts, equity, total_return, max_dd, halted}
        List<double[]> base = marks(baseline, agent);
        double ret = last(marks, 2);
        double dd = last(marks, 3);
        boolean halted = !marks.isEmpty() && marks.get(marks.size() - 1)[4] > 0;
        double baseRet = last(base, 2);
        double baseDd = last(base, 3);
        Integer recover = barsToRecover(marks, scenario.startTs());
        String verdict;
        if (halted || dd > drawdownLimit || disqualified != null) {
            verdict = "breaks";
        } else if (ret < baseRet - tolerance || dd > baseDd + tolerance || recover == null) {
            verdict = "degrades";
        } else {
            verdict = "adapts";
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", scenario.name());
        result.put("agent", agent);
        result.put("verdict", verdict);
        result.put("return", ret);
        result.put("baseline_return", baseRet);
        result.put("max_drawdown", dd);
        result.put("baseline_max_drawdown", baseDd);
        result.put("risk_halts", riskHalts(run, agent));
        result.put("bars_to_recover", recover);
        if (disqualified != null) {
            result.put("disqualified", disqualified);
        }
        return result;
    }

    @Nullable
    static Integer barsToRecover(List<double[]> marks, long start) {
        double level = Double.NaN;
        int firstAfter = -1;
        for (int i = 0; i < marks.size(); i++) {
            if (marks.get(i)[0] <= start) {
                level = marks.get(i)[1];
            } else if (firstAfter < 0) {
                firstAfter = i;
            }
        }
        if (firstAfter < 0) {
            return 0;
        }
        if (Double.isNaN(level)) {
            level = marks.get(firstAfter)[1];
        }
        boolean fell = false;
        for (int i = firstAfter; i < marks.size(); i++) {
            double equity = marks.get(i)[1];
            if (equity < level) {
                fell = true;
            } else if (fell) {
                return i - firstAfter + 1;
            }
        }
        return fell ? null : 0;
    }

    static List<double[]> marks(OutputFolder folder, String agent) throws IOException {
        List<double[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(folder.file("equity.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[1].equals(agent)) {
                out.add(
                        new double[] {
                            Long.parseLong(f[0]),
                            Double.parseDouble(f[2]),
                            Double.parseDouble(f[4]),
                            f[7].isEmpty() ? 0 : Double.parseDouble(f[7]),
                            Boolean.parseBoolean(f[11]) ? 1 : 0
                        });
            }
        }
        return out;
    }

    private static double last(List<double[]> marks, int field) {
        return marks.isEmpty() ? 0.0 : marks.get(marks.size() - 1)[field];
    }

    static int riskHalts(OutputFolder folder, String agent) throws IOException {
        int halts = 0;
        for (String line : Files.readAllLines(folder.file("rejections.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (!n.get("agent").asText().equals(agent)) {
                continue;
            }
            for (JsonNode reason : n.get("reasons")) {
                String r = reason.asText();
                if (r.startsWith("max_drawdown") || r.startsWith("circuit_breaker")) {
                    halts++;
                    break;
                }
            }
        }
        return halts;
    }

    /**
     * The meta-agent's selection: P(best) per arm averaged over the latest belief of every (symbol,
     * regime) at or before {@code ts}, from bandit.jsonl; empty without a meta-agent.
     */
    public static Map<String, Double> selection(OutputFolder folder, long ts) throws IOException {
        Map<String, JsonNode> latest = new TreeMap<>();
        if (!Files.exists(folder.file("bandit.jsonl"))) {
            return Map.of();
        }
        for (String line : Files.readAllLines(folder.file("bandit.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.get("tsEvent").asLong() <= ts) {
                latest.put(n.get("symbol").asText() + '\u0000' + n.get("regime").asText(), n);
            }
        }
        Map<String, double[]> sums = new TreeMap<>();
        for (JsonNode n : latest.values()) {
            for (JsonNode arm : n.get("arms")) {
                double[] s = sums.computeIfAbsent(arm.get("agent").asText(), a -> new double[2]);
                s[0] += arm.get("probabilityBest").asDouble();
                s[1]++;
            }
        }
        Map<String, Double> out = new TreeMap<>();
        sums.forEach((agent, s) -> out.put(agent, Math.round(s[0] / s[1] * 1000) / 1000.0));
        return out;
    }
}
