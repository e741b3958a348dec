package io.battleroyale.job;

import org.apache.flink.test.junit5.MiniClusterExtension;

import io.battleroyale.job.cli.BattleCli;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster entry point builds the same graph as {@code ./battle backtest} in the environment the
 * cluster gives (here a MiniCluster installed as the context environment, as {@code flink run}
 * installs its own), and the outputs are byte for byte the local command's.
 */
class ClusterEntryPointITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(2, 1);

    @TempDir Path tmp;

    @Test
    void aBacktestOnTheClusterWritesWhatTheLocalCommandWrites() throws Exception {
        Cli local = Cli.run(args(tmp.resolve("local")));
        assertThat(local.exitCode()).as(local.err()).isZero();

        StringWriter err = new StringWriter();
        CommandLine cluster = BattleCli.clusterCommandLine();
        cluster.setOut(new PrintWriter(new StringWriter(), true));
        cluster.setErr(new PrintWriter(err, true));
        int code = cluster.execute(args(tmp.resolve("cluster")));

        assertThat(code).as(err.toString()).isZero();
        for (String file : new String[] {"decisions.jsonl", "trades.csv", "orders.csv"}) {
            assertThat(Files.readString(tmp.resolve("cluster").resolve(file)))
                    .as(file)
                    .isNotEmpty()
                    .isEqualTo(Files.readString(tmp.resolve("local").resolve(file)));
        }
        assertThat(tmp.resolve("cluster/summary.json")).exists();
    }

    @Test
    void onlyRunAndBacktestAreClusterCommands() {
        StringWriter err = new StringWriter();
        CommandLine cluster = BattleCli.clusterCommandLine();
        cluster.setErr(new PrintWriter(err, true));

        assertThat(cluster.execute("stress")).isEqualTo(2);
        assertThat(cluster.getSubcommands().keySet()).containsOnly("run", "backtest");
    }

    /** A small backtest of the golden prices at parallelism 2, writing to {@code out}. */
    static String[] args(Path out) throws Exception {
        Path prices =
                Path.of(ClusterEntryPointITCase.class.getResource("/golden/prices.csv").toURI());
        return new String[] {
            "backtest",
            "--prices",
            prices.toString(),
            "--agents",
            "trend:fast=3,slow=5;meanrev",
            "--parallelism",
            "2",
            "--out",
            out.toString()
        };
    }
}
