package io.battleroyale.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What report.html carries, read back from the JSON block of the page it writes. */
class HtmlReportTest {
    private static final long DAY = 86_400_000L;
    private static final String DATA_OPEN = "<script id=\"data\" type=\"application/json\">";

    @TempDir Path tmp;

    @Test
    void theDataCannotEndItsScriptBlockAndThePageNeedsNoNetwork() throws Exception {
        OutputFolder folder = folder(3);
        String hostile = "</script><script>alert(1)</script> \u2192 BUY";
        Files.writeString(
                folder.file("orders.csv"),
                OutputFormats.ORDERS_HEADER + "\no1,trend,SPY,BUY,10,0,1,100\n");
        Files.writeString(
                folder.file("decisions.jsonl"), decision("trend:SPY:0", "o1", hostile) + "\n");

        String page = Files.readString(HtmlReport.write(folder, "test"));

        assertThat(data(page).at("/decisions/0/top/0/rationale").asText()).isEqualTo(hostile);
        assertThat(page).doesNotContain("</script><script>alert").contains("var uPlot=");
        // nothing loaded from elsewhere: no script or stylesheet by address
        assertThat(page).doesNotContain("<script src").doesNotContain("stylesheet");
    }

    @Test
    void aLongSeriesIsDownsampledKeepingItsLastPointAndSaysFromHowMany() throws Exception {
        OutputFolder folder = folder(5_000);

        JsonNode equity = data(Files.readString(HtmlReport.write(folder, "test"))).get("equity");

        assertThat(equity.get("original").asInt()).isEqualTo(5_000);
        assertThat(equity.get("step").asInt()).isEqualTo(3);
        assertThat(equity.get("points").asInt()).isEqualTo(1_668).isLessThanOrEqualTo(2_000);
        JsonNode x = equity.get("x");
        assertThat(x).hasSize(1_668);
        assertThat(x.get(0).asLong()).isZero();
        assertThat(x.get(1).asLong()).isEqualTo(3 * DAY / 1000);
        assertThat(x.get(x.size() - 1).asLong()).isEqualTo(4_999 * DAY / 1000);
        JsonNode values = equity.at("/series/0/values");
        assertThat(values.get(values.size() - 1).asDouble()).isEqualTo(104_999);
    }

    @Test
    void pBestAveragesEachRegimesSymbolsSoThatItSumsToOne() throws Exception {
        OutputFolder folder = folder(3);
        Files.writeString(
                folder.file("bandit.jsonl"),
                belief("SPY", 1000, "{\"agent\":\"trend\",\"probabilityBest\":1.0}")
                        + belief(
                                "QQQ",
                                2000,
                                "{\"agent\":\"trend\",\"probabilityBest\":0.2},"
                                        + "{\"agent\":\"meanrev\",\"probabilityBest\":0.8}"));

        JsonNode regime = data(Files.readString(HtmlReport.write(folder, "test"))).at("/bandit/0");

        assertThat(regime.get("regime").asText()).isEqualTo("calm/quiet");
        assertThat(regime.get("symbols").asInt()).isEqualTo(2);
        JsonNode chart = regime.get("chart");
        assertThat(chart.get("x")).extracting(JsonNode::asDouble).containsExactly(1.0, 2.0);
        assertThat(chart.at("/series/0/label").asText()).isEqualTo("trend");
        assertThat(chart.at("/series/0/values"))
                .extracting(JsonNode::asDouble)
                .containsExactly(1.0, 0.6);
        assertThat(chart.at("/series/1/label").asText()).isEqualTo("meanrev");
        assertThat(chart.at("/series/1/values/0").isNull()).isTrue();
        assertThat(chart.at("/series/1/values/1").asDouble()).isEqualTo(0.4);
    }

    @Test
    void theBiggestDecisionsAreTheLargestOrdersPerAgent() throws Exception {
        OutputFolder folder = folder(3);
        StringBuilder orders = new StringBuilder(OutputFormats.ORDERS_HEADER + "\n");
        StringBuilder decisions = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            orders.append("o" + i + ",trend,SPY,BUY," + i + ",0,1,100\n");
            decisions.append(decision("trend:SPY:" + i, "o" + i, "why " + i) + "\n");
        }
        decisions.append(decision("trend:SPY:8", null, "no order") + "\n");
        Files.writeString(folder.file("orders.csv"), orders);
        Files.writeString(folder.file("decisions.jsonl"), decisions);

        JsonNode trend =
                data(Files.readString(HtmlReport.write(folder, "test"))).at("/decisions/0");

        assertThat(trend.get("orders").asInt()).isEqualTo(7);
        assertThat(trend.get("top"))
                .extracting(d -> d.get("notional").asDouble())
                .containsExactly(700.0, 600.0, 500.0, 400.0, 300.0);
        assertThat(trend.at("/top/0/attribution/rsi").asDouble()).isEqualTo(0.5);
    }

    /** A folder of one agent, trend, with {@code marks} daily equity rows and nothing else. */
    private OutputFolder folder(int marks) throws IOException {
        OutputFolder folder = new OutputFolder(tmp);
        List<String> equity = new ArrayList<>(List.of(OutputFormats.EQUITY_HEADER));
        for (int i = 0; i < marks; i++) {
            equity.add(i * DAY + ",trend," + (100_000 + i) + ",100000,0,,,0,0,,1,false,0,0");
        }
        Files.write(folder.file("equity.csv"), equity);
        String row = "{\"rank\":1,\"agent\":\"trend\",\"final_equity\":100000}";
        Files.writeString(folder.file("leaderboard.json"), "{\"leaderboard\":[" + row + "]}");
        Files.writeString(
                folder.file("summary.json"),
                "{\"agents\":[" + row + "],\"run\":{\"mode\":\"test\"},\"warnings\":[]}");
        Files.writeString(folder.file("orders.csv"), OutputFormats.ORDERS_HEADER + "\n");
        for (String empty : List.of("decisions.jsonl", "bandit.jsonl", "rejections.jsonl")) {
            Files.writeString(folder.file(empty), "");
        }
        return folder;
    }

    private static String decision(String id, String order, String rationale) {
        return OutputFormats.json(
                new java.util.TreeMap<>(
                        java.util.Map.of(
                                "id",
                                id,
                                "ts",
                                0,
                                "symbol",
                                "SPY",
                                "agent",
                                "trend",
                                "side",
                                "BUY",
                                "confidence",
                                0.5,
                                "client_order_id",
                                order == null ? "" : order,
                                "rationale",
                                rationale,
                                "attribution",
                                java.util.Map.of("rsi", 0.5))));
    }

    private static String belief(String symbol, long ts, String arms) {
        return "{\"symbol\":\""
                + symbol
                + "\",\"regime\":\"calm/quiet\",\"tsEvent\":"
                + ts
                + ",\"arms\":["
                + arms
                + "]}\n";
    }

    /** The page's data block, cut where the browser would end it: at the first {@code </}. */
    private static JsonNode data(String page) throws IOException {
        int start = page.indexOf(DATA_OPEN) + DATA_OPEN.length();
        return OutputFormats.JSON.readTree(page.substring(start, page.indexOf("</", start)));
    }
}
