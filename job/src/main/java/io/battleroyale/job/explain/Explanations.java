package io.battleroyale.job.explain;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;

import io.battleroyale.functions.book.Sleeve;
import io.battleroyale.job.Uids;
import io.battleroyale.model.Decision;

import java.util.concurrent.TimeUnit;

/**
 * {@code --explain-with gemini}: a branch off the decisions stream that writes {@code
 * explanations.jsonl}. Nothing on the order, fill or risk path reads from it.
 *
 * @param sink where the explanations go (one file, parallelism 1)
 */
public record Explanations(Sink<Explanation> sink, GeminiSettings settings) {

    /** The accumulator of explanations per outcome, for summary.json. */
    public static final String COUNTS = OutcomeCounts.COUNTS;

    /** Calls in flight per subtask; the rate limit keeps far fewer than this outstanding. */
    static final int CAPACITY = 100;

    /** Flink's own deadline, a backstop behind the HTTP client's timeout. */
    static final long GRACE_MS = 5_000;

    public void wire(DataStream<Decision> decisions) {
        DataStream<Decision> chosen =
                settings.allDecisions()
                        ? decisions
                        : decisions
                                .filter(d -> Sleeve.ORDER.equals(d.outcome()))
                                .uid(Uids.EXPLAIN_FILTER)
                                .name("decisions that became orders");
        // unordered: a slow call does not hold back the ones after it; the file sink writes in
        // event-time order anyway, so the file does not depend on the order of the answers
        AsyncDataStream.unorderedWait(
                        chosen,
                        new GeminiExplainer(settings),
                        settings.timeout().toMillis() + GRACE_MS,
                        TimeUnit.MILLISECONDS,
                        CAPACITY)
                .uid(Uids.EXPLAINER)
                .name("gemini explanations")
                .map(new OutcomeCounts())
                .uid(Uids.EXPLANATION_COUNTS)
                .name("explanation counts")
                .sinkTo(sink)
                .uid(Uids.EXPLANATIONS_SINK)
                .name("explanations")
                .setParallelism(1);
    }
}
