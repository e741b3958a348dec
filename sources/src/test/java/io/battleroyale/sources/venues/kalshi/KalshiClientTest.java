package io.battleroyale.sources.venues.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.sources.venues.Page;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.TimedQuote;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.YesProbability;
import io.battleroyale.sources.venues.http.FakeTime;
import io.battleroyale.sources.venues.http.HttpSettings;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.battleroyale.sources.testing.Fixtures.ok;
import static io.battleroyale.sources.testing.Fixtures.okFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KalshiClientTest {

    @StartStop private final MockWebServer server = new MockWebServer();

    private final FakeTime time = new FakeTime(1_780_272_000_000L);

    private KalshiClient client() {
        return KalshiClient.create(
                server.url("/trade-api/v2").toString(),
                new OkHttpClient(),
                HttpSettings.defaults(100),
                time,
                null);
    }

    @Test
    void marketsPageCarriesFiltersAndCursor() throws Exception {
        server.enqueue(okFixture("kalshi/markets-page1.json"));
        server.enqueue(okFixture("kalshi/markets-page2.json"));
        KalshiClient.MarketFilter filter =
                new KalshiClient.MarketFilter("KXFED", "KXFED-26JUN", "open", null, 1000);

        Page<JsonNode> first = client().markets(filter, null);
        Page<JsonNode> second = client().markets(filter, first.nextCursor());

        assertThat(first.items()).hasSize(3);
        assertThat(first.nextCursor()).isEqualTo("CgwI8tz1wAYQqIr2nQMSEUtYRkVELTI2SlVOLVQ0LjAw");
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextCursor()).as("\"\" ends the listing").isNull();
        RecordedRequest r1 = server.takeRequest();
        assertThat(r1.getUrl().encodedPath()).isEqualTo("/trade-api/v2/markets");
        assertThat(r1.getUrl().query())
                .isEqualTo("limit=1000&series_ticker=KXFED&event_ticker=KXFED-26JUN&status=open");
        RecordedRequest r2 = server.takeRequest();
        assertThat(r2.getUrl().queryParameter("cursor")).isEqualTo(first.nextCursor());
        assertThat(r2.getUrl().queryParameter("series_ticker")).isEqualTo("KXFED");
    }

    @Test
    void nullMarketsAndMissingCursorEndTheListing() throws Exception {
        server.enqueue(ok("{\"markets\":null}"));

        Page<JsonNode> page =
                client().markets(new KalshiClient.MarketFilter(null, null, null, null, 10), null);

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aBodyWithoutMarketsIsAnUnexpectedShape() {
        server.enqueue(ok("{\"error\":{\"code\":\"bad\"}}"));

        assertThatThrownBy(
                        () ->
                                client().markets(
                                                new KalshiClient.MarketFilter(
                                                        null, null, null, null, 10),
                                                null))
                .isInstanceOfSatisfying(
                        VenueException.class,
                        e -> assertThat(e.kind()).isEqualTo(VenueException.Kind.UNEXPECTED_SHAPE))
                .hasMessageContaining("'markets'");
    }

    @Test
    void singleMarket() throws Exception {
        server.enqueue(okFixture("kalshi/market.json"));

        JsonNode market = client().market("KXFED-26JUN-T3.75");

        assertThat(market.path("ticker").asText()).isEqualTo("KXFED-26JUN-T3.75");
        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/trade-api/v2/markets/KXFED-26JUN-T3.75");
    }

    @Test
    void eventsAndEventWithNestedMarkets() throws Exception {
        server.enqueue(okFixture("kalshi/events.json"));
        server.enqueue(okFixture("kalshi/event.json"));

        Page<JsonNode> events = client().events("KXFEDDECISION", "open", false, 200, null);
        KalshiClient.Event event = client().event("KXFEDDECISION-26JUN");

        assertThat(events.items()).hasSize(1);
        assertThat(events.nextCursor()).isNull();
        assertThat(event.event().path("title").asText()).isEqualTo("Fed decision in June 2026?");
        assertThat(event.markets())
                .extracting(m -> m.path("ticker").asText())
                .containsExactly("KXFEDDECISION-26JUN-H0", "KXFEDDECISION-26JUN-C25");
        assertThat(server.takeRequest().getUrl().query())
                .isEqualTo("limit=200&series_ticker=KXFEDDECISION&status=open");
        RecordedRequest second = server.takeRequest();
        assertThat(second.getUrl().encodedPath())
                .isEqualTo("/trade-api/v2/events/KXFEDDECISION-26JUN");
        assertThat(second.getUrl().queryParameter("with_nested_markets")).isEqualTo("true");
    }

    @Test
    void eventWithDeprecatedTopLevelMarkets() throws Exception {
        server.enqueue(
                ok("{\"event\":{\"event_ticker\":\"E\"},\"markets\":[{\"ticker\":\"E-1\"}]}"));

        assertThat(client().event("E").markets()).hasSize(1);
    }

    @Test
    void series() throws Exception {
        server.enqueue(okFixture("kalshi/series.json"));

        assertThat(client().series("KXFED").path("title").asText())
                .isEqualTo("Fed funds target rate");
        assertThat(server.takeRequest().getUrl().encodedPath())
                .isEqualTo("/trade-api/v2/series/KXFED");
    }

    @Test
    void candlesticksApplyTheRuleToEachClose() throws Exception {
        server.enqueue(okFixture("kalshi/candlesticks.json"));

        List<TimedQuote> candles =
                client().candlesticks("KXFED", "KXFED-26JUN-T3.75", 1780268400, 1780279200, 60);

        assertThat(candles).hasSize(4);
        assertThat(candles.get(0))
                .isEqualTo(
                        new TimedQuote(
                                1780272000000L,
                                new YesProbability.Quote(0.43, YesProbability.Basis.MIDPOINT)));
        // wide spread and no trade in the period: the wide midpoint, timestamp sent as a string
        assertThat(candles.get(1))
                .isEqualTo(
                        new TimedQuote(
                                1780275600000L,
                                new YesProbability.Quote(0.4, YesProbability.Basis.WIDE_MIDPOINT)));
        // legacy integer cents
        assertThat(candles.get(2).yes())
                .isEqualTo(new YesProbability.Quote(0.42, YesProbability.Basis.MIDPOINT));
        assertThat(candles.get(3).yes())
                .isInstanceOfSatisfying(
                        YesProbability.Skip.class,
                        s -> assertThat(s.reason()).isEqualTo(SkipReason.MISSING_FIELD));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath())
                .isEqualTo("/trade-api/v2/series/KXFED/markets/KXFED-26JUN-T3.75/candlesticks");
        assertThat(r.getUrl().query())
                .isEqualTo("start_ts=1780268400&end_ts=1780279200&period_interval=60");
    }

    @Test
    void candlePeriodMustBeOneTheVenueKnows() {
        assertThatThrownBy(() -> client().candlesticks("S", "T", 0, 1, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
