package io.battleroyale.job;

import org.apache.flink.test.junit5.MiniClusterExtension;

import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input a hostile user would give the command line: each is answered with one line naming the file,
 * flag or row and the reason, a non-zero exit and no stack trace; or, for a bad row, with a
 * rejection that leaves every other result as it was.
 */
class HostileInputITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    @TempDir Path tmp;

    private static final String HEADER = "timestamp,symbol,open,high,low,close,volume";

    /** Sixty daily bars of AAA, gently trending with a wobble so the trend agent trades. */
    private static List<String> goodBars() {
        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        for (int i = 0; i < 60; i++) {
            double close = 100 + i * 0.3 + 4 * Math.sin(i / 3.0);
            rows.add(
                    (1704067200000L + i * 86_400_000L)
                            + ",AAA,"
                            + close
                            + ","
                            + (close + 1)
                            + ","
                            + (close - 1)
                            + ","
                            + close
                            + ",1000");
        }
        return rows;
    }

    private Cli backtest(Path prices, String out) {
        return Cli.run(
                "backtest",
                "--prices",
                prices.toString(),
                "--agents",
                "trend:fast=2,slow=5",
                "--out",
                tmp.resolve(out).toString());
    }

    @Test
    void aTimestampAtTheEndOfTimeIsRejectedAndChangesNothing() throws Exception {
        Path clean = tmp.resolve("clean.csv");
        Files.write(clean, goodBars());
        List<String> hostile = goodBars();
        hostile.add(30, "9223372036854775807,AAA,100,101,99,100,1000");
        Path dirty = tmp.resolve("dirty.csv");
        Files.write(dirty, hostile);

        Cli expected = backtest(clean, "clean");
        Cli actual = backtest(dirty, "dirty");

        assertThat(actual.exitCode()).as(actual.err()).isZero();
        List<String> rejected = Files.readAllLines(tmp.resolve("dirty/rejected.csv"));
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(1))
                .contains("dirty.csv")
                .contains(",31,")
                .contains("timestamp")
                .contains("outside the time window");
        assertThat(Files.readString(tmp.resolve("dirty/decisions.jsonl")))
                .isEqualTo(Files.readString(tmp.resolve("clean/decisions.jsonl")));
        assertThat(actual.out()).isEqualTo(expected.out().replace("clean", "dirty"));
    }

    @Test
    void overflowingValuesLongFieldsAndOutOfOrderRowsAreRejectedWithFileAndLine() throws Exception {
        List<String> rows = goodBars();
        rows.add(10, "1704844800001,AAA,1e300,1e300,1e300,1e300,1000");
        rows.add(20, "1704844800002,AAA,100,101,99," + "9".repeat(5000) + ",1000");
        rows.add(40, "1704067200000,AAA,100,101,99,100,1000"); // back in time for AAA
        Path prices = tmp.resolve("prices.csv");
        Files.write(prices, rows);

        Cli cli = backtest(prices, "out");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> rejected = Files.readAllLines(tmp.resolve("out/rejected.csv"));
        assertThat(rejected.subList(1, rejected.size()))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r).contains("prices.csv").hasSizeLessThan(400))
                .anySatisfy(r -> assertThat(r).contains(",11,").contains("open"))
                .anySatisfy(r -> assertThat(r).contains(",21,").contains("close"))
                .anySatisfy(r -> assertThat(r).contains(",41,").contains("not after"));
    }

    @Test
    void aLowerCaseSymbolIsTheSameBook() throws Exception {
        List<String> rows = goodBars();
        for (int i = 31; i < rows.size(); i++) {
            rows.set(i, rows.get(i).replace(",AAA,", ",aaa,"));
        }
        Path prices = tmp.resolve("mixed.csv");
        Files.write(prices, rows);
        Path upper = tmp.resolve("upper.csv");
        Files.write(upper, goodBars());

        Cli mixed = backtest(prices, "mixed");
        Cli clean = backtest(upper, "upper");

        assertThat(mixed.exitCode()).as(mixed.err()).isZero();
        assertThat(Files.readString(tmp.resolve("mixed/decisions.jsonl")))
                .isEqualTo(Files.readString(tmp.resolve("upper/decisions.jsonl")));
        assertThat(clean.exitCode()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty", "binary", "utf16", "notgzip.gz", "folder", "headeronly"})
    void anUnusableFileIsOneLineNamingIt(String kind) throws Exception {
        Path file = tmp.resolve("in-" + kind + (kind.endsWith(".gz") ? "" : ".csv"));
        switch (kind) {
            case "empty" -> Files.write(file, new byte[0]);
            case "binary" -> Files.write(file, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3});
            case "utf16" ->
                    Files.write(
                            file,
                            ("\uFEFF" + String.join("\n", goodBars()))
                                    .getBytes(StandardCharsets.UTF_16));
            case "notgzip.gz" -> Files.write(file, goodBars());
            case "folder" -> Files.createDirectories(file);
            case "headeronly" -> Files.writeString(file, "date,price\n1,2\n");
            default -> throw new IllegalStateException(kind);
        }

        assertOneLineError(backtest(file, "out"), file.getFileName().toString());
    }

    @Test
    void aGzipFileWithAGoodHeaderPassesTheCheck() throws Exception {
        Path file = tmp.resolve("prices.csv.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(String.join("\n", goodBars()).getBytes(StandardCharsets.UTF_8));
        }
        Files.write(file, bytes.toByteArray());

        Cli cli = backtest(file, "gz");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
    }

    @Test
    void aHugeAgentWindowIsRefusedBeforeAnythingRuns() throws Exception {
        Path prices = tmp.resolve("p.csv");
        Files.write(prices, goodBars());

        Cli cli =
                Cli.run(
                        "backtest",
                        "--prices",
                        prices.toString(),
                        "--agents",
                        "trend:slow=2000000000",
                        "--out",
                        tmp.resolve("out").toString());

        assertOneLineError(cli, "slow=2000000000");
        assertThat(cli.err()).contains("10000");
    }

    @Test
    void anUnknownEventGroupIsRefused() throws Exception {
        Path prices = tmp.resolve("p.csv");
        Files.write(prices, goodBars());

        Cli cli =
                Cli.run(
                        "backtest",
                        "--prices",
                        prices.toString(),
                        "--agents",
                        "event:group=fed_hkie",
                        "--out",
                        tmp.resolve("out").toString());

        assertOneLineError(cli, "fed_hkie");
        assertThat(cli.err()).contains("fed_hike");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty", "garbage"})
    void aBrokenCheckpointIsOneLineNamingIt(String kind) throws Exception {
        Path out = tmp.resolve("run");
        Path checkpoint = Files.createDirectories(out.resolve("checkpoints/abc/chk-3"));
        Files.write(
                checkpoint.resolve("_metadata"),
                kind.equals("empty")
                        ? new byte[0]
                        : "not a checkpoint at all".getBytes(StandardCharsets.UTF_8));

        Cli cli =
                Cli.run(
                        "run",
                        "--epochs",
                        "1",
                        "--out",
                        out.toString(),
                        "--restore",
                        checkpoint.toString());

        assertOneLineError(cli, "_metadata");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"--sizing=fixed:1e308", "--initial-cash=1e300", "--bar-length=999999999d"})
    void anOverflowingSettingIsRefused(String flag) throws Exception {
        Path prices = tmp.resolve("p.csv");
        Files.write(prices, goodBars());

        Cli cli =
                Cli.run(
                        "backtest",
                        "--prices",
                        prices.toString(),
                        "--agents",
                        "trend",
                        flag,
                        "--out",
                        tmp.resolve("out").toString());

        assertOneLineError(cli, flag.substring(2, flag.indexOf('=')).replace("-", ""));
    }

    static void assertOneLineError(Cli cli, String naming) {
        assertThat(cli.exitCode()).as(cli.err()).isNotZero();
        assertThat(cli.err().strip().lines()).as(cli.err()).hasSize(1);
        assertThat(cli.err().replace("-", "")).as(cli.err()).contains(naming.replace("-", ""));
        assertThat(cli.err())
                .startsWith("error: ")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }
}
