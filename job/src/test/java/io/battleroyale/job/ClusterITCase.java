package io.battleroyale.job;

import io.battleroyale.job.cluster.FlinkRest;
import io.battleroyale.job.cluster.LocalCluster;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./battle cluster start} brings up a real standalone session cluster (a JobManager and two
 * TaskManagers, each its own JVM); {@code ./battle submit --wait} runs a backtest there from the
 * packaged job jar, and it writes what the local command writes; the TaskManagers serve the job's
 * own metrics to Prometheus; {@code ./battle cluster stop} leaves no process behind.
 */
class ClusterITCase {

    @TempDir static Path tmp;

    static String[] where;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        int rest = freePort();
        int rpc = freePort();
        int metrics = freeRun(LocalCluster.TASK_MANAGERS + 1);
        where =
                new String[] {
                    "--dir", tmp.resolve("cluster").toString(),
                    "--port", Integer.toString(rest),
                    "--rpc-port", Integer.toString(rpc),
                    "--metrics-port", Integer.toString(metrics),
                    // failsafe runs after package: the launcher's classpath and jar are there
                    "--classpath-file", "target/provided-classpath.txt"
                };
        cluster =
                new LocalCluster(
                        tmp.resolve("cluster"),
                        Files.readString(Path.of("target/provided-classpath.txt")).trim(),
                        rest,
                        rpc,
                        metrics);
        Cli started = Cli.run(concat(new String[] {"cluster", "start"}, where));
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).contains("cluster up in");
    }

    @AfterAll
    static void stop() throws IOException {
        // whatever failed, no JVM of the cluster outlives the test
        if (cluster != null) {
            cluster.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void aBacktestSubmittedToTheClusterWritesWhatTheLocalCommandWritesAndStopEndsEveryProcess()
            throws Exception {
        List<LocalCluster.Member> members = cluster.running();
        assertThat(members)
                .extracting(LocalCluster.Member::name)
                .containsExactly("jobmanager", "taskmanager-1", "taskmanager-2");
        Cli status = Cli.run(concat(new String[] {"cluster", "status"}, where));
        assertThat(status.out()).contains(": 2 TaskManagers, 4 of 4 slots free, 0 jobs running");

        Cli again = Cli.run(concat(new String[] {"cluster", "start"}, where));
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).startsWith("error: a cluster is already running in");

        Cli submitted =
                Cli.run(
                        concat(
                                new String[] {
                                    "submit",
                                    "--cluster",
                                    cluster.url(),
                                    "--jar",
                                    "target/battle.jar",
                                    "--wait",
                                    "--"
                                },
                                backtest(tmp.resolve("on-cluster"))));
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        assertThat(submitted.out()).containsPattern("job [0-9a-f]{32} FINISHED");

        Cli local = Cli.run(backtest(tmp.resolve("local")));
        assertThat(local.exitCode()).as(local.err()).isZero();
        for (String file : new String[] {"decisions.jsonl", "trades.csv", "orders.csv"}) {
            assertThat(Files.readString(tmp.resolve("on-cluster").resolve(file)))
                    .as(file)
                    .isNotEmpty()
                    .isEqualTo(Files.readString(tmp.resolve("local").resolve(file)));
        }

        // a job's metrics live while it runs: an endless synthetic run, scraped, then cancelled
        Cli running =
                Cli.run(
                        "submit",
                        "--cluster",
                        cluster.url(),
                        "--jar",
                        "target/battle.jar",
                        "--",
                        "run",
                        "--parallelism",
                        "2",
                        "--out",
                        tmp.resolve("run").toString());
        assertThat(running.exitCode()).as(running.err()).isZero();
        String jobId = running.out().split(" ")[1];
        String metric =
                "flink_taskmanager_job_task_operator_lateProbabilityTicks{job_id=\"" + jobId;
        await(() -> scrapeTaskManagers().contains(metric), "the job's metric on /metrics");
        FlinkRest rest = cluster.rest();
        rest.cancel(jobId);
        await(() -> state(rest, jobId).equals("CANCELED"), "the run cancelled");

        Cli stopped = Cli.run(concat(new String[] {"cluster", "stop"}, where));
        assertThat(stopped.out()).contains("stopped jobmanager, taskmanager-1, taskmanager-2");
        for (LocalCluster.Member m : members) {
            assertThat(ProcessHandle.of(m.pid()).filter(ProcessHandle::isAlive))
                    .as(m.name())
                    .isEmpty();
        }
        Cli none = Cli.run(concat(new String[] {"cluster", "status"}, where));
        assertThat(none.err()).startsWith("error: no cluster is running in");
    }

    private static String[] backtest(Path out) throws Exception {
        return ClusterEntryPointITCase.args(out.toAbsolutePath());
    }

    /** Both TaskManagers' Prometheus pages; which one runs a task is the scheduler's choice. */
    private static String scrapeTaskManagers() {
        OkHttpClient http = new OkHttpClient();
        StringBuilder pages = new StringBuilder();
        for (int i = 1; i <= LocalCluster.TASK_MANAGERS; i++) {
            Request get =
                    new Request.Builder()
                            .url("http://localhost:" + (cluster.metricsPort() + i) + "/metrics")
                            .build();
            try (Response response = http.newCall(get).execute()) {
                pages.append(response.body().string());
            } catch (IOException notYet) {
                // the reporter answers once the TaskManager has started it
            }
        }
        return pages.toString();
    }

    private static String state(FlinkRest rest, String jobId) {
        try {
            return rest.state(jobId);
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The first of {@code n} free consecutive ports. */
    private static int freeRun(int n) throws IOException {
        while (true) {
            int first = freePort();
            boolean free = true;
            for (int p = first + 1; p < first + n && free; p++) {
                try (ServerSocket socket = new ServerSocket(p)) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free && first + n < 65536) {
                return first;
            }
        }
    }
}
