package io.battleroyale.job;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.battleroyale.sources.testing.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code battle record} against fake venues and a fake Coinbase on loopback, then {@code battle
 * backtest} over what it wrote: yesterday's live session is today's backtest.
 */
class RecordCommandITCase {

    static final String TOKEN =
            "71321045679252212594626385532706912750332728571942532289631379312455583992563";

    @StartStop private final MockWebServer server = new MockWebServer();

    /**
     * Answers like the venues: a Kalshi market, a Polymarket midpoint, Coinbase 1-minute candles.
     */
    static Dispatcher venues() {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/trade-api/v2/markets/KXFEDDECISION-26DEC-H0")) {
                    return ok(
                            "{\"market\":{\"ticker\":\"KXFEDDECISION-26DEC-H0\",\"status\":\"active\","
                                    + "\"title\":\"Hold in December?\",\"yes_bid_dollars\":\"0.6000\","
                                    + "\"yes_ask_dollars\":\"0.6200\",\"last_price_dollars\":\"0.6100\"}}");
                }
                if (path.equals("/midpoint")) {
                    return ok("{\"mid\":\"0.25\"}");
                }
                if (path.equals("/products/BTC-USD/candles")) {
                    long minute = System.currentTimeMillis() / 60_000 - 1;
                    StringBuilder rows = new StringBuilder("[");
                    for (int i = 0; i < 5; i++) { // newest first, as Coinbase sends them
                        long t = (minute - i) * 60;
                        double p = 90_000 + 10 * (minute - i) % 500;
                        rows.append(i == 0 ? "" : ",")
                                .append(
                                        "[" + t + "," + (p - 5) + "," + (p + 5) + "," + p + ","
                                                + (p + 1) + ",2.5]");
                    }
                    return ok(rows.append("]").toString());
                }
                return new MockResponse.Builder().code(404).body("{}").build();
            }
        };
    }

    static Path venuesFile(Path dir) throws Exception {
        Path file = dir.resolve("venues.yaml");
        Files.writeString(
                file,
                "version: 1\n"
                        + "kalshi:\n"
                        + "  - {market: KXFEDDECISION-26DEC-H0, event_key: 'FOMC-2026-12:hold'}\n"
                        + "polymarket:\n"
                        + "  - {slug: will-the-fed-cut-rates-at-the-december-2026-meeting,"
                        + " token_id: '"
                        + TOKEN
                        + "', event_key: 'FOMC-2026-12:cut25'}\n");
        return file;
    }

    /** {@code battle record} of BTC-USD and the venues file's markets, all from the mock server. */
    private Cli record(Path dir, Path out, String duration) throws Exception {
        String base = server.url("/").toString();
        return Cli.run(
                "record",
                "--out",
                out.toString(),
                "--duration",
                duration,
                "--poll-interval",
                "1s",
                "--symbols",
                "BTC-USD",
                "--venues-file",
                venuesFile(dir).toString(),
                "--kalshi-url",
                server.url("/trade-api/v2").toString(),
                "--polymarket-gamma-url",
                base,
                "--polymarket-clob-url",
                base,
                "--coinbase-url",
                base);
    }

    @Test
    void aRecordingWithoutPriceBarsFailsWithTheReason(@TempDir Path dir) throws Exception {
        Dispatcher live = venues();
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request)
                            throws InterruptedException {
                        // the price feed answers, but its market has no candles (closed)
                        return request.getUrl().encodedPath().endsWith("/candles")
                                ? ok("[]")
                                : live.dispatch(request);
                    }
                });
        Cli record = record(dir, dir.resolve("recorded"), "2s");

        assertThat(record.exitCode()).as(record.err()).isEqualTo(1);
        assertThat(record.err()).contains("error: no price bar was recorded in 2 s");
        assertThat(record.err()).doesNotContain("Exception");
    }

    @Test
    void recordsLiveSourcesThenBacktestReplaysThem(@TempDir Path dir) throws Exception {
        server.setDispatcher(venues());
        Path recorded = dir.resolve("recorded");

        Cli record = record(dir, recorded, "4s");

        assertThat(record.exitCode()).as(record.err()).isZero();
        List<String> ticks = Files.readAllLines(recorded.resolve("probabilities.csv"));
        List<String> bars = Files.readAllLines(recorded.resolve("prices.csv"));
        assertThat(ticks.get(0)).isEqualTo("timestamp,venue,market_id,event_key,yes_probability");
        assertThat(ticks)
                .anyMatch(l -> l.endsWith(",kalshi,KXFEDDECISION-26DEC-H0,FOMC-2026-12:hold,0.61"));
        assertThat(ticks)
                .anyMatch(
                        l ->
                                l.endsWith(
                                        ",polymarket,will-the-fed-cut-rates-at-the-december-2026-meeting,FOMC-2026-12:cut25,0.25"));
        assertThat(bars.get(0)).isEqualTo("timestamp,symbol,open,high,low,close,volume");
        assertThat(bars.size()).isGreaterThan(1);
        assertThat(bars.subList(1, bars.size())).allMatch(l -> l.contains(",BTC-USD,"));
        assertThat(Files.readString(recorded.resolve("README.md")))
                .contains("events file format version 1");
        assertThat(record.out()).contains("recorded ");
        assertThat(record.err()).doesNotContain("notice:");

        Cli replay =
                Cli.run(
                        "backtest",
                        "--prices",
                        recorded.resolve("prices.csv").toString(),
                        "--events",
                        recorded.resolve("probabilities.csv").toString(),
                        "--bar-length",
                        "1m",
                        "--agents",
                        "event",
                        "--out",
                        dir.resolve("replay").toString());

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.err()).contains("done: " + (bars.size() - 1) + " bars");
        assertThat(replay.err()).doesNotContain("rejected");
    }
}
