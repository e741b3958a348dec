package io.battleroyale.job;

import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an agent can act on, through the whole graph at parallelism 2: a signal-only symbol (the
 * event map's {@code signal_only}) is decided on but never traded, and settings that keep an agent
 * from acting are warned about once, on stderr and in summary.json.
 */
class TradabilityITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    /** Groups: rates moves SPY and VIX, fear only VIX, crypto only BTC-USD (no prices). */
    private static final String MAP =
            """
            version: 1
            signal_only: [%s]
            groups:
              rates: {match: ["FED-*"], symbols: {SPY: -1.0, VIX: 0.8}}
              fear: {match: ["FEAR-*"], symbols: {VIX: 1.0}}
              crypto: {match: ["BTC-*"], symbols: {BTC-USD: 1.0}}
            """;

    @TempDir Path tmp;

    private Path prices;
    private Path events;

    @BeforeEach
    void writeInputs() throws Exception {
        // waves that rise first: SMA(2)/SMA(4) crosses down while flat, then up, and so on
        List<String> bars = new ArrayList<>(List.of(DailyBars.HEADER));
        for (int i = 0; i < 60; i++) {
            bars.add(DailyBars.line(i, "QQQ", 350 + 25 * Math.sin(i / 3.5)));
            bars.add(DailyBars.line(i, "SPY", 400 + 20 * Math.sin(i / 3.0)));
            bars.add(DailyBars.line(i, "VIX", 18 + 4 * Math.sin(i / 2.5)));
        }
        prices = Files.write(tmp.resolve("prices.csv"), bars);
        List<String> ticks =
                new ArrayList<>(List.of("timestamp,venue,market_id,event_key,yes_probability"));
        for (int i = 0; i < 10; i++) {
            long ts = DailyBars.START + i * 5 * DailyBars.DAY + 3_600_000L;
            ticks.add(ts + ",kalshi,FED-1,FED-2024:hike," + (0.2 + 0.05 * i));
            ticks.add(ts + ",kalshi,FEAR-1,FEAR-2024:spike," + (0.3 + 0.02 * i));
            ticks.add(ts + ",kalshi,BTC-1,BTC-2024:above," + (0.5 + 0.01 * i));
        }
        events = Files.write(tmp.resolve("events.csv"), ticks);
    }

    @Test
    void aSignalOnlySymbolIsDecidedOnButNeverTraded() throws Exception {
        Cli traded = backtest("traded", "");
        Cli signal = backtest("signal", "VIX");
        assertThat(traded.exitCode()).as(traded.err()).isZero();
        assertThat(signal.exitCode()).as(signal.err()).isZero();

        // without the mark the agent trades VIX: the mark is what keeps it out
        assertThat(lines("traded", "fills.csv")).anyMatch(l -> l.contains(",VIX,"));
        assertThat(lines("traded", "trades.csv")).anyMatch(l -> l.contains(",VIX,"));

        assertThat(lines("signal", "orders.csv")).noneMatch(l -> l.contains(",VIX,"));
        assertThat(lines("signal", "fills.csv")).noneMatch(l -> l.contains(",VIX,"));
        assertThat(lines("signal", "trades.csv")).noneMatch(l -> l.contains(",VIX,"));
        assertThat(lines("signal", "fills.csv")).anyMatch(l -> l.contains(",SPY,"));
        // VIX is still read: its bars reach the agent, which decides on them
        List<String> vixDecisions =
                lines("signal", "decisions.jsonl").stream()
                        .filter(l -> l.contains("\"symbol\":\"VIX\""))
                        .toList();
        assertThat(vixDecisions)
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d).contains("\"outcome\":\"signal-only\""));
        // SPY trades exactly as it did, VIX holds no capital on the leaderboard
        assertThat(only(lines("signal", "trades.csv"), ",SPY,"))
                .isEqualTo(only(lines("traded", "trades.csv"), ",SPY,"));
        JsonNode agent = summary("signal").get("agents").get(0);
        assertThat(agent.get("sleeves").asInt()).isEqualTo(2);
        assertThat(agent.get("capital").asDouble()).isEqualTo(200_000);
        assertThat(summary("traded").get("agents").get(0).get("sleeves").asInt()).isEqualTo(3);
        assertThat(summary("signal").get("run").get("signal_only").get(0).asText())
                .isEqualTo("VIX");
    }

    @Test
    void settingsThatKeepAnAgentFromActingAreWarnedOnce() throws Exception {
        Cli run = backtest("warned", "VIX");
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<String> warnings = run.err().lines().filter(l -> l.startsWith("warning:")).toList();
        long flatSells =
                lines("warned", "decisions.jsonl").stream()
                        .filter(l -> l.contains("\"side\":\"SELL\""))
                        .filter(l -> l.contains("\"outcome\":\"unchanged\""))
                        .count();
        assertThat(flatSells)
                .as("the waves give the long-only agent SELLs while flat")
                .isGreaterThan(1);
        assertThat(warnings)
                .containsExactlyInAnyOrder(
                        String.format(
                                Locale.ROOT,
                                "warning: trend is long-only: %d SELL signals found it flat and"
                                        + " changed nothing (outcome unchanged in"
                                        + " decisions.jsonl); trend:short=true lets a SELL open a"
                                        + " short",
                                flatSells),
                        // VIX, its only symbol, is signal-only
                        "warning: event group fear had 10 probability ticks, but none of its"
                                + " symbols (VIX) is a tradable symbol of the prices: no agent can"
                                + " act on its events",
                        // BTC-USD has no prices
                        "warning: event group crypto had 10 probability ticks, but none of its"
                                + " symbols (BTC-USD) is a tradable symbol of the prices: no agent"
                                + " can act on its events");
        List<String> listed = new ArrayList<>();
        summary("warned").get("warnings").forEach(w -> listed.add("warning: " + w.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(warnings);

        // a short-allowed agent has no flat SELL to warn about; rates reaches SPY: no warning
        Cli shorts = backtest("shorts", "VIX", "trend:fast=2,slow=4,short=true");
        assertThat(shorts.err()).doesNotContain("long-only").doesNotContain("group rates");
    }

    private Cli backtest(String out, String signalOnly) throws Exception {
        return backtest(out, signalOnly, "trend:fast=2,slow=4");
    }

    private Cli backtest(String out, String signalOnly, String agents) throws Exception {
        Path map = Files.writeString(tmp.resolve(out + "-markets.yaml"), MAP.formatted(signalOnly));
        return Cli.run(
                "backtest",
                "--prices",
                prices.toString(),
                "--events",
                events.toString(),
                "--markets",
                map.toString(),
                "--agents",
                agents,
                "--sizing",
                "equity:1.0",
                "--parallelism",
                "2",
                "--out",
                tmp.resolve(out).toString());
    }

    private List<String> lines(String out, String file) throws Exception {
        return Files.readAllLines(tmp.resolve(out).resolve(file));
    }

    private static List<String> only(List<String> rows, String symbol) {
        return rows.stream().filter(r -> r.contains(symbol)).toList();
    }

    private JsonNode summary(String out) throws Exception {
        return new ObjectMapper().readTree(tmp.resolve(out).resolve("summary.json").toFile());
    }
}
