package io.battleroyale.job;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

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

        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("full/summary.json").toFile());
        assertThat(summary.get("agents")).hasSize(5);
        assertThat(summary.get("run").get("rejected_rows").asLong()).isZero();
    }

    private static Cli backtest(Path prices, Path events, Path out) {
        return Cli.run(
                "backtest",
                "--prices",
                prices.toString(),
                "--events",
                events.toString(),
                "--from",
                "2023-01-01",
                "--warmup-bars",
                "30",
                "--commission-bps",
                "1",
                "--slippage-bps",
                "2",
                "--out",
                out.toString());
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
