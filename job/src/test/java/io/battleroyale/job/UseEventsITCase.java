package io.battleroyale.job;

import io.battleroyale.sources.testing.Fixtures;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code battle run --use-events} with no venue reachable: the run goes on, on the synthetic model,
 * and says so.
 */
class UseEventsITCase {

    @StartStop private final MockWebServer server = new MockWebServer();

    @Test
    void unreachableVenuesFallBackToTheSyntheticModelAndSaySoOnce(@TempDir Path dir)
            throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closed;

        Cli live =
                Cli.run(
                        "run",
                        "--epochs",
                        "2",
                        "--state-backend",
                        "hashmap",
                        "--out",
                        dir.resolve("live").toString(),
                        "--use-events",
                        "--poll-interval",
                        "1s",
                        "--kalshi-url",
                        nowhere + "/trade-api/v2",
                        "--polymarket-gamma-url",
                        nowhere,
                        "--polymarket-clob-url",
                        nowhere);
        Cli offline =
                Cli.run(
                        "run",
                        "--epochs",
                        "2",
                        "--state-backend",
                        "hashmap",
                        "--out",
                        dir.resolve("offline").toString());

        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(live.err()).contains("events: live from [kalshi, polymarket]");
        for (String venue : List.of("kalshi", "polymarket")) {
            List<String> notices =
                    live.err().lines().filter(l -> l.startsWith("notice: " + venue + " ")).toList();
            assertThat(notices).as(live.err()).hasSize(1);
            assertThat(notices.get(0)).contains("synthetic event model");
        }
        // the fallback is the synthetic model itself: the same battle as an offline run
        assertThat(live.out().replace(dir.resolve("live").toAbsolutePath().toString(), "OUT"))
                .isEqualTo(
                        offline.out()
                                .replace(
                                        dir.resolve("offline").toAbsolutePath().toString(), "OUT"));
        assertThat(Files.readString(dir.resolve("live/summary.json")))
                .contains("live, synthetic fallback");
    }

    @Test
    void liveQuotesReplaceTheSyntheticTicksWhileTheVenueAnswers(@TempDir Path dir)
            throws Exception {
        server.setDispatcher(
                new mockwebserver3.Dispatcher() {
                    @Override
                    public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                        return Fixtures.ok(
                                "{\"market\":{\"ticker\":\"KXRECSSNBER-26\",\"status\":\"active\","
                                        + "\"yes_bid_dollars\":\"0.9000\",\"yes_ask_dollars\":\"0.9200\"}}");
                    }
                });
        Path venues = dir.resolve("venues.yaml");
        Files.writeString(
                venues,
                "version: 1\nkalshi:\n  - {market: KXRECSSNBER-26, event_key: 'US-RECESSION-2026:yes'}\n");

        // an endless run, stopped as Ctrl-C would once the venue has been asked: a bounded run may
        // end before its live source's first poll
        Cli live =
                Cli.runUntil(
                        () -> server.getRequestCount() > 0,
                        "run",
                        "--state-backend",
                        "hashmap",
                        "--out",
                        dir.resolve("live").toString(),
                        "--use-events",
                        "--venues",
                        "kalshi",
                        "--venues-file",
                        venues.toString(),
                        "--poll-interval",
                        "1s",
                        "--kalshi-url",
                        server.url("/trade-api/v2").toString());

        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(live.err()).doesNotContain("is unavailable");
        assertThat(server.getRequestCount()).isPositive();
    }
}
