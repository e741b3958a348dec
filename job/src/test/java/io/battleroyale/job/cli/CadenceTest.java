package io.battleroyale.job.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class CadenceTest {
    private static final long DAY = 86_400_000L;
    private static final String HEADER = "timestamp,symbol,open,high,low,close,volume\n";

    @Test
    void dailyBarsAcrossAWeekendAreADayApart(@TempDir Path dir) throws Exception {
        // Friday, Monday, Tuesday for SPY; BTC every day
        long friday = 1_678_455_000_000L;
        String rows =
                HEADER
                        + friday
                        + ",SPY,1,1,1,1,1\n"
                        + (friday + 3 * DAY)
                        + ",SPY,1,1,1,1,1\n"
                        + "not-a-time,SPY,1,1,1,1,1\n"
                        + (friday + 4 * DAY)
                        + ",SPY,1,1,1,1,1\n";
        Path file = dir.resolve("prices.csv");
        Files.writeString(file, rows);
        assertThat(Cadence.of(file)).isEqualTo(DAY);

        Path gz = dir.resolve("prices.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(rows.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Cadence.of(gz)).isEqualTo(DAY);
    }

    @Test
    void aFileThatDoesNotTellGivesZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("one.csv");
        Files.writeString(file, HEADER + "1000,SPY,1,1,1,1,1\n2000,QQQ,1,1,1,1,1\n");
        assertThat(Cadence.of(file)).isZero();
        assertThat(Cadence.of(dir.resolve("missing.csv"))).isZero();
    }
}
