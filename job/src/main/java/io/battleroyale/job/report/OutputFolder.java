package io.battleroyale.job.report;

import org.apache.flink.api.connector.sink2.Sink;

import io.battleroyale.job.BattleJob;
import io.battleroyale.job.explain.Explanation;
import io.battleroyale.operators.sinks.OrderedFileSink;

import java.nio.file.Path;

/**
 * The files a run writes, all in one folder.
 *
 * <ul>
 *   <li>{@code decisions.jsonl}: every signal with its rationale, attribution and outcome
 *   <li>{@code trades.csv}: one row per round trip (open positions at the end have no exit)
 *   <li>{@code fills.csv}, {@code orders.csv}: every order and its execution
 *   <li>{@code equity.csv}: every agent's standing at the end of every mark period
 *   <li>{@code bandit.jsonl}: the meta-agent's beliefs over time
 *   <li>{@code rejected.csv}: input refused at the boundary, with file, line and reason
 *   <li>{@code rejections.jsonl}: orders the risk gate refused, with the decision and every failed
 *       rule
 *   <li>{@code explanations.jsonl}: decisions in words ({@code --explain-with gemini} only)
 *   <li>{@code leaderboard.json}, {@code summary.json}: written by {@link Report} after the run
 * </ul>
 */
public record OutputFolder(Path dir) {

    public Path file(String name) {
        return dir.resolve(name);
    }

    public BattleJob.Outputs sinks() {
        return new BattleJob.Outputs(
                new OrderedFileSink<>(file("decisions.jsonl"), null, OutputFormats::decision),
                new OrderedFileSink<>(
                        file("trades.csv"), OutputFormats.TRADES_HEADER, OutputFormats::trade),
                new OrderedFileSink<>(
                        file("fills.csv"), OutputFormats.FILLS_HEADER, OutputFormats::fill),
                new OrderedFileSink<>(
                        file("orders.csv"), OutputFormats.ORDERS_HEADER, OutputFormats::order),
                new OrderedFileSink<>(
                        file("equity.csv"), OutputFormats.EQUITY_HEADER, OutputFormats::equity),
                new OrderedFileSink<>(file("bandit.jsonl"), null, OutputFormats::bandit),
                new OrderedFileSink<>(
                        file("rejected.csv"),
                        OutputFormats.REJECTED_HEADER,
                        OutputFormats::rejected),
                new OrderedFileSink<>(file("rejections.jsonl"), null, OutputFormats::rejection),
                null);
    }

    /** {@code explanations.jsonl}, in event-time order like every other file. */
    public Sink<Explanation> explanations() {
        return new OrderedFileSink<>(file("explanations.jsonl"), null, Explanation::toJson);
    }
}
