package io.battleroyale.sources.venues;

import io.battleroyale.sources.venues.http.FakeTime;
import io.battleroyale.sources.venues.http.HttpSettings;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.battleroyale.sources.testing.Fixtures.ok;
import static io.battleroyale.sources.testing.Fixtures.okFixture;
import static io.battleroyale.sources.testing.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

class MarketsInspectorTest {

    private static final long NOW = 1_780_272_000_000L;

    @StartStop private final MockWebServer server = new MockWebServer();

    private final FakeTime time = new FakeTime(NOW);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private MarketsInspector.Outcome run(MarketsInspector.Request request) {
        MarketsInspector inspector =
                new MarketsInspector(
                        Map.of(),
                        time,
                        new OkHttpClient(),
                        HttpSettings.defaults(100),
                        HttpSettings.defaults(100));
        return inspector.inspect(
                request,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private MarketsInspector.Request kalshi() {
        return MarketsInspector.Request.of(Venue.KALSHI)
                .withBaseUrl(server.url("/trade-api/v2").toString());
    }

    private MarketsInspector.Request polymarket() {
        return MarketsInspector.Request.of(Venue.POLYMARKET)
                .withBaseUrl(server.url("/").toString());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void kalshiFollowsAllPagesAndPrintsExactLines() throws Exception {
        server.enqueue(okFixture("kalshi/markets-page1.json"));
        server.enqueue(okFixture("kalshi/markets-page2.json"));

        MarketsInspector.Outcome code = run(kalshi().withSeries("KXFED"));

        assertThat(code).isEqualTo(MarketsInspector.Outcome.LISTED);
        assertThat(out())
                .isEqualTo(
                        line(
                                        "KXFED-26JUN-T3.75",
                                        "Fed funds upper bound above 3.75% after June 2026?",
                                        "0.43")
                                + line(
                                        "KXFED-26JUN-T4.00",
                                        "Fed funds upper bound above 4.00% after June 2026?",
                                        "0.12")
                                + line(
                                        "FED-23DEC-T3.00",
                                        "Fed funds above 3.00% (legacy integer cents)",
                                        "0.63")
                                + line(
                                        "KXFED-26JUN-T3.50",
                                        "Fed funds upper bound above 3.50% after June 2026?",
                                        "0.82"));
        assertThat(err())
                .contains("skipped kalshi KXFED-26JUN-T4.25: no_quote (")
                .contains("kalshi: 4 markets listed, 1 skipped (no_quote=1)");
        assertThat(server.takeRequest().getUrl().query())
                .isEqualTo("limit=1000&series_ticker=KXFED&status=open");
        assertThat(server.takeRequest().getUrl().queryParameter("cursor"))
                .isEqualTo("CgwI8tz1wAYQqIr2nQMSEUtYRkVELTI2SlVOLVQ0LjAw");
    }

    @Test
    void limitStopsEarly() {
        server.enqueue(okFixture("kalshi/markets-page1.json"));

        MarketsInspector.Outcome code =
                run(kalshi().withEvent("KXFED-26JUN").withLimit(1).withStatus("all"));

        assertThat(code).isEqualTo(MarketsInspector.Outcome.LISTED);
        assertThat(out().lines()).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void repeatingPageStopsWithIncomplete() {
        // the venue ignores the cursor and sends page 1 again with a fresh cursor
        server.enqueue(
                ok(
                        "{\"markets\":[{\"ticker\":\"A\",\"last_price_dollars\":\"0.5\"}],\"cursor\":\"c1\"}"));
        server.enqueue(
                ok(
                        "{\"markets\":[{\"ticker\":\"A\",\"last_price_dollars\":\"0.5\"}],\"cursor\":\"c2\"}"));

        MarketsInspector.Outcome code = run(kalshi());

        assertThat(code).isEqualTo(MarketsInspector.Outcome.INCOMPLETE);
        assertThat(out().lines()).hasSize(1);
        assertThat(err())
                .contains("markets: kalshi GET /trade-api/v2/markets: page 2 repeats items");
    }

    @Test
    void repeatingCursorStopsWithIncomplete() {
        server.enqueue(
                ok(
                        "{\"markets\":[{\"ticker\":\"A\",\"last_price_dollars\":\"0.5\"}],\"cursor\":\"same\"}"));
        server.enqueue(
                ok(
                        "{\"markets\":[{\"ticker\":\"B\",\"last_price_dollars\":\"0.5\"}],\"cursor\":\"same\"}"));

        MarketsInspector.Outcome code = run(kalshi());

        assertThat(code).isEqualTo(MarketsInspector.Outcome.INCOMPLETE);
        assertThat(out().lines()).hasSize(2);
        assertThat(err()).contains("cursor 'same' came back after page 2");
    }

    @Test
    void neverEndingCursorStopsAtMaxPages() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(
                    ok(
                            "{\"markets\":[{\"ticker\":\"M"
                                    + i
                                    + "\",\"last_price_dollars\":\"0.5\"}],\"cursor\":\"c"
                                    + i
                                    + "\"}"));
        }

        MarketsInspector.Outcome code = run(kalshi().withMaxPages(3));

        assertThat(code).isEqualTo(MarketsInspector.Outcome.INCOMPLETE);
        assertThat(out().lines()).hasSize(3);
        assertThat(err()).contains("still had a next cursor after 3 pages");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void unreachableVenueGivesOneLineAndNonZero() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(status(503, ""));
        }

        MarketsInspector.Outcome code = run(kalshi());

        assertThat(code).isEqualTo(MarketsInspector.Outcome.UNREACHABLE);
        assertThat(out()).isEmpty();
        assertThat(err().lines().filter(l -> l.startsWith("markets: ")))
                .containsExactly(
                        "markets: kalshi GET /trade-api/v2/markets: not reachable after 4"
                                + " attempts: HTTP 503");
    }

    @Test
    void htmlPageIsReportedNotParsed() {
        server.enqueue(ok("<html><title>Just a moment...</title></html>"));

        MarketsInspector.Outcome code = run(polymarket());

        assertThat(code).isEqualTo(MarketsInspector.Outcome.UNREACHABLE);
        assertThat(err()).contains("not the venue's API: an HTML page titled 'Just a moment...'");
    }

    @Test
    void polymarketListingSkipsNonBinaryAndBrokenMarkets() {
        server.enqueue(okFixture("polymarket/markets-keyset-page1.json"));
        server.enqueue(okFixture("polymarket/markets-keyset-page2.json"));

        MarketsInspector.Outcome code = run(polymarket());

        assertThat(code).isEqualTo(MarketsInspector.Outcome.LISTED);
        assertThat(out())
                .isEqualTo(
                        "{\"venue\":\"polymarket\",\"market_id\":\"will-the-fed-cut-rates-at-the-june-2026-meeting\","
                                + "\"title\":\"Will the Fed cut rates at the June 2026 meeting?\","
                                + "\"yes_probability\":0.235,\"ts\":"
                                + NOW
                                + ",\"status\":\"active\"}\n"
                                + "{\"venue\":\"polymarket\",\"market_id\":\"us-recession-in-2026\","
                                + "\"title\":\"US recession in 2026?\",\"yes_probability\":0.12,\"ts\":"
                                + NOW
                                + ",\"status\":\"active\"}\n");
        assertThat(err())
                .contains("skipped polymarket next-fed-chair: not_binary")
                .contains("skipped polymarket broken-prices: unparsable")
                .contains("polymarket: 2 markets listed, 2 skipped (not_binary=1, unparsable=1)");
    }

    @Test
    void polymarketSlugFallsBackToTheEvent() throws Exception {
        server.enqueue(status(404, "{\"error\":\"not found\"}"));
        server.enqueue(okFixture("polymarket/event.json"));

        MarketsInspector.Outcome code = run(polymarket().withSlug("fed-decision-in-june-2026"));

        assertThat(code).isEqualTo(MarketsInspector.Outcome.LISTED);
        assertThat(out().lines())
                .containsExactly(
                        "{\"venue\":\"polymarket\",\"market_id\":\"fed-cut-june-2026\",\"title\":\"Will"
                                + " the Fed cut rates at the June 2026 meeting?\",\"yes_probability\":0.235,\"ts\":"
                                + NOW
                                + ",\"status\":\"active\"}",
                        "{\"venue\":\"polymarket\",\"market_id\":\"fed-hold-june-2026\",\"title\":\"Will"
                                + " the Fed hold rates at the June 2026 meeting?\",\"yes_probability\":1.0,\"ts\":"
                                + NOW
                                + ",\"status\":\"closed\"}");
    }

    @Test
    void unknownSlugIsNotFound() {
        server.enqueue(status(404, ""));
        server.enqueue(status(404, ""));

        assertThat(run(polymarket().withSlug("nope")))
                .isEqualTo(MarketsInspector.Outcome.NOT_FOUND);
        assertThat(err()).contains("no market or event with slug 'nope'");
    }

    @Test
    void flagsOfTheOtherVenueAreUsageErrors() {
        assertThat(run(kalshi().withSlug("x"))).isEqualTo(MarketsInspector.Outcome.BAD_REQUEST);
        assertThat(run(polymarket().withSeries("KXFED")))
                .isEqualTo(MarketsInspector.Outcome.BAD_REQUEST);
        assertThat(run(kalshi().withLimit(0))).isEqualTo(MarketsInspector.Outcome.BAD_REQUEST);
        assertThat(run(kalshi().withBaseUrl("not a url")))
                .isEqualTo(MarketsInspector.Outcome.BAD_REQUEST);
        assertThat(server.getRequestCount()).isZero();
    }

    private static String line(String ticker, String title, String p) {
        return "{\"venue\":\"kalshi\",\"market_id\":\""
                + ticker
                + "\",\"title\":\""
                + title
                + "\",\"yes_probability\":"
                + p
                + ",\"ts\":"
                + NOW
                + ",\"status\":\"active\"}\n";
    }
}
