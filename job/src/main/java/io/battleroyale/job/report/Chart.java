package io.battleroyale.job.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One chart of report.html: named series over a shared time axis, as uPlot draws them. A series
 * without a value at a time has a gap there. Above {@link #MAX_POINTS} times the chart keeps every
 * k-th time and the last, and says so ({@code original}, {@code step}).
 */
final class Chart {

    /** At most this many points per series reach the page. */
    static final int MAX_POINTS = 2_000;

    private final String title;
    private final String unit;
    // time (epoch ms) -> series index -> value
    private final TreeMap<Long, Map<Integer, Double>> rows = new TreeMap<>();
    private final List<Map<String, Object>> series = new ArrayList<>();
    private final Map<String, Integer> index = new LinkedHashMap<>();

    /**
     * @param unit how the y axis reads: {@code "money"}, {@code "percent"} (values in percent) or
     *     {@code "ratio"}
     */
    Chart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    /** Adds a series (drawn in the order added); {@code dashed} for a reference line. */
    Chart series(String label, boolean dashed) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("label", label);
        s.put("dashed", dashed);
        index.put(label, series.size());
        series.add(s);
        return this;
    }

    /** The value of {@code label} at {@code ts}; a later value at the same time replaces it. */
    void add(String label, long ts, double value) {
        Integer i = index.get(label);
        if (i == null) {
            series(label, false);
            i = index.get(label);
        }
        rows.computeIfAbsent(ts, t -> new TreeMap<>()).put(i, value);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The chart as the page reads it: times in epoch seconds, one value list per series. */
    Map<String, Object> toJson() {
        int original = rows.size();
        int step = original <= MAX_POINTS ? 1 : (original + MAX_POINTS - 2) / (MAX_POINTS - 1);
        List<Double> x = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        series.forEach(s -> values.add(new ArrayList<>()));
        int i = 0;
        for (Map.Entry<Long, Map<Integer, Double>> row : rows.entrySet()) {
            boolean last = i == original - 1;
            if (i++ % step != 0 && !last) {
                continue;
            }
            x.add(row.getKey() / 1000.0);
            for (int s = 0; s < series.size(); s++) {
                Double v = row.getValue().get(s);
                values.get(s).add(v == null || !Double.isFinite(v) ? null : round(v));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            Map<String, Object> copy = new LinkedHashMap<>(series.get(s));
            copy.put("values", values.get(s));
            out.add(copy);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("title", title);
        chart.put("unit", unit);
        chart.put("x", x);
        chart.put("series", out);
        chart.put("points", x.size());
        chart.put("original", original);
        chart.put("step", step);
        return chart;
    }

    /** Six significant digits: plenty for a line, a third of the bytes of a full double. */
    private static double round(double v) {
        if (v == 0) {
            return 0;
        }
        double scale = Math.pow(10, 5 - (int) Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }
}
