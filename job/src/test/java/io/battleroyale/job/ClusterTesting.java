package io.battleroyale.job;

import io.battleroyale.job.cluster.FlinkRest;
import io.battleroyale.job.cluster.LocalCluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tests on a real {@link LocalCluster} share: free ports, the cluster, waiting. */
final class ClusterTesting {

    private ClusterTesting() {}

    /**
     * A cluster in {@code dir} on free ports, not yet started, and the {@code battle cluster}
     * options that name it.
     */
    record Site(LocalCluster cluster, String[] options) {}

    static Site site(Path dir) throws IOException {
        int rest = freePort();
        int rpc = freePort();
        int metrics = freeRun(LocalCluster.TASK_MANAGERS + 1);
        String[] options = {
            "--dir", dir.toString(),
            "--port", Integer.toString(rest),
            "--rpc-port", Integer.toString(rpc),
            "--metrics-port", Integer.toString(metrics),
            // failsafe runs after package: the launcher's classpath and jar are there
            "--classpath-file", "target/provided-classpath.txt"
        };
        LocalCluster cluster =
                new LocalCluster(
                        dir,
                        Files.readString(Path.of("target/provided-classpath.txt")).trim(),
                        rest,
                        rpc,
                        metrics);
        return new Site(cluster, options);
    }

    /**
     * {@code battle submit} of the packaged job jar to {@code cluster}: its options, then the
     * job's.
     */
    static String[] submit(LocalCluster cluster, String[] options, String... job) {
        String[] head = {"submit", "--cluster", cluster.url(), "--jar", "target/battle.jar"};
        return concat(concat(head, options), concat(new String[] {"--"}, job));
    }

    /** A job's state, or "unknown" while the JobManager does not answer. */
    static String state(FlinkRest rest, String jobId) {
        try {
            return rest.state(jobId);
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void await(BooleanSupplier condition, String what, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
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
