package io.battleroyale.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.gateway.GatewayConfig;
import io.battleroyale.gateway.GatewayServer;
import io.battleroyale.job.cluster.FlinkRest;
import io.battleroyale.job.cluster.LocalCluster;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.battleroyale.job.ClusterTesting.await;
import static io.battleroyale.job.ClusterTesting.concat;
import static io.battleroyale.job.ClusterTesting.state;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TaskManager failover on a real standalone cluster (a JobManager and two TaskManagers, each its
 * own JVM): a battle posts its orders to a gateway; with a third of them posted, a TaskManager that
 * runs the job's tasks is killed with SIGKILL. The JobManager restarts the job from its latest
 * checkpoint, if one completed behind the run's backpressure (mostly none: it starts over), on the
 * slots left and the run finishes; the gateway then holds exactly the orders of the same battle run
 * without a failure (none twice, none missing), and every output file is that run's.
 */
class ClusterFailoverITCase {
    private static final String TOKEN = "cluster-failover-it-token-5e1a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path tmp;

    @Test
    @org.junit.jupiter.api.Disabled(
            "a restore from a mid-run checkpoint on the cluster diverges (docs/deployment.md):"
                    + " found 2026-12-04, not fixed")
    void aTaskManagerKilledMidRunCostsNoOrderAndNoLine() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        // under target/, not a temporary folder: the processes' logs outlive a failure
        Path dir = Path.of("target", "it-cluster-failover").toAbsolutePath();
        org.apache.flink.util.FileUtils.deleteDirectoryQuietly(dir.toFile());
        ClusterTesting.Site site = ClusterTesting.site(dir);
        LocalCluster cluster = site.cluster();
        try (GatewayServer clean = gateway("clean");
                GatewayServer failover = gateway("failover")) {
            Cli local = Cli.run(battle(clean, tmp.resolve("clean"), token));
            assertThat(local.exitCode()).as(local.err()).isZero();

            Cli started = Cli.run(concat(new String[] {"cluster", "start"}, site.options()));
            assertThat(started.exitCode()).as(started.err()).isZero();
            Cli submitted =
                    Cli.run(
                            ClusterTesting.submit(
                                    cluster,
                                    new String[] {
                                        // checkpoints as often as they can be taken (see the note
                                        // above); aligned, as the cluster's config has them
                                        "-Dexecution.checkpointing.interval=500ms",
                                        "-Drestart-strategy.fixed-delay.delay=1s"
                                    },
                                    battle(failover, tmp.resolve("failover"), token)));
            assertThat(submitted.exitCode()).as(submitted.err()).isZero();
            String jobId = submitted.out().split(" ")[1];
            FlinkRest rest = cluster.rest();

            List<String> want = orderIds(clean);
            assertThat(want).hasSizeGreaterThan(20).doesNotHaveDuplicates();
            // killed with a third of the orders posted: the restart decides and posts them again
            await(
                    () -> posted(failover) > want.size() / 3,
                    "a third of the orders posted",
                    Duration.ofSeconds(90));
            assertThat(state(rest, jobId)).as("still running at the kill").isEqualTo("RUNNING");
            FlinkRest.TaskManager busy =
                    rest.taskManagers().stream()
                            .filter(tm -> tm.freeSlots() < tm.slots())
                            .findFirst()
                            .orElseThrow();
            int[] killedAt = {checkpoints(rest, jobId), posted(failover)};
            cluster.kill(busy.id());
            long killed = System.nanoTime();

            await(
                    () -> FlinkRest.TERMINAL.contains(state(rest, jobId)),
                    "the job ended",
                    Duration.ofMinutes(3));
            assertThat(state(rest, jobId)).as(rest.failure(jobId)).isEqualTo("FINISHED");
            List<String> failures = rest.failures(jobId);
            assertThat(failures).as("the job was restarted").isNotEmpty();
            assertThat(rest.overview().taskManagers()).isEqualTo(LocalCluster.TASK_MANAGERS - 1);

            long recovered = (System.nanoTime() - killed) / 1_000_000;
            List<String> got = orderIds(failover);
            // two subtasks post concurrently: the gateway's order of arrival is theirs
            assertThat(got)
                    .as("the orders after a failover: none twice, none missing")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(want);
            for (String file : GatewayExactlyOnceITCase.SINK_FILES) {
                assertThat(Files.readAllLines(tmp.resolve("failover").resolve(file)))
                        .as(file)
                        .isEqualTo(Files.readAllLines(tmp.resolve("clean").resolve(file)));
            }
            JsonNode metrics = get(failover, "/v1/metrics");
            assertThat(metrics.path("orders.repeated").asInt())
                    .as("orders posted before the kill came again and were answered as repeats")
                    .isPositive();
            System.out.printf(
                    "cluster failover ITCase: %d orders; %s killed after %d checkpoint(s) with %d"
                            + " orders posted; finished %d ms later after %d restart(s) (the first: %s);"
                            + " gateway repeats answered: %d%n",
                    want.size(),
                    busy.id(),
                    killedAt[0],
                    killedAt[1],
                    recovered,
                    failures.size(),
                    failures.get(failures.size() - 1),
                    metrics.path("orders.repeated").asInt());
        } finally {
            cluster.stop(Duration.ofSeconds(30));
        }
    }

    private static String[] battle(GatewayServer gateway, Path out, Path token) {
        return new String[] {
            "run",
            "--epochs",
            "30",
            "--parallelism",
            "2",
            "--gateway-url",
            "http://127.0.0.1:" + gateway.port(),
            "--gateway-token-file",
            token.toString(),
            "--out",
            out.toAbsolutePath().toString()
        };
    }

    private static GatewayServer gateway(String name) throws Exception {
        return GatewayServer.start(GatewayConfig.paper(0, tmp.resolve(name + ".db"), TOKEN));
    }

    private static int checkpoints(FlinkRest rest, String jobId) {
        try {
            return rest.completedCheckpoints(jobId);
        } catch (IOException notYet) {
            return 0;
        }
    }

    private static int posted(GatewayServer gateway) {
        try {
            return orderIds(gateway).size();
        } catch (Exception notYet) {
            return 0;
        }
    }

    /** The client order ids of the gateway's orders. */
    private static List<String> orderIds(GatewayServer gateway) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode order : get(gateway, "/v1/orders")) {
            ids.add(order.get("client_order_id").asText());
        }
        return ids;
    }

    private static JsonNode get(GatewayServer gateway, String path) throws Exception {
        Request get =
                new Request.Builder()
                        .url("http://127.0.0.1:" + gateway.port() + path)
                        .header("Authorization", "Bearer " + TOKEN)
                        .build();
        try (Response response = new OkHttpClient().newCall(get).execute()) {
            return JSON.readTree(response.body().string());
        }
    }
}
