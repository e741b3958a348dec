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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The battle over real recordings: daily ETF and crypto bars with Polymarket FOMC probabilities,
 * 2023-2024. Besides running clean, it proves there is no look-ahead: cutting the probability file
 * at a time T changes no decision taken at or before T.
 */
class RealDataBacktestITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    /** 2024-01-31 19:00 UTC: the January 2024 FOMC statement. */
    private static final long CUT = 1706727600000L;

    @TempDir Path tmp;

    @Test
    void futureProbabilitiesNeverReachAnEarlierDecision() throws Exception {
        Path prices = RealData.file("daily-ohlcv-etf-crypto-2021-2026/prices.csv");
        Path events = RealData.file("polymarket-fomc-trades-2023-2025/probabilities.csv");
        Path cutEvents = tmp.resolve("cut.csv");
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            if (kept.isEmpty() || Long.parseLong(line.substring(0, line.indexOf(','))) <= CUT) {
                kept.add(line);
            }
        }
        Files.write(cutEvents, kept);

        Cli full = backtest(prices, events, tmp.resolve("full"));
        Cli cut = backtest(prices, cutEvents, tmp.resolve("cut"));

        assertThat(full.exitCode()).as(full.err()).isZero();
        assertThat(cut.exitCode()).as(cut.err()).isZero();
        assertThat(full.err()).doesNotContain("rejected");
        List<String> fullDecisions = decisionsUpTo(tmp.resolve("full"), CUT);
        assertThat(fullDecisions)
                .as("event-driven decisions on recorded FOMC probabilities")
                .anyMatch(d -> d.contains("\"agent\":\"event\"") && d.contains("FOMC-"));
        assertThat(decisionsUpTo(tmp.resolve("cut"), CUT)).isEqualTo(fullDecisions);
        assertThat(decisionsAfter(tmp.resolve("cut"), CUT))
                .isNotEqualTo(decisionsAfter(tmp.resolve("full"), CUT));

        // the README shows what this command prints today
        Path readme = RealData.repository().resolve("README.md");
        assertThat(Files.readString(readme))
                .as("README.md's real-data leaderboard; update it from this run's output")
                .contains(String.join("\n", leaderboard(full)));
        assertThat(full.err()).doesNotContain("arrived after the bar");
        Cli explain =
                Cli.run(
                        "explain",
                        "event:TLT:1678395600000",
                        "--out",
                        tmp.resolve("full").toString());
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(Files.readString(readme))
                .as("README.md's explain example; update it from this run's output")
                .contains(explain.out().strip());

        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("full/summary.json").toFile());
        assertThat(summary.get("agents")).hasSize(5);
        assertThat(summary.get("run").get("rejected_rows").asLong()).isZero();
        assertThat(summary.get("run").get("late_events").asLong()).isZero();
        assertThat(summary.get("run").get("shift_window").asText()).isEqualTo("1d");
    }

    /** The README's real-data example, word for word but for the output folder. */
    private static Cli backtest(Path prices, Path events, Path out) {
        return Cli.run(
                "backtest",
                "--prices",
                prices.toString(),
                "--events",
                events.toString(),
                "--agents",
                "trend:fast=10,slow=30;meanrev:mode=rsi,period=14,lower=30,upper=70;event;fed;meta",
                "--initial-cash",
                "100000",
                "--commission-bps",
                "1",
                "--slippage-bps",
                "2",
                "--sizing",
                "equity:1.0",
                "--warmup-bars",
                "30",
                "--from",
                "2023-01-01",
                "--out",
                out.toString());
    }

    /** The leaderboard the run printed: from the header to the line before the bandit summary. */
    private static List<String> leaderboard(Cli run) {
        List<String> lines = run.out().lines().toList();
        int from =
                lines.indexOf(
                        lines.stream().filter(l -> l.startsWith("rank")).findFirst().orElseThrow());
        int to = from;
        while (to < lines.size() && !lines.get(to).startsWith("meta-agent")) {
            to++;
        }
        return lines.subList(from, to);
    }

    private static List<String> decisionsUpTo(Path out, long ts) throws Exception {
        return Files.readAllLines(out.resolve("decisions.jsonl")).stream()
                .filter(line -> timestamp(line) <= ts)
                .toList();
    }

    private static List<String> decisionsAfter(Path out, long ts) throws Exception {
        return Files.readAllLines(out.resolve("decisions.jsonl")).stream()
                .filter(line -> timestamp(line) > ts)
                .toList();
    }

    private static long timestamp(String decision) {
        int start = decision.indexOf("\"ts\":") + 5;
        return Long.parseLong(decision.substring(start, decision.indexOf(',', start)));
    }
}
