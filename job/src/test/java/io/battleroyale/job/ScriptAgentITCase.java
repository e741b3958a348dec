package io.battleroyale.job;

import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Script agents in a backtest at parallelism 2: a good one trades and is ranked, hostile ones are
 * disqualified with their reasons in summary.json, leaderboard.json and the console table, and the
 * built-in agent beside them trades exactly as it does alone.
 */
class ScriptAgentITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    @TempDir Path tmp;

    @Test
    void scriptAgentsCompeteAndHostileOnesAreDisqualified() throws Exception {
        List<String> bars = new ArrayList<>(List.of(DailyBars.HEADER));
        for (int i = 0; i < 80; i++) {
            bars.add(DailyBars.line(i, "QQQ", 350 + 25 * Math.sin(i / 3.5)));
            bars.add(DailyBars.line(i, "SPY", 400 + 20 * Math.sin(i / 3.0)));
        }
        Path prices = Files.write(tmp.resolve("prices.csv"), bars);
        Path sma = Path.of("../docs/examples/sma.js").toAbsolutePath();
        Path boom =
                script(
                        "boom",
                        "if (m.bar === 30) throw new Error('boom');"
                                + " return {action: m.bar % 2 ? 'BUY' : 'SELL', confidence: 0.5};");
        Path escape = script("escape", "return {action: String(Java.type('java.io.File'))};");
        Path tamper =
                script(
                        "tamper",
                        "Object.prototype.close = -1; Array.prototype.push = null;"
                                + " try { m.close = -1; } catch (x) {}"
                                + " store.n = (store.n || 0) + 1;"
                                + " return {action: 'BUY', confidence: 0.5, reason: 'call ' +"
                                + " store.n};");
        Path spin = script("spin", "while (true) {}");
        String hostile =
                "script:file="
                        + boom
                        + ";script:file="
                        + escape
                        + ";script:file="
                        + tamper
                        + ";script:file="
                        + spin;

        Cli alone = backtest(prices, "alone", "trend:fast=2,slow=4");
        Cli battle =
                backtest(
                        prices,
                        "battle",
                        "script:file=" + sma + ";trend:fast=2,slow=4;" + hostile + ";meta");
        assertThat(alone.exitCode()).as(alone.err()).isZero();
        assertThat(battle.exitCode()).as(battle.err()).isZero();

        Map<String, JsonNode> rows = rows("battle", "summary.json", "agents");
        assertThat(rows.get("sma").get("trades").asInt())
                .as(battle.out() + battle.err())
                .isPositive();
        assertThat(rows.get("sma").has("disqualified")).isFalse();
        assertThat(rows.get("tamper").has("disqualified")).isFalse();
        assertThat(rows.get("boom").get("disqualified").asText()).isEqualTo("threw Error: boom");
        assertThat(rows.get("escape").get("disqualified").asText())
                .contains("host class java.io.File is not allowed");
        assertThat(rows.get("spin").get("disqualified").asText())
                .isEqualTo("ran more than 100000 statements in one call");
        Map<String, JsonNode> board = rows("battle", "leaderboard.json", "leaderboard");
        assertThat(board.get("boom").get("disqualified").asText()).isEqualTo("threw Error: boom");
        assertThat(battle.out()).contains("DISQUALIFIED: threw Error: boom");
        assertThat(battle.err()).contains("warning: boom was disqualified: threw Error: boom");

        // a disqualified agent decides nothing from its failing bar on
        List<String> decisions = lines("battle", "decisions.jsonl");
        assertThat(decisions)
                .filteredOn(d -> d.contains("\"agent\":\"boom\""))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(bar(d)).isLessThan(30));
        // the tampering agent's store counts its calls per symbol, one per bar
        assertThat(decisions)
                .filteredOn(d -> d.contains("\"agent\":\"tamper\""))
                .anyMatch(d -> d.contains("\"rationale\":\"call 80\""));
        // nothing the hostile agents did reached trend: its trades are those of trend alone
        assertThat(agentRows(lines("battle", "trades.csv"), "trend"))
                .isNotEmpty()
                .isEqualTo(agentRows(lines("alone", "trades.csv"), "trend"));
    }

    @Test
    void aStressBatteryJudgesADisqualifiedScriptAsBrokenWithItsReason() throws Exception {
        List<String> bars = new ArrayList<>(List.of(DailyBars.HEADER));
        for (int i = 0; i < 120; i++) {
            bars.add(DailyBars.line(i, "SPY", 400 + 20 * Math.sin(i / 3.0)));
        }
        Path prices = Files.write(tmp.resolve("stress-prices.csv"), bars);
        Path boom =
                script(
                        "boom",
                        "if (m.bar === 30) throw new Error('boom');"
                                + " return {action: m.bar % 2 ? 'BUY' : 'SELL', confidence: 0.5};");
        Cli stress =
                Cli.run(
                        "stress",
                        "--scenarios",
                        "flash_crash",
                        "--prices",
                        prices.toString(),
                        "--agents",
                        "trend:fast=2,slow=4;script:file=" + boom,
                        "--out",
                        tmp.resolve("stress").toString());
        assertThat(stress.exitCode()).as(stress.err()).isZero();

        JsonNode results =
                new ObjectMapper()
                        .readTree(tmp.resolve("stress/stress.json").toFile())
                        .get("results");
        JsonNode judged = null;
        for (JsonNode r : results) {
            if (r.get("agent").asText().equals("boom")) {
                judged = r;
            }
        }
        assertThat(judged).as(results.toString()).isNotNull();
        assertThat(judged.get("verdict").asText()).isEqualTo("breaks");
        assertThat(judged.get("disqualified").asText()).isEqualTo("threw Error: boom");
    }

    private Path script(String name, String body) throws Exception {
        return Files.writeString(
                tmp.resolve(name + ".js"), "function generateSignal(m, e) { " + body + " }\n");
    }

    private Cli backtest(Path prices, String out, String agents) {
        return Cli.run(
                "backtest",
                "--prices",
                prices.toString(),
                "--agents",
                agents,
                "--parallelism",
                "2",
                "--out",
                tmp.resolve(out).toString());
    }

    private static long bar(String decision) {
        int at = decision.indexOf("\"bar\":") + 6;
        return Long.parseLong(decision.substring(at, decision.indexOf(',', at)));
    }

    private static List<String> agentRows(List<String> rows, String agent) {
        return rows.stream().filter(r -> r.startsWith(agent + ",")).sorted().toList();
    }

    private List<String> lines(String out, String file) throws Exception {
        return Files.readAllLines(tmp.resolve(out).resolve(file));
    }

    private Map<String, JsonNode> rows(String out, String file, String field) throws Exception {
        JsonNode root = new ObjectMapper().readTree(tmp.resolve(out).resolve(file).toFile());
        Map<String, JsonNode> rows = new HashMap<>();
        root.get(field).forEach(r -> rows.put(r.get("agent").asText(), r));
        return rows;
    }
}
