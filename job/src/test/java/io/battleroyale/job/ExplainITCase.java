package io.battleroyale.job;

import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.annotation.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code battle explain} on a real backtest: the golden prices with one Fed probability surge
 * mapped to AAA, so both a rule agent (trend) and the event agent decide. What it prints must be
 * the decision line's fields, its inputs and its round trip.
 */
class ExplainITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    /**
     * 2024-01-10 12:00 UTC and 13:00 UTC: hike25 surges 0.20 → 0.60 and hike50 0.10 → 0.30 within
     * one AAA bar.
     */
    private static final long TICK1 = 1704888000000L;

    private static final long TICK2 = 1704891600000L;

    @TempDir static Path tmp;

    private static Path out;
    private static Path markets;
    private static final List<JsonNode> DECISIONS = new ArrayList<>();

    @BeforeAll
    static void backtest() throws Exception {
        Path prices = Path.of(ExplainITCase.class.getResource("/golden/prices.csv").toURI());
        Path events = tmp.resolve("probabilities.csv");
        Files.write(
                events,
                List.of(
                        "timestamp,venue,market_id,event_key,yes_probability",
                        TICK1 + ",kalshi,KXFED-24JAN,FOMC-2024-01:hike25,0.20",
                        TICK1 + ",kalshi,KXFED-24JAN-50,FOMC-2024-01:hike50,0.10",
                        TICK2 + ",kalshi,KXFED-24JAN,FOMC-2024-01:hike25,0.60",
                        TICK2 + ",kalshi,KXFED-24JAN-50,FOMC-2024-01:hike50,0.30"));
        markets = tmp.resolve("markets.yaml");
        Files.writeString(
                markets,
                "version: 1\n"
                        + "groups:\n"
                        + "  fed_hike: {match: [\"FOMC-*:hike*\"], symbols: {AAA: -1.0}}\n");
        out = tmp.resolve("out");
        Cli run =
                Cli.run(
                        "backtest",
                        "--prices",
                        prices.toString(),
                        "--events",
                        events.toString(),
                        "--markets",
                        markets.toString(),
                        "--agents",
                        "trend:fast=3,slow=5;event",
                        "--shift-window",
                        "1d",
                        "--parallelism",
                        "2",
                        "--out",
                        out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out.resolve("decisions.jsonl"))) {
            DECISIONS.add(json.readTree(line));
        }
    }

    private static JsonNode first(String agent, @Nullable String outcome) {
        return DECISIONS.stream()
                .filter(d -> d.get("agent").asText().equals(agent))
                .filter(d -> outcome == null || d.get("outcome").asText().equals(outcome))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + agent + " decision " + outcome));
    }

    @Test
    void printsTheDecisionLineItsBarAndItsRoundTrip() {
        JsonNode d = first("trend", "order");
        String id = d.get("id").asText();
        Cli explain = Cli.run("explain", id, "--out", out.toString());

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        List<String> lines = explain.out().lines().toList();
        long ts = d.get("ts").asLong();
        assertThat(lines)
                .startsWith(
                        "decision    " + id,
                        "time        "
                                + Instant.ofEpochMilli(ts)
                                + " (bar "
                                + d.get("bar")
                                + " end)",
                        "agent       trend",
                        "symbol      " + d.get("symbol").asText(),
                        "side        "
                                + d.get("side").asText()
                                + " (confidence "
                                + d.get("confidence").asText()
                                + ")",
                        "outcome     order (client_order_id "
                                + d.get("client_order_id").asText()
                                + ")",
                        "rationale   " + d.get("rationale").asText());
        assertThat(lines)
                .contains(
                        "attribution (score "
                                + d.get("attribution_score").asText()
                                + " = baseline "
                                + d.get("attribution_baseline").asText()
                                + " + the contributions; docs/agents.md)",
                        "  sma_gap  " + d.get("attribution").get("sma_gap").asText());
        // the bar that ended at the decision time, as the prices file has it
        Instant start = Instant.ofEpochMilli(ts - 86_400_000L);
        assertThat(explain.out()).contains("  bar " + d.get("symbol").asText() + " from " + start);
        String order = d.get("client_order_id").asText();
        assertThat(lines)
                .anyMatch(l -> l.startsWith("  order client_order_id=" + order + " "))
                .anyMatch(l -> l.startsWith("  fill client_order_id=" + order + " "))
                .anyMatch(
                        l ->
                                l.startsWith("  trade (entry) ")
                                        && l.contains("entry_decision=" + id));
    }

    @Test
    void showsTheProbabilitiesAndTheAttributionSortedByMagnitude() {
        JsonNode d = first("event", null);
        Cli explain =
                Cli.run(
                        "explain",
                        d.get("id").asText(),
                        "--out",
                        out.toString(),
                        "--markets",
                        markets.toString());

        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(d.get("rationale").asText()).contains("FOMC-2024-01:hike25 0.20→0.60");
        assertThat(explain.out())
                .contains(
                        "    FOMC-2024-01:hike25 (kalshi KXFED-24JAN) sensitivity -1.00: 0.6"
                                + " observed "
                                + Instant.ofEpochMilli(TICK2));
        List<String> rows = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = d.get("attribution").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            rows.add(e.getKey() + "  " + e.getValue().asText());
        }
        assertThat(rows).isNotEmpty();
        List<String> printed =
                explain.out()
                        .lines()
                        .filter(l -> l.startsWith("  FOMC-"))
                        .map(String::strip)
                        .toList();
        assertThat(printed).hasSameSizeAs(rows);
        // -0.40 decided; Shapley splits it -0.30 / -0.10: the bigger first
        assertThat(printed.get(0)).startsWith("FOMC-2024-01:hike25.shift");
        assertThat(rows).contains(printed.get(0).replaceAll(" +", "  "));
        for (int i = 1; i < printed.size(); i++) {
            assertThat(Math.abs(value(printed.get(i))))
                    .isLessThanOrEqualTo(Math.abs(value(printed.get(i - 1))));
        }
    }

    @Test
    void anUnknownIdIsOneLineWithCloseMatches() {
        JsonNode d = first("trend", "order");
        String wrong = d.get("id").asText() + "1";
        Cli explain = Cli.run("explain", wrong, "--out", out.toString());

        assertThat(explain.exitCode()).isEqualTo(2);
        assertThat(explain.out()).isEmpty();
        assertThat(explain.err().lines().toList())
                .singleElement()
                .satisfies(
                        l ->
                                assertThat(l)
                                        .startsWith(
                                                "error: no decision "
                                                        + wrong
                                                        + " in "
                                                        + out.resolve("decisions.jsonl")
                                                        + "; close: ")
                                        .contains(d.get("id").asText()));
        String suggestions =
                explain.err().strip().substring(explain.err().indexOf("; close: ") + 9);
        assertThat(suggestions.split(", ")).hasSizeBetween(1, 3);

        Cli nothingClose = Cli.run("explain", "nobody", "--out", out.toString());
        assertThat(nothingClose.exitCode()).isEqualTo(2);
        assertThat(nothingClose.err().strip())
                .isEqualTo("error: no decision nobody in " + out.resolve("decisions.jsonl"));
    }

    private static double value(String row) {
        return Double.parseDouble(row.substring(row.lastIndexOf(' ') + 1));
    }
}
