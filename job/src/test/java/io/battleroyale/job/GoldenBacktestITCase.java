package io.battleroyale.job;

import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backtest whose every trade was worked out independently: {@code golden/expected.py} computes
 * them from DESIGN.md's conventions without sharing code with the engine (the rows below are its
 * output). Two symbols, SMA(3)/SMA(5) crossovers including a zero-difference tie, 10 bps
 * commission, 5 bps slippage, all-in sizing, next-bar-open fills, an open position at the end.
 */
class GoldenBacktestITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    /** python3 expected.py prices.csv 3 5 10 5 10000 */
    private static final List<String> EXPECTED =
            List.of(
                    "trend,AAA,1705449600000,11.505749999999999,1705968000000,10.49475,868.2623896755962,-896.915482666085",
                    "trend,AAA,1706400000000,12.50625,,,727.1556643124125,1804.2504473522717",
                    "trend,BBB,1704758400000,49.52475,1705276800000,48.475750000000005,201.71752487412843,-231.37010188938618",
                    "trend,BBB,1705795200000,49.52475,1706400000000,49.47525,197.05038444582823,-29.261982090204462");

    /** python3 expected.py prices.csv 3 5 10 5 10000 12 */
    private static final List<String> EXPECTED_WARMUP_12 =
            List.of(
                    "trend,AAA,1705449600000,11.505749999999999,1705968000000,10.49475,868.2623896755962,-896.915482666085",
                    "trend,AAA,1706400000000,12.50625,,,727.1556643124125,1804.2504473522717",
                    "trend,BBB,1705795200000,49.52475,1706400000000,49.47525,201.71752487412843,-29.95505244380702");

    @TempDir Path tmp;

    @Test
    void tradesMatchTheIndependentComputation() throws Exception {
        Cli cli = backtest(tmp.resolve("out"));

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertSameTrades(tmp.resolve("out/trades.csv"), EXPECTED);
        JsonNode trend = agent(tmp.resolve("out/summary.json"), "trend");
        assertThat(trend.get("final_equity").asDouble())
                .isEqualTo(10907.334964686184 + 9739.36791602041);
        assertThat(trend.get("trades").asInt()).isEqualTo(3);
        // the AAA position still open: its pnl at the last close, as expected.py marks it
        assertThat(trend.get("open_positions").asInt()).isEqualTo(1);
        assertThat(trend.get("unrealized_pnl").asDouble()).isEqualTo(1804.2504473522717);
        assertThat(cli.out())
                .contains("closed win rate  open   unrealised")
                .contains("closed: round trips (entry and exit filled)");
    }

    @Test
    void everyTradeNamesTheDecisionsThatOpenedAndClosedIt() throws Exception {
        Cli cli = backtest(tmp.resolve("ids"));
        assertThat(cli.exitCode()).as(cli.err()).isZero();

        Map<String, JsonNode> decisions = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(tmp.resolve("ids/decisions.jsonl"))) {
            JsonNode d = json.readTree(line);
            assertThat(decisions.put(d.get("id").asText(), d)).as("ids are unique").isNull();
        }
        Map<String, Long> fillTs = new HashMap<>();
        List<String> fills = Files.readAllLines(tmp.resolve("ids/fills.csv"));
        for (String fill : fills.subList(1, fills.size())) {
            String[] f = fill.split(",");
            fillTs.put(f[0], Long.parseLong(f[7]));
        }
        List<String> trades = Files.readAllLines(tmp.resolve("ids/trades.csv"));
        assertThat(trades).hasSize(EXPECTED.size() + 1);
        for (String trade : trades.subList(1, trades.size())) {
            String[] t = trade.split(",", -1);
            JsonNode entry = decisions.get(t[8]);
            assertThat(entry).as("entry decision %s of %s", t[8], trade).isNotNull();
            assertThat(entry.get("side").asText()).isEqualTo("BUY");
            assertThat(entry.get("symbol").asText()).isEqualTo(t[1]);
            // the decision's order filled at the trade's entry
            assertThat(fillTs.get(entry.get("client_order_id").asText()))
                    .isEqualTo(Long.parseLong(t[2]));
            if (t[4].isEmpty()) {
                assertThat(t[9]).as("an open position has no exit decision").isEmpty();
                continue;
            }
            JsonNode exit = decisions.get(t[9]);
            assertThat(exit).as("exit decision %s of %s", t[9], trade).isNotNull();
            assertThat(exit.get("side").asText()).isEqualTo("SELL");
            assertThat(fillTs.get(exit.get("client_order_id").asText()))
                    .isEqualTo(Long.parseLong(t[4]));
        }
    }

    @Test
    void warmUpIgnoresDecisionsBeforeBarN() throws Exception {
        Cli cli = backtest(tmp.resolve("warm"), "--warmup-bars", "12");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertSameTrades(tmp.resolve("warm/trades.csv"), EXPECTED_WARMUP_12);
        assertThat(agent(tmp.resolve("warm/summary.json"), "trend").get("final_equity").asDouble())
                .isEqualTo(10907.334964686184 + 9970.044947556193);
    }

    private static Cli backtest(Path out, String... extra) throws URISyntaxException {
        Path prices = Path.of(GoldenBacktestITCase.class.getResource("/golden/prices.csv").toURI());
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "backtest",
                                "--prices",
                                prices.toString(),
                                "--agents",
                                "trend:fast=3,slow=5",
                                "--initial-cash",
                                "10000",
                                "--commission-bps",
                                "10",
                                "--slippage-bps",
                                "5",
                                "--sizing",
                                "equity:1.0",
                                "--parallelism",
                                "2",
                                "--out",
                                out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Same rows, with every number read back to the identical double. */
    private static void assertSameTrades(Path file, List<String> expected) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0))
                .isEqualTo(
                        "agent,symbol,entry_ts,entry_price,exit_ts,exit_price,quantity,pnl,"
                                + "entry_decision,exit_decision");
        // the numbers; the decision ids are checked on their own
        List<String> rows =
                lines.subList(1, lines.size()).stream()
                        .map(r -> r.substring(0, r.lastIndexOf(',', r.lastIndexOf(',') - 1)))
                        .toList();
        assertThat(rows.stream().map(GoldenBacktestITCase::canonical).sorted().toList())
                .isEqualTo(
                        expected.stream().map(GoldenBacktestITCase::canonical).sorted().toList());
    }

    private static String canonical(String row) {
        String[] f = row.split(",", -1);
        StringBuilder out = new StringBuilder(f[0] + "," + f[1]);
        for (int i = 2; i < f.length; i++) {
            out.append(',').append(f[i].isEmpty() ? "" : Double.toString(Double.parseDouble(f[i])));
        }
        return out.toString();
    }

    private static JsonNode agent(Path summary, String name) throws Exception {
        for (JsonNode agent : new ObjectMapper().readTree(summary.toFile()).get("agents")) {
            if (agent.get("agent").asText().equals(name)) {
                return agent;
            }
        }
        throw new AssertionError("no agent " + name + " in " + summary);
    }
}
