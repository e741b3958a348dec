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

/** Bad rows stop at the boundary with file, line and reason; good rows still trade. */
class BadInputITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    @TempDir Path tmp;

    @Test
    void badRowsAreRejectedWithLineAndReasonAndNeverReachAnAgent() throws Exception {
        Path prices = tmp.resolve("prices.csv");
        Files.write(
                prices,
                List.of(
                        "timestamp,symbol,open,high,low,close,volume",
                        "1704067200000,AAA,10,11,9,10,100",
                        "1704153600000,AAA,10,11,9,abc,100",
                        "1704240000000,AAA,10,11,9,NaN,100",
                        "1704326400000,AAA,-1,11,9,10,100",
                        "1704412800000,AAA,10,9,11,10,100",
                        "1704499200000,AAA,10,11,9,10.5,100",
                        "1704412800000,AAA,10,11,9,10.2,100",
                        "1704585600000,AAA,10.5,11.5,9.5,11,100"));

        Cli cli =
                Cli.run(
                        "backtest",
                        "--prices",
                        prices.toString(),
                        "--agents",
                        "trend:fast=1,slow=2",
                        "--out",
                        tmp.resolve("out").toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> rejected = Files.readAllLines(tmp.resolve("out/rejected.csv"));
        assertThat(rejected.subList(1, rejected.size()))
                .hasSize(5)
                .anySatisfy(r -> assertThat(r).contains(",3,").containsIgnoringCase("close"))
                .anySatisfy(r -> assertThat(r).contains(",4,").containsIgnoringCase("close"))
                .anySatisfy(r -> assertThat(r).contains(",5,").containsIgnoringCase("open"))
                .anySatisfy(r -> assertThat(r).contains(",6,").containsIgnoringCase("high"))
                .anySatisfy(r -> assertThat(r).contains("not after its previous bar"));
        assertThat(cli.err()).contains("rejected 5 input rows");
        // three good bars reached the agents: bars 0, 1 and 2 of AAA
        List<String> equity = Files.readAllLines(tmp.resolve("out/equity.csv"));
        assertThat(equity).hasSizeGreaterThan(1);
        assertThat(Files.readString(tmp.resolve("out/decisions.jsonl")))
                .doesNotContain("NaN")
                .doesNotContain("abc");
    }

    @Test
    void aFileWithNoUsableRowFailsWithAClearMessage() throws Exception {
        Path prices = tmp.resolve("broken.csv");
        Files.write(
                prices,
                List.of(
                        "timestamp,symbol,open,high,low,close,volume",
                        "yesterday,AAA,10,11,9,10,100",
                        "1704153600000,AAA,10,11,9,-3,100"));

        Cli cli =
                Cli.run(
                        "backtest",
                        "--prices",
                        prices.toString(),
                        "--agents",
                        "trend",
                        "--out",
                        tmp.resolve("out").toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("no usable bars").contains("every row was rejected");
    }
}
