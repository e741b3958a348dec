package io.battleroyale.job.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** How Flink runs the battle locally. */
final class EngineOptions {

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            paramLabel = "P",
            description =
                    "Parallel instances of each keyed stage. Results do not depend on it. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(
            names = "--progress-every",
            defaultValue = "2s",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "How often progress (bars, bars/s, elapsed) goes to stderr. Default: ${DEFAULT-VALUE}.")
    Duration progressEvery;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Where checkpoints and savepoints go. Default: OUT/checkpoints.")
    Path checkpointDir;
}
