package io.battleroyale.job;

import io.battleroyale.job.cli.BattleCli;
import org.apache.commons.io.output.TeeWriter;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

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
        CommandLine cli = BattleCli.clusterCommandLine();
        // what the command says on stderr still goes there (the attached client's console, the
        // JobManager's .out), and its last line also names why a submission failed
        StringWriter said = new StringWriter();
        cli.setErr(new PrintWriter(new TeeWriter(cli.getErr(), said), true));
        int code = cli.execute(args);
        if (code != 0) {
            // a non-zero exit inside a JobManager (REST submission) must fail the submission, not
            // stop the JVM; the REST answer carries this message to `battle submit`
            String last =
                    said.toString()
                            .strip()
                            .lines()
                            .reduce((a, b) -> b)
                            .orElse("")
                            .replaceFirst("^error: ", "");
            throw new IllegalStateException(
                    "battle "
                            + String.join(" ", args)
                            + ": exit "
                            + code
                            + (last.isEmpty() ? "" : ": " + last));
        }
    }
}
