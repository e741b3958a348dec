package io.battleroyale.job;

import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code battle stress} end to end on a small synthetic market: a flash crash breaks an agent that
 * is always fully long, and the same seed writes the same stress.json.
 */
class StressITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    @TempDir Path tmp;

    @Test
    void aFlashCrashBreaksANaiveAlwaysLongAgentAndTheBatteryIsDeterministic() throws Exception {
        Cli first = stress(tmp.resolve("a"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("stress [1/2] baseline", "stress [2/2] flash_crash");
        assertThat(first.out()).contains("flash_crash", "breaks");

        JsonNode stress =
                JsonMapper.builder().build().readTree(tmp.resolve("a/stress.json").toFile());
        JsonNode naive = stress.get("results").get(0);
        assertThat(naive.get("scenario").asText()).isEqualTo("flash_crash");
        assertThat(naive.get("agent").asText()).isEqualTo("meanrev");
        // RSI below 99.99 buys and nothing sells: fully long in every sleeve when prices fall 25%
        assertThat(naive.get("max_drawdown").asDouble()).isGreaterThan(0.10);
        assertThat(naive.get("baseline_max_drawdown").asDouble()).isLessThan(0.10);
        assertThat(naive.get("verdict").asText()).isEqualTo("breaks");
        assertThat(stress.get("rules").get("breaks").asText()).contains("max_drawdown > 0.1");

        Cli second = stress(tmp.resolve("b"));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(Files.readString(tmp.resolve("b/stress.json")))
                .isEqualTo(Files.readString(tmp.resolve("a/stress.json")));
    }

    private static Cli stress(Path out) {
        return Cli.run(
                "stress",
                "--scenarios",
                "flash_crash",
                "--agents",
                "meanrev:lower=99.99,upper=100",
                "--epochs",
                "2",
                "--symbols",
                "SPY,QQQ",
                "--bar-length",
                "15m",
                "--seed",
                "5",
                "-p",
                "2",
                "--out",
                out.toString());
    }
}
