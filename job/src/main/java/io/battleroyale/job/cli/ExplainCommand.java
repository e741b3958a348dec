package io.battleroyale.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.model.bounds.Durations;
import io.battleroyale.model.bounds.Refusals;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.events.Exposure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code battle explain ID --out DIR}: one decision of a finished run, read back from its output
 * folder, with the bar and probabilities it saw (when the run's input files are still there) and
 * the orders, fills and round trips it led to.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explains one decision of a run from its output folder: when and what was decided,"
                    + " the rationale, the attribution table (sorted by |value|, with the score"
                    + " and the baseline it is measured from; docs/agents.md), the bar and the"
                    + " event probabilities it saw, and the order, fill and round trips it led to.",
            "Decision ids are agent:symbol:bar-end-ms, as in decisions.jsonl and in trades.csv's"
                    + " entry_decision / exit_decision.",
            "",
            "Example: ./battle explain event:TLT:1678395600000 --out out/real",
            ""
        },
        footer = {
            "",
            "The bar and probabilities come from the files summary.json names (prices_path,"
                    + " events_path), or from --prices / --events; when they cannot be read the"
                    + " rest is still printed. An unknown id exits 2 and names up to 3 close ids."
        })
final class ExplainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Probabilities listed per decision; the rest is counted. */
    private static final int MAX_MARKETS = 8;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DECISION_ID", description = "agent:symbol:ts")
    String id;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The run's output folder (with decisions.jsonl).")
    Path out;

    @Option(
            names = "--prices",
            paramLabel = "FILE",
            description = "Prices file of the run. Default: summary.json's prices_path.")
    @Nullable
    Path prices;

    @Option(
            names = "--events",
            paramLabel = "FILE",
            description = "Probabilities file of the run. Default: summary.json's events_path.")
    @Nullable
    Path events;

    @Option(
            names = "--markets",
            paramLabel = "FILE",
            description = "Event map of the run (markets.yaml). Default: the bundled map.")
    @Nullable
    Path markets;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Path decisions = out.resolve("decisions.jsonl");
        if (!Files.isRegularFile(decisions)) {
            throw new IllegalArgumentException(
                    "no decisions.jsonl in " + out + " (--out must be a run's output folder)");
        }
        JsonNode d = find(decisions);
        if (d == null) {
            List<String> close = closeMatches(decisions);
            spec.commandLine()
                    .getErr()
                    .println(
                            "error: no decision "
                                    + id
                                    + " in "
                                    + decisions
                                    + (close.isEmpty()
                                            ? ""
                                            : "; close: " + String.join(", ", close)));
            return Refusals.BAD_INPUT;
        }
        long ts = d.get("ts").asLong();
        String symbol = d.get("symbol").asText();
        String order = d.path("client_order_id").asText("");
        if (d.path("client_order_id").isNull()) {
            order = "";
        }
        o.println("decision    " + d.get("id").asText());
        o.println("time        " + Instant.ofEpochMilli(ts) + " (bar " + d.get("bar") + " end)");
        o.println("agent       " + d.get("agent").asText());
        o.println("symbol      " + symbol);
        o.println(
                "side        "
                        + d.get("side").asText()
                        + " (confidence "
                        + number(d.get("confidence"))
                        + ")");
        o.println(
                "outcome     "
                        + d.get("outcome").asText()
                        + (order.isEmpty() ? "" : " (client_order_id " + order + ")"));
        o.println("rationale   " + d.get("rationale").asText());
        o.println();
        attribution(o, d);
        o.println();
        JsonNode run = run();
        inputs(o, run, symbol, ts);
        o.println();
        outcome(o, d.get("id").asText(), order);
        return 0;
    }

    @Nullable
    private JsonNode find(Path decisions) throws IOException {
        String needle = "\"id\":" + JSON.writeValueAsString(id) + ",";
        try (BufferedReader in = Files.newBufferedReader(decisions)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("{" + needle)) {
                    return JSON.readTree(line);
                }
            }
        }
        return null;
    }

    /**
     * Up to 3 ids like the asked one: of the same agent and symbol, the nearest bars; otherwise ids
     * at most 3 edits away.
     */
    private List<String> closeMatches(Path decisions) throws IOException {
        List<String> ids = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(decisions)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int start = line.indexOf("\"id\":\"");
                if (start >= 0) {
                    ids.add(line.substring(start + 6, line.indexOf('"', start + 6)));
                }
            }
        }
        int cut = id.lastIndexOf(':');
        String prefix = cut > 0 ? id.substring(0, cut + 1) : null;
        Long ts = cut > 0 ? parseLong(id.substring(cut + 1)) : null;
        List<String> same = new ArrayList<>();
        if (ts != null) {
            for (String candidate : ids) {
                if (candidate.startsWith(prefix)
                        && parseLong(candidate.substring(prefix.length())) != null) {
                    same.add(candidate);
                }
            }
        }
        if (!same.isEmpty()) {
            long at = ts;
            same.sort(
                    Comparator.comparingLong(
                                    (String c) ->
                                            Math.abs(parseLong(c.substring(prefix.length())) - at))
                            .thenComparing(Comparator.naturalOrder()));
            return same.subList(0, Math.min(3, same.size()));
        }
        Map<String, Integer> distance = new HashMap<>();
        for (String candidate : ids) {
            int dist = editDistance(id, candidate);
            if (dist <= 3) {
                distance.put(candidate, dist);
            }
        }
        return distance.keySet().stream()
                .sorted(
                        Comparator.comparingInt((String c) -> distance.get(c))
                                .thenComparing(Comparator.naturalOrder()))
                .limit(3)
                .toList();
    }

    @Nullable
    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** The attribution sorted by |value|, then name, with the score it decomposes. */
    private static void attribution(PrintWriter o, JsonNode d) {
        JsonNode score = d.path("attribution_score");
        JsonNode baseline = d.path("attribution_baseline");
        o.println(
                "attribution (score "
                        + number(score)
                        + " = baseline "
                        + number(baseline)
                        + " + the contributions; docs/agents.md)");
        List<Map.Entry<String, JsonNode>> rows = new ArrayList<>();
        d.path("attribution").fields().forEachRemaining(rows::add);
        rows.sort(
                Comparator.comparingDouble(
                                (Map.Entry<String, JsonNode> e) ->
                                        -Math.abs(e.getValue().asDouble()))
                        .thenComparing(Map.Entry::getKey));
        int width = "factor".length();
        for (Map.Entry<String, JsonNode> e : rows) {
            width = Math.max(width, e.getKey().length());
        }
        o.println("  " + pad("factor", width) + "  contribution");
        for (Map.Entry<String, JsonNode> e : rows) {
            o.println("  " + pad(e.getKey(), width) + "  " + number(e.getValue()));
        }
        if (rows.isEmpty()) {
            o.println("  (none)");
        }
    }

    private JsonNode run() {
        Path summary = out.resolve("summary.json");
        try {
            return Files.isRegularFile(summary)
                    ? JSON.readTree(summary.toFile()).path("run")
                    : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    @Nullable
    private Path input(@Nullable Path given, JsonNode run, String key) {
        if (given != null) {
            return given;
        }
        JsonNode path = run.path(key);
        return path.isTextual() ? Path.of(path.asText()) : null;
    }

    /** The bar it decided on and the probabilities of the symbol's markets, from the inputs. */
    private void inputs(PrintWriter o, JsonNode run, String symbol, long ts) {
        Path pricesFile = input(prices, run, "prices_path");
        o.println("inputs");
        if (pricesFile == null) {
            o.println(
                    "  bar: not kept (the run's market was not a file: "
                            + run.path("market").asText(run.path("mode").asText("?"))
                            + "); with a prices file, pass --prices");
        } else if (!Files.isRegularFile(pricesFile)) {
            o.println("  bar: prices file not found (" + pricesFile + "); pass --prices");
        } else {
            String[] bar = bar(pricesFile, symbol, ts);
            o.println(
                    bar == null
                            ? "  bar: no " + symbol + " bar before " + Instant.ofEpochMilli(ts)
                            : String.format(
                                    Locale.ROOT,
                                    "  bar %s from %s: open %s high %s low %s close %s volume %s",
                                    symbol,
                                    Instant.ofEpochMilli(Long.parseLong(bar[0])),
                                    bar[2],
                                    bar[3],
                                    bar[4],
                                    bar[5],
                                    bar[6]));
        }
        Path eventsFile = input(events, run, "events_path");
        if (eventsFile == null) {
            o.println("  probabilities: the run had no events file");
            return;
        }
        if (!Files.isRegularFile(eventsFile)) {
            o.println("  probabilities: events file not found (" + eventsFile + "); pass --events");
            return;
        }
        EventMap map = markets == null ? EventMap.loadDefault() : EventMap.load(markets);
        long window = -1;
        if (run.path("shift_window").isTextual()) {
            window = Durations.parse("shift_window", run.get("shift_window").asText()).toMillis();
        }
        probabilities(o, eventsFile, map, symbol, ts, window);
    }

    /** The row of the last bar of {@code symbol} starting before {@code ts}: the decided one. */
    @Nullable
    private static String[] bar(Path file, String symbol, long ts) {
        String[] best = null;
        long bestStart = Long.MIN_VALUE;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length < 7 || !f[1].equals(symbol)) {
                    continue;
                }
                Long start = parseLong(f[0]);
                if (start != null && start < ts && start > bestStart) {
                    best = f;
                    bestStart = start;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return best;
    }

    /** One market of the events file as seen at the decision. */
    private static final class Market {
        String eventKey;
        double sensitivity;
        double probability = Double.NaN;
        long observed = Long.MIN_VALUE;
        double before = Double.NaN;
        long beforeObserved = Long.MIN_VALUE;
    }

    private static void probabilities(
            PrintWriter o, Path file, EventMap map, String symbol, long ts, long window) {
        Map<String, Market> markets = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            List<String> columns = header == null ? List.of() : List.of(header.split(","));
            int tsAt = columns.indexOf("timestamp");
            int venueAt = columns.indexOf("venue");
            int marketAt = columns.indexOf("market_id");
            int keyAt = columns.indexOf("event_key");
            int probAt = columns.indexOf("yes_probability");
            if (tsAt < 0 || venueAt < 0 || marketAt < 0 || keyAt < 0 || probAt < 0) {
                o.println("  probabilities: " + file + " has no recorded-probabilities header");
                return;
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length != columns.size()) {
                    continue;
                }
                Long at = parseLong(f[tsAt]);
                if (at == null || at > ts) {
                    continue;
                }
                String name = f[venueAt] + " " + f[marketAt];
                Market m = markets.get(name);
                if (m == null) {
                    Double sensitivity = sensitivity(map, f[keyAt], symbol);
                    if (sensitivity == null) {
                        continue;
                    }
                    m = new Market();
                    m.eventKey = f[keyAt];
                    m.sensitivity = sensitivity;
                    markets.put(name, m);
                }
                double p;
                try {
                    p = Double.parseDouble(f[probAt]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (at >= m.observed) {
                    m.probability = p;
                    m.observed = at;
                }
                if (window >= 0 && at <= ts - window && at >= m.beforeObserved) {
                    m.before = p;
                    m.beforeObserved = at;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map.Entry<String, Market>> seen = new ArrayList<>(markets.entrySet());
        seen.sort(
                Comparator.comparingLong((Map.Entry<String, Market> e) -> -e.getValue().observed)
                        .thenComparing(Map.Entry::getKey));
        o.println(
                "  probabilities of "
                        + symbol
                        + "'s markets at or before the decision (latest first, "
                        + file.getFileName()
                        + ")"
                        + (window >= 0
                                ? "; before = one shift window ("
                                        + Durations.format(java.time.Duration.ofMillis(window))
                                        + ") earlier"
                                : ""));
        if (seen.isEmpty()) {
            o.println("    (none)");
        }
        for (int i = 0; i < Math.min(MAX_MARKETS, seen.size()); i++) {
            Market m = seen.get(i).getValue();
            o.println(
                    String.format(
                            Locale.ROOT,
                            "    %s (%s) sensitivity %+.2f: %s observed %s%s",
                            m.eventKey,
                            seen.get(i).getKey(),
                            m.sensitivity,
                            m.probability,
                            Instant.ofEpochMilli(m.observed),
                            Double.isNaN(m.before) ? "" : ", before " + m.before));
        }
        if (seen.size() > MAX_MARKETS) {
            o.println("    … " + (seen.size() - MAX_MARKETS) + " older markets");
        }
    }

    @Nullable
    private static Double sensitivity(EventMap map, String eventKey, String symbol) {
        for (Exposure e : map.exposures(eventKey)) {
            if (e.symbol().equals(symbol)) {
                return e.sensitivity();
            }
        }
        return null;
    }

    /** The order, fill and round trips the decision led to. */
    private void outcome(PrintWriter o, String decision, String order) throws IOException {
        o.println("what became of it");
        boolean any = false;
        if (!order.isEmpty()) {
            any |= rows(o, "order", out.resolve("orders.csv"), 0, order);
            any |= rows(o, "fill", out.resolve("fills.csv"), 0, order);
        }
        Path trades = out.resolve("trades.csv");
        any |= rows(o, "trade (entry)", trades, 8, decision);
        any |= rows(o, "trade (exit)", trades, 9, decision);
        if (!any) {
            o.println("  no order, fill or round trip");
        }
    }

    /** Prints the rows of a CSV whose {@code column} is {@code value}, field by field. */
    private static boolean rows(PrintWriter o, String label, Path file, int column, String value)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        boolean found = false;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String[] header = in.readLine().split(",");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length > column && f[column].equals(value)) {
                    StringBuilder sb = new StringBuilder("  ").append(label).append(' ');
                    for (int i = 0; i < Math.min(header.length, f.length); i++) {
                        sb.append(i == 0 ? "" : " ").append(header[i]).append('=').append(f[i]);
                    }
                    o.println(sb);
                    found = true;
                }
            }
        }
        return found;
    }

    private static String number(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "n/a" : n.asText();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
