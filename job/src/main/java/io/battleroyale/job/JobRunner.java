package io.battleroyale.job;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

import io.battleroyale.job.explain.Explanations;
import io.battleroyale.operators.arena.AgentArena;
import io.battleroyale.operators.join.EventFanOut;
import io.battleroyale.operators.join.SymbolJoin;
import io.battleroyale.operators.join.TickFilter;

import javax.annotation.Nullable;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a built graph to its end, reporting progress on stderr, and turns Ctrl-C into a clean stop:
 * a stop-with-savepoint that drains the graph, so every pending decision, trade and mark is still
 * written before the process exits. SIGTERM stops with a savepoint <b>without</b> draining: event
 * time does not end, open periods stay open, and {@code --restore} continues the run as if it had
 * never stopped (a strategy upgrade, docs/operations.md).
 */
public final class JobRunner {
    private static final int STOP_ATTEMPTS = 100;
    private static final Duration STOP_RETRY = Duration.ofMillis(200);

    private final PrintWriter err;
    private final Duration progressEvery;
    @Nullable private final String savepointDir;

    public JobRunner(PrintWriter err, Duration progressEvery, @Nullable String savepointDir) {
        this.err = err;
        this.progressEvery = progressEvery;
        this.savepointDir = savepointDir;
    }

    /**
     * What the run did.
     *
     * @param symbolBars bars per symbol that reached the agents
     * @param groupTicks probability ticks per event group
     * @param sellsWhileFlat per long-only agent, SELL signals that found its sleeve already flat
     * @param explanations per outcome of {@code --explain-with gemini} (gemini, rules_timeout, …)
     * @param disqualified per disqualified script agent, the reason (the first, if its tasks
     *     disqualified it for different ones)
     */
    public record Outcome(
            long bars,
            long lateEvents,
            long ticksCollapsed,
            Map<String, Long> symbolBars,
            Map<String, Long> groupTicks,
            Map<String, Long> sellsWhileFlat,
            Map<String, Long> explanations,
            Map<String, String> disqualified,
            Duration elapsed,
            boolean interrupted,
            boolean drained) {
        public double barsPerSecond() {
            return bars / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    public Outcome run(StreamExecutionEnvironment env, String name) throws Exception {
        long start = System.nanoTime();
        JobClient client = env.executeAsync(name);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean drained = new AtomicBoolean();
        Interrupts.on(
                () -> stop(client, interrupted, drained, true),
                () -> stop(client, interrupted, drained, false));
        ScheduledExecutorService progress =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "battle-progress");
                            t.setDaemon(true);
                            return t;
                        });
        progress.scheduleAtFixedRate(
                () -> report(client, start),
                progressEvery.toMillis(),
                progressEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            JobExecutionResult result = client.getJobExecutionResult().get();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Long bars = result.getAccumulatorResult(AgentArena.BARS_ACCUMULATOR);
            Long late = result.getAccumulatorResult(SymbolJoin.LATE_ACCUMULATOR);
            Long collapsed = result.getAccumulatorResult(TickFilter.COLLAPSED);
            return new Outcome(
                    bars == null ? 0 : bars,
                    late == null ? 0 : late,
                    collapsed == null ? 0 : collapsed,
                    counts(result, AgentArena.SYMBOL_BARS),
                    counts(result, EventFanOut.GROUP_TICKS),
                    counts(result, AgentArena.SELLS_WHILE_FLAT),
                    counts(result, Explanations.COUNTS),
                    reasons(counts(result, AgentArena.DISQUALIFIED)),
                    elapsed,
                    interrupted.get(),
                    drained.get());
        } finally {
            progress.shutdownNow();
            Interrupts.clear();
        }
    }

    /** A {@link io.battleroyale.operators.counts.NameCounts} result; empty when never used. */
    private static Map<String, Long> counts(JobExecutionResult result, String name) {
        Map<String, Long> counts = result.getAccumulatorResult(name);
        return counts == null ? Map.of() : counts;
    }

    /** {@code "agent: reason"} keys as agent to its first reason. */
    private static Map<String, String> reasons(Map<String, Long> counts) {
        Map<String, String> reasons = new TreeMap<>();
        for (String key : counts.keySet()) {
            int colon = key.indexOf(": ");
            reasons.putIfAbsent(key.substring(0, colon), key.substring(colon + 2));
        }
        return reasons;
    }

    private void stop(
            JobClient client, AtomicBoolean interrupted, AtomicBoolean drained, boolean drain) {
        if (!interrupted.compareAndSet(false, true)) {
            err.println("still stopping; the run ends once its savepoint is written");
            return;
        }
        drained.set(drain);
        err.println(
                drain
                        ? "\nstopping: draining the graph so the leaderboard is complete…"
                        : "\nstopping without draining: a savepoint to resume from with --restore…");
        stopWithSavepoint(client, drain, STOP_ATTEMPTS);
    }

    /**
     * A Ctrl-C in the first second of a run may find tasks still being deployed, which a savepoint
     * cannot yet include; such a stop is tried again until they run, and only then given up.
     */
    private void stopWithSavepoint(JobClient client, boolean drain, int attemptsLeft) {
        client.stopWithSavepoint(drain, savepointDir, SavepointFormatType.CANONICAL)
                .whenComplete(
                        (path, failure) -> {
                            if (failure == null) {
                                err.println("savepoint: " + path);
                            } else if (attemptsLeft > 1 && tasksNotRunningYet(failure)) {
                                CompletableFuture.runAsync(
                                        () -> stopWithSavepoint(client, drain, attemptsLeft - 1),
                                        CompletableFuture.delayedExecutor(
                                                STOP_RETRY.toMillis(), TimeUnit.MILLISECONDS));
                            } else {
                                err.println(
                                        "clean stop failed ("
                                                + failure.getMessage()
                                                + "); cancelling");
                                client.cancel();
                            }
                        });
    }

    private static boolean tasksNotRunningYet(Throwable failure) {
        return ExceptionUtils.findThrowable(failure, CheckpointException.class)
                .map(CheckpointException::getCheckpointFailureReason)
                .filter(
                        reason ->
                                reason == CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING
                                        || reason
                                                == CheckpointFailureReason
                                                        .CHECKPOINT_DECLINED_TASK_NOT_READY)
                .isPresent();
    }

    private void report(JobClient client, long start) {
        try {
            Map<String, Object> accumulators =
                    client.getAccumulators().get(progressEvery.toMillis(), TimeUnit.MILLISECONDS);
            Object bars = accumulators.get(AgentArena.BARS_ACCUMULATOR);
            long count = bars instanceof Long l ? l : 0;
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(
                    Locale.ROOT,
                    "progress: %,d bars | %,.0f bars/s | elapsed %.1fs%n",
                    count,
                    count / seconds,
                    seconds);
        } catch (Exception e) {
            // the job may be starting or finishing; the next tick reports again
        }
    }
}
