package io.battleroyale.sources.venues.prices;

import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.http.FakeTime;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.source.PollResult;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.battleroyale.sources.testing.Fixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceClientsTest {

    @StartStop private final MockWebServer server = new MockWebServer();

    private final FakeTime time = new FakeTime(1_780_280_000_000L);
    private static final long T1 = 1_780_272_000_000L; // 2026-06-01T00:00:00Z
    private static final long HOUR = 3_600_000L;

    private CoinbaseClient coinbase() {
        return CoinbaseClient.create(
                server.url("/").toString(), new OkHttpClient(), HttpSettings.defaults(100), time);
    }

    private AlpacaClient alpaca() {
        return AlpacaClient.create(
                server.url("/").toString(),
                new OkHttpClient(),
                HttpSettings.defaults(100),
                time,
                new AlpacaCredentials("key-id", "secret"),
                "iex");
    }

    @Test
    void coinbaseCandlesAreSortedConvertedToMillisAndValidated() throws Exception {
        // newest first, as Coinbase sends them; the middle one has high < low
        server.enqueue(
                ok(
                        "[[1780279200,104210.5,104890.0,104300.1,104755.3,512.33],"
                                + "[1780275600,104420.8,103950.0,104020.0,104300.1,1],"
                                + "[1780272000,103950.0,104420.8,104020.0,104300.1,498.91],"
                                + "\"garbage\"]"));
        PollResult<PriceBar> result = coinbase().candles("BTC-USD", 3600, T1, T1 + 3 * HOUR);

        assertThat(result.records())
                .containsExactly(
                        new PriceBar(
                                "BTC-USD", T1, HOUR, 104020.0, 104420.8, 103950.0, 104300.1,
                                498.91),
                        new PriceBar(
                                "BTC-USD",
                                T1 + 2 * HOUR,
                                HOUR,
                                104300.1,
                                104890.0,
                                104210.5,
                                104755.3,
                                512.33));
        assertThat(result.rejections())
                .extracting(PollResult.Rejection::reason)
                .containsExactlyInAnyOrder(SkipReason.INVALID_BAR, SkipReason.UNPARSABLE);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/products/BTC-USD/candles");
        assertThat(r.getUrl().queryParameter("granularity")).isEqualTo("3600");
        assertThat(r.getUrl().queryParameter("start")).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(r.getUrl().queryParameter("end")).isEqualTo("2026-06-01T02:59:59Z");
    }

    @Test
    void coinbaseNonArrayIsAShapeErrorAndBadGranularityIsRefused() {
        server.enqueue(ok("{\"message\":\"granularity too small\"}"));
        assertThatThrownBy(() -> coinbase().candles("BTC-USD", 60, T1, T1 + HOUR))
                .isInstanceOf(VenueException.class)
                .extracting(e -> ((VenueException) e).kind())
                .isEqualTo(VenueException.Kind.UNEXPECTED_SHAPE);
        assertThatThrownBy(() -> coinbase().candles("BTC-USD", 120, T1, T1 + HOUR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alpacaBarsFollowPageTokensWithKeyHeaders() throws Exception {
        server.enqueue(
                ok(
                        "{\"bars\":[{\"t\":\"2026-05-28T04:00:00Z\",\"o\":590.12,\"h\":593.4,\"l\":588.75,"
                                + "\"c\":592.88,\"v\":61234567,\"n\":712345,\"vw\":591.37}],"
                                + "\"symbol\":\"SPY\",\"next_page_token\":\"U1BZfDIwMjY=\"}"));
        server.enqueue(
                ok(
                        "{\"bars\":[{\"t\":\"2026-05-29T04:00:00Z\",\"o\":\"592.0\",\"h\":595,\"l\":591,"
                                + "\"c\":594,\"v\":100},"
                                + "{\"t\":\"2026-05-29T04:00:00Z\"},"
                                + "{\"t\":\"not a time\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1},"
                                + "{\"t\":\"2026-05-30T04:00:00Z\",\"o\":-1,\"h\":1,\"l\":1,\"c\":1,\"v\":1}],"
                                + "\"symbol\":\"SPY\",\"next_page_token\":null}"));
        long from = Instant.parse("2026-05-28T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
        PollResult<PriceBar> result = alpaca().bars("SPY", Duration.ofDays(1), from, to);

        long day = 86_400_000L;
        assertThat(result.records())
                .containsExactly(
                        new PriceBar(
                                "SPY",
                                Instant.parse("2026-05-28T04:00:00Z").toEpochMilli(),
                                day,
                                590.12,
                                593.4,
                                588.75,
                                592.88,
                                61234567),
                        new PriceBar(
                                "SPY",
                                Instant.parse("2026-05-29T04:00:00Z").toEpochMilli(),
                                day,
                                592.0,
                                595,
                                591,
                                594,
                                100));
        assertThat(result.rejections())
                .extracting(PollResult.Rejection::reason)
                .containsExactlyInAnyOrder(
                        SkipReason.INVALID_BAR, SkipReason.MISSING_FIELD, SkipReason.INVALID_BAR);
        RecordedRequest first = server.takeRequest();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v2/stocks/SPY/bars");
        assertThat(first.getUrl().queryParameter("timeframe")).isEqualTo("1Day");
        assertThat(first.getUrl().queryParameter("page_token")).isNull();
        assertThat(first.getHeaders().get("APCA-API-KEY-ID")).isEqualTo("key-id");
        assertThat(first.getHeaders().get("APCA-API-SECRET-KEY")).isEqualTo("secret");
        RecordedRequest second = server.takeRequest();
        assertThat(second.getUrl().queryParameter("page_token")).isEqualTo("U1BZfDIwMjY=");
    }

    @Test
    void alpacaRepeatingPageTokenEndsTheListing() {
        String page =
                "{\"bars\":[{\"t\":\"2026-05-28T04:00:00Z\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1}],"
                        + "\"next_page_token\":\"same\"}";
        server.enqueue(ok(page));
        server.enqueue(ok(page));
        assertThatThrownBy(() -> alpaca().bars("SPY", Duration.ofDays(1), 0, Long.MAX_VALUE / 2))
                .isInstanceOf(VenueException.class)
                .extracting(e -> ((VenueException) e).kind())
                .isEqualTo(VenueException.Kind.PAGING);
    }

    @Test
    void credentialsComeFromTheEnvironmentAndNeverPrint() {
        assertThat(AlpacaCredentials.fromEnvironment(Map.of())).isEmpty();
        assertThat(
                        AlpacaCredentials.fromEnvironment(
                                Map.of(
                                        "ALPACA_API_KEY_ID",
                                        "id",
                                        "ALPACA_API_SECRET_KEY",
                                        "s3cr3t")))
                .hasValueSatisfying(
                        c -> {
                            assertThat(c.keyId()).isEqualTo("id");
                            assertThat(c.toString())
                                    .doesNotContain("s3cr3t")
                                    .doesNotContain("id=id");
                        });
    }

    @Test
    void priceFeedsChooseAFeedPerSymbol() {
        PriceFeeds feeds = PriceFeeds.parse("GLD=alpaca, ETH-USD = coinbase,XYZ-1=alpaca");
        assertThat(feeds.feedFor("BTC-USD")).isEqualTo(PriceFeeds.Feed.COINBASE);
        assertThat(feeds.feedFor("SPY")).isEqualTo(PriceFeeds.Feed.ALPACA);
        assertThat(feeds.feedFor("XYZ-1")).isEqualTo(PriceFeeds.Feed.ALPACA);
        assertThat(feeds.group(List.of("SPY", "BTC-USD", "TLT", "ETH-USD")))
                .containsExactly(
                        Map.entry(PriceFeeds.Feed.COINBASE, List.of("BTC-USD", "ETH-USD")),
                        Map.entry(PriceFeeds.Feed.ALPACA, List.of("SPY", "TLT")));
        assertThatThrownBy(() -> PriceFeeds.parse("SPY"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PriceFeeds.parse("SPY=stooq"))
                .hasMessageContaining("expected coinbase or alpaca");
        assertThat(AlpacaClient.timeframe(Duration.ofHours(1))).isEqualTo("1Hour");
        assertThatThrownBy(() -> AlpacaClient.timeframe(Duration.ofMinutes(7)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
