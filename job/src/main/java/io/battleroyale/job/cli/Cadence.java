package io.battleroyale.job.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The spacing of a prices file's bars: the smallest gap between two consecutive bars of one symbol
 * in the head of the file (so a weekend does not count as a daily bar's spacing), read (what
 * defaults such as {@code --shift-window auto} are relative to). Bad rows are left to the replay,
 * which reports them; here they are skipped.
 */
final class Cadence {
    /** How far into the file to look before giving up. */
    private static final int MAX_LINES = 10_000;

    private Cadence() {}

    /** The gap in milliseconds, {@code 0} when the head of the file does not tell. */
    static long of(Path prices) {
        try (BufferedReader in = reader(prices)) {
            Map<String, Long> previous = new HashMap<>();
            long smallest = Long.MAX_VALUE;
            String line = in.readLine(); // header
            for (int n = 0; n < MAX_LINES && (line = in.readLine()) != null; n++) {
                String[] f = line.split(",", 3);
                if (f.length < 3) {
                    continue;
                }
                long ts;
                try {
                    ts = Long.parseLong(f[0].trim());
                } catch (NumberFormatException e) {
                    continue;
                }
                Long earlier = previous.put(f[1].trim(), ts);
                if (earlier != null && ts > earlier) {
                    smallest = Math.min(smallest, ts - earlier);
                }
            }
            return smallest == Long.MAX_VALUE ? 0 : smallest;
        } catch (IOException e) {
            return 0; // unreadable: the replay reports it with the file's name
        }
    }

    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
