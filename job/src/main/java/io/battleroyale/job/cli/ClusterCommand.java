package io.battleroyale.job.cli;

import io.battleroyale.job.cluster.FlinkRest;
import io.battleroyale.job.cluster.LocalCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code battle cluster start|status|stop}: a Flink standalone session cluster on this machine. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = {
            "A Flink standalone session cluster on this machine: one JobManager and two"
                    + " TaskManagers (two slots each), each its own JVM, configured by"
                    + " flink-conf/config.yaml. No high availability: stopping or losing the"
                    + " JobManager ends its jobs. Submit jobs with ./battle submit.",
            ""
        },
        subcommands = {
            ClusterCommand.Start.class,
            ClusterCommand.Status.class,
            ClusterCommand.Stop.class
        })
public final class ClusterCommand {

    /** Where a cluster lives and how it is reached; the same options for each subcommand. */
    static final class Where {
        @Option(
                names = "--dir",
                description =
                        "The cluster's directory: generated conf/, pids/, logs/, checkpoints"
                                + " (default: ${DEFAULT-VALUE}).",
                defaultValue = "runs/cluster")
        Path dir;

        @Option(
                names = "--port",
                description =
                        "The JobManager's REST port (web UI, submit) (default: ${DEFAULT-VALUE}).",
                defaultValue = "8081")
        int port;

        @Option(
                names = "--rpc-port",
                description = "The JobManager's RPC port (default: ${DEFAULT-VALUE}).",
                defaultValue = "6123")
        int rpcPort;

        @Option(
                names = "--metrics-port",
                description =
                        "The JobManager's Prometheus port; TaskManager i serves on this + i"
                                + " (default: ${DEFAULT-VALUE}).",
                defaultValue = "9249")
        int metricsPort;

        @Option(
                names = "--classpath-file",
                description =
                        "The processes' classpath, one line (default: the job module's,"
                                + " job/target/provided-classpath.txt).")
        Path classpathFile;

        LocalCluster cluster() throws IOException {
            Path file =
                    classpathFile == null
                            ? Path.of(
                                    System.getProperty("battle.home", "."),
                                    "job",
                                    "target",
                                    "provided-classpath.txt")
                            : classpathFile;
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(
                        "no classpath file " + file + ": build with mvn package first");
            }
            return new LocalCluster(dir, Files.readString(file).trim(), port, rpcPort, metricsPort);
        }
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Starts the cluster and waits until both TaskManagers have registered.")
    static final class Start implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin Where where;
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--timeout",
                description = "How long to wait for the TaskManagers (default: ${DEFAULT-VALUE}).",
                defaultValue = "120s",
                converter = Durations.class)
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = where.cluster();
            Duration took = cluster.start(timeout);
            PrintWriter out = spec.commandLine().getOut();
            printMembers(out, cluster.running());
            out.printf(
                    "cluster up in %.1fs: %s (logs in %s)%n",
                    took.toMillis() / 1000.0, cluster.url(), cluster.dir().resolve("logs"));
            return 0;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Whether the JobManager answers, and its TaskManagers and free slots.")
    static final class Status implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin Where where;
        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = where.cluster();
            List<LocalCluster.Member> running = cluster.running();
            if (running.isEmpty()) {
                throw new IllegalStateException("no cluster is running in " + cluster.dir());
            }
            PrintWriter out = spec.commandLine().getOut();
            printMembers(out, running);
            FlinkRest.Overview o;
            try {
                o = cluster.rest().overview();
            } catch (IOException e) {
                throw new IllegalStateException(
                        "the JobManager does not answer at "
                                + cluster.url()
                                + ": "
                                + e.getMessage());
            }
            out.printf(
                    "JobManager at %s: %d TaskManagers, %d of %d slots free, %d jobs running%n",
                    cluster.url(),
                    o.taskManagers(),
                    o.slotsAvailable(),
                    o.slotsTotal(),
                    o.jobsRunning());
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stops the cluster's processes and waits for them to exit.")
    static final class Stop implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin Where where;
        @Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = where.cluster();
            List<String> stopped = cluster.stop(Duration.ofSeconds(30));
            if (stopped.isEmpty()) {
                throw new IllegalStateException("no cluster is running in " + cluster.dir());
            }
            spec.commandLine().getOut().println("stopped " + String.join(", ", stopped));
            return 0;
        }
    }

    private static void printMembers(PrintWriter out, List<LocalCluster.Member> members) {
        for (LocalCluster.Member m : members) {
            out.printf("%-14s pid %d%n", m.name(), m.pid());
        }
    }
}
