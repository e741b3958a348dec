package io.battleroyale.job.explain;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import io.battleroyale.operators.counts.NameCounts;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts explanations by outcome, passing them on: in the {@link #COUNTS} accumulator (its totals
 * go to summary.json) and as metrics of the {@code explanations} group ({@code gemini}, {@code
 * gemini_cached}, {@code rules_timeout}, {@code rules_http_429}, …).
 */
final class OutcomeCounts extends RichMapFunction<Explanation, Explanation> {
    private static final long serialVersionUID = 1L;

    /** The accumulator: explanations per outcome. */
    static final String COUNTS = "explanations";

    private transient NameCounts counts;
    private transient MetricGroup metrics;
    private transient Map<String, Counter> counters;

    @Override
    public void open(OpenContext openContext) {
        counts = NameCounts.of(getRuntimeContext(), COUNTS);
        metrics = getRuntimeContext().getMetricGroup().addGroup("explanations");
        counters = new HashMap<>();
    }

    @Override
    public Explanation map(Explanation e) {
        counts.add(e.outcome());
        counters.computeIfAbsent(e.outcome(), metrics::counter).inc();
        return e;
    }
}
