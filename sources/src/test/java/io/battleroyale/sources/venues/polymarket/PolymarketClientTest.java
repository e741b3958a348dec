package io.battleroyale.sources.venues.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.sources.venues.Page;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.TimedQuote;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.VenueMarket;
import io.battleroyale.sources.venues.YesProbability;
import io.battleroyale.sources.venues.http.FakeTime;
import io.battleroyale.sources.venues.http.HttpSettings;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.battleroyale.sources.testing.Fixtures.ok;
import static io.battleroyale.sources.testing.Fixtures.okFixture;
import static io.battleroyale.sources.testing.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolymarketClientTest {

    private static final String YES_TOKEN =
            "48127390517264839102736450918273645091827364509182736450918273645091827364";

    @StartStop private final MockWebServer gamma = new MockWebServer();
    @StartStop private final MockWebServer clob = new MockWebServer();

    private final FakeTime time = new FakeTime(1_780_272_000_000L);

    private PolymarketClient client() {
        return PolymarketClient.create(
                gamma.url("/").toString(),
                clob.url("/").toString(),
                new OkHttpClient(),
                HttpSettings.defaults(100),
                HttpSettings.defaults(100),
                time);
    }

    @Test
    void keysetPagingSendsAfterCursor() throws Exception {
        gamma.enqueue(okFixture("polymarket/markets-keyset-page1.json"));
        gamma.enqueue(okFixture("polymarket/markets-keyset-page2.json"));

        Page<JsonNode> first = client().markets(PolymarketClient.Filter.open(), null);
        Page<JsonNode> second =
                client().markets(PolymarketClient.Filter.open(), first.nextCursor());

        assertThat(first.items()).hasSize(2);
        assertThat(first.nextCursor()).isEqualTo("MTAw");
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextCursor()).as("absent next_cursor ends").isNull();
        RecordedRequest r1 = gamma.takeRequest();
        assertThat(r1.getUrl().encodedPath()).isEqualTo("/markets/keyset");
        assertThat(r1.getUrl().query())
                .isEqualTo("limit=100&active=true&closed=false&archived=false");
        RecordedRequest r2 = gamma.takeRequest();
        assertThat(r2.getUrl().queryParameter("after_cursor")).isEqualTo("MTAw");
        assertThat(r2.getUrl().queryParameter("cursor")).isNull();
    }

    @Test
    void marketsFromGammaKeepTokenIdsExactAndApplyTheRule() throws Exception {
        gamma.enqueue(okFixture("polymarket/markets-keyset-page1.json"));
        gamma.enqueue(okFixture("polymarket/markets-keyset-page2.json"));
        List<JsonNode> items = client().markets(PolymarketClient.Filter.open(), null).items();
        List<JsonNode> items2 = client().markets(PolymarketClient.Filter.open(), "MTAw").items();

        VenueMarket fedCut = VenueMarket.polymarket(items.get(0), 7);
        VenueMarket chair = VenueMarket.polymarket(items.get(1), 7);
        VenueMarket recession = VenueMarket.polymarket(items2.get(0), 7);
        VenueMarket broken = VenueMarket.polymarket(items2.get(1), 7);

        assertThat(fedCut.yes())
                .isEqualTo(new YesProbability.Quote(0.235, YesProbability.Basis.OUTCOME_PRICE));
        assertThat(fedCut.yesTokenId()).isEqualTo(YES_TOKEN);
        assertThat(fedCut.status()).isEqualTo("active");
        assertThat(((YesProbability.Skip) chair.yes()).reason()).isEqualTo(SkipReason.NOT_BINARY);
        // native arrays, No before Yes, numbers, a token id as a huge JSON number, flags as strings
        assertThat(recession.yes())
                .isEqualTo(new YesProbability.Quote(0.12, YesProbability.Basis.OUTCOME_PRICE));
        assertThat(recession.yesTokenId()).isEqualTo(YES_TOKEN);
        assertThat(recession.status()).isEqualTo("active");
        assertThat(((YesProbability.Skip) broken.yes()).reason()).isEqualTo(SkipReason.UNPARSABLE);
    }

    @Test
    void bareArrayFromKeysetIsASingleLastPage() throws Exception {
        gamma.enqueue(ok("[{\"slug\":\"a\"}]"));

        Page<JsonNode> page = client().events(PolymarketClient.Filter.open(), null);

        assertThat(page.items()).hasSize(1);
        assertThat(page.nextCursor()).isNull();
        assertThat(gamma.takeRequest().getUrl().encodedPath()).isEqualTo("/events/keyset");
    }

    @Test
    void marketAndEventBySlug() throws Exception {
        gamma.enqueue(status(404, "{\"type\":\"not found\"}"));
        gamma.enqueue(okFixture("polymarket/event.json"));

        Optional<JsonNode> market = client().marketBySlug("fed-decision-in-june-2026");
        Optional<JsonNode> event = client().eventBySlug("fed-decision-in-june-2026");

        assertThat(market).isEmpty();
        assertThat(PolymarketClient.marketsOf(event.orElseThrow())).hasSize(2);
        assertThat(gamma.takeRequest().getUrl().encodedPath())
                .isEqualTo("/markets/slug/fed-decision-in-june-2026");
        assertThat(gamma.takeRequest().getUrl().encodedPath())
                .isEqualTo("/events/slug/fed-decision-in-june-2026");
    }

    @Test
    void midpointOfTheYesToken() throws Exception {
        clob.enqueue(ok("{\"mid\":\"0.235\"}"));
        clob.enqueue(ok("{\"mid\":0.5}"));
        clob.enqueue(ok("{\"mid\":null}"));

        assertThat(client().midpoint(YES_TOKEN))
                .isEqualTo(new YesProbability.Quote(0.235, YesProbability.Basis.CLOB_MIDPOINT));
        assertThat(client().midpoint(YES_TOKEN))
                .isEqualTo(new YesProbability.Quote(0.5, YesProbability.Basis.CLOB_MIDPOINT));
        assertThat(((YesProbability.Skip) client().midpoint(YES_TOKEN)).reason())
                .isEqualTo(SkipReason.MISSING_FIELD);
        RecordedRequest r = clob.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/midpoint");
        assertThat(r.getUrl().queryParameter("token_id")).isEqualTo(YES_TOKEN);
    }

    @Test
    void pricesHistoryByWindowAndByInterval() throws Exception {
        clob.enqueue(okFixture("polymarket/prices-history.json"));
        clob.enqueue(ok("{\"history\":[]}"));

        List<TimedQuote> points = client().pricesHistory(YES_TOKEN, 1780268400, 1780279200, 60);
        List<TimedQuote> empty = client().pricesHistory(YES_TOKEN, "max", 720);

        assertThat(points).hasSize(4);
        assertThat(points.get(0))
                .isEqualTo(
                        new TimedQuote(
                                1780272000000L,
                                new YesProbability.Quote(
                                        0.235, YesProbability.Basis.HISTORY_PRICE)));
        assertThat(points.get(1).tsMillis()).isEqualTo(1780275600000L);
        assertThat(((YesProbability.Skip) points.get(2).yes()).reason())
                .isEqualTo(SkipReason.OUT_OF_RANGE);
        assertThat(((YesProbability.Skip) points.get(3).yes()).reason())
                .isEqualTo(SkipReason.MISSING_FIELD);
        assertThat(empty).isEmpty();
        assertThat(clob.takeRequest().getUrl().query())
                .isEqualTo(
                        "market=" + YES_TOKEN + "&startTs=1780268400&endTs=1780279200&fidelity=60");
        assertThat(clob.takeRequest().getUrl().query())
                .isEqualTo("market=" + YES_TOKEN + "&interval=max&fidelity=720");
    }

    @Test
    void cloudflareBlockIsAClearError() {
        gamma.enqueue(
                status(
                        403,
                        "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title>"));

        assertThatThrownBy(() -> client().marketBySlug("x"))
                .isInstanceOf(VenueException.class)
                .hasMessage(
                        "polymarket GET /markets/slug/x: HTTP 403 with an HTML page titled"
                                + " 'Attention Required! | Cloudflare'");
    }
}
