package io.battleroyale.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.functions.agents.AgentSpecs;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.book.Sizing;
import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.job.report.OutputFolder;
import io.battleroyale.job.report.Report;
import io.battleroyale.model.LeaderboardRow;
import io.battleroyale.model.PriceBar;
import io.battleroyale.operators.arena.ArenaSettings;
import io.battleroyale.operators.join.JoinSettings;
import io.battleroyale.sources.events.EventMap;
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
 * The risk gate and the flash-crash circuit breaker in the real battle graph: a zig-zag market on
 * which a fast trend follower orders on (almost) every bar, with a −6.9% crash on SPY.
 */
class RiskWiringITCase {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z
    private static final long MINUTE = 60_000;
    private static final int BARS = 40;
    private static final int CRASH_BAR = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    @TempDir Path tmp;

    @Test
    void aFlashCrashPausesOrdersForTheCooldownThenTheyResume() throws Exception {
        RiskLimits limits =
                RiskLimits.parse(
                        "circuit_breaker_drop=5%,circuit_breaker_window=5m,"
                                + "circuit_breaker_cooldown=5m");
        OutputFolder out = run(limits);

        long pauseFrom = T0 + (CRASH_BAR + 1) * MINUTE; // the crash bar's end
        long pauseUntil = pauseFrom + 5 * MINUTE;
        List<JsonNode> rejections = lines(out, "rejections.jsonl");
        assertThat(rejections).isNotEmpty();
        for (JsonNode r : rejections) {
            assertThat(r.get("symbol").asText()).as("no pause without a crash").isEqualTo("SPY");
            assertThat(r.get("outcome").asText()).isEqualTo("rejected");
            long ts = r.get("ts").asLong();
            assertThat(ts).isBetween(pauseFrom, pauseUntil - 1);
            assertThat(r.get("reasons")).hasSize(1);
            assertThat(r.get("reasons").get(0).asText())
                    .startsWith("circuit_breaker: SPY paused until " + pauseUntil)
                    .contains("flash crash: SPY fell 6.93%");
        }
        List<JsonNode> spy =
                lines(out, "decisions.jsonl").stream()
                        .filter(d -> d.get("symbol").asText().equals("SPY"))
                        .toList();
        // orders flow before the crash, none while paused, and again after the cool-down
        assertThat(spy)
                .anyMatch(d -> d.get("ts").asLong() < pauseFrom && isOrder(d))
                .noneMatch(
                        d ->
                                d.get("ts").asLong() >= pauseFrom
                                        && d.get("ts").asLong() < pauseUntil
                                        && isOrder(d))
                .anyMatch(d -> d.get("ts").asLong() >= pauseUntil && isOrder(d));
        assertThat(spy.stream().filter(d -> d.get("outcome").asText().equals("rejected")))
                .hasSize(rejections.size());
        // a refused order never fills: no SPY fill at the opens inside the pause
        List<String> fills = Files.readAllLines(out.file("fills.csv"));
        for (String fill : fills.subList(1, fills.size())) {
            String[] f = fill.split(",");
            long ts = Long.parseLong(f[7]);
            if (f[2].equals("SPY")) {
                assertThat(ts > pauseFrom && ts <= pauseUntil).as("SPY fill at %d", ts).isFalse();
            }
        }
    }

    @Test
    void withoutLimitsNothingIsRefusedAndNoCrashDetectorRuns() throws Exception {
        OutputFolder out = run(RiskLimits.none());
        assertThat(Files.readAllLines(out.file("rejections.jsonl"))).isEmpty();
        assertThat(lines(out, "decisions.jsonl"))
                .noneMatch(d -> d.get("outcome").asText().equals("rejected"));
    }

    @Test
    void theDrawdownKillSwitchHaltsTheAgentAndTheLeaderboardSaysSo() throws Exception {
        OutputFolder out = run(RiskLimits.parse("max_drawdown=3%"));
        List<JsonNode> rejections = lines(out, "rejections.jsonl");
        assertThat(rejections).isNotEmpty();
        assertThat(rejections)
                .allMatch(
                        r ->
                                r.get("reasons")
                                        .get(0)
                                        .asText()
                                        .startsWith("max_drawdown: agent trend is halted"));
        List<LeaderboardRow> standings = Report.standings(out, List.of("trend"));
        assertThat(standings).singleElement().matches(LeaderboardRow::halted);
        assertThat(Report.table(standings)).contains("HALTED");
    }

    private static boolean isOrder(JsonNode decision) {
        return decision.get("outcome").asText().equals("order");
    }

    private static List<JsonNode> lines(OutputFolder out, String file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(out.file(file))) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private OutputFolder run(RiskLimits limits) throws Exception {
        OutputFolder out = new OutputFolder(Files.createTempDirectory(tmp, "out"));
        StreamExecutionEnvironment env =
                new LocalFlink(2, "hashmap", null, null, null).environment();
        DataStream<PriceBar> prices =
                env.fromData(bars())
                        .uid("test-prices")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<PriceBar>forMonotonousTimestamps()
                                        .withTimestampAssigner((bar, ts) -> bar.tsEvent()))
                        .uid("test-prices-ts");
        ArenaSettings arena =
                new ArenaSettings(
                        AgentSpecs.parse("trend:fast=1,slow=2"),
                        new ExecutionSettings(100_000, 0, 0, Sizing.parse("equity:1.0"), 0),
                        ArenaSettings.DAILY,
                        limits);
        BattleJob.wire(
                new BattleJob.Inputs(prices, BattleJob.noProbabilities(prices), List.of()),
                out.sinks(),
                new BattleSettings(arena, JoinSettings.DEFAULTS, EventMap.loadDefault()));
        env.execute("risk-wiring");
        return out;
    }

    /** Zig-zag closes (±1%) on SPY and QQQ; SPY crashes −6.93% on bar 20 and zig-zags on. */
    static List<PriceBar> bars() {
        List<PriceBar> bars = new ArrayList<>();
        double spyPrev = 100;
        double qqqPrev = 200;
        for (int i = 0; i < BARS; i++) {
            long ts = T0 + i * MINUTE;
            double spyBase = i < CRASH_BAR ? 100 : 94;
            double spy = spyBase + (i % 2);
            double qqq = 200 + 2 * (i % 2);
            bars.add(bar("SPY", ts, spyPrev, spy));
            bars.add(bar("QQQ", ts, qqqPrev, qqq));
            spyPrev = spy;
            qqqPrev = qqq;
        }
        return bars;
    }

    private static PriceBar bar(String symbol, long ts, double open, double close) {
        return new PriceBar(
                symbol, ts, MINUTE, open, Math.max(open, close), Math.min(open, close), close, 1e4);
    }
}
