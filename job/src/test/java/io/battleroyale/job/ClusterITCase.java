package io.battleroyale.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.battleroyale.job.ClusterTesting.await;
import static io.battleroyale.job.ClusterTesting.concat;
import static io.battleroyale.job.ClusterTesting.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./battle cluster start} brings up a real standalone session cluster (a JobManager and two
 * TaskManagers, each its own JVM); {@code ./battle submit --wait} runs a backtest there from the
 * packaged job jar, and it writes what the local command writes; {@code submit -D} sets an option
 * for one job, and a command the JobManager refuses is one line with its reason; the TaskManagers
 * serve the job's own metrics to Prometheus; {@code ./battle stop} takes a savepoint without
 * draining, and the run resubmitted from it starts from it; {@code ./battle cluster stop} leaves no
 * process behind.
 */
class ClusterITCase {

    @TempDir static Path tmp;

    static String[] where;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        ClusterTesting.Site site = ClusterTesting.site(tmp.resolve("cluster"));
        cluster = site.cluster();
        where = site.options();
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

        // a command the JobManager refuses: submit names the command's own reason, in one line
        Cli refused =
                Cli.run(
                        ClusterTesting.submit(
                                cluster, new String[0], "run", "--restore", "latest"));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err())
                .contains("battle run --restore latest: exit 2: --restore needs --out");
        assertThat(refused.err().strip().lines()).hasSize(1);

        Cli submitted =
                Cli.run(
                        ClusterTesting.submit(
                                cluster,
                                new String[] {"--wait"},
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
                        ClusterTesting.submit(
                                cluster,
                                // a setting for this job only, over the cluster's 10 s
                                new String[] {"-Dexecution.checkpointing.interval=7s"},
                                "run",
                                "--parallelism",
                                "2",
                                "--out",
                                tmp.resolve("run").toString()));
        assertThat(running.exitCode()).as(running.err()).isZero();
        String jobId = running.out().split(" ")[1];
        assertThat(checkpointConfig(jobId).path("interval").asLong()).isEqualTo(7_000);
        // the business metrics: bars in, decisions, orders, risk rejections, late ticks
        List<String> metrics =
                Stream.of(
                                "snapshots",
                                "decisions",
                                "orders",
                                "riskRejections",
                                "lateProbabilityTicks",
                                "rejectedBars")
                        .map(m -> "flink_taskmanager_job_task_operator_" + m + "{job_id=\"" + jobId)
                        .toList();
        await(
                () -> {
                    String page = scrapeTaskManagers();
                    return metrics.stream().allMatch(page::contains);
                },
                "the job's metrics on /metrics",
                Duration.ofSeconds(60));
        await(
                () -> counted(scrapeTaskManagers(), metrics.get(1)) > 0,
                "decisions counted on /metrics",
                Duration.ofSeconds(60));
        FlinkRest rest = cluster.rest();

        // stopped with a savepoint, without draining, and resubmitted from it: it goes on deciding
        Cli stop = Cli.run("stop", "--cluster", cluster.url(), jobId);
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        String savepoint = stop.out().trim().replaceFirst(".*; savepoint ", "");
        assertThat(Path.of(java.net.URI.create(savepoint)).resolve("_metadata")).isRegularFile();
        assertThat(state(rest, jobId)).isEqualTo("FINISHED");
        Cli resumed =
                Cli.run(
                        ClusterTesting.submit(
                                cluster,
                                new String[] {"-Dexecution.state-recovery.path=" + savepoint},
                                "run",
                                "--parallelism",
                                "2",
                                "--out",
                                tmp.resolve("run").toString()));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        String resumedId = resumed.out().split(" ")[1];
        await(
                () -> state(rest, resumedId).equals("RUNNING"),
                "the resumed run running",
                Duration.ofSeconds(60));
        assertThat(rest.restoredFrom(resumedId)).contains(savepoint);
        String resumedDecisions =
                "flink_taskmanager_job_task_operator_decisions{job_id=\"" + resumedId;
        await(
                () -> counted(scrapeTaskManagers(), resumedDecisions) > 0,
                "the resumed run deciding",
                Duration.ofSeconds(60));
        rest.cancel(resumedId);
        await(
                () -> state(rest, resumedId).equals("CANCELED"),
                "the resumed run cancelled",
                Duration.ofSeconds(60));

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

    /** What the JobManager says of a job's checkpointing ({@code /jobs/:id/checkpoints/config}). */
    private static JsonNode checkpointConfig(String jobId) throws IOException {
        Request get =
                new Request.Builder()
                        .url(cluster.url() + "/jobs/" + jobId + "/checkpoints/config")
                        .build();
        try (Response response = new OkHttpClient().newCall(get).execute()) {
            return new ObjectMapper().readTree(response.body().string());
        }
    }

    /** The sum over subtasks of one metric on a Prometheus page. */
    private static double counted(String page, String metric) {
        double sum = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith(metric)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
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
}
