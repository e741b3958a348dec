package io.battleroyale.job.cli;

import io.battleroyale.job.ClusterEntryPoint;
import io.battleroyale.job.cluster.FlinkRest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** {@code battle submit -- run|backtest …}: the job jar to a Flink cluster over its REST API. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Uploads the job jar to a Flink cluster (./battle cluster start, or any other) and runs"
                    + " `run` or `backtest` there with the arguments after --. Paths in them are"
                    + " read and written by the cluster's processes: give absolute ones.",
            "",
            "Example: ./battle submit --wait -- backtest --prices /data/prices.csv --out /tmp/bt",
            ""
        })
final class SubmitCommand implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Mixin ClusterAddress cluster;

    @Option(
            names = "--jar",
            description = "The job jar (default: job/target/battle.jar, built by mvn package).")
    Path jar;

    @Option(
            names = "--wait",
            description = "Wait until the job ends; exit 1 if it failed or was cancelled.")
    boolean await;

    @Option(
            names = "-D",
            paramLabel = "KEY=VALUE",
            description = {
                "A Flink setting for this job only, over the cluster's config.yaml, as `flink run"
                        + " -D` gives it; repeatable.",
                "Example: -Dexecution.checkpointing.interval=2s"
            })
    Map<String, String> settings = new LinkedHashMap<>();

    @Parameters(
            arity = "1..*",
            paramLabel = "run|backtest ARGS",
            description = "The command the cluster runs, and its arguments.")
    List<String> job;

    @Override
    public Integer call() throws Exception {
        String command = job.get(0);
        if (!command.equals("run") && !command.equals("backtest")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "a cluster runs `run` or `backtest`, not `" + command + "`");
        }
        Path file =
                jar != null
                        ? jar
                        : Path.of(
                                System.getProperty("battle.home", "."),
                                "job",
                                "target",
                                "battle.jar");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "no job jar " + file + ": build with mvn package first");
        }
        FlinkRest rest = new FlinkRest(cluster.url);
        String jarId = rest.upload(file);
        String jobId = rest.run(jarId, ClusterEntryPoint.class.getName(), job, settings);
        spec.commandLine()
                .getOut()
                .println("job " + jobId + " at " + rest.url() + "/#/job/running/" + jobId);
        if (!await) {
            return 0;
        }
        String state = rest.state(jobId);
        while (!FlinkRest.TERMINAL.contains(state)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            state = rest.state(jobId);
        }
        spec.commandLine().getOut().println("job " + jobId + " " + state);
        if (state.equals("FAILED")) {
            spec.commandLine().getErr().println("error: job failed: " + rest.failure(jobId));
            return 1;
        }
        return state.equals("FINISHED") ? 0 : 1;
    }
}
