package io.battleroyale.job;

import io.battleroyale.job.cli.BattleCli;

/**
 * The job's entry point on a Flink cluster: {@code flink run -c
 * io.battleroyale.job.ClusterEntryPoint battle.jar run|backtest …}, a jar run over REST, or the
 * Kubernetes operator's {@code entryClass}. It builds the same graph as {@code ./battle
 * run|backtest} in {@code StreamExecutionEnvironment.getExecutionEnvironment()}, so the cluster's
 * {@code config.yaml} (flink-conf/) decides state backend, checkpoints and restarts; none of the
 * local overrides apply. Attached ({@code flink run}), it waits and writes the report like the
 * local command; detached, it submits and returns.
 */
public final class ClusterEntryPoint {

    private ClusterEntryPoint() {}

    public static void main(String[] args) {
        int code = BattleCli.clusterCommandLine().execute(args);
        if (code != 0) {
            // a non-zero exit inside a JobManager (REST submission) must fail the submission, not
            // stop the JVM
            throw new IllegalStateException("battle " + String.join(" ", args) + ": exit " + code);
        }
    }
}
