package io.battleroyale.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static io.battleroyale.sources.testing.Fixtures.okFixture;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code battle markets} end to end in-process, against a real HTTP server. */
class MarketsCommandTest {

    @StartStop private final MockWebServer server = new MockWebServer();

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(new ObjectMapper().readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void kalshiListsEveryPageWithExactlyTheDocumentedKeys() throws Exception {
        server.enqueue(okFixture("kalshi/markets-page1.json"));
        server.enqueue(okFixture("kalshi/markets-page2.json"));

        Cli cli =
                Cli.run(
                        "markets",
                        "--venue",
                        "kalshi",
                        "--series",
                        "KXFED",
                        "--base-url",
                        server.url("/trade-api/v2").toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<JsonNode> markets = lines(cli.out());
        assertThat(markets).isNotEmpty();
        for (JsonNode m : markets) {
            List<String> keys = new ArrayList<>();
            m.fieldNames().forEachRemaining(keys::add);
            assertThat(keys)
                    .containsExactly(
                            "venue", "market_id", "title", "yes_probability", "ts", "status");
            assertThat(m.get("venue").asText()).isEqualTo("kalshi");
            assertThat(m.get("yes_probability").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(markets.get(0).get("market_id").asText()).isEqualTo("KXFED-26JUN-T3.75");
        assertThat(markets.get(0).get("yes_probability").asDouble()).isEqualTo(0.43);
        assertThat(cli.err()).contains("skipped kalshi KXFED-26JUN-T4.25: no_quote");
        RecordedRequest first = server.takeRequest();
        assertThat(first.getTarget()).contains("series_ticker=KXFED");
        assertThat(server.takeRequest().getTarget()).contains("cursor=");
    }

    @Test
    void polymarketFollowsKeysetPages() throws Exception {
        server.enqueue(okFixture("polymarket/markets-keyset-page1.json"));
        server.enqueue(okFixture("polymarket/markets-keyset-page2.json"));

        Cli cli =
                Cli.run(
                        "markets",
                        "--venue",
                        "polymarket",
                        "--base-url",
                        server.url("/").toString(),
                        "--limit",
                        "50");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<JsonNode> markets = lines(cli.out());
        assertThat(markets).isNotEmpty();
        assertThat(markets)
                .allSatisfy(m -> assertThat(m.get("venue").asText()).isEqualTo("polymarket"));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anUnreachableVenueExitsNonZeroWithOneLine() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Cli cli =
                Cli.run(
                        "markets",
                        "--venue",
                        "kalshi",
                        "--base-url",
                        "http://127.0.0.1:" + closedPort + "/trade-api/v2");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        List<String> reasons = cli.err().lines().filter(l -> l.startsWith("markets: ")).toList();
        assertThat(reasons).hasSize(1);
        assertThat(reasons.get(0)).contains("kalshi").contains("not reachable");
    }

    @Test
    void serverErrorsAreRetriedThenReported() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(503).build());
        }

        Cli cli =
                Cli.run(
                        "markets",
                        "--venue",
                        "kalshi",
                        "--base-url",
                        server.url("/trade-api/v2").toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("markets: ").contains("HTTP 503");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void anUnknownVenueIsAUsageError() {
        Cli cli = Cli.run("markets", "--venue", "nyse");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("markets: ").contains("nyse");
    }
}
