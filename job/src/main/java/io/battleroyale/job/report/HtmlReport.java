package io.battleroyale.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.model.PriceBar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code report.html}: one self-contained page per output folder, written from its files after the
 * job ended. The template is a resource; uPlot's JS and CSS come from its WebJar on the classpath
 * and are inlined, the data goes in as JSON, so the page opens from disk without a network.
 */
public final class HtmlReport {

    /** Decisions shown per agent, the largest orders first. */
    static final int TOP_DECISIONS = 5;

    /** Risk rejections listed one by one (all are counted). */
    static final int LISTED_REJECTIONS = 100;

    /** How decisions.jsonl writes a decision's order id (OutputFormats.decision). */
    private static final String ORDER_ID = "\"client_order_id\":\"";

    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";

    private HtmlReport() {}

    /** The report of one run or backtest, from the files in {@code folder}. */
    public static Path write(OutputFolder folder, String title) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "run");
        data.put("title", title);
        JsonNode summary = OutputFormats.JSON.readTree(folder.file("summary.json").toFile());
        data.put("run", summary.get("run"));
        data.put("warnings", summary.get("warnings"));
        data.put(
                "leaderboard",
                OutputFormats.JSON
                        .readTree(folder.file("leaderboard.json").toFile())
                        .get("leaderboard"));
        List<String> agents = new ArrayList<>();
        summary.get("agents").forEach(a -> agents.add(a.get("agent").asText()));
        data.putAll(equity(folder, agents));
        data.put("bandit", bandit(folder));
        data.put("decisions", decisions(folder, agents));
        data.put("rejections", rejections(folder));
        return page(folder.file("report.html"), data);
    }

    /**
     * The report of a stress battery in {@code dir}: stress.json's verdicts and every scenario's
     * price path beside the baseline's, with links to each run's own report.
     *
     * @param baseBars every symbol's bars as the baseline saw them, in time order
     * @param paths scenario -> every symbol's bars as the scenario fed them
     */
    public static Path writeStress(
            Path dir,
            String title,
            Map<String, List<PriceBar>> baseBars,
            Map<String, Map<String, List<PriceBar>>> paths)
            throws IOException {
        JsonNode stress = OutputFormats.JSON.readTree(dir.resolve("stress.json").toFile());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "stress");
        data.put("title", title);
        data.put("stress", stress);
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (JsonNode s : stress.get("scenarios")) {
            String name = s.get("scenario").asText();
            Chart chart = new Chart(name + ": closes / first baseline close", "ratio");
            for (String symbol : baseBars.keySet()) {
                chart.series(symbol, false);
                chart.series(symbol + " baseline", true);
            }
            for (Map.Entry<String, List<PriceBar>> base : baseBars.entrySet()) {
                String symbol = base.getKey();
                double first = base.getValue().get(0).close();
                for (PriceBar b : base.getValue()) {
                    chart.add(symbol + " baseline", b.tsEvent(), b.close() / first);
                }
                for (PriceBar b : paths.get(name).getOrDefault(symbol, List.of())) {
                    chart.add(symbol, b.tsEvent(), b.close() / first);
                }
            }
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("scenario", name);
            scenario.put("formula", s.get("formula").asText());
            scenario.put("start", s.get("start").asLong() / 1000.0);
            scenario.put("end", s.get("end").asLong() / 1000.0);
            scenario.put("chart", chart.toJson());
            scenarios.add(scenario);
        }
        data.put("scenarios", scenarios);
        return page(dir.resolve("report.html"), data);
    }

    /** Equity and drawdown (from its running peak) per agent, per mark period. */
    private static Map<String, Object> equity(OutputFolder folder, List<String> agents)
            throws IOException {
        Chart equity = new Chart("Equity per agent", "money");
        Chart drawdown = new Chart("Drawdown from the running peak", "percent");
        agents.forEach(
                a -> {
                    equity.series(a, false);
                    drawdown.series(a, false);
                });
        Map<String, Double> peaks = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(folder.file("equity.csv"))) {
            in.readLine(); // header: ts,agent,equity,...
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", 4);
                long ts = Long.parseLong(f[0]);
                double value = Double.parseDouble(f[2]);
                double peak = peaks.merge(f[1], value, Math::max);
                equity.add(f[1], ts, value);
                drawdown.add(f[1], ts, peak > 0 ? 100 * (value / peak - 1) : 0);
            }
        }
        return Map.of("equity", equity.toJson(), "drawdown", drawdown.toJson());
    }

    /**
     * Per regime, each arm's P(best) over time: at every bandit.jsonl line of the regime, the
     * latest P(best) of each symbol averaged over the regime's symbols so far (an arm not drawn for
     * a symbol counts 0 there), as the console's trust summary averages them at the end.
     */
    private static List<Map<String, Object>> bandit(OutputFolder folder) throws IOException {
        Path file = folder.file("bandit.jsonl");
        Map<String, Map<String, Map<String, Double>>> latest = new TreeMap<>();
        Map<String, Chart> charts = new TreeMap<>();
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = OutputFormats.JSON.readTree(line);
                    String regime = n.get("regime").asText();
                    Map<String, Double> arms = new HashMap<>();
                    n.get("arms")
                            .forEach(
                                    a ->
                                            arms.put(
                                                    a.get("agent").asText(),
                                                    a.get("probabilityBest").asDouble()));
                    Map<String, Map<String, Double>> symbols =
                            latest.computeIfAbsent(regime, r -> new TreeMap<>());
                    symbols.put(n.get("symbol").asText(), arms);
                    Chart chart =
                            charts.computeIfAbsent(
                                    regime, r -> new Chart("P(best) in regime " + r, "ratio"));
                    Map<String, Double> sum = new TreeMap<>();
                    symbols.values()
                            .forEach(s -> s.forEach((arm, p) -> sum.merge(arm, p, Double::sum)));
                    long ts = n.get("tsEvent").asLong();
                    sum.forEach((arm, p) -> chart.add(arm, ts, p / symbols.size()));
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        charts.forEach(
                (regime, chart) -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("regime", regime);
                    r.put("symbols", latest.get(regime).size());
                    r.put("chart", chart.toJson());
                    out.add(r);
                });
        return out;
    }

    /**
     * Per agent, the decisions that placed the largest orders (notional at the decision bar's
     * close, from orders.csv), with their rationale and attribution.
     */
    private static List<Map<String, Object>> decisions(OutputFolder folder, List<String> agents)
            throws IOException {
        Map<String, Double> notional = new HashMap<>();
        Map<String, String> agentOf = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(folder.file("orders.csv"))) {
            in.readLine(); // client_order_id,agent,symbol,side,quantity,ts,bar,reference_price
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                notional.put(f[0], Double.parseDouble(f[4]) * Double.parseDouble(f[7]));
                agentOf.put(f[0], f[1]);
            }
        }
        Comparator<Map<String, Object>> bySize =
                Comparator.comparingDouble((Map<String, Object> d) -> (double) d.get("notional"))
                        .thenComparing(d -> (String) d.get("id"), Comparator.reverseOrder());
        Map<String, PriorityQueue<Map<String, Object>>> top = new LinkedHashMap<>();
        agents.forEach(a -> top.put(a, new PriorityQueue<>(bySize)));
        Map<String, Long> orders = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(folder.file("decisions.jsonl"))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // the order's id, found without parsing: most decisions place none, and only a
                // candidate for the top is worth parsing (a run has thousands of lines)
                int at = line.indexOf(ORDER_ID);
                String id =
                        at < 0
                                ? null
                                : line.substring(
                                        at + ORDER_ID.length(),
                                        line.indexOf('"', at + ORDER_ID.length()));
                Double size = id == null ? null : notional.get(id);
                if (size == null) {
                    continue;
                }
                String agent = agentOf.get(id);
                orders.merge(agent, 1L, Long::sum);
                PriorityQueue<Map<String, Object>> queue =
                        top.computeIfAbsent(agent, a -> new PriorityQueue<>(bySize));
                if (queue.size() == TOP_DECISIONS && (double) queue.peek().get("notional") > size) {
                    continue;
                }
                JsonNode d = OutputFormats.JSON.readTree(line);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", d.get("id").asText());
                row.put("ts", d.get("ts").asLong());
                row.put("symbol", d.get("symbol").asText());
                row.put("side", d.get("side").asText());
                row.put("notional", size);
                row.put("confidence", d.get("confidence").asDouble());
                row.put("rationale", d.get("rationale").asText());
                row.put("attribution", d.get("attribution"));
                queue.add(row);
                if (queue.size() > TOP_DECISIONS) {
                    queue.poll();
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        top.forEach(
                (agent, queue) -> {
                    List<Map<String, Object>> rows = new ArrayList<>(queue);
                    rows.sort(bySize.reversed());
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("agent", agent);
                    a.put("orders", orders.getOrDefault(agent, 0L));
                    a.put("top", rows);
                    out.add(a);
                });
        return out;
    }

    /** Every refused order counted by agent and rule (the text before a reason's colon). */
    private static Map<String, Object> rejections(OutputFolder folder) throws IOException {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        List<JsonNode> listed = new ArrayList<>();
        long total = 0;
        try (BufferedReader in = Files.newBufferedReader(folder.file("rejections.jsonl"))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r = OutputFormats.JSON.readTree(line);
                total++;
                for (JsonNode reason : r.get("reasons")) {
                    String text = reason.asText();
                    String rule = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
                    counts.computeIfAbsent(r.get("agent").asText(), a -> new TreeMap<>())
                            .merge(rule, 1L, Long::sum);
                }
                if (listed.size() < LISTED_REJECTIONS) {
                    listed.add(r);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total);
        out.put("counts", counts);
        out.put("listed", listed);
        return out;
    }

    /** The template with the library and the data inlined. */
    private static Path page(Path file, Map<String, Object> data) throws IOException {
        String json = OutputFormats.JSON.writeValueAsString(data).replace("</", "<\\/");
        String html =
                resource("report/report.html")
                        .replace("/*UPLOT_CSS*/", library("dist/uPlot.min.css"))
                        .replace("/*UPLOT_JS*/", library("dist/uPlot.iife.min.js"))
                        .replace("\"/*DATA*/\"", json);
        Files.writeString(file, html);
        return file;
    }

    /** A file of the uPlot WebJar, whose version its pom.properties gives. */
    private static String library(String name) {
        Properties pom = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = resource(WEBJAR + pom.getProperty("version") + "/" + name);
        if (text.contains("</")) {
            // would end the inline <script> or <style> early
            throw new IllegalStateException(name + " contains '</': cannot inline it");
        }
        return text;
    }

    private static String resource(String name) {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("not on the classpath: " + name);
        }
        return in;
    }
}
