package io.battleroyale.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command-line surface of risk limits, the gateway and restores; no job runs here. */
class RiskCliTest {

    @TempDir Path tmp;

    @Test
    void aBadRiskKeyIsRefusedWithTheValidKeys() {
        Cli cli = Cli.run("run", "--epochs", "1", "--risk", "max_notional=5", "--out", dir("a"));
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err())
                .contains("unknown risk key 'max_notional'")
                .contains("max_order_notional");
    }

    @Test
    void aGatewayUrlWithoutATokenIsRefused() {
        Cli cli =
                Cli.run(
                        "run",
                        "--epochs",
                        "1",
                        "--gateway-url",
                        "http://127.0.0.1:1",
                        "--out",
                        dir("b"));
        if (System.getenv("BATTLE_GATEWAY_TOKEN") == null) {
            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err()).contains("--gateway-url needs a token");
        }
        Cli bad = Cli.run("run", "--epochs", "1", "--gateway-url", "ftp://x", "--out", dir("c"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("expected http(s)://host:port");
    }

    @Test
    void restoreNeedsTheRunsFolderAndACompleteCheckpoint() {
        Cli noOut = Cli.run("run", "--epochs", "1", "--restore", "latest");
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).contains("--restore needs --out");

        Cli none = Cli.run("run", "--epochs", "1", "--restore", "latest", "--out", dir("d"));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no complete checkpoint");
    }

    @Test
    void latestIsTheNewestCompleteCheckpointOrSavepoint() throws Exception {
        Path dir = tmp.resolve("ckpt");
        Path old = metadata(dir.resolve("job1/chk-7"), 1_000);
        Path newer = metadata(dir.resolve("job2/chk-9"), 2_000);
        Files.createDirectories(dir.resolve("job2/chk-10")); // in progress: no _metadata
        assertThat(Checkpoints.latest(dir)).contains(newer.toAbsolutePath());
        Path savepoint = metadata(dir.resolve("savepoints/savepoint-abc"), 3_000);
        assertThat(Checkpoints.resolve("latest", dir)).isEqualTo(savepoint.toAbsolutePath());
        assertThat(Checkpoints.resolve(old.resolve("_metadata").toString(), dir))
                .isEqualTo(old.toAbsolutePath());
        assertThatThrownBy(() -> Checkpoints.resolve(dir.resolve("job2/chk-10").toString(), dir))
                .hasMessageContaining("no _metadata");
    }

    private String dir(String name) {
        return tmp.resolve(name).toString();
    }

    private static Path metadata(Path folder, long epochSecond) throws Exception {
        Files.createDirectories(folder);
        Path file = Files.writeString(folder.resolve("_metadata"), "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epochSecond)));
        return folder;
    }
}
