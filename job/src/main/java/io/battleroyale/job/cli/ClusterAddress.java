package io.battleroyale.job.cli;

import picocli.CommandLine.Option;

/** The JobManager a command talks to over REST ({@code submit}, {@code stop}). */
final class ClusterAddress {

    @Option(
            names = "--cluster",
            description = "The JobManager's REST address (default: ${DEFAULT-VALUE}).",
            defaultValue = "http://localhost:8081")
    String url;
}
