package io.battleroyale.job;

import org.apache.flink.test.junit5.MiniClusterExtension;

import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same seed, same bytes: the full battle on the synthetic market at parallelism 1 on the heap
 * backend and at parallelism 4 on RocksDB with checkpoints writes identical files.
 */
class DeterminismITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 4);

    private static final List<String> FILES =
            List.of(
                    "decisions.jsonl",
                    "trades.csv",
                    "fills.csv",
                    "orders.csv",
                    "equity.csv",
                    "bandit.jsonl",
                    "leaderboard.json",
                    "summary.json");

    @TempDir Path tmp;

    @Test
    void outputsAreByteIdenticalAcrossParallelismAndStateBackends() throws Exception {
        Cli serial =
                Cli.run(
                        "run",
                        "--epochs",
                        "3",
                        "--seed",
                        "7",
                        "-p",
                        "1",
                        "--state-backend",
                        "hashmap",
                        "--out",
                        tmp.resolve("p1").toString());
        Cli parallel =
                Cli.run(
                        "run",
                        "--epochs",
                        "3",
                        "--seed",
                        "7",
                        "-p",
                        "4",
                        "--state-backend",
                        "rocksdb",
                        "--checkpoint-interval",
                        "500ms",
                        "--out",
                        tmp.resolve("p4").toString());

        assertThat(serial.exitCode()).as(serial.err()).isZero();
        assertThat(parallel.exitCode()).as(parallel.err()).isZero();
        for (String file : FILES) {
            byte[] one = Files.readAllBytes(tmp.resolve("p1").resolve(file));
            byte[] four = Files.readAllBytes(tmp.resolve("p4").resolve(file));
            assertThat(four).as(file).isEqualTo(one);
        }
        assertThat(Files.readAllLines(tmp.resolve("p1/decisions.jsonl"))).hasSizeGreaterThan(10);
        assertThat(Files.readAllLines(tmp.resolve("p1/trades.csv"))).hasSizeGreaterThan(5);
        assertThat(serial.out()).contains("rank").contains("meta").contains("outputs:");
    }

    @Test
    void anotherSeedIsAnotherMarket() throws Exception {
        Cli a =
                Cli.run(
                        "run",
                        "--epochs",
                        "1",
                        "--seed",
                        "1",
                        "--state-backend",
                        "hashmap",
                        "--out",
                        tmp.resolve("a").toString());
        Cli b =
                Cli.run(
                        "run",
                        "--epochs",
                        "1",
                        "--seed",
                        "2",
                        "--state-backend",
                        "hashmap",
                        "--out",
                        tmp.resolve("b").toString());

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("a/equity.csv")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("b/equity.csv")));
    }
}
