package io.battleroyale.job.cli;

import io.battleroyale.job.cluster.FlinkRest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code battle stop JOB}: a job on a cluster stopped with a savepoint, as {@code flink stop}. */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = {
            "Stops a job on a Flink cluster with a savepoint (into the cluster's savepoint"
                    + " directory) and prints where it is. Without --drain the job's event time"
                    + " does not end, so the savepoint continues the run: resubmit the same"
                    + " command, or an upgraded one, with -Dexecution.state-recovery.path=LOCATION"
                    + " (docs/operations.md).",
            "",
            "Example: ./battle stop --cluster http://localhost:8081 1f0e6c2b5e9d4a7c8b3a2d1e0f9c8b7a",
            ""
        })
final class StopCommand implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin ClusterAddress cluster;

    @Option(
            names = "--drain",
            description =
                    "End the job's event time first, as at the end of its input: open"
                            + " positions are marked and every pending line written. For a"
                            + " final stop, not for an upgrade.")
    boolean drain;

    @Option(
            names = "--timeout",
            converter = Durations.class,
            defaultValue = "5m",
            paramLabel = "DURATION",
            description = "How long to wait for the savepoint (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Parameters(
            index = "0",
            paramLabel = "JOB",
            description = "The job id (battle submit prints it).")
    String job;

    @Override
    public Integer call() throws Exception {
        if (!job.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a job id is 32 hex digits, not `" + job + "`");
        }
        String location = new FlinkRest(cluster.url).stopWithSavepoint(job, drain, timeout);
        spec.commandLine().getOut().println("stopped job " + job + "; savepoint " + location);
        return 0;
    }
}
