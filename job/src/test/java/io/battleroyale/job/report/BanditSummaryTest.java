package io.battleroyale.job.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BanditSummaryTest {

    private static String line(String symbol, String arms) {
        return "{\"symbol\":\""
                + symbol
                + "\",\"regime\":\"calm/event\",\"tsEvent\":1,\"arms\":["
                + arms
                + "]}";
    }

    private static String arm(String agent, double mean, double pBest) {
        return "{\"agent\":\""
                + agent
                + "\",\"alpha\":1.0,\"beta\":1.0,\"mean\":"
                + mean
                + ",\"lower\":0.0,\"upper\":1.0,\"probabilityBest\":"
                + pBest
                + "}";
    }

    @Test
    void armsDrawnOnDifferentSymbolsShareTheTrustInsteadOfBothBeingCertain(@TempDir Path dir)
            throws Exception {
        Files.write(
                dir.resolve("bandit.jsonl"),
                List.of(
                        line("SPY", arm("fed", 0.6, 1.0)),
                        line("TLT", arm("event", 0.7, 1.0)),
                        line("GLD", arm("fed", 0.6, 0.5) + "," + arm("event", 0.7, 0.5))));

        String summary = Report.banditSummary(new OutputFolder(dir));

        // fed: (1.0 + 0 + 0.5) / 3; event: (0 + 1.0 + 0.5) / 3 — never 1.00 for both
        assertThat(summary).contains("event 0.50 (0.70)").contains("fed 0.50 (0.60)");
        assertThat(summary).doesNotContain("1.00");
    }

    @Test
    void trustingTheArmWithTheLowerMeanSaysWhy(@TempDir Path dir) throws Exception {
        Files.write(
                dir.resolve("bandit.jsonl"),
                List.of(line("SPY", arm("trend", 0.55, 0.7) + "," + arm("meanrev", 0.60, 0.3))));

        String summary = Report.banditSummary(new OutputFolder(dir));

        assertThat(summary).contains("trusts trend 0.70 (0.55) over meanrev 0.30 (0.60)");
        assertThat(summary).contains("though another has a higher mean");
    }
}
